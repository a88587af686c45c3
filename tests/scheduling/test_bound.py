"""The relaxation's bound (korkyt.scheduling.bound): never above a schedule's objective, and counting a
room's time per day on the slot grid."""

from __future__ import annotations

import pytest

from korkyt.scheduling import parse_instance
from korkyt.scheduling.bound import _prime_floor, capacity, lower_bound
from korkyt.scheduling.generate import generate
from korkyt.scheduling.prep import prepare
from tests.scheduling.conftest import film, instance, room, run


@pytest.mark.parametrize(
    ("size", "seed", "prime"),
    [
        ("tiny", 0, False),
        ("tiny", 1, False),
        ("tiny", 2, False),
        ("aktau", 1, False),
        ("tiny", 0, True),
        ("tiny", 1, True),
        ("tiny", 3, True),
        ("aktau", 3, True),
        ("large", 1, True),
    ],
)
def test_the_bound_is_below_every_schedule_found(size, seed, prime):
    data = generate(size, seed)
    prepared = prepare(parse_instance(data))
    bound = lower_bound(prepared, prime=prime)
    assert bound is not None and bound > 0
    if prime:  # the prime-time cases only add to the bound
        plain = lower_bound(prepared)
        assert plain is not None and bound >= plain
    for method in ("greedy", "cp-sat"):
        out = run(data, method, time_limit=3)
        assert out["unplaced"] == []
        assert bound <= out["objective"]
        if method == "cp-sat" and size == "tiny":  # the answer's bound is at least the relaxation's
            assert bound <= out["bound"] <= out["objective"]


def test_a_room_holds_its_day_on_the_slot_grid_and_the_bound_sees_it():
    # Each film takes 180 + 15 min = 13 slots of 15 min; the small room's day holds 41 slots (10:00 to
    # 20:15, the last changeover included): three films, not four. The fourth goes to the big room,
    # 300 empty seats: 30 units. The relaxation may split that film (41 / 13 in the small room), so its
    # bound is ceil(30 × (4 − 41/13)) = 26; the best schedule costs 30.
    days = [{"date": "2026-09-10", "opens": "10:00", "closes": "20:00"}]
    rooms = [room("small", seats=100), room("big", seats=400)]
    films = [film(f"F{i}", 180, demand=100, section=f"s{i}") for i in range(4)]
    data = instance(films, rooms=rooms, days=days)
    prepared = prepare(parse_instance(data))
    assert capacity(prepared, 0, 0) == 41
    assert lower_bound(prepared) == 26
    out = run(data)
    assert out["objective"] == 30
    assert sum(s["room"] == "big" for s in out["screenings"]) == 1


def test_fixed_events_take_their_time_from_the_room():
    days = [{"date": "2026-09-10", "opens": "10:00", "closes": "20:00"}]
    fixed = [{"id": "gala", "room": "A", "starts_at": "2026-09-10T12:00", "ends_at": "2026-09-10T14:00"}]
    data = instance([film("F")], days=days, fixed=fixed)
    prepared = prepare(parse_instance(data))
    # 41 slots in the day, less 12:00 to 14:15 (9 slots).
    assert capacity(prepared, 0, 0) == 32


def test_when_the_full_model_proves_nothing_the_answer_takes_the_relaxation_bound(monkeypatch):
    # On a loaded machine the full model may stop before its presolve ends, with no bound at all.
    from ortools.sat.python import cp_model

    monkeypatch.setattr(cp_model.CpSolver, "BestObjectiveBound", lambda self: 0.0)
    data = generate("aktau", 1)
    bound = lower_bound(prepare(parse_instance(data)))
    out = run(data, time_limit=12)
    assert bound is not None
    assert out["bound"] == bound
    assert 0 < out["gap"] < 1


def test_the_prime_time_floor_counts_each_country_that_cannot_have_its_share():
    # Two countries with one public screening each: with one of the two in prime time each country is
    # half a screening from its share, rounded up: 1 each.
    films = [film("A", country="KZ", section="a"), film("B", country="UZ", section="b")]
    prepared = prepare(parse_instance(instance(films, rooms=[room("A"), room("B")])))
    assert _prime_floor(prepared) == 2
    # One country: no balance to keep.
    films = [film("A", country="KZ", section="a"), film("B", country="KZ", section="b")]
    assert _prime_floor(prepare(parse_instance(instance(films, rooms=[room("A"), room("B")])))) == 0


def test_with_prime_time_the_bound_rises_where_prime_time_cannot_be_left_empty():
    # aktau seed 3: the rooms' time outside prime time cannot hold the public screenings as well (the
    # "outside" linear programme costs 2299 against 2215), so every schedule pays the balance: 2215 + 20.
    prepared = prepare(parse_instance(generate("aktau", 3)))
    plain = lower_bound(prepared)
    assert plain is not None
    assert lower_bound(prepared, prime=True) == plain + 10 * _prime_floor(prepared) > plain
