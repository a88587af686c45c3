"""Calendar arithmetic of application deadlines: months before the start of shooting."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest_application(shooting: date, months: int) -> date:
    return add_months(shooting, -months)


def earliest_shooting(applied: date, months: int) -> date:
    """The first shooting date whose application deadline is on or after ``applied``."""
    day = add_months(applied, months)
    while latest_application(day, months) < applied:
        day += timedelta(days=1)
    return day
