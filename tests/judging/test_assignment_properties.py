"""Properties of the assignment on small random instances, checked without the solver's code: conflicts,
sections, countries and capacity are never broken, no review that could be given is left out, the least
covered entry is as well covered as it can be, and no assignment with as many reviews (and, under
capacities, the same coverage) has a smaller load spread, a smaller maximum or a larger minimum (checked
against OR-Tools CP-SAT solving each of those directly)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from korkyt.judging import Entry, Reviewer, assign_reviewers, check_assignment, round_robin

SECTIONS = ["a", "b", "c"]
COUNTRIES = ["KZ", "TR", "UZ"]


@st.composite
def instances(draw):
    n_entries = draw(st.integers(0, 9))
    n_reviewers = draw(st.integers(0, 5))
    es = [
        Entry(i, draw(st.sampled_from(SECTIONS)), draw(st.sampled_from(COUNTRIES)))
        for i in range(1, n_entries + 1)
    ]
    rs = []
    for j in range(1, n_reviewers + 1):
        sections = frozenset(draw(st.lists(st.sampled_from(SECTIONS), min_size=1, max_size=3)))
        countries = draw(st.one_of(st.none(), st.frozensets(st.sampled_from(COUNTRIES), min_size=1)))
        capacity = draw(st.one_of(st.none(), st.integers(0, 6)))
        rs.append(Reviewer(100 + j, sections, countries, capacity))
    pairs = [(r.id, e.id) for r in rs for e in es]
    conflicts = set(draw(st.lists(st.sampled_from(pairs), max_size=6))) if pairs else set()
    existing = {}
    if es and rs:
        for entry_id in draw(st.lists(st.sampled_from([e.id for e in es] + [999]), max_size=3, unique=True)):
            existing[entry_id] = draw(st.lists(st.sampled_from([r.id for r in rs]), max_size=2))
    per_entry = draw(st.integers(0, 3))
    return es, rs, per_entry, conflicts, existing


def _optimum(es, rs, per_entry, conflicts, existing, goal, coverage=None):
    """CP-SAT's best value of ``goal`` ("reviews", "coverage", "spread", "max", "min") over all valid
    assignments (with the maximum number of reviews, for the other goals; with each entry's number of
    reviewers fixed to ``coverage`` when given). "coverage": the fewest reviewers an entry has."""
    kept = {e: [r for r in dict.fromkeys(ids) if (r, e) not in conflicts] for e, ids in existing.items()}
    base = {r.id: sum(1 for e, ids in kept.items() for i in ids if i == r.id) for r in rs}
    model = cp_model.CpModel()
    x = {}
    covered = {}
    for e in es:
        on = kept.get(e.id, [])
        for r in rs:
            if r.covers(e) and (r.id, e.id) not in conflicts and r.id not in on:
                x[e.id, r.id] = model.new_bool_var(f"x{e.id}_{r.id}")
        new = sum(x[e.id, r.id] for r in rs if (e.id, r.id) in x)
        model.add(new <= max(0, per_entry - len(on)))
        covered[e.id] = len(on) + new
        if coverage is not None:
            model.add(covered[e.id] == coverage[e.id])
    loads = {}
    for r in rs:
        load = base[r.id] + sum(x[e.id, r.id] for e in es if (e.id, r.id) in x)
        if r.capacity is not None:
            model.add(load <= max(r.capacity, base[r.id]))
        loads[r.id] = load
    total = sum(x.values())
    if goal != "reviews":
        model.add(total == _optimum(es, rs, per_entry, conflicts, existing, "reviews"))
    top, bottom = model.new_int_var(0, 100, "top"), model.new_int_var(0, 100, "bottom")
    for load in loads.values():
        model.add(load <= top)
        model.add(load >= bottom)
    least = model.new_int_var(0, 100, "least")
    for count in covered.values():
        model.add(least <= count)
    objective = {"reviews": -total, "coverage": -least, "spread": top - bottom, "max": top, "min": -bottom}[
        goal
    ]
    model.minimize(objective)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    value = round(solver.objective_value)
    return -value if goal in ("reviews", "coverage", "min") else value


def _new_reviews(result, existing, conflicts):
    kept = {(r, e) for e, ids in existing.items() for r in ids if (r, e) not in conflicts}
    return sum(1 for e, ids in result.by_entry.items() for r in ids if (r, e) not in kept)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_assignment_breaks_no_rule_and_is_as_full_as_evenly_covered_and_as_balanced_as_possible(instance):
    es, rs, per_entry, conflicts, existing = instance
    result = assign_reviewers(es, rs, per_entry, conflicts, existing)
    assert check_assignment(es, rs, per_entry, conflicts, result, existing) == []
    by_id = {r.id: r for r in rs}
    for entry in es:
        for reviewer_id in result.added.get(entry.id, []):
            assert (reviewer_id, entry.id) not in conflicts
            assert by_id[reviewer_id].covers(entry)
    for r in rs:
        if r.capacity is not None and any(r.id in ids for ids in result.added.values()):
            assert result.load[r.id] <= r.capacity
    assert _new_reviews(result, existing, conflicts) == _optimum(
        es, rs, per_entry, conflicts, existing, "reviews"
    )
    if es:
        least = min(len(ids) for ids in result.by_entry.values())
        assert least == _optimum(es, rs, per_entry, conflicts, existing, "coverage")
    if rs:
        # Without capacities each entry's number of reviewers is forced; with them, the load is the most
        # even among assignments covering the entries as evenly as ours.
        fixed = None
        if any(r.capacity is not None for r in rs):
            fixed = {e: len(ids) for e, ids in result.by_entry.items()}
        assert result.spread == _optimum(es, rs, per_entry, conflicts, existing, "spread", fixed)
        assert max(result.load.values()) == _optimum(es, rs, per_entry, conflicts, existing, "max", fixed)
        assert min(result.load.values()) == _optimum(es, rs, per_entry, conflicts, existing, "min", fixed)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_round_robin_breaks_no_rule_but_conflicts_and_reports_each_conflict(instance):
    es, rs, per_entry, conflicts, existing = instance
    result = round_robin(es, rs, per_entry, conflicts, existing)
    assigned = {(r, e) for e, ids in result.by_entry.items() for r in ids}
    assert sorted(assigned & conflicts) == sorted(result.conflicts_hit)
    problems = check_assignment(es, rs, per_entry, conflicts, result, existing)
    assert [p for p in problems if "conflict" not in p] == []
