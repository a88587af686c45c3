"""The page where the managers of an object (a festival edition, an event, a co-production; platform
administrators everywhere) grant and revoke its staff roles: list, grant by email with dates, revoke,
audited, and 404 for everyone who may not manage that object."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from korkyt.accounts.models import Role, RoleAssignment
from korkyt.accounts.rules import roles_on
from korkyt.accounts.services import role_grant
from korkyt.core.models import AuditAction, AuditEntry
from korkyt.core.permissions import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(scope, lang: str = "en") -> str:  # type: ignore[no-untyped-def]
    return f"/{lang}/accounts/roles/{scope._meta.label_lower}/{scope.pk}/"


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    edition, other = (
        FakeActivity.objects.create(name="Edition 2026"),
        FakeActivity.objects.create(name="2027"),
    )
    people = {
        name: UserFactory(username=name, email=f"{name}@example.org")
        for name in ("manager", "other_manager", "juror", "nobody", "newcomer")
    }
    people["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    role_grant(actor=SYSTEM, user=people["manager"], role=Role.EDITION_MANAGER, scope=edition)
    role_grant(actor=SYSTEM, user=people["other_manager"], role=Role.EDITION_MANAGER, scope=other)
    role_grant(actor=SYSTEM, user=people["juror"], role=Role.JUROR, scope=edition)
    return {"edition": edition, "other": other, "users": people}


def test_manager_sees_holders_and_grants_a_juror_by_email_for_the_edition_dates(world) -> None:
    edition, manager = world["edition"], world["users"]["manager"]
    client = _client(manager)
    page = client.get(_url(edition))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-user="juror"' in html and 'data-user="manager"' in html
    # Only the roles the manager may grant on an edition are offered.
    assert 'value="juror"' in html and 'value="editor"' not in html

    answer = client.post(
        _url(edition),
        {
            "email": "NEWCOMER@example.org",
            "role": "juror",
            "valid_from": "2027-10-01",
            "valid_until": "2027-10-12",
        },
    )
    assert answer.status_code == 302
    row = RoleAssignment.objects.on(edition).get(user__username="newcomer")
    assert row.role == Role.JUROR and row.granted_by == manager
    # The last day is included: the role ends at the start of the next day.
    assert timezone.localtime(row.valid_from).date() == dt.date(2027, 10, 1)
    assert timezone.localtime(row.valid_until).date() == dt.date(2027, 10, 13)
    listed = client.get(_url(edition)).content.decode()
    assert 'data-user="newcomer"' in listed and "not yet in force" in listed
    # Audited, in the edition's history, naming the manager.
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(RoleAssignment), object_pk=str(row.pk)
    ).get()
    assert entry.actor == manager
    assert (entry.root_type.model_class(), entry.root_id) == (FakeActivity, edition.pk)


def test_manager_revokes_a_role_and_the_revocation_is_audited(world) -> None:
    edition, manager, juror = world["edition"], world["users"]["manager"], world["users"]["juror"]
    row = RoleAssignment.objects.on(edition).get(user=juror)
    answer = _client(manager).post(f"{_url(edition)}revoke/{row.pk}")
    assert answer.status_code == 302
    assert not RoleAssignment.objects.filter(pk=row.pk).exists()
    assert roles_on(type(juror).objects.get(pk=juror.pk), edition) == set()
    deleted = AuditEntry.objects.get(object_pk=str(row.pk), action=AuditAction.DELETE)
    assert deleted.actor == manager


def test_grant_to_an_unknown_address_names_the_problem_and_saves_nothing(world) -> None:
    edition = world["edition"]
    before = RoleAssignment.objects.count()
    answer = _client(world["users"]["manager"]).post(
        _url(edition), {"email": "nobody-here@example.org", "role": "juror"}
    )
    assert answer.status_code == 400
    assert "No account has this address" in answer.content.decode()
    assert RoleAssignment.objects.count() == before


def test_end_before_start_and_a_role_not_offered_are_refused(world) -> None:
    client = _client(world["users"]["manager"])
    url = _url(world["edition"])
    before = RoleAssignment.objects.count()
    bad_dates = client.post(
        url,
        {
            "email": "newcomer@example.org",
            "role": "juror",
            "valid_from": "2027-10-12",
            "valid_until": "2027-10-01",
        },
    )
    assert bad_dates.status_code == 400 and "The end must come after the start." in bad_dates.content.decode()
    not_offered = client.post(url, {"email": "newcomer@example.org", "role": "editor"})
    assert not_offered.status_code == 400
    assert RoleAssignment.objects.count() == before


def test_a_manager_grants_no_role_to_themselves_nor_past_their_own_end(world) -> None:
    """A manager for a week cannot make themselves one for good, nor hand anyone a role that outlives
    their own: both are refused with the reason, and nothing changes."""
    edition, manager = world["edition"], world["users"]["manager"]
    ends = timezone.make_aware(dt.datetime(2099, 3, 1))
    RoleAssignment.objects.on(edition).filter(user=manager).update(valid_until=ends)
    client = _client(manager)
    url = _url(edition)
    before = sorted(RoleAssignment.objects.values_list("user_id", "role", "valid_until"))
    own = client.post(url, {"email": "manager@example.org", "role": "edition_manager"})
    assert own.status_code == 400 and "You may not grant a role to yourself" in own.content.decode()
    for until in ("", "2099-03-05"):  # for good, or past the manager's own end
        longer = client.post(
            url, {"email": "newcomer@example.org", "role": "edition_manager", "valid_until": until}
        )
        assert longer.status_code == 400, until
        assert "Your own role here ends at March 1, 2099, 00:00" in longer.content.decode(), until
    assert sorted(RoleAssignment.objects.values_list("user_id", "role", "valid_until")) == before
    # Within the manager's own window the grant goes through; an administrator grants anything.
    inside = client.post(url, {"email": "newcomer@example.org", "role": "juror", "valid_until": "2099-02-28"})
    assert inside.status_code == 302
    admin = _client(world["users"]["admin"])
    assert admin.post(url, {"email": "manager@example.org", "role": "edition_manager"}).status_code == 302
    assert RoleAssignment.objects.on(edition).get(user=manager, role=Role.EDITION_MANAGER).valid_until is None


def test_page_is_translated(world) -> None:
    html = _client(world["users"]["manager"]).get(_url(world["edition"], "kk")).content.decode()
    assert "Рөл беру" in html and "Grant a role" not in html


# Who may use the page: a permission matrix ------------------------------------------------------------

MATRIX = {
    # person: (GET edition page, POST grant, POST revoke) for the edition they may or may not manage
    "anon": (302, 302, 302),
    "nobody": (404, 404, 404),
    "juror": (404, 404, 404),
    "other_manager": (404, 404, 404),
    "manager": (200, 302, 302),
    "admin": (200, 302, 302),
}


@pytest.mark.parametrize("person", list(MATRIX))
def test_permission_matrix_of_the_roles_page(world, person: str) -> None:
    edition = world["edition"]
    client = _client(None if person == "anon" else world["users"][person])
    juror_row = RoleAssignment.objects.on(edition).get(user__username="juror")
    expected_get, expected_grant, expected_revoke = MATRIX[person]
    assert client.get(_url(edition)).status_code == expected_get
    grant = client.post(_url(edition), {"email": "newcomer@example.org", "role": "festival_staff"})
    assert grant.status_code == expected_grant
    assert RoleAssignment.objects.on(edition).filter(user__username="newcomer").exists() == (
        expected_grant == 302 and person != "anon"
    )
    revoke = client.post(f"{_url(edition)}revoke/{juror_row.pk}")
    assert revoke.status_code == expected_revoke
    assert RoleAssignment.objects.filter(pk=juror_row.pk).exists() == (
        expected_revoke != 302 or person == "anon"
    )


def test_revoking_a_role_held_on_another_object_answers_404(world) -> None:
    other_row = RoleAssignment.objects.on(world["other"]).get()
    answer = _client(world["users"]["manager"]).post(f"{_url(world['edition'])}revoke/{other_row.pk}")
    assert answer.status_code == 404
    assert RoleAssignment.objects.filter(pk=other_row.pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/en/accounts/roles/fakeapp.fakeactivity/999999/",
        "/en/accounts/roles/fakeapp.fakeactivity/0/",
        "/en/accounts/roles/accounts.user/1/",  # not a kind roles are held on
        "/en/accounts/roles/nosuch.model/1/",
        "/en/accounts/roles/nonsense/1/",
    ],
)
def test_unknown_objects_and_kinds_answer_404_even_to_an_administrator(world, path: str) -> None:
    assert _client(world["users"]["admin"]).get(path).status_code == 404


def test_institution_staff_is_managed_by_platform_administrators_only() -> None:
    kz = InstitutionFactory(code="KZ-S")
    editor = MembershipFactory(institution=kz, role=Role.EDITOR).user
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert _client(editor).get(_url(kz)).status_code == 404
    page = _client(admin).get(_url(kz)).content.decode()
    assert 'value="editor"' in page and 'value="translator"' in page and 'value="juror"' not in page
    detail = _client(admin).get(f"/en/institutions/{kz.code}/").content.decode()
    assert _url(kz) in detail
    assert _url(kz) not in _client(editor).get(f"/en/institutions/{kz.code}/").content.decode()


def test_the_object_is_called_by_its_title_in_its_language_on_the_roles_pages() -> None:
    """The roles page of an institution is headed by its name (not its code), marked with its language; a
    person's profile lists an event role under the event's title, not "event 7"."""
    import re

    from korkyt.core.titles import title_of
    from korkyt.institutions.models import InstitutionTranslation
    from tests.events.conftest import make_event

    kz = InstitutionFactory(code="KZ-ROLES", country="KZ")
    InstitutionTranslation.objects.filter(institution=kz).delete()
    InstitutionTranslation.objects.create(institution=kz, language="kk-Cyrl", name="Ұлттық киноорталық")
    assert title_of(kz, "en").lang == "kk-Cyrl"
    admin = UserFactory(username="root-titles", is_superuser=True, is_staff=True)
    page = _client(admin).get(_url(kz)).content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)  # type: ignore[union-attr]
    assert '<span lang="kk-Cyrl">Ұлттық киноорталық</span>' in h1 and "KZ-ROLES" not in h1
    organiser = MembershipFactory(user=UserFactory(username="org-titles"), institution=kz).user
    event = make_event(organiser)
    host = UserFactory(username="host-titles")
    role_grant(actor=SYSTEM, user=host, role=Role.EVENT_HOST, scope=event)
    profile = _client(host).get("/en/accounts/profile/").content.decode()
    assert "Sound design master class" in profile and f"event {event.pk}" not in profile
    assert _client(admin).get(_url(event)).status_code == 200


def test_the_holders_are_named_in_the_same_number_of_queries_however_many(world) -> None:
    """Each holder is named by the name they give (``account_name``): read with the list, not per holder."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.accounts.models import UserName

    edition = world["edition"]
    client = _client(world["users"]["manager"])
    made = 0

    def jurors(n: int) -> None:
        nonlocal made
        for i in range(made, made + n):
            user = UserFactory(username=f"juror{i}")
            UserName.objects.create(user=user, full_name=f"Juror Number {i}", language="en")
            role_grant(actor=SYSTEM, user=user, role=Role.JUROR, scope=edition)
        made += n

    def queries() -> tuple[int, str]:
        client.get(_url(edition))  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            page = client.get(_url(edition))
        assert page.status_code == 200
        return len(captured), page.content.decode()

    jurors(2)
    few, _ = queries()
    jurors(4)
    many, html = queries()
    assert "Juror Number 5" in html
    assert many == few, (few, many)


def test_a_role_whose_last_day_has_passed_is_not_granted(world) -> None:
    """Granting with a last day already gone answered "… now holds the role" for a role that had ended, and
    given again to a holder it ended their role at once."""
    edition, juror = world["edition"], world["users"]["juror"]
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    client = _client(world["users"]["admin"])
    answer = client.post(
        _url(edition), {"email": "juror@example.org", "role": "juror", "valid_until": yesterday}
    )
    assert answer.status_code == 400
    assert "The last day has already passed." in answer.content.decode()
    assert RoleAssignment.objects.get(user=juror, role="juror").valid_until is None
    # today is still a day of the role
    today = timezone.localdate().isoformat()
    answer = client.post(
        _url(edition), {"email": "newcomer@example.org", "role": "juror", "valid_until": today}
    )
    assert answer.status_code == 302
