"""An infeasible instance says why, naming the few rules that conflict, in people's words."""

from __future__ import annotations

import copy
import json
import pickle

from korkyt.scheduling import REASON_CODES, Reason
from tests.scheduling.conftest import film, instance, room, run


def test_a_jury_without_enough_viewing_time_is_told_how_much_it_needs_and_has():
    films = [film(f"D{i}", 215, jury="doc", screenings=0) for i in range(4)]  # 14 h 20 min
    juries = [{"id": "doc", "name": "the documentary jury", "deliberation_at": "2026-09-10T22:00"}]
    out = run(instance(films, rooms=[room("1"), room("2")], juries=juries))
    assert out["status"] == "infeasible"
    assert out["screenings"] == []
    assert out["explanation"] == [
        "the documentary jury needs 14 h 20 min of screenings (4 films) before deliberation "
        "(Thu 10 Sep 22:00) but has 12 h"
    ]


def test_a_film_longer_than_every_day_is_named():
    days = [{"date": "2026-09-10", "opens": "18:00", "closes": "21:00"}]
    out = run(instance([film("Epic", 200)], days=days))
    assert out["status"] == "infeasible"
    assert out["explanation"] == ["film Epic runs 3 h 20 min but the longest festival day is open 3 h"]


def test_films_that_only_one_room_can_show_are_counted_against_that_room():
    rooms = [room("big"), room("reel", formats=["35mm"])]
    films = [film(f"R{i}", 120, formats=["35mm"], screenings=2) for i in range(3)]
    out = run(
        instance(
            films,
            rooms=rooms,
            changeover_min=30,
            days=[{"date": "2026-09-10", "opens": "10:00", "closes": "22:00"}],
        )
    )
    assert out["status"] == "infeasible"
    (reason,) = out["explanation"]
    assert reason.startswith("6 screenings of 3 films need 15 h of screen time")
    assert "rooms reel, the only ones that can show them, have 12 h 30 min" in reason


def test_guests_away_all_the_time_are_named():
    away = [["2026-09-10T00:00", "2026-09-11T00:00"]]
    out = run(instance([film("Guest", qa=1, unavailable=away)]))
    assert out["status"] == "infeasible"
    assert out["explanation"] == [
        "the guests of film Guest are away whenever a 1 h 30 min Q&A screening could take place"
    ]


def test_a_lock_in_conflict_with_a_fixed_event_is_the_core_found_by_cp_sat():
    fixed = [{"id": "opening", "room": "A", "starts_at": "2026-09-10T19:00", "ends_at": "2026-09-10T21:00"}]
    data = instance([film("F"), film("G")], fixed=fixed)
    data["locked"] = [{"film": "F", "room": "A", "starts_at": "2026-09-10T18:00"}]
    out = run(data)
    assert out["status"] == "infeasible"
    head, *core = out["explanation"]
    assert head.startswith("these rules cannot all hold")
    assert sorted(core) == [
        "the fixed event opening holds room A Thu 10 Sep 19:00–Thu 10 Sep 21:00",
        "the public screening of film F is locked in room A at Thu 10 Sep 18:00",
    ]


def test_a_jury_deadline_behind_a_fixed_event_is_explained_by_the_core():
    # One room; the opening holds it 11:00-12:00, so before the 14:00 deliberation only one 90-minute
    # film fits after it (the jury needs two): the time budgets alone do not show it, CP-SAT does.
    juries = [{"id": "J", "name": "the debut jury", "deliberation_at": "2026-09-10T14:00"}]
    fixed = [{"id": "opening", "room": "A", "starts_at": "2026-09-10T11:00", "ends_at": "2026-09-10T12:00"}]
    data = instance(
        [film("F", jury="J", screenings=0), film("G", jury="J", screenings=0)], juries=juries, fixed=fixed
    )
    out = run(data)
    assert out["status"] == "infeasible"
    head, *core = out["explanation"]
    assert sorted(core) == [
        "the debut jury deliberates at Thu 10 Sep 14:00",
        "the debut jury must see its 2 films (3 h)",
        "the fixed event opening holds room A Thu 10 Sep 11:00–Thu 10 Sep 12:00",
    ]


