"""Seat-matching moves: the annealer's packing move, the exact room re-assignment with times fixed
(korkyt.scheduling.rooms) and the prime-time-free first try. Each leaves a schedule the independent
checker accepts, and on a crafted schedule whose room choice is wrong each lowers the seat cost."""

from __future__ import annotations

import random
import time

from korkyt.scheduling import check_solution, parse_instance, solution_to_dict
from korkyt.scheduling.anneal import _Search, anneal_prime_free_first
from korkyt.scheduling.costs import evaluate
from korkyt.scheduling.generate import generate
from korkyt.scheduling.greedy import greedy
from korkyt.scheduling.model import Solution
from korkyt.scheduling.prep import Prepared, prepare
from korkyt.scheduling.rooms import reassign_rooms
from korkyt.scheduling.solve import _screenings
from tests.scheduling.conftest import film, instance, room

H = 60  # minutes from midnight of the festival's first day


def _valid(data: dict, prepared: Prepared, placed: dict[int, tuple[int, int]]) -> None:
    parts = evaluate(prepared, placed)
    solution = Solution(
        "feasible", "cp-sat", _screenings(prepared, placed), (), parts.total, None, None, parts
    )
    out = solution_to_dict(solution, parse_instance(data))
    assert check_solution(data, out) == []


def test_packing_a_room_makes_space_for_a_film_that_suits_it():
    # The small room's two films sit apart (11:00 and 14:30): no gap holds the three-hour film, which
    # takes the big hall with 300 empty seats. Packed towards the opening (10:00, 11:45) the small room
    # has 13:30–18:00 free, and the long film moves in: 30 seat units less.
    days = [{"date": "2026-09-10", "opens": "10:00", "closes": "18:00"}]
    rooms = [room("small", seats=100), room("big", seats=400)]
    films = [
        film("A", 90, demand=100, section="a"),
        film("B", 90, demand=100, section="b"),
        film("LONG", 180, demand=100, section="c"),
    ]
    data = instance(films, rooms=rooms, days=days)
    prepared = prepare(parse_instance(data))
    placed = {0: (0, 11 * H), 1: (0, 14 * H + 30), 2: (1, 10 * H)}
    _valid(data, prepared, placed)
    search = _Search(prepared, placed)
    before = search.total()
    changes = search.packed(2, 0, 0)
    assert changes == {0: (0, 10 * H), 1: (0, 11 * H + 45), 2: (0, 13 * H + 30)}
    delta = search.attempt(changes, 0.0, random.Random(0))
    assert delta == -30
    assert search.total() == before - 30 == evaluate(prepared, search.pos).total
    _valid(data, prepared, search.pos)


def test_packing_keeps_fixed_events_and_uses_the_gap_before_them():
    # A fixed event at 14:00–16:00 stays; the film at 12:00 moves to 10:00 and the long film fits
    # between 11:45 and the event (it must end by 13:45, the changeover before the event).
    days = [{"date": "2026-09-10", "opens": "10:00", "closes": "18:00"}]
    rooms = [room("small", seats=100), room("big", seats=400)]
    fixed = [{"id": "gala", "room": "small", "starts_at": "2026-09-10T14:00", "ends_at": "2026-09-10T16:00"}]
    films = [film("A", 90, demand=100, section="a"), film("LONG", 120, demand=100, section="c")]
    data = instance(films, rooms=rooms, days=days, fixed=fixed)
    prepared = prepare(parse_instance(data))
    placed = {0: (0, 12 * H), 1: (1, 10 * H)}
    _valid(data, prepared, placed)
    search = _Search(prepared, placed)
    changes = search.packed(1, 0, 0)
    assert changes == {0: (0, 10 * H), 1: (0, 11 * H + 45)}
    assert search.attempt(changes, 0.0, random.Random(0)) < 0
    _valid(data, prepared, search.pos)


def test_rooms_reassigned_with_times_fixed_match_demand():
    # Three films at the same time, each in the wrong hall; with the times kept the exact assignment
    # gives each the hall of its demand (seat cost 0), and nothing else changes.
    rooms = [room("S", seats=100), room("M", seats=250), room("L", seats=400)]
    films = [
        film("small", 90, demand=100, section="a"),
        film("medium", 90, demand=250, section="b"),
        film("large", 90, demand=400, section="c"),
    ]
    data = instance(films, rooms=rooms)
    prepared = prepare(parse_instance(data))
    placed = {0: (2, 10 * H), 1: (0, 10 * H), 2: (1, 10 * H)}
    before = evaluate(prepared, placed)
    new, gain = reassign_rooms(prepared, placed)
    after = evaluate(prepared, new)
    assert after.seats == 0 < before.seats
    assert gain == before.total - after.total
    assert {j: s for j, (_, s) in new.items()} == {j: s for j, (_, s) in placed.items()}
    assert new == {0: (0, 10 * H), 1: (1, 10 * H), 2: (2, 10 * H)}
    _valid(data, prepared, new)


def test_reassigning_rooms_keeps_juries_in_their_venue_and_beats_greedy_on_an_edition():
    data = generate("aktau", 1)
    prepared = prepare(parse_instance(data))
    start = greedy(prepared).placed
    new, gain = reassign_rooms(prepared, start, time_limit=3)
    assert gain >= 0
    assert evaluate(prepared, new).total == evaluate(prepared, start).total - gain
    for j, (r, s) in new.items():
        assert s == start[j][1]
        if prepared.jobs[j].kind == "jury":
            assert prepared.room_venue[r] == prepared.room_venue[start[j][0]]
    _valid(data, prepared, new)


def test_the_prime_time_free_first_try_is_valid_and_never_worse():
    data = generate("aktau", 3)
    prepared = prepare(parse_instance(data))
    start = greedy(prepared).placed
    before = evaluate(prepared, start).total
    placed, value = anneal_prime_free_first(prepared, start, deadline=time.perf_counter() + 2, seed=1)
    assert value == evaluate(prepared, placed).total <= before
    assert set(placed) == set(start)
    _valid(data, prepared, placed)
