"""A lower bound on the objective from a relaxation: each screening gets a room and a day, and each room's
day holds the screenings' grid time; everything else about time is left out.

Every schedule is a solution of the relaxation with the same seat and same-day costs (and the other parts
of the objective are never negative), so the relaxation's bound is a lower bound of the problem itself,
not only of the CP-SAT model. A room's time is counted per day and on the slot grid: two screenings in a
room start at least runtime + changeover apart, rounded up to the grid, all of it between the day's
opening and its closing plus a changeover, minus the fixed events' time. Press and jury screenings come
on the film's first public day at the latest; guests' and juries' deadlines limit the days.

A linear programme (GLOP, from OR-Tools like CP-SAT) solves it in a second or two even on a loaded
machine, where the full CP-SAT model may not get past its presolve; its optimum is a valid bound too.
With it the benchmark can say how far a goal such as "30 % below greedy" can be reached at all."""

from __future__ import annotations

import math
from collections import defaultdict

from ortools.linear_solver import pywraplp
from ortools.util.python.sorted_interval_list import Domain

from korkyt.scheduling.prep import Job, Prepared, seat_cost

RELAX_LIMIT_S = 3.0


def _slots(lo: int, hi: int, slot: int) -> int:
    """Grid points in [lo, hi)."""
    return max(0, -(-hi // slot) - -(-lo // slot))


def job_days(prepared: Prepared, job: Job) -> list[int]:
    """The days on which ``job`` has a possible start (opening hours, deadline, guests, lock)."""
    from korkyt.scheduling.cpsat import _hours_domain, _restricted

    slot = prepared.instance.slot_min
    domain = Domain.FromIntervals([list(s) for s in _hours_domain(prepared, job)])
    domain = domain.intersection_with(_restricted(prepared, job))
    if job.lock is not None:
        domain = domain.intersection_with(Domain.FromValues([job.lock[1] // slot]))
    out = []
    for d, day in enumerate(prepared.instance.days):
        lo, hi = -(-day.opens // slot), (day.closes - job.duration) // slot
        if lo <= hi and not domain.intersection_with(Domain(lo, hi)).is_empty():
            out.append(d)
    return out


def capacity(prepared: Prepared, room: int, day: int) -> int:
    """Grid points of ``room`` on ``day`` that screenings can take: [opens, closes + changeover) without
    the fixed events (each with its changeover)."""
    inst = prepared.instance
    slot, co = inst.slot_min, inst.changeover_min
    d = inst.days[day]
    lo, hi = d.opens, d.closes + co
    free = _slots(lo, hi, slot)
    for event in inst.fixed:
        if event.room == inst.rooms[room].id:
            free -= _slots(max(lo, event.starts_at), min(hi, event.ends_at + co), slot)
    return max(0, free)


def lower_bound(prepared: Prepared, *, time_limit: float = RELAX_LIMIT_S, prime: bool = False) -> int | None:
    """The optimum of the relaxation's linear programme (GLOP), rounded up as the objective is whole: no
    complete schedule has a smaller objective. None when the relaxation is infeasible (then so is the
    problem, which the full model reports with its explanation) or when the time ran out.

    With ``prime`` also the prime-time part (two more linear programmes, see ``_prime_floor``)."""
    base = _relaxation(prepared, time_limit, None)
    if base is None or not prime:
        return base
    floor = prepared.instance.weights.prime_balance * _prime_floor(prepared)
    if floor == 0:
        return base
    # Either some but not all public screenings (of films with a country) are in prime time, and the
    # balance costs at least ``floor``; or none is, or all are: the rooms' time outside (inside) prime
    # time must then hold them.
    cases = [base + floor]
    for side in ("outside", "inside"):
        value = _relaxation(prepared, time_limit, side)
        if value is not None:  # None: infeasible (or out of time: then the case is not counted)
            cases.append(value)
    return max(base, min(cases))


def _prime_floor(prepared: Prepared) -> int:
    """The least prime-time imbalance (before weighting) of any schedule with some but not all public
    screenings in prime time: for each number P of them, each country's least term on its own (its
    prime-time count free in 0..n), summed; the least over P = 1 .. T−1. With eight countries of
    screenings that share few divisors, each country costs 1 at almost every P."""
    counts: dict[str, int] = defaultdict(int)
    for job in prepared.jobs:
        country = prepared.film(job).country
        if job.kind == "public" and country is not None:
            counts[country] += 1
    total = sum(counts.values())
    if len(counts) < 2:
        return 0
    return min(
        sum(-(-min(abs(total * k - n * p) for k in range(n + 1)) // total) for n in counts.values())
        for p in range(1, total)
    )


def _side_capacity(prepared: Prepared, day: int, side: str, need_max: int) -> int:
    """Most grid slots (runtime + changeover, rounded up) a room's public screenings can take on
    ``day`` when all start outside prime time (``side`` "outside") or all inside it ("inside").

    Screenings starting in [a, b) follow one another (each at least its slots after the one before), so
    they take at most (last grid start − first grid start) / slot + the last one's slots; those that
    start from b to closing end by closing, so they take at most (closes + changeover + slot − 1 − b) /
    slot."""
    inst = prepared.instance
    slot, co = inst.slot_min, inst.changeover_min
    d = inst.days[day]
    midnight = (d.opens // 1440) * 1440
    lo = max(d.opens, midnight + inst.prime_from)
    hi = min(d.closes, midnight + inst.prime_to)
    if lo >= hi:  # no prime time on this day
        return 10**6 if side == "outside" else 0

    def run(a: int, b: int) -> int:  # starts in [a, b), each followed by a later one or the last
        first, last = -(-a // slot) * slot, ((b - 1) // slot) * slot
        return 0 if first > last else (last - first) // slot + need_max

    if side == "inside":
        return run(lo, hi)
    after = -(-hi // slot) * slot
    tail = max(0, (d.closes + co + slot - 1 - after) // slot) if after < d.closes else 0
    return run(d.opens, lo) + tail


def _relaxation(prepared: Prepared, time_limit: float, side: str | None) -> int | None:
    inst = prepared.instance
    w = inst.weights
    slot, co = inst.slot_min, inst.changeover_min
    lp = pywraplp.Solver.CreateSolver("GLOP")
    assert lp is not None
    lp.SetTimeLimit(max(50, int(time_limit * 1000)))
    objective = lp.Objective()
    options: dict[int, list[tuple[int, int, pywraplp.Variable, int]]] = defaultdict(list)
    bins: dict[tuple[int, int], pywraplp.Constraint] = {}
    day_var: dict[int, pywraplp.Variable] = {}
    need: dict[int, int] = {}
    side_bins: dict[tuple[int, int], pywraplp.Constraint] = {}
    # The longest public screening, in slots (a room's last screening of a run may take that many).
    need_max = max(
        (-(-(job.duration + co) // slot) for job in prepared.jobs if job.kind == "public"), default=0
    )
    for job in prepared.jobs:
        rooms = job.rooms if job.lock is None else tuple(r for r in job.rooms if r == job.lock[0])
        days = job_days(prepared, job)
        need[job.index] = -(-(job.duration + co) // slot)
        one = lp.Constraint(1, 1)
        # day(job) - Σ d·x = 0: the job's day as a variable, for precedences and the same-day counts.
        day = lp.NumVar(0, max(0, len(inst.days) - 1), "")
        link = lp.Constraint(0, 0)
        link.SetCoefficient(day, 1)
        day_var[job.index] = day
        options[job.index] = []
        sided = side is not None and job.kind == "public" and prepared.film(job).country is not None
        for r in rooms:
            cost = w.seats * seat_cost(prepared.film(job), prepared.room(r), job.kind)
            for d in days:
                x = lp.NumVar(0, 1, "")
                one.SetCoefficient(x, 1)
                link.SetCoefficient(x, -d)
                objective.SetCoefficient(x, cost)
                if (r, d) not in bins:
                    bins[r, d] = lp.Constraint(0, capacity(prepared, r, d))
                bins[r, d].SetCoefficient(x, need[job.index])
                if sided:
                    assert side is not None
                    if (r, d) not in side_bins:
                        cap = _side_capacity(prepared, d, side, need_max)
                        side_bins[r, d] = lp.Constraint(0, cap)
                    side_bins[r, d].SetCoefficient(x, need[job.index])
                options[job.index].append((r, d, x, cost))
        if not options[job.index]:
            return None
    # Press and jury screenings on the day of the film's public ones at the latest; a film's public
    # screenings on one day beyond the first cost the same-day weight.
    by_film: dict[int, list[Job]] = defaultdict(list)
    for job in prepared.jobs:
        by_film[job.film].append(job)
    for jobs in by_film.values():
        public = [j for j in jobs if j.kind == "public"]
        for early in (j for j in jobs if j.kind != "public"):
            for job in public:
                order = lp.Constraint(0, lp.infinity())
                order.SetCoefficient(day_var[job.index], 1)
                order.SetCoefficient(day_var[early.index], -1)
        if len(public) < 2:
            continue
        for d in range(len(inst.days)):
            excess = lp.NumVar(0, lp.infinity(), "")
            objective.SetCoefficient(excess, w.same_day)
            count = lp.Constraint(-lp.infinity(), 1)
            count.SetCoefficient(excess, -1)
            for job in public:
                for _, dd, x, _ in options[job.index]:
                    if dd == d:
                        count.SetCoefficient(x, 1)
    objective.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = objective.Value()
    # Less the solver's relative tolerance, so that rounding never lifts the bound above the optimum.
    return max(0, math.ceil(value - 1e-6 * max(1.0, abs(value))))
