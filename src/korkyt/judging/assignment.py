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
    "check_assignment",
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


def _tie(entry_id: int, reviewer_id: int) -> int:
    """A fixed pseudo-random number in [0, _TIE_RANGE) for a pair (splitmix64 finaliser)."""
    x = (entry_id * 0x9E3779B97F4A7C15 + reviewer_id * 0xC2B2AE3D27D4EB4F + 0x165667B19E3779F9) & (2**64 - 1)
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & (2**64 - 1)
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & (2**64 - 1)
    return (x ^ (x >> 31)) % _TIE_RANGE


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
    from ortools.graph.python import min_cost_flow

    prep = _prepare(entries, reviewers, per_entry, conflicts, existing, release_conflicts=True)
    by_section: dict[str, list[Reviewer]] = defaultdict(list)
    for r in prep.reviewers:
        for section in r.sections:
            by_section[section].append(r)

    source, sink = 0, 1
    entry_node = {e.id: 2 + i for i, e in enumerate(prep.entries)}
    reviewer_node = {r.id: 2 + len(prep.entries) + i for i, r in enumerate(prep.reviewers)}
    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    ties: list[int] = []
    pairs: list[tuple[int, int]] = []  # (entry id, reviewer id) of each entry→reviewer arc, in order
    pair_arcs: list[int] = []  # the index of each of those arcs
    eligible_count: dict[int, int] = dict.fromkeys(reviewer_node, 0)
    total_need = 0
    for entry in prep.entries:
        need = per_entry - len(prep.kept[entry.id])
        if need <= 0:
            continue
        on_entry = set(prep.kept[entry.id])
        candidates = [
            r.id
            for r in by_section.get(entry.section, ())
            if (r.countries is None or entry.country in r.countries)
            and r.id not in on_entry
            and (r.id, entry.id) not in conflicts
        ]
        if not candidates:
            continue
        total_need += need
        tails.append(source)
        heads.append(entry_node[entry.id])
        caps.append(need)
        ties.append(0)
        for reviewer_id in candidates:
            tails.append(entry_node[entry.id])
            heads.append(reviewer_node[reviewer_id])
            caps.append(1)
            ties.append(_tie(entry.id, reviewer_id))
            pairs.append((entry.id, reviewer_id))
            pair_arcs.append(len(tails) - 1)
            eligible_count[reviewer_id] += 1
    if not pairs:
        return _finish(prep, per_entry, {}, conflicts, [])

    # One unit arc per possible new review, the k-th costing 2(b+k)−1 (so a load L costs L² in all), scaled
    # so that the tie-breaks of all reviews together stay below one step of the squared-load sum (2 units).
    scale = (total_need * (_TIE_RANGE - 1)) // 2 + 1
    cost = list(ties)
    for r in prep.reviewers:
        room = eligible_count[r.id]
        if r.capacity is not None:
            room = min(room, r.capacity - prep.base[r.id])
        b = prep.base[r.id]
        for k in range(1, max(room, 0) + 1):
            tails.append(reviewer_node[r.id])
            heads.append(sink)
            caps.append(1)
            cost.append(scale * (2 * (b + k) - 1))

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.asarray(tails, dtype=np.int32),
        np.asarray(heads, dtype=np.int32),
        np.asarray(caps, dtype=np.int64),
        np.asarray(cost, dtype=np.int64),
    )
    supplies = np.zeros(2 + len(prep.entries) + len(prep.reviewers), dtype=np.int64)
    supplies[source], supplies[sink] = total_need, -total_need
    flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:  # pragma: no cover - the network is always well formed
        raise JudgingError(f"the assignment could not be solved (min-cost flow status {status})")
    flows = flow.flows(arcs[np.asarray(pair_arcs, dtype=np.int64)])
    added: dict[int, list[int]] = defaultdict(list)
    for (entry_id, reviewer_id), used in zip(pairs, flows.tolist(), strict=True):
        if used:
            added[entry_id].append(reviewer_id)
    return _finish(prep, per_entry, added, conflicts, [])


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


def check_assignment(
    entries: Iterable[Entry],
    reviewers: Iterable[Reviewer],
    per_entry: int,
    conflicts: set[tuple[int, int]] | frozenset[tuple[int, int]],
    result: AssignmentResult,
    existing: Mapping[int, Sequence[int]] | None = None,
) -> list[str]:
    """Every rule ``result`` breaks, in words (an empty list: none). Written apart from the solver, for
    the tests and the benchmark: conflicts, duplicates, sections and countries, capacity, existing pairs
    kept, ``load`` matching ``by_entry`` and ``unfilled`` naming exactly the entries short of reviewers."""
    entry_by_id = {e.id: e for e in entries}
    reviewer_by_id = {r.id: r for r in reviewers}
    problems: list[str] = []
    kept = {
        (reviewer_id, entry_id)
        for entry_id, ids in (existing or {}).items()
        for reviewer_id in ids
        if (reviewer_id, entry_id) not in conflicts
    }
    counted: dict[int, int] = dict.fromkeys(reviewer_by_id, 0)
    outside = [(r, e) for r, e in kept if e not in entry_by_id and r in counted]
    for reviewer_id, _ in outside:
        counted[reviewer_id] += 1
    if set(result.by_entry) != set(entry_by_id):
        problems.append("by_entry does not list exactly the entries given")
    for entry_id, ids in result.by_entry.items():
        entry = entry_by_id.get(entry_id)
        if len(ids) != len(set(ids)):
            problems.append(f"entry {entry_id} has a reviewer twice")
        for reviewer_id in ids:
            if reviewer_id in counted:
                counted[reviewer_id] += 1
            if (reviewer_id, entry_id) in conflicts:
                problems.append(f"reviewer {reviewer_id} has a conflict with entry {entry_id}")
            if (reviewer_id, entry_id) in kept:
                continue
            reviewer = reviewer_by_id.get(reviewer_id)
            if reviewer is None:
                problems.append(f"entry {entry_id} has unknown reviewer {reviewer_id}")
            elif entry is not None and not reviewer.covers(entry):
                problems.append(f"reviewer {reviewer_id} does not review the section/country of {entry_id}")
        for reviewer_id, kept_entry in kept:
            if kept_entry == entry_id and reviewer_id not in ids:
                problems.append(f"existing reviewer {reviewer_id} of entry {entry_id} was dropped")
        if len(ids) > max(per_entry, sum(1 for _, e in kept if e == entry_id)):
            problems.append(f"entry {entry_id} has {len(ids)} reviewers, more than {per_entry}")
        short = len(ids) < per_entry
        if short != (entry_id in result.unfilled):
            problems.append(f"entry {entry_id}: unfilled does not match its {len(ids)} reviewers")
    for reviewer_id, reviewer in reviewer_by_id.items():
        if result.load.get(reviewer_id) != counted[reviewer_id]:
            problems.append(
                f"reviewer {reviewer_id}: load {result.load.get(reviewer_id)}, "
                f"but {counted[reviewer_id]} reviews"
            )
        if reviewer.capacity is not None and counted[reviewer_id] > reviewer.capacity:
            before = sum(1 for r, _ in kept if r == reviewer_id)
            if counted[reviewer_id] > before:  # kept work may exceed a capacity lowered later
                problems.append(
                    f"reviewer {reviewer_id}: {counted[reviewer_id]} reviews, "
                    f"over the capacity {reviewer.capacity}"
                )
    return problems
