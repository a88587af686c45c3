"""Reviewer assignment: every entry gets its reviewers within sections, countries, capacity and conflicts,
with the load as even as possible; shortfalls are explained; the naive round-robin is the peer."""

from __future__ import annotations

import random

import pytest

from korkyt.judging import (
    AssignmentResult,
    Entry,
    JudgingError,
    Reviewer,
    assign_reviewers,
    check_assignment,
    round_robin,
)


def reviewer(id: int, *sections: str, countries=None, capacity=None) -> Reviewer:
    return Reviewer(
        id, frozenset(sections or ("feature",)), frozenset(countries) if countries else None, capacity
    )


def entries(n: int, section: str = "feature", country: str = "KZ", start: int = 1) -> list[Entry]:
    return [Entry(i, section, country) for i in range(start, start + n)]


def solve(es, rs, per_entry=3, conflicts=frozenset(), existing=None) -> AssignmentResult:
    result = assign_reviewers(es, rs, per_entry, set(conflicts), existing)
    assert check_assignment(es, rs, per_entry, set(conflicts), result, existing) == []
    return result


def test_every_entry_gets_per_entry_distinct_reviewers_and_load_is_even():
    es = entries(10)
    rs = [reviewer(i) for i in range(1, 6)]
    result = solve(es, rs, per_entry=3)
    assert all(len(ids) == 3 == len(set(ids)) for ids in result.by_entry.values())
    assert result.load == dict.fromkeys(range(1, 6), 6)  # 30 reviews over 5 reviewers
    assert result.spread == 0 and result.stdev == 0
    assert result.unfilled == {} and result.shortfalls == {}
    assert result.reviews == 30
    assert result.added == result.by_entry


def test_uneven_total_leaves_a_spread_of_one():
    result = solve(entries(7), [reviewer(i) for i in range(1, 5)], per_entry=2)
    assert sorted(result.load.values()) == [3, 3, 4, 4]
    assert result.spread == 1


def test_reviewers_only_get_their_sections_and_countries():
    es = [Entry(1, "feature", "KZ"), Entry(2, "documentary", "TR"), Entry(3, "feature", "UZ")]
    rs = [
        reviewer(1, "feature", countries={"KZ"}),
        reviewer(2, "documentary"),
        reviewer(3, "feature", "documentary", countries={"UZ", "TR"}),
    ]
    result = solve(es, rs, per_entry=1)
    assert result.by_entry[1] == [1] and result.by_entry[3] == [3]
    assert result.by_entry[2] in ([2], [3])
    for entry_id, ids in result.by_entry.items():
        entry = next(e for e in es if e.id == entry_id)
        assert all(next(r for r in rs if r.id == i).covers(entry) for i in ids)


def test_conflicts_are_never_assigned_even_when_it_leaves_the_entry_short():
    es = entries(2)
    rs = [reviewer(i) for i in range(1, 4)]
    result = solve(es, rs, per_entry=3, conflicts={(2, 1)})
    assert 2 not in result.by_entry[1]
    assert sorted(result.by_entry[1]) == [1, 3]
    assert sorted(result.by_entry[2]) == [1, 2, 3]
    shortfall = result.shortfalls[1]
    assert (shortfall.code, shortfall.assigned, shortfall.eligible, shortfall.conflicted) == (
        "too-few-eligible",
        2,
        2,
        1,
    )
    assert result.unfilled[1] == (
        "2 of 3 reviewers assigned: not enough eligible reviewers (only 2, 1 more excluded by a conflict "
        "of interest)"
    )
    assert result.conflicts_hit == []


def test_capacity_is_a_hard_limit_and_the_rest_balance_around_it():
    es = entries(12)
    rs = [reviewer(1, capacity=2), reviewer(2), reviewer(3), reviewer(4)]
    result = solve(es, rs, per_entry=2)
    assert result.load[1] == 2
    assert sorted(result.load[i] for i in (2, 3, 4)) == [7, 7, 8]


def test_capacity_reached_is_named_as_the_reason():
    es = entries(3)
    rs = [reviewer(1, capacity=3), reviewer(2, capacity=1)]
    result = solve(es, rs, per_entry=2)
    assert result.load == {1: 3, 2: 1}
    assert len(result.unfilled) == 2
    assert {s.code for s in result.shortfalls.values()} == {"capacity-reached"}
    some = next(iter(result.unfilled.values()))
    assert some == "1 of 2 reviewers assigned: the other eligible reviewers are at capacity"


def test_no_reviewer_for_the_section_or_the_country_is_named():
    es = [Entry(1, "animation", "KZ"), Entry(2, "feature", "AZ")]
    rs = [reviewer(1, "feature", countries={"KZ"})]
    result = solve(es, rs, per_entry=1)
    assert result.by_entry == {1: [], 2: []}
    assert result.shortfalls[1].code == "no-reviewer-for-section"
    assert result.unfilled[1] == "0 of 1 reviewers assigned: no reviewer reviews the section 'animation'"
    assert result.shortfalls[2].code == "no-reviewer-for-country"
    assert result.unfilled[2] == (
        "0 of 1 reviewers assigned: no reviewer of the section 'feature' reviews entries from AZ"
    )


