"""The permission matrix: every festival page and API endpoint, for each kind of user. 404 for what one
may not see; 302 to sign in for pages that need an account."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue import services as catalogue
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, person
from tests.festival.conftest import (
    eligible_entry,
    make_agency_kg,
    make_edition,
    make_feature,
    make_film,
    make_kg_editor,
    make_kg_head,
    make_producer,
    make_staff,
)
from tests.worlds import fresh, module_world

pytestmark = pytest.mark.django_db

USERS = [
    "anon",
    "public",
    "producer",
    "kg_editor",
    "uz_editor",
    "staff",
    "reviewer",
    "juror",
    "juror_credited",
    "admin",
]


def _build() -> dict[str, Any]:
    edition = make_edition()
    feature = make_feature(edition)
    agency_kg = make_agency_kg()
    kg_editor = make_kg_editor(agency_kg)
    kg_head = make_kg_head(agency_kg)
    staff = make_staff(edition)
    producer = make_producer()
    selected = eligible_entry(feature, agency_kg, kg_editor, kg_head, title="Selected film")
    director = person(("Credited Director", "en"))
    catalogue.credit_create(actor=SYSTEM, film=selected.film, role="director", person=director)
    services.submission_decide(actor=staff, submission=selected, name="start_review")
    reviewer = UserFactory(username="reviewer")
    services.assignment_create(actor=staff, submission=selected, reviewer=reviewer)
    services.submission_decide(actor=staff, submission=selected, name="select")
    direct = services.submission_create(
        actor=producer, section=feature, film=make_film(agency_kg, "Own film")
    )
    uz = InstitutionFactory(code="UZ-CA", country="UZ")
    juror = services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror")).user
    credited = services.juror_add(
        actor=staff, section=feature, user=UserFactory(username="juror-credited"), person=director
    ).user
    users = {
        "anon": None,
        "public": UserFactory(username="someone"),
        "producer": producer,
        "kg_editor": kg_editor,
        "uz_editor": MembershipFactory(user=UserFactory(username="editor-uz"), institution=uz).user,
        "staff": staff,
        "reviewer": reviewer,
        "juror": juror,
        "juror_credited": credited,
        "admin": UserFactory(username="root", is_superuser=True),
    }
    return {"users": users, "selected": selected, "direct": direct, "edition": edition}


@pytest.fixture(scope="module")
def built(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Any:
    """The world, built once for the module (tests/worlds.py)."""
    with module_world(django_db_blocker, tmp_path_factory) as media:
        data = _build()
        yield data, media.snapshot()


@pytest.fixture
def world(built: Any, db: Any) -> dict[str, Any]:
    """The world as each test finds it: its files as built, its objects read again."""
    data, media = built
    media.restore()
    return fresh(data)


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ALL = set(USERS)
SIGNED_IN = ALL - {"anon"}

# path template → who gets 200; the others get 404 (signed in) or a redirect to sign in (anon, login pages)
PAGES: list[tuple[str, set[str], bool]] = [
    ("/en/festival/", ALL, False),
    ("/en/festival/palmares/", ALL, False),
    ("/en/festival/6/", ALL, False),
    ("/en/festival/6/call/feature/", ALL, False),
    ("/en/festival/mine/", SIGNED_IN, True),
    ("/en/festival/reviews/", SIGNED_IN, True),
    ("/en/festival/6/submit/", SIGNED_IN, True),
    ("/en/festival/6/nominations/", {"kg_editor", "uz_editor"}, True),
    ("/en/festival/6/programme/", {"staff", "admin"}, False),
    ("/en/festival/6/manage/", {"staff", "admin"}, False),
    ("/en/festival/6/edit/", {"staff", "admin"}, False),
    ("/en/festival/6/sections/new/", {"staff", "admin"}, False),
    ("/en/festival/6/sections/feature/", {"staff", "admin"}, False),
    ("/en/festival/6/people/", {"staff", "admin"}, False),
    ("/en/festival/new/", {"admin"}, False),
    ("/en/festival/6/grid/", {"staff", "admin"}, False),
    ("/en/festival/6/screenings/", ALL, False),
    ("/en/festival/my-programme/", SIGNED_IN, True),
    ("/en/festival/6/reviews.csv", {"staff", "admin"}, False),
    ("/en/festival/6/reviews.xlsx", {"staff", "admin"}, False),
    ("/en/festival/submissions/{selected}/", {"kg_editor", "staff", "reviewer", "juror", "admin"}, True),
    ("/en/festival/submissions/{direct}/", {"producer", "staff", "admin"}, True),
    ("/en/festival/jury/", {"juror", "juror_credited"}, True),
    ("/en/festival/6/deliberation/feature/", {"juror", "juror_credited", "staff", "admin"}, True),
    ("/api/festival/editions", ALL, False),
    ("/api/festival/editions/6", ALL, False),
    ("/api/festival/sections?edition=6", ALL, False),
    ("/api/festival/jury?edition=6", ALL, False),
    ("/api/festival/awards?edition=6", ALL, False),
    ("/api/festival/submissions/{selected}", {"kg_editor", "staff", "reviewer", "juror", "admin"}, False),
    ("/api/festival/submissions/{direct}", {"producer", "staff", "admin"}, False),
    ("/api/festival/reviews?submission={selected}", {"staff", "reviewer", "admin"}, False),
]


@pytest.mark.parametrize("path,allowed,login_page", PAGES, ids=[p[0] for p in PAGES])
def test_permission_matrix(world: dict[str, Any], path: str, allowed: set[str], login_page: bool) -> None:
    url = path.format(selected=world["selected"].pk, direct=world["direct"].pk)
    for name in USERS:
        response = _client(world["users"][name]).get(url)
        if name in allowed:
            expected: tuple[int, ...] = (200,)
        elif name == "anon" and login_page:
            expected = (302,)
        elif url.startswith("/api/") and name == "anon":
            expected = (404, 401)
        else:
            expected = (404,)
        assert response.status_code in expected, f"{name} {url}: {response.status_code}"


def test_submission_list_api_is_scoped_to_the_viewer(world: dict[str, Any]) -> None:
    counts = {}
    for name in (
        "public",
        "producer",
        "kg_editor",
        "uz_editor",
        "staff",
        "reviewer",
        "juror",
        "juror_credited",
    ):
        body = _client(world["users"][name]).get("/api/festival/submissions").json()
        counts[name] = body["count"]
    assert counts == {
        "public": 0,
        "producer": 1,
        "kg_editor": 1,
        "uz_editor": 0,
        "staff": 2,
        "reviewer": 1,
        "juror": 1,
        "juror_credited": 0,
    }


def test_screener_is_readable_only_by_assigned_people(world: dict[str, Any]) -> None:
    url = f"/api/festival/submissions/{world['selected'].pk}"
    for name, readable in (("staff", True), ("reviewer", True), ("juror", True), ("kg_editor", True)):
        body = _client(world["users"][name]).get(url).json()
        assert (body["screener_password"] == "pw") is readable, name
    page = _client(world["users"]["juror"]).get(f"/en/festival/submissions/{world['selected'].pk}/")
    assert b"pw</code>" in page.content


def test_awards_are_hidden_until_the_announcement(world: dict[str, Any]) -> None:
    from korkyt.festival.models import AwardKind

    staff = world["users"]["staff"]
    award = services.award_create(
        actor=staff, edition=world["edition"], code="best", names={"en": "Best"}, kind=AwardKind.MAIN
    )
    services.award_decide(actor=staff, award=award, film=world["selected"].film, submission=world["selected"])
    assert _client(None).get("/api/festival/awards?edition=6").json() == []
    world["edition"].results_at = None
    world["edition"].save()
    body = _client(None).get("/api/festival/awards?edition=6").json()
    assert body[0]["winners"][0]["title"] == "Selected film"


#: The grid page's staff actions on venues, rooms, guests' times and tickets (POST): staff and
#: administrators act (302 back to the grid); everyone else gets 404 and nothing changes.
GRID_ACTIONS = [
    "venue_edit",
    "venue_delete",
    "room_edit",
    "room_delete",
    "guest_away_add",
    "guest_away_remove",
    "policy",
    "tickets",
]


@pytest.mark.parametrize("action", GRID_ACTIONS)
def test_grid_actions_matrix(world: dict[str, Any], action: str) -> None:
    from korkyt.festival.programme import venues as programme
    from korkyt.festival.programme.models import Room, Venue

    edition = world["edition"]
    venue = programme.venue_create(actor=world["users"]["staff"], edition=edition, name="Hall")
    room = programme.room_create(
        actor=world["users"]["staff"], venue=venue, name="One", seats=10, formats=["DCP"]
    )
    form = {
        "action": action,
        "venue": venue.pk,
        "room": room.pk,
        "name": "Renamed",
        "seats": "12",
        "formats": "DCP",
        "guest": 0,
        "per_person": "2",
        "held_release_min": "60",
        "currency": "KZT",
        "screening": 0,
    }
    for name in USERS:
        if name in ("staff", "admin"):
            continue
        response = _client(world["users"][name]).post("/en/festival/6/grid/", form)
        assert response.status_code == 404, f"{name} {action}: {response.status_code}"
    assert Venue.objects.filter(pk=venue.pk, name="Hall").exists()
    assert Room.objects.filter(pk=room.pk, name="One").exists()
    # Staff act; an action naming a guest or screening that does not exist (id 0) is a 404 for them too.
    missing = action in ("guest_away_add", "guest_away_remove", "tickets")
    response = _client(world["users"]["staff"]).post("/en/festival/6/grid/", form)
    assert response.status_code == (404 if missing else 302)


def test_screening_tickets_matrix(world: dict[str, Any]) -> None:
    """A public screening's tickets: the staff list (API), one ticket through the events API and the box
    office sale on the staff page. Staff of the edition and administrators; the holder sees their own
    ticket; everyone else gets 404 and nothing is sold."""
    import datetime as dt

    from korkyt.events.models import Registration
    from korkyt.festival.programme import tickets
    from korkyt.festival.programme import venues as programme
    from korkyt.festival.programme.models import Screening

    edition, staff = world["edition"], world["users"]["staff"]
    venue = programme.venue_create(actor=staff, edition=edition, name="Hall")
    room = programme.room_create(actor=staff, venue=venue, name="One", seats=50, formats=["DCP"])
    start = dt.datetime.combine(edition.starts_on, dt.time(18), tzinfo=dt.UTC)
    screening = Screening.objects.create(
        edition=edition,
        submission=world["selected"],
        room=room,
        kind="public",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    tickets.bookables_ensure(edition=edition)
    screening.refresh_from_db()
    reg = tickets.book(screening=screening, user=world["users"]["public"])
    cases = [
        (f"/api/festival/editions/6/screenings/{screening.pk}/tickets", {"staff", "admin"}),
        (f"/api/registrations/{reg.pk}", {"staff", "admin", "public"}),
    ]
    for url, allowed in cases:
        for name in USERS:
            status = _client(world["users"][name]).get(url).status_code
            expected = (200,) if name in allowed else (401, 404) if name == "anon" else (404,)
            assert status in expected, f"{name} {url}: {status}"
    sell = {"action": "sell", "sale-seats": "1", "sale-paid": "on"}
    url = f"/en/festival/screenings/{screening.pk}/checkin/"
    for name in USERS:
        status = _client(world["users"][name]).post(url, sell).status_code
        assert status == (302 if name in ("staff", "admin") else 404), f"{name} sell: {status}"
    assert Registration.objects.filter(bookable=screening.bookable_id, channel="box_office").count() == 2
