"""ICS (RFC 5545): one VEVENT per session, times in the venue's time zone; for one event, or for all of a
person's seats (their private calendar feed)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable

import icalendar
from django.conf import settings

from korkyt.core.calendar import ics_revision
from korkyt.events.models import Event
from korkyt.events.selectors import event_description, event_title


def _add_event(cal: icalendar.Calendar, event: Event, language: str, url: str) -> None:
    tz = zoneinfo.ZoneInfo(event.time_zone)
    title = event_title(event, language).text
    description = event_description(event, language)
    host = getattr(settings, "KORKYT_MAIL_DOMAIN", "korkyt.invalid")
    for session in event.sessions.all():
        item = icalendar.Event()
        item.add("uid", f"event-{event.pk}-session-{session.pk}@{host}")
        item.add("summary", f"{title} · {session.title}" if session.title else title)
        item.add("dtstart", session.starts_at.astimezone(tz))
        item.add("dtend", session.ends_at.astimezone(tz))
        ics_revision(item, event.updated_at)  # a session's change saves its event
        location = ", ".join(p for p in (event.venue, session.room, event.address) if p) or event.online_url
        if location:
            item.add("location", location)
        if description:
            item.add("description", description.text)
        if url:
            item.add("url", url)
        if event.status == "cancelled":
            item.add("status", "CANCELLED")
        cal.add_component(item)


def _calendar(name: str = "") -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Korkyt//events//EN")
    cal.add("version", "2.0")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _done(cal: icalendar.Calendar) -> bytes:
    cal.add_missing_timezones()  # each TZID its VTIMEZONE (RFC 5545 §3.2.19)
    return bytes(cal.to_ical())


def event_ics(event: Event, language: str = "en", url: str = "") -> bytes:
    cal = _calendar()
    _add_event(cal, event, language, url)
    return _done(cal)


def events_ics(events: Iterable[Event], language: str, url_of: Callable[[Event], str], name: str) -> bytes:
    """One calendar of several events (a person's feed)."""
    cal = _calendar(name)
    for event in events:
        _add_event(cal, event, language, url_of(event))
    return _done(cal)
