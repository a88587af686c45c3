"""The independent checker catches each broken hard constraint in a schedule that was valid."""

from __future__ import annotations

import copy

import pytest

from korkyt.scheduling import check_solution
from tests.scheduling.conftest import film, instance, room, run

JURIES = [{"id": "J", "deliberation_at": "2026-09-11T12:00"}]
DAYS = [
    {"date": "2026-09-10", "opens": "10:00", "closes": "23:00"},
    {"date": "2026-09-11", "opens": "10:00", "closes": "23:00"},
]


@pytest.fixture(scope="module")
def valid():
    rooms = [
        room("A", venue="North"),
        room("B", venue="South"),
        room("Reel", venue="North", formats=["35mm"], subtitles=False),
    ]
    films = [
        film("Comp1", jury="J", press=True),
        film("Comp2", jury="J", subtitled=True),
        film("Guest", qa=1, unavailable=[["2026-09-10T10:00", "2026-09-10T18:00"]]),
    ]
    fixed = [{"id": "opening", "room": "A", "starts_at": "2026-09-10T19:00", "ends_at": "2026-09-10T21:00"}]
    data = instance(
        films, rooms=rooms, days=DAYS, juries=JURIES, fixed=fixed, travel_min={"North": {"South": 30}}
    )
    data["locked"] = [{"film": "Comp1", "room": "B", "starts_at": "2026-09-11T15:00"}]
    return data, run(data)


def broken(valid, change) -> set[str]:
    data, out = valid
    out = copy.deepcopy(out)
    change(out["screenings"])
    return {v.rule for v in check_solution(data, out)}


def pick(screenings, film_id, kind=None):
    return next(s for s in screenings if s["film"] == film_id and (kind is None or s["kind"] == kind))


def test_the_valid_schedule_passes(valid):
    assert check_solution(*valid) == []


def test_room_overlap(valid):
    def change(ss):
        a = pick(ss, "Guest")
        b = pick(ss, "Comp2", "public")
        b.update(room=a["room"], starts_at=a["starts_at"], ends_at=a["ends_at"])

    assert "room overlap" in broken(valid, change)


def test_outside_opening_hours_and_off_the_grid(valid):
    def change(ss):
        pick(ss, "Guest").update(starts_at="2026-09-10T22:07", ends_at="2026-09-10T23:37")

    assert {"opening hours", "slot"} <= broken(valid, change)


def test_format_and_subtitles(valid):
    assert {"format", "subtitles"} <= broken(
        valid, lambda ss: pick(ss, "Comp2", "public").update(room="Reel")
    )


def test_missing_screening(valid):
    assert "count" in broken(valid, lambda ss: ss.remove(pick(ss, "Comp2", "public")))


def test_runtime(valid):
    assert "runtime" in broken(valid, lambda ss: pick(ss, "Guest").update(ends_at="2026-09-10T23:59"))


def test_jury_after_deliberation_and_press_after_public(valid):
    def change(ss):
        pick(ss, "Comp2", "jury").update(starts_at="2026-09-11T20:00", ends_at="2026-09-11T21:30")

    assert {"deliberation", "press/jury first"} <= broken(valid, change)


def test_jury_travel(valid):
    def change(ss):
        a, b = pick(ss, "Comp1", "jury"), pick(ss, "Comp2", "jury")
        end = a["ends_at"]
        hh, mm = int(end[11:13]), int(end[14:16]) + 15
        start = f"{end[:11]}{hh + mm // 60:02d}:{mm % 60:02d}"
        b.update(
            room="B" if a["room"] != "B" else "A",
            starts_at=start,
            ends_at=f"{start[:11]}{hh + 1 + (mm + 30) // 60:02d}:{(mm + 30) % 60:02d}",
        )

    assert "jury" in broken(valid, change)


def test_guests_away(valid):
    assert "guests" in broken(
        valid, lambda ss: pick(ss, "Guest").update(starts_at="2026-09-10T12:00", ends_at="2026-09-10T13:30")
    )


def test_fixed_event_and_lock_moved(valid):
    def change(ss):
        next(s for s in ss if s.get("event") == "opening").update(starts_at="2026-09-10T18:00")
        pick(ss, "Comp1", "public").update(starts_at="2026-09-11T16:00", ends_at="2026-09-11T17:30")

    assert {"fixed", "lock"} <= broken(valid, change)


def test_unknown_room_and_film(valid):
    def change(ss):
        ss.append(
            {
                "film": "Nope",
                "room": "A",
                "starts_at": "2026-09-10T10:00",
                "ends_at": "2026-09-10T11:00",
                "kind": "public",
            }
        )
        ss.append(
            {
                "film": "Guest",
                "room": "Z",
                "starts_at": "2026-09-10T10:00",
                "ends_at": "2026-09-10T11:00",
                "kind": "public",
            }
        )

    assert {"film", "room"} <= broken(valid, change)
