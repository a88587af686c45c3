"""The scheduling problem and its answer as frozen dataclasses.

Times inside the package are whole minutes from midnight at the start of the festival's first day
(``Instance.origin``); :mod:`korkyt.scheduling.io` converts them to and from ISO 8601 local times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["jury", "press", "public", "gala"]
Status = Literal["optimal", "feasible", "partial", "infeasible", "unknown"]
KINDS: tuple[str, ...] = ("jury", "press", "public", "gala")


@dataclass(frozen=True)
class Day:
    """One festival day: screenings start and end inside ``[opens, closes]`` (minutes; may pass midnight)."""

    date: dt.date
    opens: int
    closes: int


@dataclass(frozen=True)
class Room:
    id: str
    venue: str
    seats: int
    formats: frozenset[str]
    subtitles: bool


@dataclass(frozen=True)
class Film:
    """A film to place: ``screenings`` public screenings, plus one jury screening when ``jury`` is set and
    one press screening when ``press`` is true. The first ``qa`` public screenings have a Q&A with the
    film's guests, who are away during ``unavailable``; ``gala`` marks the first public one as a gala."""

    id: str
    runtime_min: int
    section: str
    formats: frozenset[str]
    screenings: int
    subtitled: bool = False
    jury: str | None = None
    demand: int = 0
    unavailable: tuple[tuple[int, int], ...] = ()
    press: bool = False
    gala: bool = False
    qa: int = 0
    country: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Jury:
    id: str
    deliberation_at: int
    name: str | None = None

    @property
    def label(self) -> str:
        return self.name or f"jury {self.id}"


@dataclass(frozen=True)
class FixedEvent:
    """An event that keeps its room and time (opening and closing galas, the award ceremony)."""

    id: str
    room: str
    starts_at: int
    ends_at: int
    film: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Lock:
    """A screening kept where it is when the rest is re-optimised."""

    film: str
    room: str
    starts_at: int
    kind: Kind = "public"


@dataclass(frozen=True)
class Weights:
    """Weights of the soft constraints in the objective (integers; the objective is minimised)."""

    same_day: int = 30
    same_time_of_day: int = 10
    seats: int = 1
    section_overlap: int = 15
    prime_balance: int = 10
    jury_venue_change: int = 5


@dataclass(frozen=True)
class Instance:
    origin: dt.date
    slot_min: int
    changeover_min: int
    days: tuple[Day, ...]
    rooms: tuple[Room, ...]
    films: tuple[Film, ...]
    travel_min: dict[str, dict[str, int]] = field(default_factory=dict, hash=False)
    juries: tuple[Jury, ...] = ()
    fixed: tuple[FixedEvent, ...] = ()
    locked: tuple[Lock, ...] = ()
    prime_from: int = 18 * 60
    prime_to: int = 22 * 60
    weights: Weights = Weights()

    def travel(self, a: str, b: str) -> int:
        if a == b:
            return 0
        return self.travel_min.get(a, {}).get(b, self.travel_min.get(b, {}).get(a, 0))

    def room(self, room_id: str) -> Room:
        return next(r for r in self.rooms if r.id == room_id)

    def film(self, film_id: str) -> Film:
        return next(f for f in self.films if f.id == film_id)


@dataclass(frozen=True)
class Screening:
    film: str | None
    room: str
    starts_at: int
    ends_at: int
    kind: Kind
    qa: bool = False
    locked: bool = False
    event: str | None = None


@dataclass(frozen=True)
class Unplaced:
    film: str
    kind: Kind
    reason: str


@dataclass(frozen=True)
class Objective:
    """The objective's parts before weighting (counts and seat units) and the weighted total."""

    same_day: int = 0
    same_time_of_day: int = 0
    seats: int = 0
    section_overlap: int = 0
    prime_balance: int = 0
    jury_venue_change: int = 0
    total: int = 0

    def parts(self) -> dict[str, int]:
        return {
            "same_day": self.same_day,
            "same_time_of_day": self.same_time_of_day,
            "seats": self.seats,
            "section_overlap": self.section_overlap,
            "prime_balance": self.prime_balance,
            "jury_venue_change": self.jury_venue_change,
        }


#: Every ``Reason.code`` the package gives (docs/scheduling.md, "Explanations").
REASON_CODES: tuple[str, ...] = (
    "too-long",
    "lock-count",
    "lock-room",
    "lock-grid",
    "lock-hours",
    "jury-time",
    "screen-time",
    "guests-away",
    "conflict",
    "count",
    "jury-films",
    "deadline",
    "travel",
    "order",
    "qa",
    "lock",
    "fixed",
    "unproven",
    "no-core",
    "greedy-fallback",
    "timeout",
)


class Reason(str):
    """One sentence of an explanation: the string is its English wording (the CLI's and the contract's
    ``explanation``); ``code`` names the finding and ``data`` carries its facts as ids, minutes and ISO
    local times, for a caller that words it in its reader's language (e.g. ``Reason("film 7 runs 5 h …",
    "too-long", {"film": "7", "runtime": 300, "longest": 240})``)."""

    code: str
    data: Mapping[str, Any]

    def __new__(cls, message: str, code: str = "", data: Mapping[str, Any] | None = None) -> Reason:
        self = super().__new__(cls, message)
        self.code = code
        self.data = dict(data or {})
        return self


@dataclass(frozen=True)
class Solution:
    """A schedule. ``objective``/``bound``/``gap`` are None when there is none (infeasible, unknown)."""

    status: Status
    method: str
    screenings: tuple[Screening, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    objective: int | None = None
    bound: float | None = None
    gap: float | None = None
    parts: Objective | None = None
    explanation: tuple[str, ...] = ()  # Reason where the package worded it (code and data)
    wall_s: float = 0.0
    first_feasible_s: float | None = None
    solutions: int = 0
