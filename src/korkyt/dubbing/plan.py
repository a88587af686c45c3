"""Recording plans: each actor's loops grouped into studio days so that every actor comes as few days as
possible.

An actor records alone, loop after loop; one loop costs ``minutes_per_loop`` of studio time (2.5 minutes
by default: a few takes of up to ten lines). A studio day holds ``day_minutes`` of recording. An actor
whose loops take ``t`` minutes must come at least ``ceil(t / day_minutes)`` days; :func:`plan_recording`
reaches that bound for every actor at once: it cuts each actor's loops (in film order) into full days and
one remainder, then packs the pieces into as few studio days as it can (first fit, largest first — an
actor's pieces never share a day, since all but one fill a day). :func:`naive_plan` is what a studio does
without a plan: the loops in film order, each actor recording their part of a loop when it comes up, day
after day.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from korkyt.dubbing.errors import DubbingError


@dataclass(frozen=True)
class Session:
    """One actor's block of recording on one studio day (days and order numbered from 1)."""

    day: int
    order: int
    actor: str
    loops: tuple[int, ...]
    minutes: int


@dataclass
class RecordingPlan:
    day_minutes: int
    minutes_per_loop: float
    sessions: list[Session] = field(default_factory=list)

    @property
    def days(self) -> int:
        return max((s.day for s in self.sessions), default=0)

    def actor_days(self) -> dict[str, int]:
        """Days each actor comes to the studio."""
        days: dict[str, set[int]] = {}
        for s in self.sessions:
            days.setdefault(s.actor, set()).add(s.day)
        return {actor: len(d) for actor, d in days.items()}

    @property
    def total_actor_days(self) -> int:
        return sum(self.actor_days().values())

    def for_actor(self, actor: str) -> list[Session]:
        return [s for s in self.sessions if s.actor == actor]

    def rows(self) -> list[dict[str, str]]:
        """One row per session, for CSV and tables."""
        return [
            {
                "day": str(s.day),
                "order": str(s.order),
                "actor": s.actor,
                "loops": " ".join(str(n) for n in s.loops),
                "loop_count": str(len(s.loops)),
                "minutes": str(s.minutes),
            }
            for s in self.sessions
        ]


def studio_minutes(loops: int, minutes_per_loop: float = 2.5) -> int:
    """Studio time of ``loops`` loops in whole minutes, rounded up (a studio books whole minutes, and an
    estimate that falls short costs more than one that leaves a minute over): 1 loop 3, 2 loops 5. The one
    rule of every table, file and answer of the API that shows studio minutes."""
    return math.ceil(round(loops * minutes_per_loop, 6))


def _check(day_minutes: int, minutes_per_loop: float) -> None:
    if not 30 <= day_minutes <= 24 * 60:
        raise DubbingError("a studio day lasts from 30 minutes to 24 hours")
    if not 0 < minutes_per_loop <= day_minutes:
        raise DubbingError("a loop takes more than 0 minutes and no longer than a studio day")


def _per_day(day_minutes: int, minutes_per_loop: float) -> int:
    return max(1, int(day_minutes // minutes_per_loop))


def plan_recording(
    loops_by_actor: Mapping[str, Sequence[int]], *, day_minutes: int = 360, minutes_per_loop: float = 2.5
) -> RecordingPlan:
    """The plan reaching the fewest days per actor (see the module docstring); studio days packed first
    fit, largest piece first; within a day the largest piece records first."""
    _check(day_minutes, minutes_per_loop)
    per_day = _per_day(day_minutes, minutes_per_loop)
    pieces: list[tuple[str, tuple[int, ...]]] = []
    for actor, loops in loops_by_actor.items():
        ordered = sorted(set(loops))
        for start in range(0, len(ordered), per_day):
            pieces.append((actor, tuple(ordered[start : start + per_day])))
    pieces.sort(key=lambda p: (-len(p[1]), p[0], p[1][:1]))
    days: list[list[tuple[str, tuple[int, ...]]]] = []
    room: list[int] = []
    for actor, loops in pieces:
        for index, free in enumerate(room):
            if free >= len(loops) and all(a != actor for a, _ in days[index]):
                days[index].append((actor, loops))
                room[index] -= len(loops)
                break
        else:
            days.append([(actor, loops)])
            room.append(per_day - len(loops))
    plan = RecordingPlan(day_minutes, minutes_per_loop)
    for day, pieces_of_day in enumerate(days, start=1):
        for order, (actor, loops) in enumerate(pieces_of_day, start=1):
            minutes = studio_minutes(len(loops), minutes_per_loop)
            plan.sessions.append(Session(day, order, actor, loops, minutes))
    return plan


def naive_plan(
    loops_by_actor: Mapping[str, Sequence[int]], *, day_minutes: int = 360, minutes_per_loop: float = 2.5
) -> RecordingPlan:
    """Film order: every loop as it comes, each of its actors in turn, a new day when the day is full."""
    _check(day_minutes, minutes_per_loop)
    per_day = _per_day(day_minutes, minutes_per_loop)
    work = sorted((loop, actor) for actor, loops in loops_by_actor.items() for loop in set(loops))
    plan = RecordingPlan(day_minutes, minutes_per_loop)
    for start in range(0, len(work), per_day):
        day = start // per_day + 1
        by_actor: dict[str, list[int]] = {}
        for loop, actor in work[start : start + per_day]:
            by_actor.setdefault(actor, []).append(loop)
        for order, (actor, loops) in enumerate(by_actor.items(), start=1):
            minutes = studio_minutes(len(loops), minutes_per_loop)
            plan.sessions.append(Session(day, order, actor, tuple(loops), minutes))
    return plan


def lower_bound(
    loops_by_actor: Mapping[str, Sequence[int]], *, day_minutes: int = 360, minutes_per_loop: float = 2.5
) -> int:
    """The fewest actor-days any plan can have."""
    per_day = _per_day(day_minutes, minutes_per_loop)
    return sum(math.ceil(len(set(loops)) / per_day) for loops in loops_by_actor.values())
