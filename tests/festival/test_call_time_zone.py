"""The call for entries keeps the festival's time: staff enter its opening time, its deadlines and a
section's own deadline as wall times of the edition's time zone (the form says which), every page and
message shows them in it with the zone named, and "closes at 23:59 on 1 March" means 23:59 in Aqtau
whatever the interface's time zone."""

from __future__ import annotations

import datetime as dt
import html
import zoneinfo
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from korkyt.accounts.models import Role
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import Call, Edition, Section
from korkyt.festival.services import editing
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db

AKTAU = zoneinfo.ZoneInfo("Asia/Aqtau")  # UTC+5 all year
UTC = dt.UTC


@pytest.fixture(autouse=True)
def interface_elsewhere(settings: Any) -> None:
    """The interface's time zone is neither the festival's nor UTC."""
    settings.TIME_ZONE = "Europe/Istanbul"  # UTC+3


@pytest.fixture
def summer(db: Any) -> Edition:
    """An edition in Aktau next June, no call yet."""
    return services.edition_create(
        actor=SYSTEM,
        number=7,
        city="Aktau",
        country="KZ",
        starts_on=dt.date(2027, 6, 18),
        ends_on=dt.date(2027, 6, 22),
        time_zone="Asia/Aqtau",
    )


@pytest.fixture
def shorts(summer: Edition) -> Section:
    return services.section_create(actor=SYSTEM, edition=summer, kind="shorts", runtime_max=40)


@pytest.fixture
def team(summer: Edition) -> Any:
    return RoleAssignmentFactory(
        user=UserFactory(username="programmer-7"), role=Role.FESTIVAL_STAFF, scope=summer
    ).user


NOTE = "Times are in the festival's time zone (Asia/Aqtau)."


def _text(client: Client, url: str) -> str:
    return html.unescape(client.get(url).content.decode())


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _call_post(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "opens_at": "2026-11-01T09:00",
        "early_closes": "2027-03-01T23:59",
        "early_fee": "0",
        "regular_closes": "",
        "regular_fee": "",
        "late_closes": "",
        "late_fee": "",
        "extended_closes": "",
        "extended_fee": "",
        "waivers-TOTAL_FORMS": "1",
        "waivers-INITIAL_FORMS": "0",
        "waivers-MIN_NUM_FORMS": "0",
        "waivers-MAX_NUM_FORMS": "200",
        "waivers-0-code": "LATE-1",
        "waivers-0-max_uses": "1",
        "waivers-0-late_entry": "on",
    }
    data.update(changes)
    return data


def _open_call(team: Any) -> Call:
    """Staff save the call from its form, then open it on the manage page."""
    client = _client(team)
    assert client.post("/en/festival/7/deadlines/", _call_post()).status_code == 302
    assert client.post("/en/festival/7/manage/", {"action": "reopen"}).status_code == 302
    return Call.objects.get(edition__number=7)


def test_staff_enter_the_call_in_the_festivals_time_zone_and_every_page_shows_it_named(
    summer: Edition, shorts: Section, team: Any
) -> None:
    client = _client(team)
    form = _text(client, "/en/festival/7/deadlines/")
    assert form.count(NOTE) == 2  # under the opening time and above the deadlines
    assert "interface's time zone" not in form

    call = _open_call(team)
    assert call.is_open
    assert call.opens_at == dt.datetime(2026, 11, 1, 4, 0, tzinfo=UTC)
    deadline = call.deadlines.get()
    assert deadline.closes_at == dt.datetime(2027, 3, 1, 18, 59, tzinfo=UTC)  # 23:59 in Aqtau

    # The form gives back what staff entered (not the interface's 21:59, nor UTC's 18:59).
    again = client.get("/en/festival/7/deadlines/").content.decode()
    assert 'value="2027-03-01T23:59"' in again and 'value="2026-11-01T09:00"' in again
    # Saving it unchanged keeps the same moments.
    assert client.post("/en/festival/7/deadlines/", _call_post()).status_code == 302
    assert call.deadlines.get().closes_at == deadline.closes_at

    manage = _text(client, "/en/festival/7/manage/")
    assert "March 1, 2027, 23:59" in manage and NOTE in manage
    public = _text(_client(), "/en/festival/7/call/shorts/")
    assert "March 1, 2027, 23:59" in public and NOTE in public
    assert "21:59" not in public and "18:59" not in public


