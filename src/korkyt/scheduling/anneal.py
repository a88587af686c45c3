"""Simulated annealing over a complete schedule: thousands of small moves a second in plain Python.

A move swaps the places (room and start) of two screenings, or puts one screening at the start of a
free gap in another room; it is kept when it keeps every hard constraint of the CP-SAT model (room
occupancy with changeover, opening hours, slot grid, formats and subtitles, jury deadlines, a jury's
screenings apart by the model's travel gap, Q&A guests' availability, press and jury before public, a
film's public screenings in order) and the objective gets better, or, with a probability that falls with
the temperature, a little worse. The objective is recomputed only for what a move touches (the films,
sections, juries and countries concerned).

The CP-SAT neighbourhoods (korkyt.scheduling.lns) re-place a few dozen screenings optimally but take a
second or more each on a loaded machine; matching halls to demand needs hundreds of films to trade rooms
across all days, which these cheap swaps reach in seconds."""

from __future__ import annotations

import itertools
import math
import random
import time
from collections import Counter, defaultdict

from korkyt.scheduling.costs import _excused, evaluate
from korkyt.scheduling.prep import Job, Prepared, jury_gap, seat_cost, window_of

Placement = dict[int, tuple[int, int]]
PRIME_FREE_WEIGHT = 3  # the guide towards no public screening in prime time (see ``anneal``)
PRIME_FREE_SHARE = 0.4  # of the time, for a schedule without prime-time screenings first
JURY_MOVES = 0.02  # of the moves: a jury screening towards the venue of the jury's screening before or after
T_START, T_END = 4.0, 0.5  # temperatures at the start and the end of a run, geometric in time
PACK_FROM = 0.9  # moves above this draw (of 1) are packing moves; below 0.7 swaps, between relocations


