"""A fast greedy construction: the baseline, and the hint that starts the CP-SAT search.

Locked screenings first, then jury screenings (earliest deadline first), press screenings, and public
screenings round by round (every film's first, then every film's second ...), each put at the cheapest
place the objective's parts see at that moment among the earliest free start of every room × day ×
time of day. A screening that fits nowhere is left unplaced with the reason."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from korkyt.scheduling.model import Instance
from korkyt.scheduling.prep import Job, Prepared, jury_gap, seat_cost, start_range, window_of


def _jury_gap(prepared: Prepared, a: Job, room_a: int, b: Job, room_b: int) -> int:
    """The gap the greedy construction keeps between jury screenings ``a`` then ``b`` in different venues:
    the longest trip between the venues the two could be shown in (the exact trip when each has one
    venue). Safe and simple; the optimizer uses the exact trip (``prep.jury_gap``)."""
    va, vb = prepared.room_venue[room_a], prepared.room_venue[room_b]
    if va == vb:
        return 0
    venues_a = {prepared.room_venue[r] for r in a.rooms}
    venues_b = {prepared.room_venue[r] for r in b.rooms}
    if len(venues_a) == 1 and len(venues_b) == 1:
        return jury_gap(prepared, room_a, room_b)
    return max((prepared.travel[u][w] for u in venues_a for w in venues_b if u != w), default=0)


@dataclass
class GreedyResult:
    placed: dict[int, tuple[int, int]] = field(default_factory=dict)
    unplaced: dict[int, str] = field(default_factory=dict)


def _up(t: int, slot: int) -> int:
    return -(-t // slot) * slot


class _State:
    def __init__(self, prepared: Prepared) -> None:
        self.p = prepared
        inst: Instance = prepared.instance
        self.slot = inst.slot_min
        self.co = inst.changeover_min
        self.room_busy: list[list[tuple[int, int]]] = [[] for _ in inst.rooms]
        index = {r.id: i for i, r in enumerate(inst.rooms)}
        for event in inst.fixed:
            self.room_busy[index[event.room]].append((event.starts_at, event.ends_at + self.co))
        self.jury_busy: dict[str, list[tuple[int, int, int, Job]]] = defaultdict(list)
        self.deadline = {j.id: j.deliberation_at for j in inst.juries}
        self.film_after: dict[int, int] = defaultdict(lambda: -(10**9))  # public starts after jury/press
        self.last_public: dict[int, int] = defaultdict(lambda: -(10**9))  # unlocked publics in order
        self.first_public: dict[int, int] = {}
        self.days: dict[int, Counter[int]] = defaultdict(Counter)
        self.buckets: dict[int, Counter[int]] = defaultdict(Counter)
        self.section: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._gaps: dict[tuple[int, int, int, int], int] = {}

    def gap(self, a: Job, room_a: int, b: Job, room_b: int) -> int:
        key = (a.index, room_a, b.index, room_b)
        if key not in self._gaps:
            self._gaps[key] = _jury_gap(self.p, a, room_a, b, room_b)
        return self._gaps[key]

    def earliest(self, job: Job, room: int, lo: int, hi: int) -> int | None:
        """Earliest slot-aligned start in [lo, hi] free for the room (and the jury, and the guests)."""
        film = self.p.film(job)
        dur = job.duration
        t = _up(lo, self.slot)
        while t <= hi:
            moved = t
            for bs, be in self.room_busy[room]:
                if bs < t + dur + self.co and be > t:
                    moved = max(moved, be)
            if job.kind == "jury" and film.jury is not None:
                if t + dur > self.deadline[film.jury]:
                    return None
                for js, je, jroom, other in self.jury_busy[film.jury]:
                    before = self.gap(other, jroom, job, room)
                    after = self.gap(job, room, other, jroom)
                    if not (t >= je + before or t + dur + after <= js):
                        moved = max(moved, je + before)
            if job.qa:
                for us, ue in film.unavailable:
                    if t < ue and t + dur > us:
                        moved = max(moved, ue)
            if moved == t:
                return t
            t = _up(moved, self.slot)
        return None

    def put(self, job: Job, room: int, start: int) -> None:
        film = self.p.film(job)
        self.room_busy[room].append((start, start + job.duration + self.co))
        if job.kind == "jury" and film.jury is not None:
            self.jury_busy[film.jury].append((start, start + job.duration, room, job))
        if job.kind in ("jury", "press"):
            self.film_after[job.film] = max(self.film_after[job.film], start + job.duration)
        else:
            if job.lock is None:
                self.last_public[job.film] = max(self.last_public[job.film], start)
            self.first_public[job.film] = min(self.first_public.get(job.film, start), start)
            window = window_of(self.p, start)
            if window is not None:
                self.days[job.film][window.day] += 1
                self.buckets[job.film][window.bucket] += 1
            self.section[film.section].append((start, start + job.duration))

    def cost(self, job: Job, room: int, start: int, day: int, bucket: int) -> int:
        w = self.p.instance.weights
        film = self.p.film(job)
        cost = w.seats * seat_cost(film, self.p.room(room), job.kind)
        if job.kind == "public":
            cost += (
                w.same_day * self.days[job.film][day] + w.same_time_of_day * self.buckets[job.film][bucket]
            )
            end = start + job.duration
            if any(s < end and e > start for s, e in self.section[film.section]):
                cost += w.section_overlap
        return cost


def greedy(prepared: Prepared) -> GreedyResult:
    state = _State(prepared)
    result = GreedyResult()
    jobs = prepared.jobs
    instance = prepared.instance
    for job in jobs:
        if job.lock is None:
            continue
        room, start = job.lock
        if room not in job.rooms:
            result.unplaced[job.index] = f"locked in room {prepared.room(room).id}, which cannot show it"
            continue
        inside = any(d.opens <= start and start + job.duration <= d.closes for d in instance.days)
        if not inside or start % instance.slot_min or state.earliest(job, room, start, start) != start:
            result.unplaced[job.index] = (
                "locked where it conflicts with another rule (room, hours, jury, guests)"
            )
            continue
        state.put(job, room, start)
        result.placed[job.index] = (room, start)

    def deadline(job: Job) -> int:
        jury = prepared.film(job).jury
        return next(j.deliberation_at for j in instance.juries if j.id == jury)

    free = [j for j in jobs if j.lock is None]
    order = sorted((j for j in free if j.kind == "jury"), key=lambda j: (deadline(j), len(j.rooms)))
    order += [j for j in free if j.kind == "press"]
    order += sorted(
        (j for j in free if j.kind == "public"),
        key=lambda j: (j.ordinal, len(j.rooms), -prepared.film(j).demand, j.film),
    )
    for job in order:
        lo = -(10**9)
        if job.kind == "public":
            lo = max(state.film_after[job.film], state.last_public[job.film])
            # The rooms whose size suits the film best first; all rooms only when those are full.
            film = prepared.film(job)
            ranked = sorted(job.rooms, key=lambda r: seat_cost(film, prepared.room(r), "public"))
            best = _best(prepared, state, job, ranked[:ROOM_SHORTLIST], lo)
            if best is None and len(ranked) > ROOM_SHORTLIST:
                best = _best(prepared, state, job, ranked[ROOM_SHORTLIST:], lo)
        else:
            best = _best(prepared, state, job, list(job.rooms), lo)
        if best is None:
            result.unplaced[job.index] = _why(prepared, job)
            continue
        _, start, room = best
        if job.kind in ("jury", "press") and start + job.duration > state.first_public.get(job.film, 10**9):
            result.unplaced[job.index] = "no free room before the film's first public screening"
            continue
        state.put(job, room, start)
        result.placed[job.index] = (room, start)
    return result


ROOM_SHORTLIST = 10


def _best(
    prepared: Prepared, state: _State, job: Job, rooms: list[int], lo: int
) -> tuple[int, int, int] | None:
    """Cheapest (cost, start, room): public screenings by the objective's parts, jury and press
    screenings as early as possible (the first window with a free room ends the search)."""
    best: tuple[int, int, int] | None = None
    w = prepared.instance.weights
    film = prepared.film(job)
    public = job.kind == "public"
    # Public screenings: rooms come cheapest seats first, so a room whose seat cost plus the window's
    # spread penalty already reaches the best cost found ends the window (nothing after it is cheaper).
    seats = {r: w.seats * seat_cost(film, prepared.room(r), job.kind) for r in rooms}
    for window in prepared.windows:
        span = start_range(prepared, job, window)
        if span is None or span[1] < lo:
            continue
        base = 0
        if public:
            base = w.same_day * state.days[job.film][window.day]
            base += w.same_time_of_day * state.buckets[job.film][window.bucket]
        for room in rooms:
            if public and best is not None and base + seats[room] >= best[0]:
                break
            start = state.earliest(job, room, max(lo, span[0]), span[1])
            if start is None:
                continue
            if job.kind == "public":
                cost = state.cost(job, room, start, window.day, window.bucket)
            else:
                cost = start * 1000 + seat_cost(prepared.film(job), prepared.room(room), job.kind)
            if best is None or (cost, start) < best[:2]:
                best = (cost, start, room)
        if best is not None and job.kind != "public":
            break
    return best


def _why(prepared: Prepared, job: Job) -> str:
    if job.kind == "jury":
        return "no free room and time before the jury's deliberation"
    if job.qa:
        return "no free room while the film's guests are available"
    return "no free room and time left"
