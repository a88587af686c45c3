"""The CP-SAT neighbourhoods (korkyt.scheduling.lns): locked screenings stay, the objective they report is
the one ``evaluate`` computes, never worse than the start, and the schedule passes the checker."""

from __future__ import annotations

import time

from korkyt.scheduling import check_solution, parse_instance, solution_to_dict
from korkyt.scheduling.costs import evaluate
from korkyt.scheduling.generate import generate
from korkyt.scheduling.greedy import greedy
from korkyt.scheduling.lns import improve
from korkyt.scheduling.model import Solution
from korkyt.scheduling.prep import prepare
from korkyt.scheduling.solve import _screenings


def test_neighbourhoods_keep_locked_screenings_and_stay_valid():
    data = generate("aktau", 3)
    jury_film = next(f for f in data["films"] if f.get("jury"))
    public_film = next(f for f in data["films"] if not f.get("jury") and not f.get("press"))
    data["locked"] = [
        {"film": public_film["id"], "room": "R5", "starts_at": "2026-09-13T10:00", "kind": "public"},
        {"film": jury_film["id"], "room": "R2", "starts_at": "2026-09-10T10:00", "kind": "jury"},
    ]
    problem = parse_instance(data)
    prepared = prepare(problem)
    locked = {j.index: j.lock for j in prepared.jobs if j.lock is not None}
    assert len(locked) == 2
    start = greedy(prepared)
    assert not start.unplaced
    before = evaluate(prepared, start.placed).total
    placed, value, _ = improve(
        prepared, start.placed, before, deadline=time.perf_counter() + 3, seed=5, workers=1
    )
    assert value <= before
    assert value == evaluate(prepared, placed).total
    assert set(placed) == set(start.placed)
    for j, spot in locked.items():
        assert placed[j] == spot
    parts = evaluate(prepared, placed)
    solution = Solution("feasible", "cp-sat", _screenings(prepared, placed), (), value, None, None, parts)
    assert check_solution(data, solution_to_dict(solution, problem)) == []