def test_greedy_reports_what_it_could_not_place_and_the_checker_agrees():
    fixed = [{"id": "opening", "room": "A", "starts_at": "2026-09-10T19:00", "ends_at": "2026-09-10T21:00"}]
    data = instance([film("F"), film("G")], fixed=fixed)
    data["locked"] = [{"film": "F", "room": "A", "starts_at": "2026-09-10T18:00"}]
    out = run(data, method="greedy")
    assert out["status"] == "partial"
    assert out["unplaced"] == [
        {
            "film": "F",
            "kind": "public",
            "reason": "locked where it conflicts with another rule (room, hours, jury, guests)",
        }
    ]
    assert [s["film"] for s in out["screenings"] if s.get("event") is None] == ["G"]


def _reasons(data: dict) -> list:
    from korkyt.scheduling import parse_instance, solve

    return list(solve(parse_instance(copy.deepcopy(data)), time_limit=5, workers=1).explanation)


def test_each_sentence_carries_its_code_and_facts_for_a_caller_that_words_it_itself():
    films = [film(f"D{i}", 215, jury="doc", screenings=0) for i in range(4)]
    juries = [{"id": "doc", "name": "the documentary jury", "deliberation_at": "2026-09-10T22:00"}]
    (reason,) = _reasons(instance(films, rooms=[room("1"), room("2")], juries=juries))
    assert isinstance(reason, Reason) and reason.startswith("the documentary jury needs 14 h 20 min")
    assert reason.code == "jury-time"
    assert reason.data == {
        "jury": "doc",
        "need": 860,
        "films": 4,
        "deliberation_at": "2026-09-10T22:00",
        "have": 720,
    }
    # The contract's JSON keeps the English sentence only; a copy keeps code and data.
    assert json.loads(json.dumps(list([reason]))) == [str(reason)]
    again = pickle.loads(pickle.dumps(reason))
    assert (again, again.code, again.data) == (reason, "jury-time", reason.data)


def test_the_core_found_by_cp_sat_names_films_rooms_and_times_as_data():
    fixed = [{"id": "opening", "room": "A", "starts_at": "2026-09-10T19:00", "ends_at": "2026-09-10T21:00"}]
    data = instance([film("F"), film("G")], fixed=fixed)
    data["locked"] = [{"film": "F", "room": "A", "starts_at": "2026-09-10T18:00"}]
    head, *core = _reasons(data)
    assert head.code == "conflict"
    found = {r.code: r.data for r in core}
    assert found == {
        "fixed": {
            "event": "opening",
            "title": "",
            "room": "A",
            "starts_at": "2026-09-10T19:00",
            "ends_at": "2026-09-10T21:00",
        },
        "lock": {"screening": {"film": "F", "kind": "public", "room": "A", "starts_at": "2026-09-10T18:00"}},
    }
    assert all(r.code in REASON_CODES for r in [head, *core])


def test_a_film_too_long_and_a_room_group_short_of_time_give_their_minutes():
    days = [{"date": "2026-09-10", "opens": "18:00", "closes": "21:00"}]
    (long,) = _reasons(instance([film("Epic", 200)], days=days))
    assert (long.code, long.data) == ("too-long", {"film": "Epic", "runtime": 200, "longest": 180})
    rooms = [room("big"), room("reel", formats=["35mm"])]
    films = [film(f"R{i}", 120, formats=["35mm"], screenings=2) for i in range(3)]
    one_day = [{"date": "2026-09-10", "opens": "10:00", "closes": "22:00"}]
    (short,) = _reasons(instance(films, rooms=rooms, changeover_min=30, days=one_day))
    assert (short.code, short.data) == (
        "screen-time",
        {"screenings": 6, "films": 3, "need": 900, "rooms": ["reel"], "have": 750},
    )
