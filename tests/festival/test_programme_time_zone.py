"""Screening times are the festival's: planned as wall times of the edition's time zone, shown in it on
every page (with a note naming it) and sent as the same instants in the ICS files, the JSON-LD, the PDF,
the tickets and the mails; a move from the grid keeps them agreeing."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zoneinfo
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from korkyt.events.models import CalendarFeed
from korkyt.festival.programme import services, stars, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AKTAU = zoneinfo.ZoneInfo("Asia/Aqtau")


def _ics_start(body: bytes, pk: int) -> dt.datetime:
    cal = icalendar.Calendar.from_ical(body)
    for event in cal.walk("VEVENT"):
        if str(event["uid"]).startswith(f"screening-{pk}@"):
            return event.decoded("dtstart")
    raise AssertionError("no such event")


def _agree(edition: Any, screening: Screening, wall: str) -> None:
    """The programme page, the ICS (one screening's), the JSON-LD and the PDF all give ``wall`` (HH:MM) on
    the screening's festival day, for the instant stored."""
    day = screening.starts_at.astimezone(AKTAU).date()
    page = Client().get(reverse("festival:public_programme", args=[edition.number]), {"day": day.isoformat()})
    html = page.content.decode()
    assert f">{wall}–" in html
    assert "Asia/Aqtau" in html  # the note naming the time zone
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    starts = {dt.datetime.fromisoformat(d["startDate"]) for d in data}
    assert screening.starts_at in starts
    assert any(d["startDate"].endswith("+05:00") and f"T{wall}" in d["startDate"] for d in data)
    ics = Client().get(reverse("festival:screening_ics", args=[screening.pk])).content
    start = _ics_start(ics, screening.pk)
    assert start == screening.starts_at  # the same instant
    assert start.astimezone(AKTAU).strftime("%H:%M") == wall
    assert re.search(rb"DTSTART;TZID=Asia/Aqtau:\d{8}T" + wall.replace(":", "").encode(), ics)
    assert b"BEGIN:VTIMEZONE" in ics
    from pypdf import PdfReader

    pdf = Client().get(reverse("festival:programme_pdf", args=[edition.number]), {"day": day.isoformat()})
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert wall in text and "Asia/Aqtau" in text


def test_edition_takes_its_host_countrys_time_zone(published: Any) -> None:
    assert published.time_zone == "Asia/Aqtau"


def test_a_screening_shows_the_same_wall_time_everywhere_and_after_a_move(
    published: Any, staff: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    edition = published
    public = Screening.objects.filter(edition=edition, kind="public").order_by("starts_at").first()
    day = edition.starts_on + dt.timedelta(days=1)
    known = dt.datetime.combine(day, dt.time(15, 45), AKTAU)  # 10:45 UTC
    services.move(actor=staff, screening=public, room=public.room, starts_at=known)
    public.refresh_from_db()
    assert public.starts_at == dt.datetime(day.year, day.month, day.day, 10, 45, tzinfo=dt.UTC)
    _agree(edition, public, "15:45")

    # The scheduler reads the same wall time.
    services.lock(actor=staff, screening=public, locked=True)
    locked = services.build_instance(edition)["locked"]
    assert {"film": str(public.submission_id), "room": str(public.room_id)}.items() <= next(
        item for item in locked if item["starts_at"] == f"{day.isoformat()}T15:45"
    ).items()
    assert f"{day.isoformat()}T15:45" in {s["starts_at"] for s in services.grid_output(edition)["screenings"]}

    # The grid shows it at 15:45 and its move form is filled with the festival's wall time.
    client = Client()
    client.force_login(staff)
    grid_url = reverse("festival:grid", args=[edition.number])
    html = client.get(grid_url, {"day": day.isoformat()}).content.decode()
    assert "15:45–" in html and f'value="{day.isoformat()}T15:45"' in html and "Asia/Aqtau" in html

    # A holder's ticket, mail, personal feed.
    holder = UserFactory(language="en", email="holder@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        reg = tickets.book(screening=public, user=holder)
    assert "15:45" in mailoutbox[-1].body and "Asia/Aqtau" in mailoutbox[-1].body
    stars.star_set(user=holder, screening=public, starred=True)
    feed = CalendarFeed.objects.create(user=holder)
    body = Client().get(reverse("festival:my_feed", args=[feed.token])).content
    assert _ics_start(body, public.pk) == public.starts_at
    holder_client = Client()
    holder_client.force_login(holder)
    ticket_page = holder_client.get(reverse("festival:screening_ticket", args=[reg.pk])).content.decode()
    assert "15:45" in ticket_page and "Asia/Aqtau" in ticket_page
    mine = holder_client.get(reverse("festival:my_programme")).content.decode()
    assert "15:45–" in mine
    from pypdf import PdfReader

    pdf = holder_client.get(reverse("festival:screening_ticket_pdf", args=[reg.pk])).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "15:45" in text and "Asia/Aqtau" in text

    # Moved from the grid's form to 18:00 festival time: 13:00 UTC, and everything follows.
    with django_capture_on_commit_callbacks(execute=True):
        moved = client.post(
            grid_url,
            {
                "action": "move",
                "screening": public.pk,
                "room": public.room_id,
                "starts_at": f"{day.isoformat()}T18:00",
            },
        )
    assert moved.status_code == 302 and moved["Location"].endswith(f"?day={day.isoformat()}")
    public.refresh_from_db()
    assert public.starts_at == dt.datetime(day.year, day.month, day.day, 13, 0, tzinfo=dt.UTC)
    _agree(edition, public, "18:00")
    notice = [m for m in mailoutbox if m.to == ["holder@example.org"]][-1]
    assert "18:00" in notice.body and "Asia/Aqtau" in notice.body
    body = Client().get(reverse("festival:my_feed", args=[feed.token])).content
    assert _ics_start(body, public.pk).astimezone(AKTAU).strftime("%H:%M") == "18:00"
    check = client.get(
        reverse("festival:move_check", args=[edition.number]),
        {"screening": public.pk, "room": public.room_id, "starts_at": f"{day.isoformat()}T18:00"},
    )
    assert check.status_code == 200


def test_a_screening_late_in_the_evening_stays_on_its_festival_day(published: Any, staff: Any) -> None:
    """A festival day runs from 05:00 to 05:00 the next morning in Aktau: 02:00 after day 3 is day 3's late
    show (21:00 UTC of day 3), 09:30 the next morning is day 4 though it is 04:30 UTC, before 05:00 there."""
    edition = published
    late, morning = Screening.objects.filter(edition=edition, kind="public").order_by("starts_at")[:2]
    day = edition.starts_on + dt.timedelta(days=2)
    nxt = day + dt.timedelta(days=1)
    for screening, wall in ((late, dt.time(2, 0)), (morning, dt.time(9, 30))):
        services.move(
            actor=staff,
            screening=screening,
            room=screening.room,
            starts_at=dt.datetime.combine(nxt, wall, AKTAU),
        )
    url = reverse("festival:public_programme", args=[edition.number])
    on_day = {r["obj"].pk for r in Client().get(url, {"day": day.isoformat()}).context["rows"]}
    on_next = {r["obj"].pk for r in Client().get(url, {"day": nxt.isoformat()}).context["rows"]}
    assert late.pk in on_day and late.pk not in on_next
    assert morning.pk in on_next and morning.pk not in on_day


def test_the_edition_form_sets_the_time_zone_and_reads_the_announcement_in_it(
    published: Any, staff: Any
) -> None:
    client = Client()
    client.force_login(staff)
    edition = published
    url = reverse("festival:edition_edit", args=[edition.number])
    page = client.get(url).content.decode()
    assert 'name="time_zone"' in page and '<option value="Asia/Aqtau" selected>' in page
    last = edition.ends_on.isoformat()
    data = {
        "city": edition.city,
        "country": "KZ",
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": last,
        "venues": "",
        "time_zone": "Asia/Aqtau",
        "results_at": f"{last}T19:00",
        "notes": "",
        "source_url": "",
    }
    assert client.post(url, data).status_code == 302
    edition.refresh_from_db()
    assert edition.results_at == dt.datetime.combine(edition.ends_on, dt.time(14, 0), dt.UTC)
    assert f'value="{last}T19:00"' in client.get(url).content.decode()
    bad = client.post(url, {**data, "time_zone": "Mars/Olympus"})
    assert bad.status_code == 200
    edition.refresh_from_db()
    assert edition.time_zone == "Asia/Aqtau"


def test_the_api_names_the_editions_time_zone(grid: Any) -> None:
    answer = Client().get(f"/api/festival/editions/{grid.number}").json()
    assert answer["time_zone"] == grid.time_zone == "Asia/Aqtau"
    (listed,) = [e for e in Client().get("/api/festival/editions").json() if e["number"] == grid.number]
    assert listed["time_zone"] == "Asia/Aqtau"
