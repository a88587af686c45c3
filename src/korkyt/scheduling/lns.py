"""Large-neighbourhood search around a schedule: free a part (a day, two rooms, a section, a handful of
films), keep the rest where it is, and let CP-SAT re-place the freed screenings in a small model.

On a shared two-core machine CP-SAT's own LNS spends most of its wall time copying and presolving the full
model for every neighbourhood; these sub-models hold only the freed screenings' choices (the others are
constants), so each one solves in a fraction of a second."""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from korkyt.scheduling.costs import evaluate
from korkyt.scheduling.prep import Prepared

Placement = dict[int, tuple[int, int]]
MAX_FREE = 30
SUB_LIMIT_S = 1.5


def _neighbourhood(prepared: Prepared, placed: Placement, rng: random.Random, size: int) -> set[int]:
    jobs = prepared.jobs
    inst = prepared.instance
    juries = sorted({f.jury for f in inst.films if f.jury is not None})
    kind = rng.randrange(7 if juries else 6)
    if kind == 6:  # a jury's screenings over two days and the rooms they are in: fewer venue changes
        jury = rng.choice(juries)
        mine = [
            j
            for j in placed
            if jobs[j].kind == "jury" and inst.films[jobs[j].film].jury == jury and jobs[j].lock is None
        ]
        if not mine:
            return set()
        pivot = placed[rng.choice(mine)][1]  # the day of one of its screenings, and the next
        first = next(i for i, d in enumerate(inst.days) if d.opens <= pivot < d.closes)
        days = inst.days[first : first + 2]
        seen = {j for j in mine if any(d.opens <= placed[j][1] < d.closes for d in days)}
        rooms = {placed[j][0] for j in seen}
        venues = {prepared.room_venue[r] for r in rooms}
        # The rooms of the jury's venues that are like the ones it uses (its screenings may move there).
        rooms |= {
            r
            for r in range(len(inst.rooms))
            if prepared.room_venue[r] in venues
            and any(inst.rooms[r].seats <= inst.rooms[q].seats for q in rooms)
        }
        others = sorted(
            j
            for j, (r, s) in placed.items()
            if j not in seen
            and r in rooms
            and jobs[j].lock is None
            and any(d.opens <= s < d.closes for d in days)
        )
        if len(seen) + len(others) > size:
            others = rng.sample(others, max(0, size - len(seen)))
        return seen | set(others)
    if kind >= 4:  # rooms of different sizes over two days: films change halls
        rooms = set(rng.sample(range(len(inst.rooms)), min(4, len(inst.rooms))))
        first = rng.randrange(len(inst.days))
        days = inst.days[first : first + 2]
        free = {
            j for j, (r, s) in placed.items() if r in rooms and any(d.opens <= s < d.closes for d in days)
        }
    elif kind == 0:  # one day
        day = rng.choice(inst.days)
        free = {j for j, (_, s) in placed.items() if day.opens <= s < day.closes}
    elif kind == 1:  # two rooms
        rooms = set(rng.sample(range(len(inst.rooms)), min(2, len(inst.rooms))))
        free = {j for j, (r, _) in placed.items() if r in rooms}
    elif kind == 2:  # a section and its films' other screenings
        section = rng.choice(sorted({f.section for f in inst.films}))
        films = {i for i, f in enumerate(inst.films) if f.section == section}
        free = {job.index for job in jobs if job.film in films}
    else:  # a handful of films
        films = set(rng.sample(range(len(inst.films)), min(12, len(inst.films))))
        free = {job.index for job in jobs if job.film in films}
    free = {j for j in free if jobs[j].lock is None}
    if len(free) > size:
        free = set(rng.sample(sorted(free), size))
    return free


def improve(
    prepared: Prepared,
    placed: Placement,
    objective: int,
    *,
    deadline: float,
    seed: int,
    workers: int,
    on_better: Callable[[int], None] | None = None,
) -> tuple[Placement, int, int]:
    """Better schedules until ``deadline`` (a perf_counter time).

    Returns (placement, objective, number of improvements)."""
    from korkyt.scheduling.cpsat import build
    from korkyt.scheduling.hints import add_hints

    rng = random.Random(seed)  # noqa: S311 - search diversification, not secrets
    slot = prepared.instance.slot_min
    better = 0
    size = MAX_FREE
    while deadline - time.perf_counter() > 0.3:
        free = _neighbourhood(prepared, placed, rng, size)
        if not free:
            continue
        jobs = tuple(
            job
            if job.index in free or job.lock is not None
            else dataclasses.replace(job, lock=placed[job.index])
            for job in prepared.jobs
        )
        sub = dataclasses.replace(prepared, jobs=jobs)
        built = build(sub)
        if built.empty:  # pragma: no cover - the current schedule is always a solution
            continue
        add_hints(sub, built, placed)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, min(SUB_LIMIT_S, deadline - time.perf_counter()))
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = rng.randrange(1 << 30)
        solver.parameters.cp_model_probing_level = 0
        code = solver.Solve(built.model)
        # Neighbourhoods solved to optimality grow, the others shrink.
        size = min(2 * MAX_FREE, size + 5) if code == cp_model.OPTIMAL else max(10, size - 2)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        if round(solver.ObjectiveValue()) > objective:
            continue
        new = dict(placed)
        for (j, r), lit in built.presence.items():
            if j in free and solver.Value(lit):
                k = built.k[j]
                assert k is not None
                new[j] = (r, solver.Value(k) * slot)
        # A feasible (not optimal) sub-model may leave a slack of the objective above its least value
        # (a spread or overlap counter): the schedule's own objective is what counts.
        value = evaluate(prepared, new).total
        if value > objective:
            continue
        improved = value < objective
        placed, objective = new, value  # an equal schedule is taken too: it moves the search elsewhere
        if not improved:
            continue
        better += 1
        if on_better is not None:
            on_better(objective)
    return placed, objective, better
