"""What every ICS entry of the platform shares (events' sessions and festival screenings): its revision.

A calendar client keeps an entry by its UID and replaces it only with one of a higher SEQUENCE (RFC 5545
§3.8.7.4, RFC 5546): so the sequence is the moment the record last changed, in whole seconds since 1970
(it rises with every change, moved or cancelled; an integer of 32 bits holds it until 2038), and DTSTAMP is
that moment too (when the information was last revised, never a future session's start)."""

from __future__ import annotations

import datetime as dt

import icalendar


def ics_revision(item: icalendar.Event, changed_at: dt.datetime) -> None:
    """Stamp ``item`` with its record's last change (``updated_at``): DTSTAMP and SEQUENCE."""
    item.add("dtstamp", changed_at.astimezone(dt.UTC))
    item.add("sequence", int(changed_at.timestamp()))
