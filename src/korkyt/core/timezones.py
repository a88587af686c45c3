"""Time zones by their IANA names, as records keep them (an event's venue, a festival edition)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import formats, timezone

from korkyt.core.dates import format_moment


def zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone named ``name`` ("Asia/Aqtau"), or None for a blank or unknown name (its field's own check
    names the mistake)."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def wall_time(moment: dt.datetime, tz: zoneinfo.ZoneInfo | str, fmt: str | None = None) -> str:
    """A moment as a wall time of a place's time zone, the zone named, for messages and mail:
    "March 1, 2027, 23:59 (Asia/Aqtau)", "2027 ж. 1 наурыз, 23:59 (Asia/Aqtau)" (the active language's long
    date, ``core.dates.format_moment``, or the Django format ``fmt``). An unknown zone name gives the time in
    UTC, named so."""
    found = zone(tz) if isinstance(tz, str) else tz
    found = found or zoneinfo.ZoneInfo("UTC")
    local = timezone.localtime(moment, found)
    return f"{format_moment(local) if fmt is None else formats.date_format(local, fmt)} ({found.key})"
