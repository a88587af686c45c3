"""The annealer: valid schedules only (the independent checker), locks kept, its objective the one
``evaluate`` computes, and no worse than where it started."""

from __future__ import annotations

import time

from korkyt.scheduling import check_solution, parse_instance, solution_to_dict
from korkyt.scheduling.anneal import anneal
from korkyt.scheduling.costs import evaluate
from korkyt.scheduling.generate import generate
from korkyt.scheduling.greedy import greedy
from korkyt.scheduling.model import Solution
from korkyt.scheduling.prep import prepare
from korkyt.scheduling.solve import _screenings


def _checked(data: dict, seed: int, budget_s: float) -> tuple[int, int, dict, dict]:
    problem = parse_instance(data)
    prepared = prepare(problem)
    start = greedy(prepared)
    assert not start.unplaced
    before = evaluate(prepared, start.placed).total
    placed, value = anneal(prepared, start.placed, deadline=time.perf_counter() + budget_s, seed=seed)
    parts = evaluate(prepared, placed)
    assert value == parts.total
    assert set(placed) == set(start.placed)
    solution = Solution("feasible", "cp-sat", _screenings(prepared, placed), (), value, None, None, parts)
    out = solution_to_dict(solution, problem)
    assert check_solution(data, out) == []
    return before, value, start.placed, placed


def test_an_aktau_sized_edition_gets_better_and_stays_valid():
    before, after, _, _ = _checked(generate("aktau", 1), seed=1, budget_s=1.5)
    assert after < before


def test_locked_screenings_do_not_move():
    data = generate("aktau", 2)
    locked_film = next(f for f in data["films"] if f.get("jury") is None and not f.get("press"))
    data["locked"] = [
        {"film": locked_film["id"], "room": "R5", "starts_at": "2026-09-12T10:00", "kind": "public"}
    ]
    problem = parse_instance(data)
    prepared = prepare(problem)
    lock_jobs = [j.index for j in prepared.jobs if j.lock is not None]
    assert lock_jobs
    _, _, start, placed = _checked(data, seed=3, budget_s=1.0)
    for j in lock_jobs:
        assert placed[j] == start[j] == prepared.jobs[j].lock


def test_tiny_instances_with_juries_guests_and_travel_stay_valid():
    for seed in range(4):
        before, after, _, _ = _checked(generate("tiny", seed), seed=seed, budget_s=0.3)
        assert after <= before
