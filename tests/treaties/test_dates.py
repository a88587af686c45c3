"""Deadline arithmetic at the edges of the calendar: a named error, never a bare ValueError."""

from __future__ import annotations

from datetime import date

import pytest

from korkyt.treaties import ProjectError
from korkyt.treaties.engine import add_months, earliest_shooting, latest_application


def test_months_are_added_with_the_day_clamped() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 31), -13) == date(2025, 2, 28)
    assert add_months(date(9999, 1, 15), 11) == date(9999, 12, 15)
    assert add_months(date(1, 12, 1), -11) == date(1, 1, 1)


@pytest.mark.parametrize(("day", "months"), [(date(9999, 12, 31), 1), (date(1, 1, 1), -1), (date.min, -12)])
def test_a_result_outside_the_calendar_is_a_project_error(day: date, months: int) -> None:
    with pytest.raises(ProjectError, match="outside the calendar") as exc:
        add_months(day, months, field="shooting_starts_on")
    assert exc.value.field == "shooting_starts_on"


def test_deadline_helpers_name_their_field() -> None:
    with pytest.raises(ProjectError) as exc:
        latest_application(date(1, 1, 1), 6)
    assert exc.value.field == "shooting_starts_on"
    with pytest.raises(ProjectError) as exc:
        earliest_shooting(date(9999, 12, 31), 6)
    assert exc.value.field == "applied_on"
