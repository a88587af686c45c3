"""Rooms re-assigned with the times fixed: an exact assignment problem for the seat part of the objective.

With every start kept, the only part of the objective a room changes is the seat mismatch (and a jury's
venue changes, which this step leaves alone: a jury screening keeps its venue, so its travel time and
venue changes stay as they are). Everything else — hours, slot grid, deadlines, Q&A guests, the order of a
film's screenings, section overlaps, spread, prime time — depends on times only. What is left is to give
each screening a room that can show it so that no two screenings of a room overlap (changeover included)
and the seats match demand best: one boolean per screening × room, and per room one "at most one" per
start (on an interval graph the screenings running at a start are a clique, and the cliques at the starts
are all the maximal ones). CP-SAT solves it to optimality in a fraction of a second for a few hundred
screenings; it finds chains of room changes (A to B's room, B to C's, C to A's) that pairwise swaps reach
only through worse schedules."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from korkyt.scheduling.prep import Prepared, seat_cost

Placement = dict[int, tuple[int, int]]


def reassign_rooms(
    prepared: Prepared, placed: Placement, *, time_limit: float = 1.0, workers: int = 1, seed: int = 0
) -> tuple[Placement, int]:
    """``placed`` with every screening's start kept and rooms chosen for the least seat cost; and by how
    much the seat part (weighted) fell (0 when nothing better was found; never negative)."""
    inst = prepared.instance
    co = inst.changeover_min
    w = inst.weights.seats
    room_index = {r.id: i for i, r in enumerate(inst.rooms)}
    # Bookings that stay: fixed events, locked screenings and jobs that are not in ``placed``.
    fixed: list[list[tuple[int, int]]] = [[] for _ in inst.rooms]
    for event in inst.fixed:
        fixed[room_index[event.room]].append((event.starts_at, event.ends_at + co))
    movable = []
    for j, (r, s) in placed.items():
        job = prepared.jobs[j]
        if job.lock is not None:
            fixed[r].append((s, s + job.duration + co))
        else:
            movable.append(j)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_room: dict[int, list[int]] = defaultdict(list)
    cost = 0
    objective = []
    for j in movable:
        job = prepared.jobs[j]
        here, s = placed[j]
        end = s + job.duration + co
        film = prepared.film(job)
        rooms = [
            r
            for r in job.rooms
            if (job.kind != "jury" or prepared.room_venue[r] == prepared.room_venue[here])
            and all(not (fs < end and fe > s) for fs, fe in fixed[r])
        ]
        if here not in rooms:  # pragma: no cover - the schedule is valid, so its own room always fits
            rooms.append(here)
        model.AddExactlyOne(x.setdefault((j, r), model.NewBoolVar("")) for r in rooms)
        for r in rooms:
            by_room[r].append(j)
            c = w * seat_cost(film, prepared.room(r), job.kind)
            objective.append(c * x[j, r])
            model.AddHint(x[j, r], r == here)
        cost += w * seat_cost(film, prepared.room(here), job.kind)
    for r, jobs in by_room.items():
        spans = [(placed[j][1], placed[j][1] + prepared.jobs[j].duration + co, j) for j in jobs]
        for t, _, _ in spans:
            running = [x[j, r] for s, e, j in spans if s <= t < e]
            if len(running) > 1:
                model.AddAtMostOne(running)
    model.Minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    code = solver.Solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return dict(placed), 0
    value = round(solver.ObjectiveValue())
    if value >= cost:
        return dict(placed), 0
    out = dict(placed)
    for (j, r), lit in x.items():
        if solver.Value(lit):
            out[j] = (r, placed[j][1])
    return out, cost - value
