"""Admin change lists whose rows name a related object through a generic relation (a role's scope, an
activity recorded under a memorandum) or a foreign key (a registration's account, a person's owner) read
those objects with the page, not once per row."""

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


def _more_rows(world: dict[str, Any], start: int, end: int) -> None:
    """Registrations (each with its account) and people (each with an owner)."""
    from korkyt.catalogue.models import Person
    from korkyt.events.models import Bookable, Registration

    bookable = Bookable.objects.create(capacity=None)
    for i in range(start, end):
        user = UserFactory(username=f"guest{i}")
        Registration.objects.create(
            bookable=bookable, user=user, status="confirmed", holder_name=f"Guest {i}"
        )
        Person.objects.create(owner=InstitutionFactory(code=f"PP-{i}", country="KZ"))


@pytest.mark.parametrize(
    ("path", "shown"),
    [("/en/admin/events/registration/", "guest5"), ("/en/admin/catalogue/person/", "PP-5")],
)
def test_registrations_and_people_are_listed_with_their_user_and_owner(
    world: dict[str, Any], path: str, shown: str
) -> None:
    client = Client()
    client.force_login(world["admin"])

    def queries() -> tuple[int, str]:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(path)
        assert page.status_code == 200
        return len(captured), page.content.decode()

    _more_rows(world, 0, 2)
    few, _ = queries()
    _more_rows(world, 2, 8)
    many, html = queries()
    assert shown in html
    assert many == few, (path, few, many)


def test_every_change_list_reads_the_related_rows_it_shows_with_the_page() -> None:
    """A foreign key shown in a change list is read with the rows (``list_select_related``, or the admin's
    own queryset): django follows only the keys that cannot be empty on its own, and none once the admin
    names some."""
    from django.contrib import admin
    from django.db import models

    missing = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("korkyt") or "get_queryset" in type(model_admin).__dict__:
            continue
        chosen = model_admin.list_select_related
        for name in model_admin.list_display:
            try:
                field = model._meta.get_field(name)
            except Exception:  # a method or __str__
                continue
            if not isinstance(field, models.ForeignKey):
                continue
            if isinstance(chosen, bool) and not field.null:
                continue  # django's select_related() follows it
            if not isinstance(chosen, list | tuple) or not any(c.split("__")[0] == name for c in chosen):
                missing.append(f"{model._meta.label}.{name}")
    assert missing == []
