"""Time zones by their IANA names, as records keep them (an event's venue, a festival edition)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import formats, timezone

from korkyt.core.dates import format_moment

#: The time zone of each network country's festival and event cities (Kazakhstan is on UTC+5 throughout
#: since 2024), for a new edition's or event's default.
COUNTRY_TIME_ZONES = {
    "KZ": "Asia/Aqtau",
    "AZ": "Asia/Baku",
    "KG": "Asia/Bishkek",
    "TM": "Asia/Ashgabat",
    "TR": "Europe/Istanbul",
    "UZ": "Asia/Tashkent",
}
DEFAULT_TIME_ZONE = "Asia/Aqtau"


def country_time_zone(code: str) -> str:
    """The time zone a new edition or event in country ``code`` starts with (``DEFAULT_TIME_ZONE`` for a
    country outside the network)."""
    return COUNTRY_TIME_ZONES.get(str(code).upper(), DEFAULT_TIME_ZONE)


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
