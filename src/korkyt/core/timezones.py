"""Time zones by their IANA names, as records keep them (an event's venue, a festival edition)."""

from __future__ import annotations

import zoneinfo


def zone(name: str | None) -> zoneinfo.ZoneInfo | None:
    """The zone named ``name`` ("Asia/Aqtau"), or None for a blank or unknown name (its field's own check
    names the mistake)."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
