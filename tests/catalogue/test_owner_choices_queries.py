"""A film's form names every institution it may belong to (an administrator's: all of them), each read with
its names at once: the form's queries do not grow with the institutions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import InstitutionFactory, UserFactory, film

pytestmark = pytest.mark.django_db


def test_the_owner_choices_cost_the_same_however_many_institutions() -> None:
    kz = InstitutionFactory(code="KZ-OWN", country="KZ")
    made = film(kz, ("Steppe", "en"))
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    paths = ("/en/staff/films/new/", f"/en/staff/films/{made.pk}/edit/")

    def queries() -> list[int]:
        counts = []
        for path in paths:
            client.get(path)  # warm the session
            with CaptureQueriesContext(connection) as captured:
                page = client.get(path)
            assert page.status_code == 200
            counts.append(len(captured))
        return counts

    for i in range(2):
        InstitutionFactory(code=f"TR-OWN{i}", country="TR")
    few = queries()
    for i in range(2, 12):
        InstitutionFactory(code=f"TR-OWN{i}", country="TR")
    many = queries()
    assert many == few
    assert "Institution TR-OWN11" in client.get(paths[0]).content.decode()
