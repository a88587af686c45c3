"""Reviewers for the entries of a selection: each entry gets ``per_entry`` reviews, load balanced.

``assign_reviewers`` solves one minimum-cost maximum flow (OR-Tools ``SimpleMinCostFlow``)::

    source ──need(e)──▶ entry e ──1──▶ reviewer r ──1, cost 2(b+k)−1 for the k-th new review──▶ sink

``need(e)`` is ``per_entry`` minus the reviewers ``e`` keeps; an entry→reviewer arc exists only when the
reviewer may review the entry (section, country, no conflict, not already on it); ``b`` is the reviewer's
load before the call. The flow is maximal first (as many reviews as the constraints allow), then of least
cost: the sum of the squared loads. The integral load vectors of maximum flows form an integral base
polyhedron (an M-convex set), and on such a set the minimisers of a sum of squares are exactly the
decreasingly minimal vectors, which also have the least maximum and the greatest minimum (Frank & Murota,
*Discrete decreasing minimization*, 2018–2022). So the spread max−min is the smallest any assignment with
the same number of reviews can reach, given who may review what.

When capacities cannot fill every entry, a first flow decides how many reviewers each entry gets: a
maximum flow of least Σ (reviewers of the entry)², so the least covered entry is as well covered as it
can be (four entries short of capacity get one reviewer each rather than two get two and two none); the
balancing flow then runs with those numbers. Without capacities each entry's number is forced anyway.

A second, much smaller cost on the entry→reviewer arcs (a fixed hash of the two ids) only decides among
equally balanced assignments, so that a reviewer gets a mix of entries rather than a run of consecutive
ids; it is scaled so that it can never outweigh one unit of balance. The result depends on the inputs
only (ids sorted first), never on their order or on a clock.

``round_robin`` is the naive peer for the benchmark: it cycles through each section's reviewers and, to
show what it would cost, assigns conflicted reviewers anyway and counts them in ``conflicts_hit``.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from korkyt.judging.errors import JudgingError

__all__ = [
    "AssignmentResult",
    "Entry",
    "Reviewer",
    "Shortfall",
    "assign_reviewers",
    "round_robin",
]

#: Tie-break costs on entry→reviewer arcs lie in ``[0, _TIE_RANGE)``.
_TIE_RANGE = 64


@dataclass(frozen=True)
class Entry:
    """A submission to review: its section code and the country it comes from."""

    id: int
    section: str
    country: str


@dataclass(frozen=True)
class Reviewer:
    """A member of the selection committee.

    ``sections``: the section codes they review. ``countries``: the countries whose entries they review
    (``None``: any). ``capacity``: the most reviews they take in all, those already assigned included
    (``None``: no fixed limit, the load is balanced with the others)."""

    id: int
    sections: frozenset[str]
    countries: frozenset[str] | None = None
    capacity: int | None = None

    def covers(self, entry: Entry) -> bool:
        """Whether the entry is in this reviewer's sections and countries (conflicts aside)."""
        return entry.section in self.sections and (self.countries is None or entry.country in self.countries)


@dataclass(frozen=True)
class Shortfall:
    """Why an entry has fewer than ``needed`` reviewers, in a form the app can phrase in any language.

    ``code``: ``no-reviewer-for-section`` (nobody reviews the section), ``no-reviewer-for-country``
    (nobody in the section reviews the entry's country), ``too-few-eligible`` (fewer eligible reviewers
    than needed, conflicts of interest counted in ``conflicted``), ``capacity-reached`` (enough eligible
    reviewers, but the others are at capacity). ``eligible`` counts the reviewers who could take the entry
    (section, country, no conflict), those already on it included."""

    code: str
    entry: int
    section: str
    country: str
    needed: int
    assigned: int
    eligible: int
    conflicted: int

    @property
    def missing(self) -> int:
        return self.needed - self.assigned

    @property
    def message(self) -> str:
        """The reason in plain English."""
        head = f"{self.assigned} of {self.needed} reviewers assigned"
        if self.code == "no-reviewer-for-section":
            return f"{head}: no reviewer reviews the section {self.section!r}"
        if self.code == "no-reviewer-for-country":
            return f"{head}: no reviewer of the section {self.section!r} reviews entries from {self.country}"
        if self.code == "too-few-eligible":
            conflicts = (
                f", {self.conflicted} more excluded by a conflict of interest" if self.conflicted else ""
            )
            return f"{head}: not enough eligible reviewers (only {self.eligible}{conflicts})"
        return f"{head}: the other eligible reviewers are at capacity"


