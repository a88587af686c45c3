"""Properties of the rankings on random juries with missing scores: Schulze elects the Condorcet winner and
puts the Condorcet loser last, its "beats" relation is transitive and respected by the order; every method
ranks every scored film once; Borda over complete ballots is the classic count."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.judging import METHODS, rank

FILMS = list(range(1, 7))


@st.composite
def juries(draw, complete: bool = False):
    films = FILMS[: draw(st.integers(1, len(FILMS)))]
    scores = {}
    for juror in range(1, draw(st.integers(1, 8)) + 1):
        scored = films if complete else draw(st.lists(st.sampled_from(films), unique=True))
        scores[juror] = {film: float(draw(st.integers(1, 5))) for film in scored}
    return scores


def pairwise_counts(scores):
    d: dict[tuple[int, int], int] = {}
    for marks in scores.values():
        for a, b in itertools.permutations(marks, 2):
            d[a, b] = d.get((a, b), 0) + (marks[a] > marks[b])
    return d


@settings(max_examples=300, deadline=None)
@given(juries())
def test_schulze_winner_is_the_condorcet_winner_and_the_condorcet_loser_is_last(scores):
    films = sorted({f for marks in scores.values() for f in marks})
    d = pairwise_counts(scores)
    ranking = rank(scores, "schulze")
    for film in films:
        others = [f for f in films if f != film]
        if others and all(d.get((film, f), 0) > d.get((f, film), 0) for f in others):
            assert ranking.order[0] == [film]
        if others and all(d.get((film, f), 0) < d.get((f, film), 0) for f in others):
            assert ranking.order[-1] == [film]


@settings(max_examples=300, deadline=None)
@given(juries())
def test_schulze_beats_is_transitive_and_the_order_respects_it(scores):
    ranking = rank(scores, "schulze")
    pairwise = ranking.pairwise
    assert pairwise is not None
    films = list(ranking.values)
    place = ranking.positions
    for a, b in itertools.permutations(films, 2):
        if pairwise.beats(a, b):
            assert place[a] < place[b]
            assert not pairwise.beats(b, a)
            for c in films:
                if c not in (a, b) and pairwise.beats(b, c):
                    assert pairwise.beats(a, c)
    for tier in ranking.order:  # a tier holds films none of which beats another
        assert not any(pairwise.beats(a, b) for a, b in itertools.permutations(tier, 2))


@settings(max_examples=200, deadline=None)
@given(juries(), st.sampled_from(METHODS))
def test_every_scored_film_is_ranked_once_best_value_first(scores, method):
    ranking = rank(scores, method)
    films = sorted({f for marks in scores.values() for f in marks})
    flat = [f for tier in ranking.order for f in tier]
    assert sorted(flat) == films == sorted(ranking.values)
    values = [ranking.values[tier[0]] for tier in ranking.order]
    assert values == sorted(values, reverse=True)
    assert all(tier == sorted(tier) for tier in ranking.order)


@settings(max_examples=200, deadline=None)
@given(juries(complete=True))
def test_borda_over_complete_ballots_is_the_classic_count(scores):
    classic: dict[int, float] = {}
    for marks in scores.values():
        for film, value in marks.items():
            above = sum(1 for v in marks.values() if v < value)
            ties = sum(1 for v in marks.values() if v == value) - 1
            classic[film] = classic.get(film, 0.0) + above + ties / 2
    values = rank(scores, "borda").values
    assert values.keys() == classic.keys()
    for film, points in classic.items():
        assert abs(values[film] - points) < 1e-9


@settings(max_examples=200, deadline=None)
@given(juries(), st.floats(0.1, 10), st.floats(-5, 5))
def test_normalised_ranking_ignores_a_jurors_scale_and_offset(scores, factor, offset):
    stretched = {j: {f: v * factor + offset for f, v in marks.items()} for j, marks in scores.items()}
    first, again = rank(scores, "normalised"), rank(stretched, "normalised")
    assert again.order == first.order
    for method in ("borda", "schulze"):  # these only read each juror's order
        assert rank(stretched, method).order == rank(scores, method).order
