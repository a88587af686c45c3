"""``solve``: the package's entry point."""

from __future__ import annotations

import time
from typing import Literal

from korkyt.scheduling.costs import evaluate
from korkyt.scheduling.cpsat import LNS_FROM_JOBS, Progress, solve_model
from korkyt.scheduling.errors import SchedulingError
from korkyt.scheduling.explain import explain, prechecks
from korkyt.scheduling.greedy import greedy
from korkyt.scheduling.large import solve_large
from korkyt.scheduling.model import Instance, Kind, Reason, Screening, Solution, Status, Unplaced
from korkyt.scheduling.prep import Prepared, prepare

Method = Literal["cp-sat", "greedy"]
METHODS: tuple[str, ...] = ("cp-sat", "greedy")


def _screenings(prepared: Prepared, placed: dict[int, tuple[int, int]]) -> tuple[Screening, ...]:
    inst = prepared.instance
    out = []
    # Q&A and gala marks go to the film's public screenings in job order (locked ones first).
    for index, (room, start) in placed.items():
        job = prepared.jobs[index]
        film = inst.films[job.film]
        kind: Kind = job.kind
        if (
            kind == "public"
            and film.gala
            and start
            == min(
                s
                for j, (_, s) in placed.items()
                if prepared.jobs[j].film == job.film and prepared.jobs[j].kind == "public"
            )
        ):
            kind = "gala"
        elif kind == "public" and (job.film, room, start) in prepared.gala_locks:
            kind = "gala"  # locked as a gala: it stays one
        out.append(
            Screening(
                film.id, inst.rooms[room].id, start, start + job.duration, kind, job.qa, job.lock is not None
            )
        )
    for event in inst.fixed:
        out.append(Screening(event.film, event.room, event.starts_at, event.ends_at, "gala", event=event.id))
    return tuple(sorted(out, key=lambda s: (s.starts_at, s.room)))


def solve(
    instance: Instance,
    *,
    method: Method = "cp-sat",
    time_limit: float = 20.0,
    workers: int = 2,
    seed: int = 0,
    progress: Progress | None = None,
    explain_infeasible: bool = True,
) -> Solution:
    """Schedule ``instance``. CP-SAT starts from the greedy schedule as a hint and always stops at
    ``time_limit`` seconds (the greedy construction and the model build count against it)."""
    if method not in METHODS:
        raise SchedulingError(f"unknown method {method!r}: use {' or '.join(METHODS)}")
    if not time_limit > 0:
        raise SchedulingError("the time limit must be a positive number of seconds")
    t0 = time.perf_counter()
    prepared = prepare(instance)
    found = prechecks(prepared)
    if found:
        return Solution("infeasible", method, explanation=tuple(found), wall_s=time.perf_counter() - t0)
    base = greedy(prepared)
    if method == "greedy":
        parts = evaluate(prepared, base.placed)
        unplaced = tuple(
            Unplaced(instance.films[prepared.jobs[j].film].id, prepared.jobs[j].kind, why)
            for j, why in sorted(base.unplaced.items())
        )
        status: Status = "feasible" if not unplaced else "partial"
        return Solution(
            status,
            method,
            _screenings(prepared, base.placed),
            unplaced,
            parts.total,
            None,
            None,
            parts,
            wall_s=time.perf_counter() - t0,
            first_feasible_s=time.perf_counter() - t0 if not unplaced else None,
            solutions=int(not unplaced),
        )
    greedy_s = time.perf_counter() - t0
    if len(prepared.jobs) > LNS_FROM_JOBS and not base.unplaced:
        # Large editions: annealing from the greedy schedule while the full model proves a bound.
        result = solve_large(
            prepared, base.placed, t0=t0, time_limit=time_limit, workers=workers, seed=seed, progress=progress
        )
    else:
        # Small editions, or a greedy schedule that left screenings out: the full model, all the time.
        result = solve_model(
            prepared,
            time_limit=time_limit,
            workers=workers,
            hint=base.placed,
            progress=progress,
            t0=t0,
            seed=seed,
        )
    wall = time.perf_counter() - t0
    if result.status == "infeasible":
        left = time_limit - (time.perf_counter() - t0)
        reasons = explain(prepared, time_limit=max(2.0, left)) if explain_infeasible else []
        return Solution("infeasible", method, explanation=tuple(reasons), wall_s=time.perf_counter() - t0)
    if result.status == "unknown":
        if not base.unplaced:  # the greedy schedule is complete: a feasible answer with CP-SAT's bound
            parts = evaluate(prepared, base.placed)
            bound = result.bound
            return Solution(
                "feasible",
                "greedy",
                _screenings(prepared, base.placed),
                (),
                parts.total,
                bound,
                _gap(parts.total, bound),
                parts,
                explanation=(
                    Reason(
                        f"CP-SAT found no schedule within {time_limit:g} s; this is the greedy one",
                        "greedy-fallback",
                        {"seconds": time_limit},
                    ),
                ),
                wall_s=wall,
                first_feasible_s=wall,
                solutions=1,
            )
        return Solution(
            "unknown",
            method,
            explanation=(
                Reason(
                    f"no schedule was found within {time_limit:g} s and none was proven impossible",
                    "timeout",
                    {"seconds": time_limit},
                ),
            ),
            wall_s=wall,
        )
    parts = evaluate(prepared, result.placed)
    return Solution(
        result.status,  # type: ignore[arg-type]
        method,
        _screenings(prepared, result.placed),
        (),
        result.objective,
        result.bound,
        _gap(result.objective, result.bound),
        parts,
        wall_s=wall,
        # A complete greedy schedule is the first feasible one (valid, and returned if nothing beats it).
        first_feasible_s=greedy_s if not base.unplaced else result.first_s,
        solutions=result.solutions,
    )


def _gap(objective: int | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    return max(0.0, (objective - bound) / max(1.0, abs(objective)))
