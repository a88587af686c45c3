"""Award decisions against the edition's rules: one main award per film, ex aequo, the number of prizes,
special mentions; each broken rule as a stable code with the values to phrase it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.judging import AwardRule, JudgingError, Violation, check_awards

RULES = [
    AwardRule("grand-prix", main=True, ex_aequo_allowed=False),
    AwardRule("best-director", main=True, ex_aequo_allowed=False),
    AwardRule("best-actor", main=False, ex_aequo_allowed=True),
    AwardRule("special-mention", main=False, ex_aequo_allowed=False, max_winners=2, mention=True),
    AwardRule("jury-prize", main=False, ex_aequo_allowed=False, max_winners=2),
]


def test_valid_decisions_break_nothing():
    decisions = [
        ("grand-prix", 1),
        ("best-director", 2),
        ("best-actor", 3),
        ("best-actor", 4),  # ex aequo allowed
        ("special-mention", 5),
        ("special-mention", 6),
        ("jury-prize", 1),  # not a main award
    ]
    assert check_awards(decisions, RULES) == []
    assert check_awards([], RULES) == []


def test_two_main_awards_for_one_film():
    [violation] = check_awards([("best-director", 1), ("grand-prix", 1)], RULES)
    assert violation == Violation("two-main-awards", {"film": 1, "awards": ["grand-prix", "best-director"]})
    assert violation.message == "film 1 gets more than one main award: grand-prix, best-director"


def test_two_main_awards_allowed_when_the_rules_say_so():
    assert check_awards([("grand-prix", 1), ("best-director", 1)], RULES, one_main_award_per_film=False) == []


def test_ex_aequo_not_allowed():
    [violation] = check_awards([("grand-prix", 3), ("grand-prix", 1)], RULES)
    assert violation == Violation(
        "ex-aequo-not-allowed", {"award": "grand-prix", "films": [1, 3], "count": 2}
    )
    assert violation.message == "'grand-prix' cannot be given ex aequo, but goes to 2 films"


def test_more_films_than_prizes():
    decisions = [("special-mention", 1), ("special-mention", 2), ("special-mention", 3)]
    [violation] = check_awards(decisions, RULES)
    assert violation.code == "too-many-winners"
    assert violation.params == {"award": "special-mention", "films": [1, 2, 3], "count": 3, "max": 2}
    assert violation.message == "'special-mention' has 2 prizes, but goes to 3 films"


def test_ex_aequo_lets_any_number_of_films_share_the_prizes():
    rules = [AwardRule("shared", main=False, ex_aequo_allowed=True, max_winners=2)]
    assert check_awards([("shared", f) for f in range(1, 6)], rules) == []


def test_unknown_award_and_duplicate_decision():
    violations = check_awards([("golden-bear", 1), ("grand-prix", 2), ("grand-prix", 2)], RULES)
    assert [v.code for v in violations] == ["unknown-award", "duplicate-decision"]
    assert violations[0].params == {"award": "golden-bear", "film": 1}
    assert violations[0].message == "film 1 is given 'golden-bear', an award the rules do not have"
    assert violations[1].message == "film 2 is given 'grand-prix' twice"


def test_mention_with_an_award_only_when_forbidden():
    decisions = [("jury-prize", 4), ("special-mention", 4)]
    assert check_awards(decisions, RULES) == []
    [violation] = check_awards(decisions, RULES, mention_with_award=False)
    assert violation == Violation(
        "mention-and-award", {"film": 4, "mentions": ["special-mention"], "awards": ["jury-prize"]}
    )
    assert violation.message == "film 4 gets a special mention and an award"


def test_violations_come_in_a_fixed_order():
    decisions = [
        ("best-director", 2),
        ("grand-prix", 2),
        ("grand-prix", 1),
        ("nope", 9),
        ("best-director", 1),
        ("special-mention", 1),
        ("special-mention", 2),
        ("special-mention", 3),
    ]
    codes = [(v.code, v.params.get("award") or v.params.get("film")) for v in check_awards(decisions, RULES)]
    assert codes == [
        ("unknown-award", "nope"),
        ("ex-aequo-not-allowed", "grand-prix"),
        ("ex-aequo-not-allowed", "best-director"),
        ("too-many-winners", "special-mention"),
        ("two-main-awards", 1),
        ("two-main-awards", 2),
    ]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([AwardRule("a", True, False), AwardRule("a", False, True)], "the award 'a' has two rules"),
        ([AwardRule("a", True, False, max_winners=0)], "max_winners must be 1 or more, got 0"),
        ([AwardRule("a", True, False, mention=True)], "cannot be both a main award and a mention"),
    ],
)
def test_inconsistent_rules_are_refused(rules, message):
    with pytest.raises(JudgingError, match=message):
        check_awards([], rules)


@st.composite
def palmares(draw):
    rules = []
    for i in range(draw(st.integers(1, 4))):
        mention = draw(st.booleans())
        rules.append(
            AwardRule(
                f"award-{i}",
                main=not mention and draw(st.booleans()),
                ex_aequo_allowed=draw(st.booleans()),
                max_winners=draw(st.integers(1, 3)),
                mention=mention,
            )
        )
    codes = [r.code for r in rules] + ["unknown"]
    decisions = draw(st.lists(st.tuples(st.sampled_from(codes), st.integers(1, 4)), max_size=8))
    return decisions, rules


@settings(max_examples=300, deadline=None)
@given(palmares(), st.booleans(), st.booleans())
def test_no_violation_exactly_when_every_rule_holds(case, one_main, mention_with_award):
    decisions, rules = case
    by_code = {r.code: r for r in rules}
    ok = all(code in by_code for code, _ in decisions) and len(set(decisions)) == len(decisions)
    for rule in rules:
        films = {f for code, f in decisions if code == rule.code}
        ok &= rule.ex_aequo_allowed or len(films) <= rule.max_winners
    for film in {f for _, f in decisions}:
        awards = [by_code[c] for c in {c for c, f in decisions if f == film and c in by_code}]
        ok &= not one_main or sum(1 for r in awards if r.main) <= 1
        ok &= mention_with_award or not (
            any(r.mention for r in awards) and any(not r.mention for r in awards)
        )
    violations = check_awards(decisions, rules, one_main, mention_with_award=mention_with_award)
    assert (violations == []) == ok
    assert all(v.message != v.code for v in violations)