@dataclass
class AssignmentResult:
    """``by_entry``: entry id → reviewer ids (those kept from ``existing`` first, in their order, then the
    new ones by id), for every entry given. ``load``: reviewer id → reviews in all (kept and new; work on
    entries outside the call that ``existing`` names counts too), for every reviewer given, 0 included.
    ``unfilled``: entry id → why it has fewer than ``per_entry`` reviewers (plain English); ``shortfalls``
    the same with a code and counts. ``added``: entry id → the new reviewer ids only (what to create).
    ``released``: (reviewer id, entry id) pairs of ``existing`` dropped because they are conflicts of
    interest. ``conflicts_hit``: (reviewer id, entry id) conflicts that were assigned anyway (only
    ``round_robin`` does that; always empty from ``assign_reviewers``)."""

    by_entry: dict[int, list[int]]
    load: dict[int, int]
    unfilled: dict[int, str]
    shortfalls: dict[int, Shortfall] = field(default_factory=dict)
    added: dict[int, list[int]] = field(default_factory=dict)
    released: list[tuple[int, int]] = field(default_factory=list)
    conflicts_hit: list[tuple[int, int]] = field(default_factory=list)

    @property
    def spread(self) -> int:
        """Largest load minus smallest (0 without reviewers)."""
        return max(self.load.values()) - min(self.load.values()) if self.load else 0

    @property
    def stdev(self) -> float:
        """Population standard deviation of the loads."""
        return statistics.pstdev(self.load.values()) if self.load else 0.0

    @property
    def reviews(self) -> int:
        """Reviews assigned over all entries given (kept and new)."""
        return sum(len(ids) for ids in self.by_entry.values())


@dataclass
class _Prepared:
    entries: list[Entry]
    reviewers: list[Reviewer]
    kept: dict[int, list[int]]
    base: dict[int, int]
    released: list[tuple[int, int]] = field(default_factory=list)


def _prepare(
    entries: Iterable[Entry],
    reviewers: Iterable[Reviewer],
    per_entry: int,
    conflicts: set[tuple[int, int]] | frozenset[tuple[int, int]],
    existing: Mapping[int, Sequence[int]] | None,
    *,
    release_conflicts: bool,
) -> _Prepared:
    if per_entry < 0:
        raise JudgingError(f"per_entry must be 0 or more, got {per_entry}")
    entry_list = sorted(entries, key=lambda e: e.id)
    reviewer_list = sorted(reviewers, key=lambda r: r.id)
    for kind, ids in (("entry", [e.id for e in entry_list]), ("reviewer", [r.id for r in reviewer_list])):
        for a, b in itertools.pairwise(ids):
            if a == b:
                raise JudgingError(f"{kind} {a} is given twice")
    for r in reviewer_list:
        if r.capacity is not None and r.capacity < 0:
            raise JudgingError(f"reviewer {r.id}: capacity must be 0 or more, got {r.capacity}")
    known = {r.id for r in reviewer_list}
    entry_ids = {e.id for e in entry_list}
    kept: dict[int, list[int]] = {e.id: [] for e in entry_list}
    base = dict.fromkeys(known, 0)
    released: list[tuple[int, int]] = []
    for entry_id, assigned in sorted((existing or {}).items()):
        seen: set[int] = set()
        for reviewer_id in assigned:
            if reviewer_id in seen:
                continue
            seen.add(reviewer_id)
            if release_conflicts and (reviewer_id, entry_id) in conflicts:
                released.append((reviewer_id, entry_id))
                continue
            if entry_id in entry_ids:
                kept[entry_id].append(reviewer_id)
            if reviewer_id in known:
                base[reviewer_id] += 1
    return _Prepared(entry_list, reviewer_list, kept, base, released)


