"""ICS (RFC 5545): one VEVENT per session, times in the venue's time zone; for one event, or for all of a
person's seats (their private calendar feed).

A notice mailed to a participant carries an iTIP ``METHOD`` (RFC 5546), so that a calendar client updates
or removes the entry it keeps under the same UID: ``REQUEST`` for every notice of an event that takes
place (a seat, a change of time or place, a reminder), ``CANCEL`` once the event is cancelled (each entry
with ``STATUS:CANCELLED``). Those carry the platform's address as ORGANIZER and the recipient as ATTENDEE,
as iTIP asks. The download on the event's page and the private feed carry no METHOD (a plain calendar)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterable

import icalendar
from django.conf import settings

from korkyt.core.calendar import ics_calendar, ics_parties, ics_revision
from korkyt.events.models import Event
from korkyt.events.selectors import event_description, event_title

#: The iTIP method of a participant's notice: an event that takes place, or one cancelled.
REQUEST, CANCEL = "REQUEST", "CANCEL"


def notice_method(event: Event) -> str:
    """The METHOD of a notice about ``event``: CANCEL once it is cancelled, else REQUEST."""
    return CANCEL if event.status == "cancelled" else REQUEST


def _add_event(
    cal: icalendar.Calendar,
    event: Event,
    language: str,
    url: str,
    attendee: str = "",
    cancelled: bool = False,
) -> None:
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
        if cancelled or event.status == "cancelled":
            item.add("status", "CANCELLED")
        if "method" in cal:
            ics_parties(item, attendee)
        cal.add_component(item)


def _done(cal: icalendar.Calendar) -> bytes:
    cal.add_missing_timezones()  # each TZID its VTIMEZONE (RFC 5545 §3.2.19)
    return bytes(cal.to_ical())


def event_ics(
    event: Event, language: str = "en", url: str = "", method: str = "", attendee: str = ""
) -> bytes:
    """One event's calendar; ``method`` (``REQUEST``/``CANCEL``, see :func:`notice_method`) for a notice
    mailed to ``attendee``, none for a download. ``CANCEL`` for an event that takes place is the seat of
    ``attendee`` given back: the entry is removed from their calendar (each VEVENT ``STATUS:CANCELLED``)."""
    cal = ics_calendar("events", method=method)
    _add_event(cal, event, language, url, attendee, cancelled=method == CANCEL)
    return _done(cal)


def events_ics(events: Iterable[Event], language: str, url_of: Callable[[Event], str], name: str) -> bytes:
    """One calendar of several events (a person's feed)."""
    cal = ics_calendar("events", name)
    for event in events:
        _add_event(cal, event, language, url_of(event))
    return _done(cal)