def test_the_deadline_is_midnight_in_aktau_an_entry_at_2330_is_in_and_at_0010_is_out(
    summer: Edition, shorts: Section, team: Any, producer: Any, agency_kg: Any, monkeypatch: Any
) -> None:
    _open_call(team)

    def entry(title: str) -> Any:
        return services.submission_create(
            actor=producer, section=shorts, film=make_film(agency_kg, title, runtime=20)
        )

    at = dt.datetime(2027, 3, 1, 23, 30, tzinfo=AKTAU)
    monkeypatch.setattr(timezone, "now", lambda: at)
    inside = services.submission_submit(actor=producer, submission=entry("In time"))
    assert inside.submitted_at == at and inside.deadline_tier == "early"

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 3, 2, 0, 10, tzinfo=AKTAU))
    late = entry("Ten past midnight")
    with pytest.raises(ValidationError) as err:
        services.submission_submit(actor=producer, submission=late)
    message = err.value.message_dict["section"][0]
    assert "The last deadline (Early, March 1, 2027, 23:59 (Asia/Aqtau)) has passed" in message
    admitted = services.submission_submit(actor=producer, submission=late, waiver_code="LATE-1")
    assert admitted.waiver is not None

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 10, 31, 12, 0, tzinfo=AKTAU))
    with pytest.raises(ValidationError) as err:
        services.submission_submit(actor=producer, submission=entry("Too early"))
    assert "opens on November 1, 2026, 09:00 (Asia/Aqtau)" in err.value.message_dict["section"][0]


def test_a_sections_own_deadline_is_entered_and_shown_in_the_festivals_time_zone(
    summer: Edition, shorts: Section, team: Any
) -> None:
    _open_call(team)
    client = _client(team)
    assert NOTE in _text(client, "/en/festival/7/sections/shorts/")
    answer = client.post(
        "/en/festival/7/sections/shorts/",
        {
            "premiere": "none",
            "runtime_max": "40",
            "direct_allowed": "on",
            "reviews_per_entry": "3",
            "entries_close_at": "2027-02-15T18:00",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
            "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "30",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    shorts.refresh_from_db()
    assert shorts.entries_close_at == dt.datetime(2027, 2, 15, 13, 0, tzinfo=UTC)
    assert 'value="2027-02-15T18:00"' in client.get("/en/festival/7/sections/shorts/").content.decode()
    public = _client().get("/en/festival/7/call/shorts/").content.decode()
    assert (
        'datetime="2027-02-15T18:00:00+05:00"' in public
        and "February 15, 2027, 18:00</time> <small>(Asia/Aqtau)" in public
    )


def test_the_festival_starts_after_the_call_closes_in_its_own_time_zone(summer: Edition, team: Any) -> None:
    """A last deadline at 03:00 on 2 March in Aktau is still 1 March in UTC: the festival cannot start on
    2 March (its midnight in Aktau comes first), and the refusal names the zone."""
    services.call_set(
        actor=SYSTEM,
        edition=summer,
        opens_at=dt.datetime(2026, 11, 1, 9, 0, tzinfo=AKTAU),
        deadlines=[services.DeadlineData("early", dt.datetime(2027, 3, 2, 3, 0, tzinfo=AKTAU))],
    )
    facts: dict[str, Any] = {"city": "Aktau", "country": "KZ", "ends_on": dt.date(2027, 3, 6)}
    with pytest.raises(ValidationError) as err:
        editing.edition_update(actor=team, edition=summer, starts_on=dt.date(2027, 3, 2), **facts)
    assert "March 2, 2027, 03:00 (Asia/Aqtau)" in err.value.message_dict["starts_on"][0]
    summer.refresh_from_db()
    editing.edition_update(actor=team, edition=summer, starts_on=dt.date(2027, 3, 3), **facts)
    summer.refresh_from_db()
    assert summer.starts_on == dt.date(2027, 3, 3)


def test_a_deadline_in_year_one_is_a_message_and_nothing_is_saved(summer: Edition, team: Any) -> None:
    # 00:00 on 1 January of year 1 in Aqtau is before Python's first moment in UTC (it was a 500).
    answer = _client(team).post(
        "/en/festival/7/deadlines/", _call_post(opens_at="0001-01-01T00:00", early_closes="9999-12-31T23:59")
    )
    assert answer.status_code in (200, 422)
    assert answer.content.decode().count("Give a year between 1900 and 2199.") == 2
    assert not Call.objects.filter(edition=summer).exists()
