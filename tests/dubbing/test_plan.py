from __future__ import annotations

import random

import pytest

from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.plan import lower_bound, naive_plan, plan_recording


def _cast(seed: int, actors: int = 40, loops: int = 600) -> dict[str, list[int]]:
    rnd = random.Random(seed)
    out: dict[str, list[int]] = {}
    for loop in range(1, loops + 1):
        for actor in rnd.sample(range(actors), k=rnd.choice([1, 2, 2, 3])):
            weight_actor = min(actor, rnd.randrange(actors))  # a few leads speak most
            out.setdefault(f"A{weight_actor:02d}", []).append(loop)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plan_reaches_the_fewest_days_for_every_actor(seed):
    cast = _cast(seed)
    plan = plan_recording(cast, day_minutes=240, minutes_per_loop=2.5)
    per_day = int(240 // 2.5)
    for actor, loops in cast.items():
        assert plan.actor_days()[actor] == -(-len(set(loops)) // per_day)
    assert plan.total_actor_days == lower_bound(cast, day_minutes=240, minutes_per_loop=2.5)
    assert plan.total_actor_days < naive_plan(cast, day_minutes=240, minutes_per_loop=2.5).total_actor_days


def test_plan_records_every_loop_of_every_actor_once_and_respects_the_day():
    cast = _cast(7, actors=12, loops=200)
    plan = plan_recording(cast, day_minutes=120, minutes_per_loop=3)
    for actor, loops in cast.items():
        recorded = [n for s in plan.for_actor(actor) for n in s.loops]
        assert sorted(recorded) == sorted(set(loops))
    for day in range(1, plan.days + 1):
        assert sum(s.minutes for s in plan.sessions if s.day == day) <= 120


def test_plan_rejects_a_loop_longer_than_the_day():
    with pytest.raises(DubbingError, match="loop"):
        plan_recording({"A": [1]}, day_minutes=60, minutes_per_loop=61)
    with pytest.raises(DubbingError, match="studio day"):
        plan_recording({"A": [1]}, day_minutes=10)
