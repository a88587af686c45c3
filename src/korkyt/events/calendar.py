"""ICS (RFC 5545) for an event: one VEVENT per session, times in the venue's time zone."""

from __future__ import annotations

import zoneinfo

import icalendar
from django.conf import settings

from korkyt.events.models import Event
from korkyt.events.selectors import event_description, event_title


def event_ics(event: Event, language: str = "en", url: str = "") -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Korkyt//events//EN")
    cal.add("version", "2.0")
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
        item.add("dtstamp", session.starts_at)
        location = ", ".join(p for p in (event.venue, session.room, event.address) if p) or event.online_url
        if location:
            item.add("location", location)
        if description:
            item.add("description", description.text)
        if url:
            item.add("url", url)
        cal.add_component(item)
    return bytes(cal.to_ical())
