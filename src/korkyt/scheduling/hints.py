"""Hints for the CP-SAT model: the main choices (start, room, day and time of day) and every auxiliary
variable (jury circuits, spread counters, section keeps, prime-time deviations) computed from a
placement, so that a complete valid schedule is a complete feasible hint."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from korkyt.scheduling.prep import Job, Prepared, window_of

if TYPE_CHECKING:
    from korkyt.scheduling.cpsat import Built


def in_window(job: int, spans: list[tuple[int, int]]) -> Callable[[dict[int, tuple[int, int]]], int]:
    def value(placed: dict[int, tuple[int, int]]) -> int:
        return int(job in placed and any(lo <= placed[job][1] < hi for lo, hi in spans))

    return value


def add_hints(prepared: Prepared, b: Built, placed: dict[int, tuple[int, int]]) -> None:
    m = b.model
    slot = prepared.instance.slot_min
    for j, (room, start) in placed.items():
        k = b.k[j]
        if k is None:
            continue
        m.AddHint(k, start // slot)
        for r in prepared.jobs[j].rooms:
            if (j, r) in b.presence:
                m.AddHint(b.presence[j, r], r == room)
        for (jj, _kind, _value), lit in b.window.items():
            if jj == j:
                m.AddHint(lit, window_hint(b, lit, placed))
    for hinter in b.hinters:
        for var, value in hinter(placed):
            m.AddHint(var, value)


def window_hint(b: Built, lit: cp_model.IntVar, placed: dict[int, tuple[int, int]]) -> int:
    return b.window_value.get(lit.Index(), lambda _p: 0)(placed)


def excess_hinter(b: Built, excess: cp_model.IntVar, lits: list[cp_model.IntVar]):  # type: ignore[no-untyped-def]
    def hint(placed: dict[int, tuple[int, int]]) -> list[tuple[cp_model.IntVar, int]]:
        return [(excess, max(0, sum(window_hint(b, lit, placed) for lit in lits) - 1))]

    return hint


def keep_hinter(jobs: list[Job], keeps: list[cp_model.IntVar]):  # type: ignore[no-untyped-def]
    def hint(placed: dict[int, tuple[int, int]]) -> list[tuple[cp_model.IntVar, int]]:
        spans = sorted(
            (
                (placed[j.index][1] + j.duration, placed[j.index][1], n)
                for n, j in enumerate(jobs)
                if j.index in placed
            )
        )
        kept, last = set(), None
        for end, start, n in spans:
            if last is None or start >= last:
                kept.add(n)
                last = end
        return [(keep, int(n in kept)) for n, keep in enumerate(keeps)]

    return hint


def dev_hinter(prepared: Prepared, dev: cp_model.IntVar, mine: list[Job], everyone: list[Job]):  # type: ignore[no-untyped-def]
    def prime(job: Job, placed: dict[int, tuple[int, int]]) -> int:
        if job.index not in placed:
            return 0
        window = window_of(prepared, placed[job.index][1])
        return int(window is not None and window.bucket == 2)

    def hint(placed: dict[int, tuple[int, int]]) -> list[tuple[cp_model.IntVar, int]]:
        total = len(everyone)
        p_all = sum(prime(j, placed) for j in everyone)
        p_c = sum(prime(j, placed) for j in mine)
        return [(dev, -(-abs(total * p_c - len(mine) * p_all) // total))]

    return hint


def circuit_hinter(prepared: Prepared, jobs: list[Job], aux, venue_vars):  # type: ignore[no-untyped-def]
    def hint(placed: dict[int, tuple[int, int]]) -> list[tuple[cp_model.IntVar, int]]:
        if any(j.index not in placed for j in jobs):
            return []
        order = sorted(range(len(jobs)), key=lambda i: placed[jobs[i].index][1])
        nxt = {-1: order[0], order[-1]: -1}
        nxt.update(itertools.pairwise(order))
        out = []
        venue = [prepared.room_venue[placed[j.index][0]] for j in jobs]
        out += [(var, v) for var, v in zip(venue_vars, venue, strict=True) if var is not None]
        for (i, j), (lit, trip, changed) in aux.items():
            out.append((lit, int(nxt.get(i) == j)))
            if trip is not None:
                out.append((trip, prepared.travel[venue[i]][venue[j]] if venue[i] != venue[j] else 0))
            if changed is not None:
                out.append((changed, int(nxt.get(i) == j and venue[i] != venue[j])))
        return out

    return hint
