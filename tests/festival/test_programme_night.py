"""A festival day runs from its morning cutoff (05:00 in the edition's time zone) to the next morning's: a
screening at 00:30 after day 2's evening is day 2's late show on the grid, in the public programme, the
printed programme, the API's day filter, My programme and the per-day ticket limit; a move may start in
the night after the last day, not on the morning after it."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from korkyt.core.dates import format_day
from korkyt.events import booking
from korkyt.festival.programme import services, stars, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AKTAU = zoneinfo.ZoneInfo("Asia/Aqtau")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), AKTAU)


def _move(staff: Any, screening: Screening, when: dt.datetime) -> Screening:
    services.move(actor=staff, screening=screening, room=screening.room, starts_at=when)
    screening.refresh_from_db()
    return screening


def _staff(staff: Any) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def _on_grid(client: Client, edition: Any, day: dt.date) -> set[int]:
    page = client.get(reverse("festival:grid", args=[edition.number]), {"day": day.isoformat()})
    assert page.status_code == 200
    assert page.context["grid"]["day"] == day
    return {s["obj"].pk for c in page.context["grid"]["columns"] for s in c["screenings"]}


def _pdf_text(edition: Any, day: dt.date) -> str:
    from pypdf import PdfReader

    pdf = Client().get(reverse("festival:programme_pdf", args=[edition.number]), {"day": day.isoformat()})
    assert pdf.status_code == 200
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)


def _heading(day: dt.date) -> str:
    with translation.override("en"):
        return format_day(day, "weekday")


def test_a_screening_at_half_past_midnight_is_the_evenings_late_show_everywhere(
    published: Any, staff: Any
) -> None:
    edition = published
    day2 = edition.starts_on + dt.timedelta(days=1)
    day3 = day2 + dt.timedelta(days=1)
    late = Screening.objects.filter(edition=edition, kind="public").order_by("starts_at").first()
    late = _move(staff, late, _at(day3, 0, 30))

    # The staff grid: on day 2, after its evening, not at the top of day 3.
    client = _staff(staff)
    assert late.pk in _on_grid(client, edition, day2)
    assert late.pk not in _on_grid(client, edition, day3)

    # The public programme: the day's filter and, every day shown, under day 2's heading.
    url = reverse("festival:public_programme", args=[edition.number])
    assert late.pk in {r["obj"].pk for r in Client().get(url, {"day": day2.isoformat()}).context["rows"]}
    assert late.pk not in {r["obj"].pk for r in Client().get(url, {"day": day3.isoformat()}).context["rows"]}
    with translation.override("en"):
        night = f"{format_day(day3, 'day')}, 00:30–"  # its own date given with its time
    assert night in Client().get(url, {"day": day2.isoformat()}).content.decode()
    everything = Client().get(url, {"day": "all"}, headers={"Accept-Language": "en"}).content.decode()
    before = everything[: everything.index(f'href="{reverse("festival:screening_ics", args=[late.pk])}"')]
    headings = [h.split("</h2>")[0] for h in before.split("<h2>")[1:]]
    assert headings[-1] == _heading(day2)

    # The printed programme of day 2 has it; day 3's does not.
    assert "00:30" in _pdf_text(edition, day2)
    assert "00:30" not in _pdf_text(edition, day3)

    # The API's day filter.
    api = f"/api/festival/editions/{edition.number}/screenings"
    on_day2 = Client().get(api, {"day": day2.isoformat(), "limit": 100}).json()["results"]
    on_day3 = Client().get(api, {"day": day3.isoformat(), "limit": 100}).json()["results"]
    assert late.pk in {r["id"] for r in on_day2} and late.pk not in {r["id"] for r in on_day3}
    (row,) = [r for r in on_day2 if r["id"] == late.pk]
    assert row["day"] == day2.isoformat() and row["starts_at"].startswith(f"{day3.isoformat()}T00:30")

    # My programme: under day 2's heading, linking to day 2 of the programme.
    fan = UserFactory()
    stars.star_set(user=fan, screening=late, starred=True)
    mine = _staff(fan).get(reverse("festival:my_programme"), headers={"Accept-Language": "en"})
    starred = mine.content.decode().split('id="starred"')[1]
    assert f"<h3>{_heading(day2)}</h3>" in starred and _heading(day3) not in starred
    assert f"?day={day2.isoformat()}" in starred
    # Booking it leads back to day 2 of the programme.
    booked = _staff(fan).post(reverse("festival:screening_book", args=[late.pk]))
    assert booked.status_code == 302 and booked["Location"].endswith(
        f"?day={day2.isoformat()}#screening-{late.pk}"
    )


def test_the_late_show_counts_toward_its_evenings_ticket_limit(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    tickets.policy_set(
        actor=staff,
        edition=grid,
        per_person=2,
        per_day=1,
        held_release_min=60,
        currency="KZT",
        section_prices={},
    )
    services.publish(actor=staff, edition=grid)
    day2 = grid.starts_on + dt.timedelta(days=1)
    day3 = day2 + dt.timedelta(days=1)
    evening, late, next_day = Screening.objects.filter(edition=grid, kind="public").order_by("pk")[:3]
    evening = _move(staff, evening, _at(day2, 20, 0))
    late = _move(staff, late, _at(day3, 0, 30))
    next_day = _move(staff, next_day, _at(day3, 18, 0))

    person = UserFactory()
    tickets.book(screening=evening, user=person)
    with pytest.raises(booking.BookingError) as err:
        tickets.book(screening=late, user=person)
    assert err.value.code == "day_limit"
    assert tickets.book(screening=next_day, user=person).status == "confirmed"  # day 3 is another day

    other = UserFactory()
    tickets.book(screening=late, user=other)
    with pytest.raises(booking.BookingError) as err:
        tickets.book(screening=evening, user=other)
    assert err.value.code == "day_limit"


def test_a_move_into_the_night_after_the_last_day_is_accepted_and_shown_on_the_last_day(
    published: Any, staff: Any
) -> None:
    edition = published
    last = edition.ends_on
    screening = Screening.objects.filter(edition=edition, kind="public").order_by("starts_at").first()
    client = _staff(staff)
    url = reverse("festival:grid", args=[edition.number])
    night = f"{(last + dt.timedelta(days=1)).isoformat()}T00:30"
    moved = client.post(
        url, {"action": "move", "screening": screening.pk, "room": screening.room_id, "starts_at": night}
    )
    assert moved.status_code == 302 and moved["Location"].endswith(f"?day={last.isoformat()}")
    screening.refresh_from_db()
    assert screening.starts_at == _at(last + dt.timedelta(days=1), 0, 30)
    page = client.get(moved["Location"])
    assert page.context["grid"]["day"] == last
    assert screening.pk in {s["obj"].pk for c in page.context["grid"]["columns"] for s in c["screenings"]}
    # Staff can lock and cancel it from there.
    assert f'value="{screening.pk}"' in page.content.decode()


@pytest.mark.parametrize("when", ["after_the_last_morning", "before_the_first_morning"])
def test_a_move_outside_the_festivals_days_is_refused(published: Any, staff: Any, when: str) -> None:
    edition = published
    wall = {
        "after_the_last_morning": dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time(6, 0)),
        "before_the_first_morning": dt.datetime.combine(edition.starts_on, dt.time(4, 30)),
    }[when]
    screening = Screening.objects.filter(edition=edition, kind="public").order_by("starts_at").first()
    before = screening.starts_at
    page = _staff(staff).post(
        reverse("festival:grid", args=[edition.number]),
        {
            "action": "move",
            "screening": screening.pk,
            "room": screening.room_id,
            "starts_at": wall.isoformat(timespec="minutes"),
        },
    )
    assert page.status_code == 400
    assert page.context["refused"].form.errors["starts_at"] == [
        "Choose a start on one of the festival's days."
    ]
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        services.move(
            actor=staff, screening=screening, room=screening.room, starts_at=wall.replace(tzinfo=AKTAU)
        )
    assert err.value.message_dict["starts_at"] == ["Choose a start on one of the festival's days."]
    screening.refresh_from_db()
    assert screening.starts_at == before


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_the_apis_day_filter_outside_the_festival_lists_nothing(published: Any, day: str) -> None:
    api = f"/api/festival/editions/{published.number}/screenings"
    answer = Client(raise_request_exception=False).get(api, {"day": day})
    assert answer.status_code == 200 and answer.json() == {"count": 0, "results": []}


def test_a_festival_day_runs_from_its_morning_to_the_next(grid: Any) -> None:
    from korkyt.festival.programme.days import FESTIVAL_DAY_STARTS, day_bounds, festival_day

    edition = grid
    day = edition.starts_on + dt.timedelta(days=1)
    nxt = day + dt.timedelta(days=1)
    assert dt.time(5, 0) == FESTIVAL_DAY_STARTS
    assert day_bounds(edition, day) == (_at(day, 5), _at(nxt, 5))
    assert festival_day(edition, _at(day, 5)) == day
    assert festival_day(edition, _at(nxt, 4, 59)) == day
    assert festival_day(edition, _at(nxt, 5)) == nxt
    assert festival_day(edition, _at(nxt, 0, 30).astimezone(dt.UTC)) == day  # 19:30 UTC the day before
    assert festival_day(edition, dt.datetime.combine(nxt, dt.time(0, 30))) == day  # a wall time
    # The scheduler's days open and close within their festival day.
    for item in services.build_instance(edition)["days"]:
        opens = dt.datetime.fromisoformat(f"{item['date']}T{item['opens']}")
        closes = dt.datetime.fromisoformat(f"{item['date']}T{item['closes']}")
        if closes <= opens:
            closes += dt.timedelta(days=1)
        date = dt.date.fromisoformat(item["date"])
        assert festival_day(edition, opens) == date == festival_day(edition, closes - dt.timedelta(minutes=1))
