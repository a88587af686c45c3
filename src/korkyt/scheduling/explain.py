"""Why an instance has no schedule, in people's words.

First arguments a person can check with a pencil (a film longer than any day, a jury's viewing time before
its deliberation, the screen time of the rooms that can show a group of films, locks that cannot hold);
then CP-SAT with one assumption literal per named group of rules, whose infeasible core is shrunk by
deletion to a small set of groups that conflict.

Each sentence is a :class:`~korkyt.scheduling.model.Reason`: English words, with a ``code`` and the facts
as ``data`` (film, room and jury ids, minutes, ISO local times) for a caller that words it itself; the
codes and their data are listed in docs/scheduling.md ("Explanations")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ortools.sat.python import cp_model

from korkyt.scheduling.cpsat import build
from korkyt.scheduling.io import to_iso
from korkyt.scheduling.model import Instance, Reason
from korkyt.scheduling.prep import Job, Prepared


def duration(minutes: int) -> str:
    """``860`` → ``14 h 20 min``."""
    h, m = divmod(max(0, minutes), 60)
    if h and m:
        return f"{h} h {m} min"
    return f"{h} h" if h else f"{m} min"


def moment(instance: Instance, minutes: int) -> str:
    at = dt.datetime.combine(instance.origin, dt.time()) + dt.timedelta(minutes=minutes)
    return at.strftime("%a %d %b %H:%M")


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _film(instance: Instance, index: int) -> str:
    film = instance.films[index]
    return f"film {film.id}" + (f" ({film.title})" if film.title else "")


def _at(instance: Instance, minutes: int) -> str:
    return to_iso(instance.origin, minutes)


def _screening(instance: Instance, job: Job, room: int, start: int) -> dict[str, str]:
    return {
        "film": instance.films[job.film].id,
        "kind": job.kind,
        "room": instance.rooms[room].id,
        "starts_at": _at(instance, start),
    }


def prechecks(prepared: Prepared) -> list[Reason]:
    """Capacity and time-budget arguments; each returned sentence is on its own a reason for infeasibility."""
    inst = prepared.instance
    out: list[Reason] = []
    slot = inst.slot_min
    co = inst.changeover_min
    longest = max(d.closes - d.opens for d in inst.days)
    room_index = {r.id: i for i, r in enumerate(inst.rooms)}
    seen: set[int] = set()
    for job in prepared.jobs:
        if job.duration > longest and job.film not in seen:
            seen.add(job.film)
            out.append(
                Reason(
                    f"{_film(inst, job.film)} runs {duration(job.duration)} but the longest festival day is "
                    f"open {duration(longest)}",
                    "too-long",
                    {"film": inst.films[job.film].id, "runtime": job.duration, "longest": longest},
                )
            )
    if out:
        return out
    # Locks.
    lock_count: dict[tuple[int, str], int] = defaultdict(int)
    for lock in inst.locked:
        f = next(i for i, film in enumerate(inst.films) if film.id == lock.film)
        lock_count[f, "public" if lock.kind == "gala" else lock.kind] += 1
    for (f, kind), n in lock_count.items():
        film = inst.films[f]
        wanted = (
            film.screenings
            if kind == "public"
            else int(kind == "jury" and film.jury is not None) + int(kind == "press" and film.press)
        )
        if n > wanted:
            out.append(
                Reason(
                    f"{n} {kind} screenings of {_film(inst, f)} are locked but it has {wanted}",
                    "lock-count",
                    {"film": film.id, "kind": kind, "locked": n, "wanted": wanted},
                )
            )
    for job in prepared.jobs:
        if job.lock is None:
            continue
        room, start = job.lock
        what = (
            f"the locked {job.kind} screening of {_film(inst, job.film)} in room {inst.rooms[room].id} "
            f"at {moment(inst, start)}"
        )
        data = {"screening": _screening(inst, job, room, start)}
        if room not in job.rooms:
            out.append(Reason(f"{what} is in a room that cannot show it", "lock-room", data))
        elif start % slot:
            out.append(
                Reason(
                    f"{what} does not start on the {slot}-minute grid", "lock-grid", {**data, "slot": slot}
                )
            )
        elif not any(d.opens <= start and start + job.duration <= d.closes for d in inst.days):
            out.append(Reason(f"{what} is outside the opening hours", "lock-hours", data))
    if out:
        return out
    # Juries: viewing time before deliberation.
    for jury in inst.juries:
        jobs = [j for j in prepared.jobs if j.kind == "jury" and inst.films[j.film].jury == jury.id]
        need = sum(j.duration for j in jobs)
        have = sum(max(0, min(d.closes, jury.deliberation_at) - d.opens) for d in inst.days)
        if need > have:
            out.append(
                Reason(
                    f"{jury.label} needs {duration(need)} of screenings ({len(jobs)} films) before "
                    f"deliberation ({moment(inst, jury.deliberation_at)}) but has {duration(have)}",
                    "jury-time",
                    {
                        "jury": jury.id,
                        "need": need,
                        "films": len(jobs),
                        "deliberation_at": _at(inst, jury.deliberation_at),
                        "have": have,
                    },
                )
            )
    if out:
        return out
    # Screen time of the rooms that can show a group of films.
    room_time = []
    for r in range(len(inst.rooms)):
        free = sum(d.closes - d.opens + co for d in inst.days)
        free -= sum(e.ends_at - e.starts_at + co for e in inst.fixed if room_index[e.room] == r)
        room_time.append(max(0, free))
    for rooms in sorted({j.rooms for j in prepared.jobs}, key=len):
        group = [j for j in prepared.jobs if set(j.rooms) <= set(rooms)]
        need = sum(j.duration + co for j in group)
        have = sum(room_time[r] for r in rooms)
        if need > have:
            names = ", ".join(inst.rooms[r].id for r in rooms)
            films = len({j.film for j in group})
            who = "all rooms" if len(rooms) == len(inst.rooms) else f"rooms {names}"
            out.append(
                Reason(
                    f"{_n(len(group), 'screening')} of {_n(films, 'film')} need {duration(need)} of screen "
                    f"time (changeovers included) but {who}, the only ones that can show them, have "
                    f"{duration(have)}",
                    "screen-time",
                    {
                        "screenings": len(group),
                        "films": films,
                        "need": need,
                        "rooms": [] if len(rooms) == len(inst.rooms) else [inst.rooms[r].id for r in rooms],
                        "have": have,
                    },
                )
            )
            break
    if out:
        return out
    # Guests' availability for Q&A screenings.
    for f, film in enumerate(inst.films):
        if not film.qa or not film.unavailable:
            continue
        ok = 0
        for d in inst.days:
            t = -(-d.opens // slot) * slot
            while t + film.runtime_min <= d.closes:
                if all(not (t < ue and t + film.runtime_min > us) for us, ue in film.unavailable):
                    ok += 1
                    break
                t += slot
        if ok == 0:
            out.append(
                Reason(
                    f"the guests of {_film(inst, f)} are away whenever a {duration(film.runtime_min)} "
                    "Q&A screening could take place",
                    "guests-away",
                    {"film": film.id, "runtime": film.runtime_min},
                )
            )
    return out


def _describe(prepared: Prepared, key: tuple[str, ...]) -> Reason:
    inst = prepared.instance
    kind, ref = key[0], key[1]
    if kind == "count":
        f = int(ref)
        film = inst.films[f]
        extra = " and a press screening" if film.press else ""
        runtime = duration(film.runtime_min)
        return Reason(
            f"{_film(inst, f)} has {film.screenings} public screening(s){extra} of {runtime}",
            "count",
            {
                "film": film.id,
                "screenings": film.screenings,
                "press": bool(film.press),
                "runtime": film.runtime_min,
            },
        )
    if kind in ("jury-films", "deadline", "travel"):
        jury = next(j for j in inst.juries if j.id == ref)
        if kind == "jury-films":
            jobs = [j for j in prepared.jobs if j.kind == "jury" and inst.films[j.film].jury == jury.id]
            minutes = sum(j.duration for j in jobs)
            return Reason(
                f"{jury.label} must see its {len(jobs)} films ({duration(minutes)})",
                kind,
                {"jury": jury.id, "films": len(jobs), "minutes": minutes},
            )
        if kind == "deadline":
            return Reason(
                f"{jury.label} deliberates at {moment(inst, jury.deliberation_at)}",
                kind,
                {"jury": jury.id, "at": _at(inst, jury.deliberation_at)},
            )
        return Reason(
            f"{jury.label} sees one film at a time, with travel time between venues", kind, {"jury": jury.id}
        )
    if kind == "order":
        f = int(ref)
        return Reason(
            f"the press and jury screenings of {_film(inst, f)} come before its first public one",
            kind,
            {"film": inst.films[f].id},
        )
    if kind == "qa":
        f = int(ref)
        film = inst.films[f]
        away = ", ".join(f"{moment(inst, a)}–{moment(inst, b)}" for a, b in film.unavailable)
        return Reason(
            f"the guests of {_film(inst, f)} (at {film.qa} Q&A screening(s)) are away {away}",
            kind,
            {
                "film": film.id,
                "qa": film.qa,
                "away": [[_at(inst, a), _at(inst, b)] for a, b in film.unavailable],
            },
        )
    if kind == "lock":
        job: Job = prepared.jobs[int(ref)]
        assert job.lock is not None
        room, start = job.lock
        return Reason(
            f"the {job.kind} screening of {_film(inst, job.film)} is locked in room {inst.rooms[room].id} "
            f"at {moment(inst, start)}",
            kind,
            {"screening": _screening(inst, job, room, start)},
        )
    if kind == "fixed":
        event = inst.fixed[int(ref)]
        return Reason(
            f"the fixed event {event.title or event.id} holds room {event.room} "
            f"{moment(inst, event.starts_at)}–{moment(inst, event.ends_at)}",
            kind,
            {
                "event": event.id,
                "title": event.title or "",
                "room": event.room,
                "starts_at": _at(inst, event.starts_at),
                "ends_at": _at(inst, event.ends_at),
            },
        )
    return Reason(":".join(key), kind)  # pragma: no cover


def _solve(built, assumptions, time_limit: float) -> tuple[int, list[int]]:  # type: ignore[no-untyped-def]
    built.model.ClearAssumptions()
    built.model.AddAssumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    code = solver.Solve(built.model)
    core = list(solver.SufficientAssumptionsForInfeasibility()) if code == cp_model.INFEASIBLE else []
    return code, core


def explain(prepared: Prepared, *, time_limit: float = 10.0) -> list[Reason]:
    """Sentences naming a small set of rules that cannot all hold (the pre-checks' first, if any)."""
    found = prechecks(prepared)
    if found:
        return found
    built = build(prepared, explain=True)
    literals = {lit.Index(): (name, key) for name, (lit, key) in built.groups.items()}
    all_lits = [lit for lit, _ in built.groups.values()]
    code, core = _solve(built, all_lits, time_limit / 2)
    if code != cp_model.INFEASIBLE:
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return [
                Reason(
                    "no schedule was found, but no set of rules was shown to conflict (try a longer time "
                    "limit)",
                    "unproven",
                )
            ]
        return [
            Reason(
                f"no conflicting set of rules was found within {time_limit:g} s",
                "no-core",
                {"seconds": time_limit},
            )
        ]
    index_of = {lit.Index(): lit for lit in all_lits}
    core_lits = [index_of[i] for i in core if i in index_of] or all_lits
    # Deletion: drop each group in turn while the rest stays infeasible.
    budget = max(0.2, time_limit / 2 / max(1, len(core_lits)))
    kept = list(core_lits)
    for lit in list(core_lits):
        if len(kept) <= 1:
            break
        trial = [x for x in kept if x is not lit]
        code, _ = _solve(built, trial, budget)
        if code == cp_model.INFEASIBLE:
            kept = trial
    sentences = [_describe(prepared, literals[lit.Index()][1]) for lit in kept]
    return [
        Reason(
            "these rules cannot all hold, with every room showing one screening at a time "
            "inside the opening hours:",
            "conflict",
        ),
        *sentences,
    ]