def _ties(entry_ids: np.ndarray, reviewer_ids: np.ndarray) -> np.ndarray:
    """A fixed pseudo-random number in [0, _TIE_RANGE) per (entry, reviewer) pair (splitmix64 finaliser
    of a mix of the two ids; unsigned 64-bit arithmetic wraps)."""
    with np.errstate(over="ignore"):
        x = (
            entry_ids.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
            + reviewer_ids.astype(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
            + np.uint64(0x165667B19E3779F9)
        )
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    return (x % np.uint64(_TIE_RANGE)).astype(np.int64)


def _max_flow_min_cost(
    tails: np.ndarray, heads: np.ndarray, caps: np.ndarray, costs: np.ndarray, nodes: int, supply: int
) -> np.ndarray:
    """The flow on each arc of a maximum flow of least cost from node 0 (``supply``) to node 1."""
    from ortools.graph.python import min_cost_flow

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = np.zeros(nodes, dtype=np.int64)
    supplies[0], supplies[1] = supply, -supply
    flow.set_nodes_supplies(np.arange(nodes, dtype=np.int64), supplies)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - the network is always well formed
        raise JudgingError(f"the assignment could not be solved (min-cost flow status {status})")
    return np.asarray(flow.flows(arcs))


def _shortfall(
    entry: Entry,
    per_entry: int,
    assigned: Sequence[int],
    reviewers: Sequence[Reviewer],
    conflicts: set[tuple[int, int]] | frozenset[tuple[int, int]],
) -> Shortfall:
    in_section = [r for r in reviewers if entry.section in r.sections]
    covering = [r for r in in_section if r.covers(entry)]
    conflicted = sum(1 for r in covering if (r.id, entry.id) in conflicts)
    on_entry = set(assigned)
    # Reviewers already on the entry count as eligible even when kept from outside its section.
    eligible = len({r.id for r in covering if (r.id, entry.id) not in conflicts} | on_entry)
    if eligible >= per_entry:
        code = "capacity-reached"
    elif on_entry:
        code = "too-few-eligible"
    elif not in_section:
        code = "no-reviewer-for-section"
    elif not covering:
        code = "no-reviewer-for-country"
    else:
        code = "too-few-eligible"
    return Shortfall(
        code=code,
        entry=entry.id,
        section=entry.section,
        country=entry.country,
        needed=per_entry,
        assigned=len(assigned),
        eligible=eligible,
        conflicted=conflicted,
    )


def _finish(
    prep: _Prepared,
    per_entry: int,
    added: dict[int, list[int]],
    conflicts: set[tuple[int, int]] | frozenset[tuple[int, int]],
    conflicts_hit: list[tuple[int, int]],
) -> AssignmentResult:
    by_entry: dict[int, list[int]] = {}
    load = dict(prep.base)
    shortfalls: dict[int, Shortfall] = {}
    for entry in prep.entries:
        new = sorted(added.get(entry.id, []))
        for reviewer_id in new:
            load[reviewer_id] += 1
        ids = prep.kept[entry.id] + new
        by_entry[entry.id] = ids
        if len(ids) < per_entry:
            shortfalls[entry.id] = _shortfall(entry, per_entry, ids, prep.reviewers, conflicts)
    return AssignmentResult(
        by_entry=by_entry,
        load=load,
        unfilled={entry_id: s.message for entry_id, s in shortfalls.items()},
        shortfalls=shortfalls,
        added={entry_id: sorted(ids) for entry_id, ids in added.items() if ids},
        released=prep.released,
        conflicts_hit=conflicts_hit,
    )


def assign_reviewers(
    entries: Iterable[Entry],
    reviewers: Iterable[Reviewer],
    per_entry: int,
    conflicts: set[tuple[int, int]] | frozenset[tuple[int, int]],
    existing: Mapping[int, Sequence[int]] | None = None,
) -> AssignmentResult:
    """Give each entry ``per_entry`` reviewers with the load as even as the constraints allow.

    ``conflicts``: (reviewer id, entry id) pairs that must never be assigned. ``existing``: entry id →
    reviewer ids already assigned; they are kept (even outside the reviewer's sections: a per-entry
    assignment by staff) and count towards ``per_entry``, the load and the capacity, except pairs that are
    in ``conflicts``, which are dropped and listed in ``released``. A reviewer is never twice on an entry
    and only gets entries of their sections (and countries, when given), within their capacity. An entry
    that cannot get enough reviewers gets as many as possible and is named in ``unfilled`` with the reason.
    Raises ``JudgingError`` for a duplicate entry or reviewer id, a negative ``per_entry`` or capacity.
    """
    prep = _prepare(entries, reviewers, per_entry, conflicts, existing, release_conflicts=True)
    by_section: dict[str, list[Reviewer]] = defaultdict(list)
    for r in prep.reviewers:
        for section in r.sections:
            by_section[section].append(r)

    # Nodes: 0 source, 1 sink, 2… entries, then reviewers. Arcs: source→entry, entry→reviewer for each
    # eligible pair, then one unit arc reviewer→sink per possible new review.
    n_entries = len(prep.entries)
    reviewer_index = {r.id: i for i, r in enumerate(prep.reviewers)}
    needs: list[int] = []
    need_nodes: list[int] = []
    pair_entry: list[int] = []  # entry ids, entry nodes and reviewer indices of the entry→reviewer arcs
    pair_node: list[int] = []
    pair_reviewer: list[int] = []
    for position, entry in enumerate(prep.entries):
        need = per_entry - len(prep.kept[entry.id])
        if need <= 0:
            continue
        on_entry = prep.kept[entry.id]
        candidates = [
            reviewer_index[r.id]
            for r in by_section.get(entry.section, ())
            if (r.countries is None or entry.country in r.countries)
            and (r.id, entry.id) not in conflicts
            and r.id not in on_entry
        ]
        if not candidates:
            continue
        needs.append(need)
        need_nodes.append(2 + position)
        pair_entry.extend([entry.id] * len(candidates))
        pair_node.extend([2 + position] * len(candidates))
        pair_reviewer.extend(candidates)
    if not pair_entry:
        return _finish(prep, per_entry, {}, conflicts, [])

    entry_ids = np.asarray(pair_entry, dtype=np.int64)
    reviewer_pos = np.asarray(pair_reviewer, dtype=np.int64)
    pair_tails = np.asarray(pair_node, dtype=np.int64)
    pair_heads = 2 + n_entries + reviewer_pos
    reviewer_ids = np.asarray([r.id for r in prep.reviewers], dtype=np.int64)
    eligible = np.bincount(reviewer_pos, minlength=len(prep.reviewers))
    rooms = [
        int(eligible[i]) if r.capacity is None else min(int(eligible[i]), r.capacity - prep.base[r.id])
        for i, r in enumerate(prep.reviewers)
    ]
    if any(r.capacity is not None for r in prep.reviewers):
        needs = _even_coverage(
            [per_entry - n for n in needs], needs, need_nodes, pair_tails, pair_heads, rooms, n_entries
        )
    ties = _ties(entry_ids, reviewer_ids[reviewer_pos])

    # The k-th new review of a reviewer with load b before costs 2(b+k)−1 (a load L costs L² in all),
    # scaled so that the tie-breaks of all reviews together stay below one step of the squared-load sum
    # (2 units: sums of squares of loads with the same total differ by an even number).
    total_need = sum(needs)
    scale = (total_need * (_TIE_RANGE - 1)) // 2 + 1
    unit_tails: list[np.ndarray] = []
    unit_costs: list[np.ndarray] = []
    for i, room in enumerate(rooms):
        if room <= 0:
            continue
        k = np.arange(1, room + 1, dtype=np.int64)
        unit_tails.append(np.full(room, 2 + n_entries + i, dtype=np.int64))
        unit_costs.append(scale * (2 * (prep.base[prep.reviewers[i].id] + k) - 1))
    n_units = sum(len(t) for t in unit_tails)
    tails = np.concatenate([np.zeros(len(needs), dtype=np.int64), pair_tails, *unit_tails])
    heads = np.concatenate(
        [np.asarray(need_nodes, dtype=np.int64), pair_heads, np.ones(n_units, dtype=np.int64)]
    )
    caps = np.concatenate(
        [np.asarray(needs, dtype=np.int64), np.ones(len(pair_entry) + n_units, dtype=np.int64)]
    )
    costs = np.concatenate([np.zeros(len(needs), dtype=np.int64), ties, *unit_costs])

    flows = _max_flow_min_cost(tails, heads, caps, costs, 2 + n_entries + len(prep.reviewers), total_need)
    used = flows[len(needs) : len(needs) + len(pair_entry)]
    added: dict[int, list[int]] = defaultdict(list)
    for entry_id, reviewer_id in zip(
        entry_ids[used > 0].tolist(), reviewer_ids[reviewer_pos[used > 0]].tolist(), strict=True
    ):
        added[entry_id].append(reviewer_id)
    return _finish(prep, per_entry, added, conflicts, [])


def _even_coverage(
    kept: list[int],
    needs: list[int],
    need_nodes: list[int],
    pair_tails: np.ndarray,
    pair_heads: np.ndarray,
    rooms: list[int],
    n_entries: int,
) -> list[int]:
    """How many new reviewers each entry gets when capacities cannot fill them all: a maximum flow of
    least Σ (reviewers of the entry)², so that the short entries are as evenly short as possible (the
    least covered entry as well covered as it can be) rather than some full and others empty. Without a
    shortage every entry simply gets its need."""
    entry_tails: list[int] = []
    entry_heads: list[int] = []
    entry_costs: list[int] = []
    for have, need, node in zip(kept, needs, need_nodes, strict=True):
        for k in range(1, need + 1):
            entry_tails.append(0)
            entry_heads.append(node)
            entry_costs.append(2 * (have + k) - 1)
    open_rooms = [(i, room) for i, room in enumerate(rooms) if room > 0]
    tails = np.concatenate(
        [
            np.asarray(entry_tails, dtype=np.int64),
            pair_tails,
            np.asarray([2 + n_entries + i for i, _ in open_rooms], dtype=np.int64),
        ]
    )
    heads = np.concatenate(
        [np.asarray(entry_heads, dtype=np.int64), pair_heads, np.ones(len(open_rooms), dtype=np.int64)]
    )
    caps = np.concatenate(
        [
            np.ones(len(entry_tails) + len(pair_tails), dtype=np.int64),
            np.asarray([room for _, room in open_rooms], dtype=np.int64),
        ]
    )
    costs = np.concatenate(
        [np.asarray(entry_costs, dtype=np.int64), np.zeros(len(pair_tails) + len(open_rooms), dtype=np.int64)]
    )
    used = _max_flow_min_cost(tails, heads, caps, costs, 2 + n_entries + len(rooms), sum(needs))
    used = used[: len(entry_tails)]
    got = np.bincount(
        np.searchsorted(np.asarray(need_nodes), np.asarray(entry_heads)), weights=used, minlength=len(needs)
    )
    return [int(x) for x in got]


def round_robin(
    entries: Iterable[Entry],
    reviewers: Iterable[Reviewer],
    per_entry: int,
    conflicts: set[tuple[int, int]] | frozenset[tuple[int, int]],
    existing: Mapping[int, Sequence[int]] | None = None,
) -> AssignmentResult:
    """The naive peer: entries by id, each section's reviewers in a cycle (by id), the next reviewers who
    cover the entry's country, are not on it yet and have room. It does not skip conflicts of interest:
    it assigns them and lists them in ``conflicts_hit`` (existing conflicted pairs are kept and listed
    too). Same signature and result as ``assign_reviewers``, for comparison."""
    prep = _prepare(entries, reviewers, per_entry, conflicts, existing, release_conflicts=False)
    pools: dict[str, list[Reviewer]] = defaultdict(list)
    for r in prep.reviewers:
        for section in r.sections:
            pools[section].append(r)
    cursor: dict[str, int] = defaultdict(int)
    load = dict(prep.base)
    added: dict[int, list[int]] = {}
    hit: list[tuple[int, int]] = [
        (reviewer_id, entry_id)
        for entry_id, ids in prep.kept.items()
        for reviewer_id in ids
        if (reviewer_id, entry_id) in conflicts
    ]
    for entry in prep.entries:
        pool = pools.get(entry.section, [])
        taken: list[int] = []
        on_entry = set(prep.kept[entry.id])
        need = per_entry - len(on_entry)
        start = cursor[entry.section]
        for step in range(len(pool)):
            if len(taken) >= need:
                break
            r = pool[(start + step) % len(pool)]
            if not r.covers(entry) or r.id in on_entry:
                continue
            if r.capacity is not None and load[r.id] >= r.capacity:
                continue
            taken.append(r.id)
            on_entry.add(r.id)
            load[r.id] += 1
            cursor[entry.section] = (start + step + 1) % len(pool)
            if (r.id, entry.id) in conflicts:
                hit.append((r.id, entry.id))
        if taken:
            added[entry.id] = taken
    return _finish(prep, per_entry, added, conflicts, sorted(hit, key=lambda p: (p[1], p[0])))
