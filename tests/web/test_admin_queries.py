"""Admin change lists whose rows name a related object through a generic relation (a role's scope, an
activity recorded under a memorandum) read those objects with the page, not once per row."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.accounts.models import Role
from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.institutions import services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    kz = InstitutionFactory(code="KZ-ONE", country="KZ")
    memo = memorandum(kz, InstitutionFactory(code="TR-ONE", country="TR"), areas=("joint_feature",))
    return {"kz": kz, "memo": memo, "admin": UserFactory(username="root", is_superuser=True, is_staff=True)}


def _rows(world: dict[str, Any], start: int, end: int) -> None:
    """Roles on institutions; films and other activities under the memorandum."""
    for i in range(start, end):
        institution = InstitutionFactory(code=f"XX-{i}", country="KZ")
        MembershipFactory(user=UserFactory(username=f"member{i}"), institution=institution, role=Role.EDITOR)
        film = Film.objects.create(owner=world["kz"], status=FilmStatus.PUBLISHED, year=2000)
        FilmTitle.objects.create(film=film, text=f"Film {i}", language="en")
        services.activity_record(memorandum=world["memo"], area="joint_feature", activity=film)
        other = FakeActivity.objects.create(name=f"Workshop {i}")
        services.activity_record(memorandum=world["memo"], area="joint_feature", activity=other)


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/en/admin/accounts/roleassignment/", "XX-5"),
        ("/en/admin/institutions/memorandumactivity/", "Film 5"),
    ],
)
def test_the_change_list_does_not_ask_again_per_row(world: dict[str, Any], path: str, shown: str) -> None:
    client = Client()
    client.force_login(world["admin"])

    def queries() -> tuple[int, str]:
        client.get(path)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            page = client.get(path)
        assert page.status_code == 200
        return len(captured), page.content.decode()

    _rows(world, 0, 2)
    few, _ = queries()
    _rows(world, 2, 6)
    many, html = queries()
    assert shown in html
    assert many == few, (path, few, many)
