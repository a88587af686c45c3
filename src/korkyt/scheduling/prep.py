"""What the greedy builder and the CP-SAT model share: the screenings to place ("jobs"), where each may
go, the time-of-day windows of every day, and the cost of a room for a screening."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

from korkyt.scheduling.model import Film, Instance, Room

# Time-of-day buckets: morning until 13:00, afternoon until prime time, prime time, late.
MORNING_END = 13 * 60
BUCKETS = ("morning", "afternoon", "prime", "late")


@dataclass(frozen=True)
class Window:
    """A (day, time-of-day) segment: a start time in ``[lo, hi)`` falls in it."""

    day: int
    bucket: int
    lo: int
    hi: int


@dataclass(frozen=True)
class Job:
    """One screening to place."""

    index: int
    film: int
    kind: Literal[
        "jury", "press", "public"
    ]  # jury, press or public (a gala is the first public screening of a gala film)
    ordinal: int  # 0, 1, ... among the film's public screenings
    duration: int
    rooms: tuple[int, ...]
    qa: bool
    lock: tuple[int, int] | None  # (room index, start) when locked


@dataclass(frozen=True)
class Prepared:
    instance: Instance
    jobs: tuple[Job, ...]
    windows: tuple[Window, ...]
    room_venue: tuple[int, ...]
    venues: tuple[str, ...]
    travel: tuple[tuple[int, ...], ...]
    #: (film index, room index, start) of the screenings locked as galas: they stay galas in the output,
    #: whether or not their film is marked ``gala``
    gala_locks: frozenset[tuple[int, int, int]] = frozenset()

    def film(self, job: Job) -> Film:
        return self.instance.films[job.film]

    def room(self, index: int) -> Room:
        return self.instance.rooms[index]


def room_fits(room: Room, film: Film) -> bool:
    return bool(room.formats & film.formats) and (room.subtitles or not film.subtitled)


def prepare(instance: Instance) -> Prepared:
    rooms = instance.rooms
    room_index = {r.id: i for i, r in enumerate(rooms)}
    locks: dict[tuple[str, str], list[tuple[int, int]]] = {}
    film_index = {f.id: i for i, f in enumerate(instance.films)}
    gala_locks = set()
    for lock in instance.locked:
        kind = "public" if lock.kind == "gala" else lock.kind
        locks.setdefault((lock.film, kind), []).append((room_index[lock.room], lock.starts_at))
        if lock.kind == "gala" and lock.film in film_index:
            gala_locks.add((film_index[lock.film], room_index[lock.room], lock.starts_at))
    for spots in locks.values():
        spots.sort(key=lambda s: s[1])
    jobs: list[Job] = []
    for f, film in enumerate(instance.films):
        fitting = tuple(i for i, r in enumerate(rooms) if room_fits(r, film))
        kinds: list[tuple[Literal["jury", "press", "public"], int]] = []
        if film.jury is not None:
            kinds.append(("jury", 0))
        if film.press:
            kinds.append(("press", 0))
        kinds += [("public", n) for n in range(film.screenings)]
        for kind, ordinal in kinds:
            spots = locks.get((film.id, kind), [])
            # Locked public screenings take the first ordinals (in time order), the rest follow.
            spot = spots[ordinal] if ordinal < len(spots) else None
            jobs.append(
                Job(
                    len(jobs),
                    f,
                    kind,
                    ordinal,
                    film.runtime_min,
                    fitting,
                    kind == "public" and ordinal < film.qa,
                    spot,
                )
            )
    venues = tuple(sorted({r.venue for r in rooms}))
    travel = tuple(tuple(instance.travel(a, b) for b in venues) for a in venues)
    return Prepared(
        instance,
        tuple(jobs),
        tuple(_windows(instance)),
        tuple(venues.index(r.venue) for r in rooms),
        venues,
        travel,
        frozenset(gala_locks),
    )


def _windows(instance: Instance) -> list[Window]:
    out = []
    for d, day in enumerate(instance.days):
        midnight = (day.opens // 1440) * 1440
        cuts = [midnight + MORNING_END, midnight + instance.prime_from, midnight + instance.prime_to]
        edges = [day.opens, *(c for c in cuts if day.opens < c < day.closes), day.closes]
        for lo, hi in itertools.pairwise(edges):
            bucket = 0 if lo < cuts[0] else 1 if lo < cuts[1] else 2 if lo < cuts[2] else 3
            out.append(Window(d, bucket, lo, hi))
    return out


def start_range(prepared: Prepared, job: Job, window: Window) -> tuple[int, int] | None:
    """Slot-aligned starts of ``job`` inside ``window`` that end before its day closes."""
    instance = prepared.instance
    slot = instance.slot_min
    close = instance.days[window.day].closes
    lo = -(-window.lo // slot) * slot
    hi = min(window.hi - 1, close - job.duration)
    hi = (hi // slot) * slot
    return (lo, hi) if lo <= hi else None


def seat_cost(film: Film, room: Room, kind: str) -> int:
    """Seat mismatch in tens of seats: empty seats count once, people turned away three times.

    Jury and press screenings fill few seats: they cost a fortieth of the hall they take."""
    if kind != "public":
        return room.seats // 40
    empty = max(0, room.seats - film.demand)
    away = max(0, film.demand - room.seats)
    return (empty + 3 * away + 5) // 10


def window_of(prepared: Prepared, start: int) -> Window | None:
    for window in prepared.windows:
        if window.lo <= start < window.hi:
            return window
    return None


def jury_gap(prepared: Prepared, room_a: int, room_b: int) -> int:
    """The gap a jury needs between a screening in ``room_a`` and its next one in ``room_b``: the trip
    between the two rooms' venues."""
    va, vb = prepared.room_venue[room_a], prepared.room_venue[room_b]
    return 0 if va == vb else prepared.travel[va][vb]
