"""An event's ICS is valid RFC 5545 that calendars can update: every TZID has its VTIMEZONE, DTSTAMP is
when the event last changed (never a future session's start), and SEQUENCE rises when a session moves or
the event is cancelled, with the UID kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from django.utils import timezone

from korkyt.events import services
from korkyt.events.calendar import event_ics
from korkyt.events.models import Event
from korkyt.events.services import SessionData
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def vevent(event: Event) -> tuple[icalendar.Calendar, Any]:
    cal = icalendar.Calendar.from_ical(event_ics(Event.objects.get(pk=event.pk)))
    (item,) = cal.walk("VEVENT")
    return cal, item


def test_the_ics_carries_its_time_zone_and_a_stamp_of_its_last_change(organiser: Any) -> None:
    event = make_event(organiser)
    cal, item = vevent(event)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Aqtau"]
    assert item["DTSTART"].params["TZID"] == "Asia/Aqtau"
    stamp = item.decoded("DTSTAMP")
    assert stamp <= timezone.now() < item.decoded("DTSTART")  # not the session's start, in 2027
    assert stamp.utcoffset() == dt.timedelta(0)


def test_a_moved_session_and_a_cancelled_event_keep_the_uid_with_a_higher_sequence(organiser: Any) -> None:
    event = make_event(organiser)
    _cal, first = vevent(event)
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=5))
    _cal, before = vevent(event)
    spec = vars(services.event_spec(event))
    session = spec["sessions"][0]
    later = session.starts_at + dt.timedelta(hours=1)
    spec["sessions"] = [SessionData(id=session.id, starts_at=later, ends_at=later + dt.timedelta(hours=3))]
    services.event_update(actor=organiser, event=Event.objects.get(pk=event.pk), **spec)
    _cal, moved = vevent(event)
    assert moved["UID"] == first["UID"]
    assert moved.decoded("DTSTART") == later
    assert moved["SEQUENCE"] > before["SEQUENCE"]
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - dt.timedelta(minutes=1))
    _cal, moved = vevent(event)
    services.event_transition(actor=organiser, event=Event.objects.get(pk=event.pk), name="cancel")
    _cal, cancelled = vevent(event)
    assert cancelled["UID"] == first["UID"] and cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] > moved["SEQUENCE"]


def test_the_participants_export_gives_registration_times_in_the_events_zone(organiser: Any) -> None:
    from korkyt.events.services import registration_create
    from korkyt.events.services.export import participant_rows
    from tests.events.conftest import country_answer
    from tests.factories import UserFactory

    event = make_event(organiser)
    reg = registration_create(actor=UserFactory(), event=event, answers=country_answer(event, "KZ"))
    moment = dt.datetime(2027, 5, 1, 20, 30, tzinfo=dt.UTC)  # 2 May, 01:30 in Aktau
    type(reg).objects.filter(pk=reg.pk).update(created_at=moment)
    header, row = participant_rows(event)
    column = header.index("Registered (Asia/Aqtau)")
    assert row[column] == "2027-05-02 01:30"
