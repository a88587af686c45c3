"""Rankings by mean, normalised mean, Borda and Schulze against known examples, ties, missing scores, and
the disagreements between methods."""

from __future__ import annotations

import pytest

from korkyt.judging import JudgingError, compare, rank

A, B, C, D, E = 1, 2, 3, 4, 5


def ballots(groups: list[tuple[int, str]], names: str = "ABCDE") -> dict[int, dict[int, float]]:
    """One juror per voter; a ballot "ACBED" scores A 5, C 4, B 3, E 2, D 1 (films 1…5 for A…E)."""
    scores: dict[int, dict[int, float]] = {}
    for count, order in groups:
        for _ in range(count):
            scores[len(scores) + 1] = {names.index(c) + 1: float(len(order) - i) for i, c in enumerate(order)}
    return scores


# Wikipedia, "Schulze method", example with 45 voters and 5 candidates (winning votes).
WIKIPEDIA = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]

# Wikipedia, "Borda count" / "Condorcet method": the Tennessee capital, 100 voters.
MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE = 1, 2, 3, 4
TENNESSEE = [(42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM")]


def test_schulze_wikipedia_example_gives_e_a_c_b_d():
    ranking = rank(ballots(WIKIPEDIA), "schulze")
    assert ranking.order == [[E], [A], [C], [B], [D]]
    assert ranking.values == {E: 4.0, A: 3.0, C: 2.0, B: 1.0, D: 0.0}
    assert ranking.winners == [E]


def test_schulze_wikipedia_example_pairwise_preferences_and_strongest_paths():
    pairwise = rank(ballots(WIKIPEDIA), "schulze").pairwise
    assert pairwise is not None
    d = {
        A: {B: 20, C: 26, D: 30, E: 22},
        B: {A: 25, C: 16, D: 33, E: 18},
        C: {A: 19, B: 29, D: 17, E: 24},
        D: {A: 15, B: 12, C: 28, E: 14},
        E: {A: 23, B: 27, C: 21, D: 31},
    }
    p = {
        A: {B: 28, C: 28, D: 30, E: 24},
        B: {A: 25, C: 28, D: 33, E: 24},
        C: {A: 25, B: 29, D: 29, E: 24},
        D: {A: 25, B: 28, C: 28, E: 24},
        E: {A: 25, B: 28, C: 28, D: 31},
    }
    assert pairwise.d == d and pairwise["d"] == d
    assert pairwise.p == p and pairwise["p"] == p
    assert pairwise.beats(E, A) and not pairwise.beats(A, E)
    with pytest.raises(KeyError):
        pairwise["q"]


def test_borda_tennessee_example():
    scores = ballots(TENNESSEE, names="MNCK")
    ranking = rank(scores, "borda")
    assert ranking.values == {NASHVILLE: 194.0, CHATTANOOGA: 173.0, MEMPHIS: 126.0, KNOXVILLE: 107.0}
    assert ranking.order == [[NASHVILLE], [CHATTANOOGA], [MEMPHIS], [KNOXVILLE]]


def test_schulze_tennessee_condorcet_order():
    ranking = rank(ballots(TENNESSEE, names="MNCK"), "schulze")
    assert ranking.order == [[NASHVILLE], [CHATTANOOGA], [KNOXVILLE], [MEMPHIS]]
    assert ranking.pairwise is not None and ranking.pairwise.d[NASHVILLE][MEMPHIS] == 58


def test_mean_and_ties_share_a_tier_and_take_places():
    scores = {1: {10: 8, 11: 6, 12: 6, 13: 3}, 2: {10: 8, 11: 7, 12: 7, 13: 4}}
    ranking = rank(scores, "mean")
    assert ranking.values == {10: 8.0, 11: 6.5, 12: 6.5, 13: 3.5}
    assert ranking.order == [[10], [11, 12], [13]]
    assert ranking.positions == {10: 1, 11: 2, 12: 2, 13: 4}


def test_float_noise_does_not_split_a_tie():
    noisy = {1: {1: 0.1 + 0.2, 2: 0.3}}  # 0.30000000000000004 and 0.3
    assert rank(noisy, "mean").order == [[1, 2]]
    assert rank({1: {1: 0.3 + 1e-6, 2: 0.3}}, "mean").order == [[1], [2]]


def test_borda_ties_share_points():
    scores = {1: {1: 9, 2: 7, 3: 7}, 2: {1: 5, 2: 5, 3: 5}}
    ranking = rank(scores, "borda")
    # juror 1: film 1 beats two (2 points), 2 and 3 tie (half a point each); juror 2: all tie (1 each)
    assert ranking.values == {1: 3.0, 2: 1.5, 3: 1.5}
    assert ranking.order == [[1], [2, 3]]


def test_schulze_tie_when_the_jury_is_split():
    scores = {1: {1: 9, 2: 5}, 2: {1: 5, 2: 9}}
    ranking = rank(scores, "schulze")
    assert ranking.order == [[1, 2]]
    assert ranking.values == {1: 0.0, 2: 0.0}
    assert ranking.pairwise is not None and ranking.pairwise.p == {1: {2: 0}, 2: {1: 0}}


def test_schulze_equal_scores_say_nothing_about_the_pair():
    ranking = rank({1: {1: 7, 2: 7}, 2: {1: 8, 2: 6}}, "schulze")
    assert ranking.pairwise is not None
    assert ranking.pairwise.d == {1: {2: 1}, 2: {1: 0}}
    assert ranking.order == [[1], [2]]


def test_normalised_mean_removes_a_lenient_jurors_scale():
    # Juror 1 scores everything high with a narrow spread; juror 2 uses the whole scale.
    scores = {1: {1: 10, 2: 9.5, 3: 9}, 2: {1: 2, 2: 9, 3: 6}}
    assert rank(scores, "mean").order == [[2], [3], [1]]
    normalised = rank(scores, "normalised")
    assert normalised.order[0] == [2]
    z1 = 1.224744871391589  # (10 - 9.5) / sd(10, 9.5, 9)
    assert normalised.values[1] == pytest.approx((z1 + (2 - 17 / 3) / 2.8674417556808756) / 2)


def test_missing_score_does_not_count_against_a_film():
    # Juror 3 is recused from film 1; every juror who scored film 1 put it first.
    scores = {1: {1: 9, 2: 7, 3: 5}, 2: {1: 8, 2: 6, 3: 4}, 3: {2: 9, 3: 2}}
    for method in ("mean", "normalised", "borda", "schulze"):
        assert rank(scores, method).winners == [1], method
    borda = rank(scores, "borda")
    # juror 3's two-film ballot is stretched to the full range: film 2 gets 1 × (3 − 1)/(2 − 1) = 2
    assert borda.values == {1: 6.0, 2: 4.0, 3: 0.0}
    schulze = rank(scores, "schulze")
    assert schulze.pairwise is not None
    assert schulze.pairwise.d[2][1] == 0 and schulze.pairwise.d[1][2] == 2 and schulze.pairwise.d[2][3] == 3


def test_a_juror_who_scored_one_film_gives_it_the_middle_borda_points():
    scores = {1: {1: 9, 2: 5, 3: 1}, 2: {3: 10}}
    ranking = rank(scores, "borda")
    # film 3: juror 1 gives 0, juror 2 gives (3 − 1)/2 = 1; mean 0.5 × 2 ballots
    assert ranking.values == {1: 4.0, 2: 2.0, 3: 1.0}


def test_empty_scores_give_an_empty_ranking():
    for method in ("mean", "normalised", "borda", "schulze"):
        ranking = rank({}, method)
        assert ranking.order == [] and ranking.values == {} and ranking.winners == []
    assert rank({1: {}}, "borda").order == []


def test_unknown_method_and_bad_scores_are_refused():
    with pytest.raises(JudgingError, match="unknown ranking method 'median'"):
        rank({1: {1: 5}}, "median")  # type: ignore[arg-type]
    with pytest.raises(JudgingError, match="juror 1: the score of film 2 is not a number"):
        rank({1: {2: float("nan")}}, "schulze")


def test_compare_names_films_placed_differently_and_by_how_much():
    scores = {1: {1: 10, 2: 9.5, 3: 9}, 2: {1: 2, 2: 9, 3: 6}}
    rankings = {m: rank(scores, m) for m in ("mean", "normalised", "borda", "schulze")}
    assert rankings["mean"].positions == {2: 1, 3: 2, 1: 3}
    assert rankings["normalised"].positions == {2: 1, 1: 2, 3: 3}
    assert rankings["borda"].positions == {2: 1, 1: 2, 3: 3}
    # Schulze: the jury is split on 1–2 and 1–3, both prefer 2 to 3: 1 and 3 share the second tier
    assert rankings["schulze"].order == [[2], [1, 3]]
    one, three = compare(rankings)
    assert one.film == 1 and one.positions == {"mean": 3, "normalised": 2, "borda": 2, "schulze": 2}
    assert one.spread == 1 and one.best == ["borda", "normalised", "schulze"] and one.worst == ["mean"]
    assert three.film == 3 and three.best == ["mean", "schulze"] and three.worst == ["borda", "normalised"]


def test_compare_puts_the_most_disputed_film_first():
    mean = rank({1: {1: 3, 2: 2, 3: 1}}, "mean")
    other = rank({1: {1: 1, 2: 2, 3: 3}}, "mean")
    assert [(d.film, d.spread) for d in compare({"a": mean, "b": other})] == [(1, 2), (3, 2)]
    shifted = rank({1: {1: 3, 2: 1, 3: 2}}, "mean")
    assert [(d.film, d.spread) for d in compare({"a": mean, "b": shifted})] == [(2, 1), (3, 1)]


def test_compare_is_empty_when_the_methods_agree_and_skips_missing_films():
    scores = {1: {1: 9, 2: 5, 3: 1}, 2: {1: 8, 2: 6, 3: 2}}
    rankings = {m: rank(scores, m) for m in ("mean", "normalised", "borda", "schulze")}
    assert compare(rankings) == []
    partial = {"all": rank(scores, "mean"), "two": rank({1: {2: 9, 3: 1}}, "mean")}
    assert [(d.film, d.positions) for d in compare(partial)] == [
        (2, {"all": 2, "two": 1}),
        (3, {"all": 3, "two": 2}),
    ]
    assert compare({"alone": rank(scores, "mean")}) == []


@pytest.mark.parametrize("method", ["mean", "normalised", "borda", "schulze"])
def test_rankings_do_not_depend_on_the_order_of_jurors_or_films(method):
    scores = ballots(WIKIPEDIA)
    reordered = {j: dict(reversed(list(scores[j].items()))) for j in reversed(list(scores))}
    first, again = rank(scores, method), rank(reordered, method)
    assert again.order == first.order
    assert again.values == pytest.approx(first.values)
