"""Calendar arithmetic of application deadlines: months before the start of shooting."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..errors import ProjectError


def add_months(day: date, months: int, *, field: str = "date") -> date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's length).

    A result outside the calendar (before year 1 or after 9999) is a :class:`ProjectError` naming
    ``field``, never a bare ValueError."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ProjectError(
            field, f"{day.isoformat()} moved by {months} months falls outside the calendar (years 1–9999)"
        )
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest_application(shooting: date, months: int, *, field: str = "shooting_starts_on") -> date:
    return add_months(shooting, -months, field=field)


def earliest_shooting(applied: date, months: int, *, field: str = "applied_on") -> date:
    """The first shooting date whose application deadline is on or after ``applied``."""
    day = add_months(applied, months, field=field)
    while latest_application(day, months, field=field) < applied:
        if day == date.max:
            raise ProjectError(field, f"{applied.isoformat()}: no shooting date in the calendar fits")
        day += timedelta(days=1)
    return day