def test_existing_reviewers_are_kept_counted_and_not_repeated():
    es = entries(4)
    rs = [reviewer(i) for i in range(1, 5)]
    existing = {1: [4, 4], 2: [4, 3]}
    result = solve(es, rs, per_entry=2, existing=existing)
    assert result.by_entry[1][0] == 4 and len(result.by_entry[1]) == 2
    assert result.by_entry[2] == [4, 3]
    assert 2 not in result.added
    assert result.load == dict.fromkeys(range(1, 5), 2)


def test_existing_assignment_outside_the_sections_is_kept_as_a_per_entry_choice():
    es = [Entry(1, "shorts", "KZ")]
    rs = [reviewer(1, "feature"), reviewer(2, "shorts")]
    result = solve(es, rs, per_entry=2, existing={1: [1]})
    assert result.by_entry[1] == [1, 2]
    assert result.unfilled == {}


def test_existing_conflict_is_released_and_replaced():
    es = entries(1)
    rs = [reviewer(1), reviewer(2)]
    result = solve(es, rs, per_entry=1, conflicts={(1, 1)}, existing={1: [1]})
    assert result.released == [(1, 1)]
    assert result.by_entry[1] == [2]
    assert result.load == {1: 0, 2: 1}


def test_existing_work_on_other_entries_counts_towards_load_and_capacity():
    es = entries(4, start=10)
    rs = [reviewer(1, capacity=3), reviewer(2)]
    result = solve(es, rs, per_entry=1, existing={1: [1], 2: [1]})  # entries 1 and 2 not in this call
    assert result.load == {1: 3, 2: 3}
    assert set(result.by_entry) == {10, 11, 12, 13}


def test_more_existing_reviewers_than_needed_are_all_kept():
    result = solve(entries(1), [reviewer(i) for i in range(1, 5)], per_entry=2, existing={1: [1, 2, 3]})
    assert result.by_entry[1] == [1, 2, 3]
    assert result.added == {}


def test_unknown_reviewer_in_existing_is_kept_on_the_entry_but_not_in_load():
    result = solve(entries(1), [reviewer(1)], per_entry=2, existing={1: [99]})
    assert result.by_entry[1] == [99, 1]
    assert result.load == {1: 1}


def test_the_result_does_not_depend_on_input_order():
    rnd = random.Random(7)
    es = [Entry(i, rnd.choice(["a", "b"]), rnd.choice(["KZ", "TR", "UZ"])) for i in range(1, 60)]
    rs = [reviewer(i, *rnd.sample(["a", "b"], rnd.randint(1, 2))) for i in range(1, 9)]
    conflicts = {(rnd.randint(1, 8), rnd.randint(1, 59)) for _ in range(20)}
    first = assign_reviewers(es, rs, 3, conflicts)
    shuffled_e, shuffled_r = es[:], rs[:]
    rnd.shuffle(shuffled_e)
    rnd.shuffle(shuffled_r)
    again = assign_reviewers(shuffled_e, shuffled_r, 3, set(conflicts))
    assert again.by_entry == first.by_entry and again.load == first.load


def test_a_reviewer_gets_a_mix_of_entries_not_a_block_of_consecutive_ids():
    result = solve(entries(60), [reviewer(i) for i in range(1, 7)], per_entry=1)
    mine = sorted(e for e, ids in result.by_entry.items() if 1 in ids)
    assert len(mine) == 10
    assert mine != list(range(mine[0], mine[0] + 10))


def test_nothing_to_do():
    assert solve([], [reviewer(1)]).load == {1: 0}
    result = solve(entries(2), [], per_entry=1)
    assert result.load == {} and result.spread == 0 and result.stdev == 0.0
    assert set(result.unfilled) == {1, 2}
    assert solve(entries(2), [reviewer(1)], per_entry=0).by_entry == {1: [], 2: []}


@pytest.mark.parametrize(
    ("es", "rs", "per_entry", "message"),
    [
        (entries(1) + entries(1), [reviewer(1)], 1, "entry 1 is given twice"),
        (entries(1), [reviewer(1), reviewer(1)], 1, "reviewer 1 is given twice"),
        (entries(1), [reviewer(1)], -1, "per_entry must be 0 or more, got -1"),
        (entries(1), [reviewer(1, capacity=-2)], 1, "reviewer 1: capacity must be 0 or more, got -2"),
    ],
)
def test_bad_input_is_refused_with_the_reason(es, rs, per_entry, message):
    for function in (assign_reviewers, round_robin):
        with pytest.raises(JudgingError, match=message):
            function(es, rs, per_entry, set())


