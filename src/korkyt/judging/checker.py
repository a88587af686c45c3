"""An independent checker of reviewer assignments, for the tests and the benchmark: it reads the inputs and
a result and lists every rule broken, in words. It shares no logic with the solver or the peer in
``korkyt.judging.assignment`` (only their data classes), so that a bug there is not repeated here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from korkyt.judging.assignment import AssignmentResult, Entry, Reviewer

__all__ = ["check_assignment"]


def _may_review(reviewer: Reviewer, entry: Entry) -> bool:
    if entry.section not in reviewer.sections:
        return False
    return reviewer.countries is None or entry.country in reviewer.countries


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
            if reviewer_id in (existing or {}).get(entry_id, ()):
                continue  # kept from existing: staff's choice (a conflict among them is reported above)
            reviewer = reviewer_by_id.get(reviewer_id)
            if reviewer is None:
                problems.append(f"entry {entry_id} has unknown reviewer {reviewer_id}")
            elif entry is not None and not _may_review(reviewer, entry):
                problems.append(f"reviewer {reviewer_id} does not review the section/country of {entry_id}")
        for reviewer_id, kept_entry in kept:
            if kept_entry == entry_id and reviewer_id not in ids:
                problems.append(f"existing reviewer {reviewer_id} of entry {entry_id} was dropped")
        if len(ids) > max(per_entry, len(set((existing or {}).get(entry_id, ())))):
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
            new = sum(
                1
                for entry_id, ids in result.by_entry.items()
                if reviewer_id in ids and reviewer_id not in (existing or {}).get(entry_id, ())
            )
            if new:  # kept work alone may exceed a capacity lowered later
                problems.append(
                    f"reviewer {reviewer_id}: {counted[reviewer_id]} reviews, "
                    f"over the capacity {reviewer.capacity}"
                )
    return problems
