"""Per-juror z-scores and weighted totals of review criteria."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from korkyt.judging import JudgingError, normalise, weighted_total


def test_normalise_gives_each_juror_mean_zero_and_unit_spread():
    z = normalise({7: {1: 1.0, 2: 2.0, 3: 3.0}, 8: {1: 10, 2: 10, 3: 4}})
    s = math.sqrt(2 / 3)
    assert z[7] == pytest.approx({1: -1 / s, 2: 0.0, 3: 1 / s})
    assert z[8] == pytest.approx({1: 1 / math.sqrt(2), 2: 1 / math.sqrt(2), 3: -math.sqrt(2)})


def test_a_juror_without_spread_gets_zero_for_every_film():
    z = normalise({1: {1: 7, 2: 7, 3: 7}, 2: {5: 9.5}, 3: {}})
    assert z == {1: {1: 0.0, 2: 0.0, 3: 0.0}, 2: {5: 0.0}, 3: {}}


def test_normalise_is_blind_to_a_jurors_scale_and_offset():
    harsh = normalise({1: {1: 2, 2: 4, 3: 9}})[1]
    lenient = normalise({1: {1: 8.2, 2: 8.4, 3: 8.9}})[1]
    assert harsh == pytest.approx(lenient)


def test_normalise_uses_only_the_films_the_juror_scored():
    z = normalise({1: {1: 6, 2: 8}, 2: {1: 3, 2: 5, 3: 10}})
    assert z[1] == {1: -1.0, 2: 1.0}
    assert set(z[2]) == {1, 2, 3}


def test_normalise_refuses_a_score_that_is_not_a_number():
    with pytest.raises(JudgingError, match="juror 4: the score of film 9 is not a number"):
        normalise({4: {9: float("inf")}})


@given(
    st.dictionaries(
        st.integers(1, 50),
        st.floats(-100, 100, allow_nan=False),
        min_size=2,
        max_size=20,
    )
)
def test_normalised_scores_have_mean_zero_and_stdev_one_or_are_all_zero(marks):
    z = normalise({1: marks})[1]
    values = list(z.values())
    if all(v == 0.0 for v in values):
        return
    assert abs(statistics.fmean(values)) < 1e-9
    assert statistics.pstdev(values) == pytest.approx(1.0)
    # order is kept: a higher score never gets a lower z-score
    for a in marks:
        for b in marks:
            if marks[a] > marks[b]:
                assert z[a] >= z[b]


def test_weighted_total_is_the_weighted_mean_on_the_criteria_scale():
    assert weighted_total({"direction": 8, "script": 6}, {"direction": 2, "script": 1}) == pytest.approx(
        22 / 3
    )
    assert weighted_total({"a": 8, "b": 6}, {"a": 0.5, "b": 0.5}) == 7.0
    assert weighted_total({"a": 9, "b": 6, "c": 3}, {"a": 0.5, "b": 0.25, "c": 0.25}) == weighted_total(
        {"a": 9, "b": 6, "c": 3}, {"a": 2, "b": 1, "c": 1}
    )


def test_a_zero_weight_keeps_a_criterion_without_counting_it_and_scores_may_be_negative():
    assert weighted_total({"a": 8, "notes": 1}, {"a": 1, "notes": 0}) == 8.0
    assert weighted_total({"a": -2, "b": 1}, {"a": 1, "b": 1}) == -0.5


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [
        ({"a": 5}, {"a": 1, "b": 1}, "no score for the criterion 'b'"),
        ({"a": 5, "c": 3}, {"a": 1}, "the criterion 'c' has no weight"),
        ({"a": 5}, {"a": -1}, "the weight of 'a' must be 0 or more, got -1.0"),
        ({"a": 5}, {"a": float("nan")}, "the weight of 'a' must be 0 or more"),
        ({"a": float("nan")}, {"a": 1}, "the score for 'a' is not a number"),
        ({"a": 5, "b": 4}, {"a": 0, "b": 0}, "the weights are all 0"),
        ({}, {}, "the weights are all 0"),
    ],
)
def test_weighted_total_refuses_bad_input_naming_the_criterion(scores, weights, message):
    with pytest.raises(JudgingError, match=message):
        weighted_total(scores, weights)
