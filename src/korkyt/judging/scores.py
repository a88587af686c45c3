"""Jury scores: per-juror normalisation (z-scores) and weighted totals of a review form's criteria.

Scores everywhere are ``juror id → film id → score``; a juror who did not score a film (recused, not seen)
simply has no entry for it. Nothing here rounds: the app rounds for display.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from korkyt.judging.errors import JudgingError

__all__ = ["normalise", "weighted_total"]


def normalise(scores: Mapping[int, Mapping[int, float]]) -> dict[int, dict[int, float]]:
    """Each juror's scores as z-scores: (score − the juror's mean) / the juror's standard deviation.

    Mean and standard deviation are the juror's own, over the films that juror scored (the population
    standard deviation, dividing by the number of films). A juror who gave every film the same score, or
    scored a single film, has no spread to measure: all their films get 0.0. A juror who scored nothing
    maps to an empty dict. Raises ``JudgingError`` for a score that is not a finite number.
    """
    out: dict[int, dict[int, float]] = {}
    for juror, films in scores.items():
        values = [float(v) for v in films.values()]
        for film, value in zip(films, values, strict=True):
            if not math.isfinite(value):
                raise JudgingError(f"juror {juror}: the score of film {film} is not a number ({value})")
        if not values:
            out[juror] = {}
            continue
        mean = math.fsum(values) / len(values)
        sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))
        # A spread this small next to the scores is rounding noise, not a judgement.
        if sd <= 1e-12 * max(1.0, abs(mean)):
            out[juror] = dict.fromkeys(films, 0.0)
        else:
            out[juror] = {film: (v - mean) / sd for film, v in zip(films, values, strict=True)}
    return out


def weighted_total(criteria_scores: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The weighted mean of a review's criteria: Σ weight·score / Σ weight, on the criteria's own scale.

    Weights need not add up to 1 (2, 1, 1 and 0.5, 0.25, 0.25 give the same total). Every weighted
    criterion must be scored and every scored criterion must have a weight; a weight of 0 keeps a criterion
    on the form without counting it. Scores may be negative (a −2…+2 scale). Raises ``JudgingError`` naming
    the criterion for a missing score, a score without a weight, a negative weight, a weight or score that
    is not a finite number, or weights that are all 0.
    """
    missing = sorted(set(weights) - set(criteria_scores))
    if missing:
        raise JudgingError(f"no score for the criterion {missing[0]!r}")
    extra = sorted(set(criteria_scores) - set(weights))
    if extra:
        raise JudgingError(f"the criterion {extra[0]!r} has no weight")
    total = 0.0
    weight_sum = 0.0
    for criterion in sorted(weights):
        weight = float(weights[criterion])
        score = float(criteria_scores[criterion])
        if not math.isfinite(weight) or weight < 0:
            raise JudgingError(f"the weight of {criterion!r} must be 0 or more, got {weight}")
        if not math.isfinite(score):
            raise JudgingError(f"the score for {criterion!r} is not a number ({score})")
        total += weight * score
        weight_sum += weight
    if weight_sum == 0:
        raise JudgingError("the weights are all 0: at least one criterion must count")
    return total / weight_sum