class _Search:
    def __init__(self, prepared: Prepared, placed: Placement, prime_free: bool = False) -> None:
        self.p = prepared
        self.prime_free = prime_free
        inst = prepared.instance
        self.inst = inst
        self.w = inst.weights
        self.slot = inst.slot_min
        self.co = inst.changeover_min
        self.pos: Placement = dict(placed)
        self.jobs = prepared.jobs
        self.fits = [set(job.rooms) for job in self.jobs]
        self.deadline: list[int | None] = []
        juries = {j.id: j.deliberation_at for j in inst.juries}
        for job in self.jobs:
            jury = prepared.film(job).jury
            self.deadline.append(juries.get(jury) if job.kind == "jury" and jury is not None else None)
        # Room occupancy: job → (start, end + changeover); fixed events as negative keys.
        self.room: list[dict[int, tuple[int, int]]] = [{} for _ in inst.rooms]
        index = {r.id: i for i, r in enumerate(inst.rooms)}
        for e, event in enumerate(inst.fixed):
            self.room[index[event.room]][-1 - e] = (event.starts_at, event.ends_at + self.co)
        for j, (r, s) in self.pos.items():
            self.room[r][j] = (s, s + self.jobs[j].duration + self.co)
        self.film_jobs: dict[int, list[int]] = defaultdict(list)
        for job in self.jobs:
            if job.index in self.pos:
                self.film_jobs[job.film].append(job.index)
        # Unlocked public screenings by ordinal, those with a Q&A and the others apart (as in the model).
        self.public_order: dict[int, list[list[int]]] = defaultdict(lambda: [[], []])
        for job in self.jobs:
            if job.kind == "public" and job.lock is None and job.index in self.pos:
                self.public_order[job.film][job.qa].append(job.index)
        for orders in self.public_order.values():
            for order in orders:
                order.sort(key=lambda j: self.jobs[j].ordinal)
        self.section_jobs: dict[str, list[int]] = defaultdict(list)
        self.jury_jobs: dict[str, list[int]] = defaultdict(list)
        self.country_jobs: dict[str, list[int]] = defaultdict(list)
        for j in self.pos:
            job = self.jobs[j]
            film = prepared.film(job)
            if job.kind == "public":
                self.section_jobs[film.section].append(j)
                if film.country is not None:
                    self.country_jobs[film.country].append(j)
            elif job.kind == "jury" and film.jury is not None:
                self.jury_jobs[film.jury].append(j)
        self.days = inst.days
        self._windows: dict[int, tuple[int, int]] = {}
        # Objective parts kept per film / section / jury, and prime-time counts per country.
        self.film_cost = {f: self._film_cost(f) for f in self.film_jobs}
        self.section_cost = {s: self._section_cost(s) for s in self.section_jobs}
        self.jury_cost = {jy: self._jury_cost(jy) for jy in self.jury_jobs}
        self.country_total = {c: len(js) for c, js in self.country_jobs.items()}
        self.country_prime = {c: sum(self._prime(j) for j in js) for c, js in self.country_jobs.items()}
        self.prime_cost = self._prime_cost(self.country_prime)
        self.seats = sum(self._seat(j, r) for j, (r, _) in self.pos.items())

    # --- objective parts -------------------------------------------------------------------------
    def window(self, start: int) -> tuple[int, int]:
        got = self._windows.get(start)
        if got is None:
            window = window_of(self.p, start)
            assert window is not None
            got = self._windows[start] = (window.day, window.bucket)
        return got

    def _seat(self, j: int, r: int) -> int:
        job = self.jobs[j]
        return self.w.seats * seat_cost(self.p.film(job), self.p.room(r), job.kind)

    def _prime(self, j: int) -> int:
        return int(self.window(self.pos[j][1])[1] == 2)

    def _film_cost(self, f: int) -> int:
        days: Counter[int] = Counter()
        buckets: Counter[int] = Counter()
        for j in self.film_jobs[f]:
            if self.jobs[j].kind == "public":
                day, bucket = self.window(self.pos[j][1])
                days[day] += 1
                buckets[bucket] += 1
        return self.w.same_day * sum(max(0, n - 1) for n in days.values()) + self.w.same_time_of_day * sum(
            max(0, n - 1) for n in buckets.values()
        )

    def _section_cost(self, section: str) -> int:
        spans = [(self.pos[j][1], self.pos[j][1] + self.jobs[j].duration) for j in self.section_jobs[section]]
        return self.w.section_overlap * _excused(spans)

    def _jury_cost(self, jury: str) -> int:
        visits = sorted((self.pos[j][1], self.p.room_venue[self.pos[j][0]]) for j in self.jury_jobs[jury])
        return self.w.jury_venue_change * sum(a[1] != b[1] for a, b in itertools.pairwise(visits))

    def _prime_cost(self, prime: dict[str, int]) -> int:
        if len(self.country_total) < 2:
            return 0
        if self.prime_free:  # a guide, not the objective: every public screening in prime time costs
            return PRIME_FREE_WEIGHT * self.w.prime_balance * sum(prime.values())
        total = sum(self.country_total.values())
        prime_total = sum(prime.values())
        out = 0
        for country, n in self.country_total.items():
            diff = abs(total * prime[country] - n * prime_total)
            out += -(-diff // total)
        return self.w.prime_balance * out

    def total(self) -> int:
        return (
            self.seats
            + sum(self.film_cost.values())
            + sum(self.section_cost.values())
            + sum(self.jury_cost.values())
            + self.prime_cost
        )

    # --- hard constraints ------------------------------------------------------------------------
    def _in_hours(self, start: int, duration: int) -> bool:
        if start % self.slot:
            return False
        return any(d.opens <= start and start + duration <= d.closes for d in self.days)

    def _job_ok(self, job: Job, room: int, start: int) -> bool:
        if room not in self.fits[job.index] or not self._in_hours(start, job.duration):
            return False
        end = start + job.duration
        deadline = self.deadline[job.index]
        if deadline is not None and end > deadline:
            return False
        if job.qa:
            for us, ue in self.p.film(job).unavailable:
                if start < ue and end > us:
                    return False
        return True

    def _room_free(self, room: int, start: int, end: int, ignore: set[int]) -> bool:
        for other, (s, e) in self.room[room].items():
            if other not in ignore and s < end and e > start:
                return False
        return True

    def _film_ok(self, f: int) -> bool:
        first_public = None
        last_early = None
        for j in self.film_jobs[f]:
            job = self.jobs[j]
            s = self.pos[j][1]
            if job.kind == "public":
                first_public = s if first_public is None else min(first_public, s)
            else:
                end = s + job.duration
                last_early = end if last_early is None else max(last_early, end)
        if first_public is not None and last_early is not None and last_early > first_public:
            return False
        for order in self.public_order.get(f, ()):
            starts = [self.pos[j][1] for j in order]
            if any(a > b for a, b in itertools.pairwise(starts)):
                return False
        return True

    def _jury_ok(self, jury: str) -> bool:
        visits = sorted(self.jury_jobs[jury], key=lambda j: self.pos[j][1])
        for a, b in itertools.pairwise(visits):
            ja = self.jobs[a]
            ra, sa = self.pos[a]
            rb, sb = self.pos[b]
            if sb < sa + ja.duration + jury_gap(self.p, ra, rb):
                return False
        return True

    # --- moves -----------------------------------------------------------------------------------
    def attempt(self, changes: dict[int, tuple[int, int]], temperature: float, rng: random.Random) -> int:
        """Apply ``changes`` (job → new room, start) when valid and accepted; returns the delta applied
        (0 when rejected)."""
        ignore = set(changes)
        for j, (r, s) in changes.items():
            job = self.jobs[j]
            if not self._job_ok(job, r, s):
                return 0
            end = s + job.duration + self.co
            if not self._room_free(r, s, end, ignore):
                return 0
        items = list(changes.items())
        for (a, (ra, sa)), (b, (rb, sb)) in itertools.combinations(items, 2):
            if ra == rb:
                ea = sa + self.jobs[a].duration + self.co
                eb = sb + self.jobs[b].duration + self.co
                if sa < eb and ea > sb:
                    return 0
        old = {j: self.pos[j] for j in changes}
        films = {self.jobs[j].film for j in changes}
        sections = set()
        juries = set()
        countries = set()
        for j in changes:
            job = self.jobs[j]
            film = self.p.film(job)
            if job.kind == "public":
                sections.add(film.section)
                if film.country is not None:
                    countries.add(film.country)
            elif job.kind == "jury" and film.jury is not None:
                juries.add(film.jury)
        for j, spot in changes.items():
            self.pos[j] = spot
        valid = all(self._film_ok(f) for f in films) and all(self._jury_ok(jy) for jy in juries)
        if not valid:
            self.pos.update(old)
            return 0
        seats = sum(self._seat(j, changes[j][0]) - self._seat(j, old[j][0]) for j in changes)
        film_new = {f: self._film_cost(f) for f in films}
        section_new = {s: self._section_cost(s) for s in sections}
        jury_new = {jy: self._jury_cost(jy) for jy in juries}
        prime_new = dict(self.country_prime)
        for j in changes:
            job = self.jobs[j]
            country = self.p.film(job).country
            if job.kind == "public" and country is not None:
                prime_new[country] += int(self.window(changes[j][1])[1] == 2) - int(
                    self.window(old[j][1])[1] == 2
                )
        prime_cost = self._prime_cost(prime_new) if countries else self.prime_cost
        delta = (
            seats
            + sum(film_new[f] - self.film_cost[f] for f in films)
            + sum(section_new[s] - self.section_cost[s] for s in sections)
            + sum(jury_new[jy] - self.jury_cost[jy] for jy in juries)
            + prime_cost
            - self.prime_cost
        )
        if delta > 0 and (temperature <= 0 or rng.random() >= math.exp(-delta / temperature)):
            self.pos.update(old)
            return 0
        for j in changes:
            del self.room[old[j][0]][j]
        for j, (r, s) in changes.items():
            self.room[r][j] = (s, s + self.jobs[j].duration + self.co)
        self.seats += seats
        self.film_cost.update(film_new)
        self.section_cost.update(section_new)
        self.jury_cost.update(jury_new)
        self.country_prime = prime_new
        self.prime_cost = prime_cost
        return delta if delta else 0

    def packed(self, a: int, room: int, day: int) -> dict[int, tuple[int, int]] | None:
        """Seat-matching move: pull the screenings of ``room`` on ``day`` towards the opening (each right
        after the one before, on the grid; fixed events and locked screenings stay) so that their idle
        minutes join, and put ``a`` in the first gap long enough for it. None when no gap fits."""
        d = self.days[day]
        slot, co = self.slot, self.co
        bookings = sorted(
            (s, e, j) for j, (s, e) in self.room[room].items() if j != a and s < d.closes + co and e > d.opens
        )
        duration = self.jobs[a].duration
        changes: dict[int, tuple[int, int]] = {}
        t = d.opens
        spot = None
        for s, e, j in bookings:
            if j < 0 or self.jobs[j].lock is not None:  # stays: the gap before it may take ``a``
                if spot is None and -(-t // slot) * slot + duration + co <= s:
                    spot = -(-t // slot) * slot
                t = max(t, e)
                continue
            new = max(d.opens, -(-t // slot) * slot)
            if spot is None and new + duration + co <= s:
                spot = new  # ``a`` fits before this one where it is
            if new != s:
                changes[j] = (room, new)
            t = new + (e - s)
        if spot is None:
            start = -(-t // slot) * slot
            if start + duration > d.closes:
                return None
            spot = start
            changes[a] = (room, spot)
            return changes
        # ``a`` fits in a gap: only the screenings before it need to move.
        changes = {j: c for j, c in changes.items() if c[1] < spot}
        changes[a] = (room, spot)
        return changes

    def jury_move(self, a: int, ranked: list[int], rng: random.Random) -> dict[int, tuple[int, int]] | None:
        """Fewer venue changes: jury screening ``a`` to the venue of the jury's screening before or after
        it (in time), at a free spot between the two or in the place of a screening there. None when
        both neighbours are in its venue."""
        jury = self.p.film(self.jobs[a]).jury
        assert jury is not None
        visits = sorted(self.jury_jobs[jury], key=lambda j: self.pos[j][1])
        i = visits.index(a)
        ra, sa = self.pos[a]
        venue_of = self.p.room_venue
        neighbours = [visits[k] for k in (i - 1, i + 1) if 0 <= k < len(visits)]
        targets = sorted({venue_of[self.pos[n][0]] for n in neighbours} - {venue_of[ra]})
        if not targets:
            return None
        venue = rng.choice(targets)
        rooms = [r for r in ranked if venue_of[r] == venue]
        if not rooms:
            return None
        room = rooms[0] if rng.random() < 0.5 else rng.choice(rooms)
        lo = self.pos[visits[i - 1]][1] if i > 0 else sa - 24 * 60
        hi = self.pos[visits[i + 1]][1] if i + 1 < len(visits) else sa + 24 * 60
        if rng.random() < 0.5:  # in the place of a screening of that room between the two
            there = [
                j
                for j, (s, _) in self.room[room].items()
                if j >= 0 and lo <= s <= hi and self.jobs[j].lock is None
            ]
            if there:
                b = rng.choice(there)
                return {a: (room, self.pos[b][1]), b: (ra, sa)}
        starts = [s for s in self.gap_starts(room, self.jobs[a].duration) if lo <= s <= hi] + [sa]
        return {a: (room, rng.choice(starts))}

    def gap_start(self, room: int, duration: int, rng: random.Random) -> int:
        """One of ``gap_starts`` at random, without listing them all."""
        days = self.days
        bookings = self.room[room]
        k = rng.randrange(2 * (len(days) + len(bookings)))
        if k < len(days):
            return days[k].opens
        if k < 2 * len(days):
            return ((days[k - len(days)].closes - duration) // self.slot) * self.slot
        k -= 2 * len(days)
        s, e = list(bookings.values())[k // 2]
        if k % 2 == 0:
            return -(-e // self.slot) * self.slot
        return ((s - duration - self.co) // self.slot) * self.slot

    def gap_starts(self, room: int, duration: int) -> list[int]:
        """Candidate starts in ``room`` (on the grid): each day's opening, right after each booking, and
        so as to end right before each booking or at closing time."""
        slot = self.slot
        out = [d.opens for d in self.days]
        out += [((d.closes - duration) // slot) * slot for d in self.days]
        for s, e in self.room[room].values():
            out.append(-(-e // slot) * slot)
            out.append(((s - duration - self.co) // slot) * slot)
        return out


def anneal(
    prepared: Prepared,
    placed: Placement,
    *,
    deadline: float,
    seed: int = 0,
    t_start: float = T_START,
    t_end: float = T_END,
    pack: bool = True,
    prime_free: bool = False,
) -> tuple[Placement, int]:
    """An improved copy of the complete schedule ``placed`` by ``deadline`` (a perf_counter time), and
    its objective. Locked screenings stay where they are."""
    search = _Search(prepared, placed, prime_free)
    rng = random.Random(seed)  # noqa: S311 - search diversification, not secrets
    movable = [j for j in search.pos if prepared.jobs[j].lock is None]
    if not movable:
        return dict(placed), evaluate(prepared, placed).total
    current = search.total()
    best, best_pos = current, dict(search.pos)
    start_t = time.perf_counter()
    span = max(1e-3, deadline - start_t)
    temperature = t_start
    n = 0
    # Per screening, its rooms from the best seat match down: targeted moves pick among the better ones.
    ranked = {j: sorted(prepared.jobs[j].rooms, key=lambda r: search._seat(j, r)) for j in movable}
    jury_movable = [
        j for j in movable if prepared.jobs[j].kind == "jury" and prepared.film(prepared.jobs[j]).jury
    ]
    while True:
        if n % 200 == 0:
            now = time.perf_counter()
            if now >= deadline:
                break
            fraction = (now - start_t) / span
            temperature = t_start * (t_end / t_start) ** fraction
        n += 1
        if jury_movable and rng.random() < JURY_MOVES:
            a = rng.choice(jury_movable)
            got = search.jury_move(a, ranked[a], rng)
            if got is None:
                continue
            changes = got
        else:
            a = rng.choice(movable)
            ra, sa = search.pos[a]
            da = prepared.jobs[a].duration
            move = rng.random()
            if move < 0.7:
                if move < 0.35:  # with a screening in a room that suits ``a`` at least as well
                    better = ranked[a][: 1 + ranked[a].index(ra)] if ra in ranked[a] else ranked[a]
                    there = [j for j in search.room[rng.choice(better)] if j >= 0 and j != a]
                    if not there:
                        continue
                    b = rng.choice(there)
                    if prepared.jobs[b].lock is not None:
                        continue
                else:
                    b = rng.choice(movable)
                    if b == a:
                        continue
                rb, sb = search.pos[b]
                if ra == rb and sa == sb:
                    continue
                db = prepared.jobs[b].duration
                if rng.random() < 0.5:  # the same starts
                    changes = {a: (rb, sb), b: (ra, sa)}
                else:  # the same ends (on the grid)
                    slot = prepared.instance.slot_min
                    changes = {
                        a: (rb, ((sb + db - da) // slot) * slot),
                        b: (ra, ((sa + da - db) // slot) * slot),
                    }
            elif move > PACK_FROM and pack:
                # Into a room that suits it better, its day's screenings packed towards the opening.
                better = ranked[a][: ranked[a].index(ra)] if ra in ranked[a] else ranked[a]
                if not better:
                    continue
                packed = search.packed(a, rng.choice(better[:3]), rng.randrange(len(search.days)))
                if packed is None:
                    continue
                changes = packed
            else:
                job = prepared.jobs[a]
                room = rng.choice(ranked[a][:3]) if rng.random() < 0.5 else rng.choice(job.rooms)
                changes = {a: (room, search.gap_start(room, job.duration, rng))}
        delta = search.attempt(changes, temperature, rng)
        if delta:
            current += delta
            if current < best:
                best, best_pos = current, dict(search.pos)
    if prime_free:  # the best schedule by the guide: its objective
        return best_pos, evaluate(prepared, best_pos).total
    return best_pos, best


def anneal_prime_free_first(
    prepared: Prepared, placed: Placement, *, deadline: float, seed: int = 0
) -> tuple[Placement, int]:
    """Anneal ``placed`` until ``deadline``, first trying a schedule with no public screening in prime
    time.

    The prime-time part of the objective is zero only when every country has its share of prime time to
    the screening, which with eight countries holds only when no public screening (or each of them) is in
    prime time; any share in between costs some eight imbalances (80 at the default weight), and the
    moves in between never pay, so annealing never crosses from one to the other. The first
    ``PRIME_FREE_SHARE`` of the time anneals with prime-time screenings priced instead of the balance
    (a guide; the objective is unchanged), after a probe of a quarter of that share that must empty
    nine tenths of prime time (else the rooms are too busy for it); when prime time is empty (but for
    one screening) the rest anneals from there with the true objective, else from ``placed``. The
    schedule returned is never worse than ``placed``."""
    if _in_prime(prepared, placed) == 0:
        return anneal(prepared, placed, deadline=deadline, seed=seed)
    now = time.perf_counter()
    before = evaluate(prepared, placed).total
    share = PRIME_FREE_SHARE * (deadline - now)
    # A probe of a quarter of the share: where prime time does not empty fast (rooms too busy), the
    # rest of the time goes to the true objective from ``placed``.
    guided, _ = anneal(prepared, placed, deadline=now + share / 4, seed=seed, prime_free=True)
    start = placed
    if _in_prime(prepared, guided) <= max(1, _in_prime(prepared, placed) // 10):
        guided, _ = anneal(prepared, guided, deadline=now + share, seed=seed + 2, prime_free=True)
        if _in_prime(prepared, guided) <= 1:
            start = guided
    out, value = anneal(
        prepared, start, deadline=deadline, seed=seed + 1, t_start=2.0 if start is guided else 4.0
    )
    if value > before:
        return dict(placed), before
    return out, value


def _in_prime(prepared: Prepared, placed: Placement) -> int:
    return sum(
        window.bucket == 2
        for j, (_, s) in placed.items()
        if prepared.jobs[j].kind == "public" and (window := window_of(prepared, s)) is not None
    )