def test_round_robin_cycles_and_assigns_conflicts_anyway_counting_them():
    es = entries(4)
    rs = [reviewer(i) for i in range(1, 4)]
    result = round_robin(es, rs, 2, {(1, 1), (3, 2)})
    assert result.by_entry == {1: [1, 2], 2: [1, 3], 3: [2, 3], 4: [1, 2]}  # new ones listed by id
    assert result.conflicts_hit == [(1, 1), (3, 2)]
    problems = check_assignment(es, rs, 2, {(1, 1), (3, 2)}, result)
    assert problems == ["reviewer 1 has a conflict with entry 1", "reviewer 3 has a conflict with entry 2"]


def test_round_robin_respects_sections_countries_and_capacity():
    es = [Entry(1, "a", "KZ"), Entry(2, "a", "TR"), Entry(3, "a", "KZ")]
    rs = [reviewer(1, "a", countries={"TR"}), reviewer(2, "a", capacity=1), reviewer(3, "a")]
    result = round_robin(es, rs, 1, set())
    # 1: reviewer 1 skipped (TR only), 2 taken; 2: the cycle goes on at 3; 3: 1 skipped, 2 full, 3 taken
    assert result.by_entry == {1: [2], 2: [3], 3: [3]}
    assert result.load == {1: 0, 2: 1, 3: 2}
    assert check_assignment(es, rs, 1, set(), result) == []


def test_round_robin_loads_sections_unevenly_where_the_flow_balances():
    # Reviewer 1 covers both sections; the cycle gives them both sections' share, the flow evens it out.
    es = entries(12, "a") + entries(12, "b", start=13)
    rs = [reviewer(1, "a", "b"), reviewer(2, "a"), reviewer(3, "b")]
    naive = round_robin(es, rs, 1, set())
    ours = solve(es, rs, per_entry=1)
    assert naive.load == {1: 12, 2: 6, 3: 6}
    assert ours.load == {1: 8, 2: 8, 3: 8}


def test_checker_notices_broken_results():
    es = [Entry(1, "a", "KZ"), Entry(2, "b", "KZ")]
    rs = [reviewer(1, "a", capacity=1), reviewer(2, "a")]
    bad = AssignmentResult(by_entry={1: [1, 1], 2: [2]}, load={1: 1, 2: 0}, unfilled={})
    problems = check_assignment(es, rs, 1, set(), bad)
    assert "entry 1 has a reviewer twice" in problems
    assert "reviewer 2 does not review the section/country of 2" in problems
    assert "reviewer 1: load 1, but 2 reviews" in problems
    assert "reviewer 1: 2 reviews, over the capacity 1" in problems
    assert "entry 1 has 2 reviewers, more than 1" in problems
    dropped = AssignmentResult(by_entry={1: [], 2: []}, load={1: 0, 2: 0}, unfilled={1: "x", 2: "y"})
    assert check_assignment(es, rs, 1, set(), dropped, existing={1: [2]}) == [
        "existing reviewer 2 of entry 1 was dropped"
    ]
    missing = AssignmentResult(by_entry={1: [1]}, load={1: 1, 2: 0}, unfilled={1: "x"})
    assert check_assignment(es, rs, 1, set(), missing) == [
        "by_entry does not list exactly the entries given",
        "entry 1: unfilled does not match its 1 reviewers",
    ]


def test_existing_work_over_a_lowered_capacity_is_kept_and_nothing_is_added():
    es = entries(3)
    rs = [reviewer(1, capacity=1), reviewer(2)]
    result = solve(es, rs, per_entry=1, existing={1: [1], 2: [1]})
    assert result.by_entry == {1: [1], 2: [1], 3: [2]}
    assert result.load == {1: 2, 2: 1}


def test_capacity_zero_keeps_a_reviewer_out():
    result = solve(entries(3), [reviewer(1, capacity=0), reviewer(2)], per_entry=1)
    assert result.load == {1: 0, 2: 3}


def test_under_capacity_the_short_entries_are_evenly_short():
    # 4 entries × 2 reviews wanted, 4 reviews of capacity: one each, not two entries full and two empty.
    result = solve(entries(4), [reviewer(1, capacity=2), reviewer(2, capacity=2)], per_entry=2)
    assert [len(ids) for ids in result.by_entry.values()] == [1, 1, 1, 1]
    assert result.load == {1: 2, 2: 2}
    assert {s.code for s in result.shortfalls.values()} == {"capacity-reached"}


def test_even_coverage_counts_the_reviewers_an_entry_keeps():
    es = entries(3)
    rs = [reviewer(1, capacity=2), reviewer(2, capacity=1), reviewer(3, capacity=1)]
    result = solve(es, rs, per_entry=2, existing={1: [3]})  # reviewer 3 is then full
    # three new reviews for needs 1 + 2 + 2: entries 2 and 3 get one each before anyone gets a second
    assert sorted(len(ids) for ids in result.by_entry.values()) == [1, 1, 2]
    assert result.by_entry[1][0] == 3 and result.reviews == 4
