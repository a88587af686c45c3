"""The festival day: one definition for the grid, the public and printed programme, the API's day filter,
My programme, the per-day ticket limit and the moves.

A festival day runs from :data:`FESTIVAL_DAY_STARTS` (a wall time of the edition's time zone) to the same
time the next morning, so a screening at 00:30 after day 2's evening is day 2's late show, not the top of
day 3, and the night after the last day is still the festival's. The scheduling instance's days open at or
after this time and close (after midnight, if they do) before it (``services.OPENS``, ``CLOSES``)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from korkyt.festival.models import Edition

#: When a festival day begins and the one before ends. The edition's days have no opening hours of their
#: own (every day opens at ``services.OPENS``), so this is the one cutoff: before it a screening belongs to
#: the evening before.
FESTIVAL_DAY_STARTS = dt.time(5, 0)


def festival_day(edition: Edition, moment: dt.datetime) -> dt.date:
    """The festival day ``moment`` falls on: an aware moment is read in the edition's time zone, a naive
    one is a wall time of it (as the scheduler and the move form give it)."""
    wall = moment.astimezone(edition.tz).replace(tzinfo=None) if timezone.is_aware(moment) else moment
    day = wall.date()
    if wall.time() < FESTIVAL_DAY_STARTS and day > dt.date.min:  # the night after the day before
        day -= dt.timedelta(days=1)
    return day


def day_bounds(edition: Edition, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of a festival day and of the next (their cutoff, in the edition's time zone)."""
    start = timezone.make_aware(dt.datetime.combine(day, FESTIVAL_DAY_STARTS), edition.tz)
    nxt = dt.datetime.combine(day + dt.timedelta(days=1), FESTIVAL_DAY_STARTS)
    return start, timezone.make_aware(nxt, edition.tz)


def days_of(edition: Edition) -> list[dt.date]:
    """The edition's festival days, first to last."""
    return [
        edition.starts_on + dt.timedelta(days=i)
        for i in range((edition.ends_on - edition.starts_on).days + 1)
    ]


def is_festival_day(edition: Edition, day: dt.date) -> bool:
    return edition.starts_on <= day <= edition.ends_on


def on_festival_days(edition: Edition, moment: dt.datetime) -> bool:
    """Whether ``moment`` (aware, or a wall time) falls on one of the edition's festival days."""
    return is_festival_day(edition, festival_day(edition, moment))
