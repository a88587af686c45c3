"""What every ICS entry of the platform shares (events' sessions and festival screenings): its revision, and
the parties an entry mailed with an iTIP METHOD names.

A calendar client keeps an entry by its UID and replaces it only with one of a higher SEQUENCE (RFC 5545
§3.8.7.4, RFC 5546): so the sequence is the moment the record last changed, in whole seconds since 1970
(it rises with every change, moved or cancelled; an integer of 32 bits holds it until 2038), and DTSTAMP is
that moment too (when the information was last revised, never a future session's start)."""

from __future__ import annotations

import datetime as dt
from email.utils import parseaddr

import icalendar
from django.conf import settings


def ics_revision(item: icalendar.Event, changed_at: dt.datetime) -> None:
    """Stamp ``item`` with its record's last change (``updated_at``): DTSTAMP and SEQUENCE."""
    item.add("dtstamp", changed_at.astimezone(dt.UTC))
    item.add("sequence", int(changed_at.timestamp()))


def ics_parties(item: icalendar.Event, attendee: str = "") -> None:
    """Name the platform's sender (``DEFAULT_FROM_EMAIL``) as ``item``'s ORGANIZER and, when given, the
    recipient as its ATTENDEE: iTIP (RFC 5546) asks for them in an entry mailed with a METHOD."""
    name, address = parseaddr(str(getattr(settings, "DEFAULT_FROM_EMAIL", "")))
    organizer = icalendar.vCalAddress(f"mailto:{address or 'noreply@korkyt.invalid'}")
    if name:
        organizer.params["cn"] = icalendar.vText(name)
    item.add("organizer", organizer)
    if attendee:
        item.add("attendee", f"mailto:{attendee}")


def ics_calendar(product: str, name: str = "", method: str = "") -> icalendar.Calendar:
    """An empty calendar of the platform's ``product`` ("events", "festival"): named ``name`` for a feed,
    with the iTIP ``method`` for one mailed (none for a download or a feed)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Korkyt//{product}//EN")
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal
