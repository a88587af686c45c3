"""The CP-SAT model: one start variable per screening (on the slot grid, inside opening hours), an optional
interval per screening × room that can show it, NoOverlap per room (runtime + changeover, fixed events
included), a circuit per jury ordering its screenings with travel time between venues, and the soft
constraints as objective terms.

With ``explain=True`` the model has no objective and every group of rules a person can name (a film's
screenings, a jury's deadline, a lock, a fixed event ...) is guarded by an assumption literal, so that
CP-SAT can return a small set of groups that cannot hold together."""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model
from ortools.util.python.sorted_interval_list import Domain

from korkyt.scheduling.hints import (
    add_hints,
    circuit_hinter,
    dev_hinter,
    excess_hinter,
    in_window,
    keep_hinter,
)
from korkyt.scheduling.prep import Job, Prepared, seat_cost, start_range

Progress = Callable[[float, int, float, int], None]  # elapsed s, objective, bound, solutions


@dataclass
class Built:
    model: cp_model.CpModel
    k: list[cp_model.IntVar | None] = field(default_factory=list)
    presence: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    placed: list[cp_model.IntVar] = field(default_factory=list)
    window: dict[tuple[int, str, int], cp_model.IntVar] = field(default_factory=dict)
    groups: dict[str, tuple[cp_model.IntVar, tuple[str, ...]]] = field(default_factory=dict)
    parts: dict[str, cp_model.LinearExprT] = field(default_factory=dict)
    empty: list[int] = field(default_factory=list)  # jobs that have no possible start at all
    domains: dict[int, Domain] = field(default_factory=dict)
    # Hints for the auxiliary variables, computed from a placement (job → (room, start)).
    window_value: dict[int, Callable[[dict[int, tuple[int, int]]], int]] = field(default_factory=dict)
    hinters: list[Callable[[dict[int, tuple[int, int]]], list[tuple[cp_model.IntVar, int]]]] = field(
        default_factory=list
    )


def _hours_domain(prepared: Prepared, job: Job) -> list[tuple[int, int]]:
    slot = prepared.instance.slot_min
    spans = []
    for window in prepared.windows:
        span = start_range(prepared, job, window)
        if span is not None:
            spans.append((span[0] // slot, span[1] // slot))
    return spans


def _restricted(prepared: Prepared, job: Job) -> Domain:
    """Starts (in slots) that meet the job's own deadline and its guests' availability."""
    inst = prepared.instance
    slot = inst.slot_min
    film = prepared.film(job)
    domain = Domain.AllValues()
    if job.kind == "jury" and film.jury is not None:
        deadline = next(j.deliberation_at for j in inst.juries if j.id == film.jury)
        domain = domain.intersection_with(Domain(-(10**9), (deadline - job.duration) // slot))
    if job.qa:
        for us, ue in film.unavailable:
            lo = -(-(us - job.duration + 1) // slot)
            hi = (ue - 1) // slot
            if lo <= hi:
                domain = domain.intersection_with(Domain(lo, hi).complement())
    return domain


def build(prepared: Prepared, *, explain: bool = False) -> Built:
    inst = prepared.instance
    slot = inst.slot_min
    co = inst.changeover_min
    m = cp_model.CpModel()
    b = Built(m)
    group = _Groups(b, explain)
    jobs = prepared.jobs
    films = inst.films

    for job in jobs:
        film = films[job.film]
        hours = _hours_domain(prepared, job)
        domain = Domain.FromIntervals([list(s) for s in hours])
        if not explain:
            domain = domain.intersection_with(_restricted(prepared, job))
            if job.lock is not None:
                domain = domain.intersection_with(Domain.FromValues([job.lock[1] // slot]))
                if job.lock[1] % slot:
                    domain = Domain.FromValues([])
        if domain.is_empty():
            b.empty.append(job.index)
            domain = Domain.FromValues([0]) if explain else domain
        if domain.is_empty():
            b.k.append(None)
            continue
        k = m.NewIntVarFromDomain(domain, f"k{job.index}")
        b.domains[job.index] = domain
        b.k.append(k)
        placed = m.NewBoolVar(f"placed{job.index}") if explain else m.NewConstant(1)
        b.placed.append(placed)
        if explain and job.index in b.empty:
            m.Add(placed == 0)
        rooms = job.rooms
        if not explain and job.lock is not None:
            rooms = tuple(r for r in rooms if r == job.lock[0])
        for r in rooms:
            b.presence[job.index, r] = m.NewBoolVar(f"p{job.index}_{r}")
        m.Add(sum(b.presence[job.index, r] for r in rooms) == placed)
        if explain:
            need = group.get(
                ("jury-films", film.jury) if job.kind == "jury" else ("count", job.film),
            )
            m.AddImplication(need, placed)
            restricted = _restricted(prepared, job)
            if job.kind == "jury" and film.jury is not None:
                m.AddLinearExpressionInDomain(k, restricted).OnlyEnforceIf(
                    [group.get(("deadline", film.jury)), placed]
                )
            elif job.qa:
                m.AddLinearExpressionInDomain(k, restricted).OnlyEnforceIf(
                    [group.get(("qa", job.film)), placed]
                )
            if job.lock is not None:
                lit = group.get(("lock", job.index))
                room, start = job.lock
                if start % slot or room not in job.rooms:
                    m.AddBoolOr([lit.Not()])
                else:
                    m.Add(k == start // slot).OnlyEnforceIf(lit)
                    m.AddImplication(lit, b.presence[job.index, room])
    if not explain and b.empty:
        return b

    # One screening per room at a time, with the changeover after each; fixed events hold their room.
    per_room: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    for (j, r), lit in b.presence.items():
        k = b.k[j]
        assert k is not None
        per_room[r].append(
            m.NewOptionalFixedSizeIntervalVar(slot * k, jobs[j].duration + co, lit, f"iv{j}_{r}")
        )
    room_index = {room.id: i for i, room in enumerate(inst.rooms)}
    for e, event in enumerate(inst.fixed):
        size = event.ends_at - event.starts_at + co
        if explain:
            lit = group.get(("fixed", e))
            iv = m.NewOptionalFixedSizeIntervalVar(event.starts_at, size, lit, f"fixed{e}")
        else:
            iv = m.NewFixedSizeIntervalVar(event.starts_at, size, f"fixed{e}")
        per_room[room_index[event.room]].append(iv)
    for ivs in per_room.values():
        if len(ivs) > 1:
            m.AddNoOverlap(ivs)
    if not explain:
        _room_time(prepared, b)

    _precedences(prepared, b, group, explain)
    _juries(prepared, b, group, explain)
    if not explain:
        _objective(prepared, b)
    return b


def _room_time(prepared: Prepared, b: Built) -> None:
    """Redundant: the screenings of a room fit in its opening hours (plus a changeover a day) minus its
    fixed events. The LP relaxation sees room capacity through it, which tightens the bound."""
    inst = prepared.instance
    co = inst.changeover_min
    spans = [(d.opens, d.closes + co) for d in inst.days]
    room_jobs: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    for (j, r), lit in b.presence.items():
        room_jobs[r].append((prepared.jobs[j].duration + co, lit))
    for r, items in room_jobs.items():
        room_id = inst.rooms[r].id
        busy = [(e.starts_at, e.ends_at + co) for e in inst.fixed if e.room == room_id]
        free = 0
        for lo, hi in spans:
            taken = sum(max(0, min(hi, fe) - max(lo, fs)) for fs, fe in busy)
            free += max(0, hi - lo - taken)
        if sum(size for size, _ in items) > free:
            b.model.Add(sum(size * lit for size, lit in items) <= free)


class _Groups:
    """Assumption literals, one per group of rules a person can name (explain mode only)."""

    def __init__(self, built: Built, explain: bool) -> None:
        self.b = built
        self.explain = explain
        self.true = built.model.NewConstant(1)

    def get(self, key: tuple[object, ...]) -> cp_model.IntVar:
        if not self.explain:
            return self.true
        name = ":".join(str(x) for x in key)
        if name not in self.b.groups:
            self.b.groups[name] = (self.b.model.NewBoolVar(name), tuple(str(x) for x in key))
        return self.b.groups[name][0]


def _start(b: Built, j: int) -> cp_model.LinearExprT:
    k = b.k[j]
    assert k is not None
    return k


def _precedences(prepared: Prepared, b: Built, group: _Groups, explain: bool) -> None:
    """Press and jury screenings before the film's first public one; a film's unlocked public screenings
    in order, those with a Q&A among themselves and the others among themselves (only screenings alike
    are interchangeable: a screening without Q&A may come before the Q&A one)."""
    m = b.model
    slot = prepared.instance.slot_min
    by_film: dict[int, list[Job]] = defaultdict(list)
    for job in prepared.jobs:
        by_film[job.film].append(job)
    for f, jobs in by_film.items():
        early = [j for j in jobs if j.kind != "public"]
        public = [j for j in jobs if j.kind == "public"]
        for q in early:
            for s in public:
                c = m.Add(slot * _start(b, s.index) >= slot * _start(b, q.index) + q.duration)
                if explain:
                    c.OnlyEnforceIf([group.get(("order", f)), b.placed[q.index], b.placed[s.index]])
        if not explain:
            for qa in (True, False):
                free = [s for s in public if s.lock is None and s.qa == qa]
                for a, c2 in itertools.pairwise(free):
                    m.Add(_start(b, a.index) <= _start(b, c2.index))


def _venue(prepared: Prepared, b: Built, job: Job) -> cp_model.LinearExprT:
    venues = {prepared.room_venue[r] for r in job.rooms}
    if len(venues) == 1:
        return next(iter(venues))
    return sum(
        prepared.room_venue[r] * b.presence[job.index, r] for r in job.rooms if (job.index, r) in b.presence
    )


def _venue_var(b: Built, venue: cp_model.LinearExprT, n_venues: int) -> cp_model.IntVar:
    """The venue index as a variable (a constant when the screening has rooms in one venue only)."""
    if isinstance(venue, int):
        return b.model.NewConstant(venue)
    var = b.model.NewIntVar(0, n_venues - 1, "")
    b.model.Add(var == venue)
    return var


def _juries(prepared: Prepared, b: Built, group: _Groups, explain: bool) -> None:
    """A jury sees one film at a time and travels between venues: a circuit through its screenings in time
    order; each arc i → j forces j to start after i ends plus the travel time when the venue changes."""
    m = b.model
    inst = prepared.instance
    slot = inst.slot_min
    changes: list[cp_model.LinearExprT] = []
    n_venues = len(prepared.venues)
    trips = [(u, w, prepared.travel[u][w] if u != w else 0) for u in range(n_venues) for w in range(n_venues)]
    max_trip = max((t for _, _, t in trips), default=0)
    for jury in inst.juries:
        jobs = [j for j in prepared.jobs if j.kind == "jury" and inst.films[j.film].jury == jury.id]
        if not jobs:
            continue
        lit_group = group.get(("travel", jury.id))
        if not explain and len(jobs) > 1:
            m.AddNoOverlap(
                [
                    m.NewFixedSizeIntervalVar(slot * _start(b, j.index), j.duration, f"jv{j.index}")
                    for j in jobs
                ]
            )
        venue = [_venue(prepared, b, j) for j in jobs]
        venue_var = [_venue_var(b, v, n_venues) for v in venue]
        arcs: list[tuple[int, int, cp_model.LiteralT]] = []
        n = len(jobs)
        aux: dict[
            tuple[int, int], tuple[cp_model.IntVar, cp_model.IntVar | None, cp_model.IntVar | None]
        ] = {}
        for i in range(n):
            first, last = m.NewBoolVar(""), m.NewBoolVar("")
            aux[-1, i] = (first, None, None)
            aux[i, -1] = (last, None, None)
            arcs.append((0, i + 1, first))
            arcs.append((i + 1, 0, last))
            if explain:
                arcs.append((i + 1, i + 1, b.placed[jobs[i].index].Not()))
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                lit = m.NewBoolVar(f"arc{jury.id}_{i}_{j}")
                arcs.append((i + 1, j + 1, lit))
                a, c = jobs[i], jobs[j]
                enforce = [lit, lit_group] if explain else [lit]
                vi, vj = venue[i], venue[j]
                gap_var = changed = None
                end_a = slot * _start(b, a.index) + a.duration
                start_c = slot * _start(b, c.index)
                if isinstance(vi, int) and isinstance(vj, int):
                    m.Add(start_c >= end_a + prepared.travel[vi][vj]).OnlyEnforceIf(enforce)
                    if vi != vj:
                        changes.append(lit)
                else:
                    # Same venue, or a change of venue with the trip between the two screenings' venues:
                    # a table of (venue before, venue after, trip) per arc.
                    changed = m.NewBoolVar("")
                    m.Add(vi == vj).OnlyEnforceIf([lit, changed.Not()])
                    gap_var = m.NewIntVar(0, max_trip, f"trip{jury.id}_{i}_{j}")
                    m.AddAllowedAssignments([venue_var[i], venue_var[j], gap_var], trips)
                    m.Add(start_c >= end_a + gap_var).OnlyEnforceIf(enforce)
                    changes.append(changed)
                aux[i, j] = (lit, gap_var, changed)
        m.AddCircuit(arcs)
        if not explain:
            free_venue = [
                None if isinstance(v, int) else var for v, var in zip(venue, venue_var, strict=True)
            ]
            b.hinters.append(circuit_hinter(prepared, jobs, aux, free_venue))
    b.parts["jury_venue_change"] = sum(changes) if changes else 0


def _objective(prepared: Prepared, b: Built) -> None:
    m = b.model
    inst = prepared.instance
    w = inst.weights
    slot = inst.slot_min
    seats = []
    for (j, r), lit in b.presence.items():
        job = prepared.jobs[j]
        cost = seat_cost(inst.films[job.film], inst.rooms[r], job.kind)
        if cost:
            seats.append(cost * lit)
    b.parts["seats"] = sum(seats) if seats else 0

    public = [j for j in prepared.jobs if j.kind == "public" and b.k[j.index] is not None]
    per_film: dict[int, int] = defaultdict(int)
    for job in public:
        per_film[job.film] += 1
    with_country = {inst.films[j.film].country for j in public} - {None}
    for job in public:
        k = b.k[job.index]
        assert k is not None
        spans: dict[tuple[str, int], list[tuple[int, int, int, int]]] = defaultdict(list)
        for window in prepared.windows:
            span = start_range(prepared, job, window)
            if span is None:
                continue
            lo, hi = span[0] // slot, span[1] // slot
            if b.domains[job.index].intersection_with(Domain(lo, hi)).is_empty():
                continue
            spans["day", window.day].append((lo, hi, window.lo, window.hi))
            spans["bucket", window.bucket].append((lo, hi, window.lo, window.hi))
        several = per_film[job.film] > 1
        for attr in ("day", "bucket"):
            if not several and not (attr == "bucket" and len(with_country) > 1):
                continue
            lits = []
            for (kind, value), parts in spans.items():
                if kind != attr:
                    continue
                lit = m.NewBoolVar(f"{attr}{job.index}_{value}")
                domain = Domain.FromIntervals([[lo, hi] for lo, hi, _, _ in parts])
                m.AddLinearExpressionInDomain(k, domain).OnlyEnforceIf(lit)
                b.window[job.index, attr, value] = lit
                b.window_value[lit.Index()] = in_window(job.index, [(a, c) for _, _, a, c in parts])
                lits.append(lit)
            m.AddExactlyOne(lits)

    by_film: dict[int, list[Job]] = defaultdict(list)
    for job in public:
        by_film[job.film].append(job)
    same_day: list[cp_model.IntVar] = []
    same_time: list[cp_model.IntVar] = []
    for jobs in by_film.values():
        if len(jobs) < 2:
            continue
        for attr, out in (("day", same_day), ("bucket", same_time)):
            groups: dict[int, list[cp_model.IntVar]] = defaultdict(list)
            for job in jobs:
                for (j, kind, value), lit in b.window.items():
                    if j == job.index and kind == attr:
                        groups[value].append(lit)
            for lits in groups.values():
                if len(lits) > 1:
                    excess = m.NewIntVar(0, len(lits) - 1, "")
                    m.Add(excess >= sum(lits) - 1)
                    out.append(excess)
                    b.hinters.append(excess_hinter(b, excess, lits))
    b.parts["same_day"] = sum(same_day) if same_day else 0
    b.parts["same_time_of_day"] = sum(same_time) if same_time else 0

    # Same section at once: a soft NoOverlap. Each public screening is in the section's NoOverlap unless
    # excused; the number excused is the fewest screenings to take out so no two run together.
    excused = []
    by_section: dict[str, list[Job]] = defaultdict(list)
    for job in public:
        by_section[inst.films[job.film].section].append(job)
    for jobs in by_section.values():
        if len(jobs) < 2:
            continue
        ivs = []
        keeps = []
        for job in jobs:
            keep = m.NewBoolVar("")
            keeps.append(keep)
            ivs.append(m.NewOptionalFixedSizeIntervalVar(slot * _start(b, job.index), job.duration, keep, ""))
            excused.append(1 - keep)
        m.AddNoOverlap(ivs)
        b.hinters.append(keep_hinter(jobs, keeps))
    b.parts["section_overlap"] = sum(excused) if excused else 0

    # Prime-time balance among countries: |N·P_c − n_c·T| ≤ N·dev_c.
    countries: dict[str, list[Job]] = defaultdict(list)
    for job in public:
        country = inst.films[job.film].country
        if country is not None:
            countries[country].append(job)
    devs = []
    if len(countries) > 1:
        prime = {
            job.index: b.window.get((job.index, "bucket", 2), 0)
            for jobs in countries.values()
            for job in jobs
        }
        total_n = sum(len(v) for v in countries.values())
        prime_total = sum(prime.values())
        for jobs in countries.values():
            p_c = sum(prime[j.index] for j in jobs)
            dev = m.NewIntVar(0, len(jobs) + total_n, "")
            m.Add(total_n * dev >= total_n * p_c - len(jobs) * prime_total)
            m.Add(total_n * dev >= len(jobs) * prime_total - total_n * p_c)
            devs.append(dev)
            b.hinters.append(dev_hinter(prepared, dev, jobs, [j for v in countries.values() for j in v]))
    b.parts["prime_balance"] = sum(devs) if devs else 0

    m.Minimize(
        w.same_day * b.parts["same_day"]
        + w.same_time_of_day * b.parts["same_time_of_day"]
        + w.seats * b.parts["seats"]
        + w.section_overlap * b.parts["section_overlap"]
        + w.prime_balance * b.parts["prime_balance"]
        + w.jury_venue_change * b.parts["jury_venue_change"]
    )


class _Recorder(cp_model.CpSolverSolutionCallback):
    def __init__(self, t0: float, progress: Progress | None) -> None:
        super().__init__()
        self.t0 = t0
        self.first: float | None = None
        self.count = 0
        self.progress = progress

    def on_solution_callback(self) -> None:
        elapsed = time.perf_counter() - self.t0
        if self.first is None:
            self.first = elapsed
        self.count += 1
        if self.progress is not None:
            self.progress(elapsed, int(self.ObjectiveValue()), self.BestObjectiveBound(), self.count)


LNS_FROM_JOBS = 60  # past this many screenings a complete greedy schedule goes to korkyt.scheduling.large


@dataclass
class CpResult:
    status: str
    placed: dict[int, tuple[int, int]]
    objective: int | None
    bound: float | None
    first_s: float | None
    solutions: int


def solve_model(
    prepared: Prepared,
    *,
    time_limit: float,
    workers: int = 2,
    hint: dict[int, tuple[int, int]] | None = None,
    progress: Progress | None = None,
    t0: float | None = None,
    seed: int = 0,
) -> CpResult:
    """The full model for the time left of ``time_limit`` (counted from ``t0``), from ``hint`` when given."""
    t0 = time.perf_counter() if t0 is None else t0
    b = build(prepared)
    if b.empty:
        return CpResult("infeasible", {}, None, None, None, 0)
    if hint:
        add_hints(prepared, b, hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit - (time.perf_counter() - t0))
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    # Probing in presolve costs seconds on a shared machine and finds little here.
    solver.parameters.cp_model_probing_level = 0
    recorder = _Recorder(t0, progress)
    code = solver.Solve(b.model, recorder)
    if code == cp_model.MODEL_INVALID:  # pragma: no cover - a bug in the model, not in the input
        raise RuntimeError(b.model.Validate())
    if code == cp_model.INFEASIBLE:
        return CpResult("infeasible", {}, None, None, None, 0)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpResult("unknown", {}, None, solver.BestObjectiveBound(), None, 0)
    placed = {}
    for (j, r), lit in b.presence.items():
        if solver.Value(lit):
            k = b.k[j]
            assert k is not None
            placed[j] = (r, solver.Value(k) * prepared.instance.slot_min)
    objective = round(solver.ObjectiveValue())
    bound = max(0.0, solver.BestObjectiveBound())
    status = "optimal" if code == cp_model.OPTIMAL or objective <= bound else "feasible"
    return CpResult(status, placed, objective, bound, recorder.first, recorder.count)
