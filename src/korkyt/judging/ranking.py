"""Rankings of a jury's films by four methods, and where the methods disagree.

Input everywhere: ``juror id → film id → score`` (higher is better). The films ranked are every film at
least one juror scored. **Missing scores** (a recused juror, a film not seen) are never read as a low
score; each method uses what is there:

- ``mean``: the mean of the scores the film received.
- ``normalised``: each juror's scores become z-scores over the films that juror scored
  (``scores.normalise``), then the mean of the film's z-scores.
- ``borda``: each juror's scores are a ballot over the films they scored; a film gets one point for every
  film of that ballot it beats and half a point for every film it ties with. A ballot over ``m`` of the
  ``n`` films is stretched by ``(n−1)/(m−1)`` to the full range (a ballot of one film gives it the middle,
  ``(n−1)/2``), and a juror who did not score the film counts as the film's average from those who did.
  With every film scored by every juror this is exactly the classic Borda count, ties sharing points.
- ``schulze``: Schulze's method (M. Schulze, *A new monotonic, clone-independent, reversal symmetric, and
  Condorcet-consistent single-winner election method*, Social Choice and Welfare 36, 2011), winning votes:
  ``d[a][b]`` = jurors who scored ``a`` strictly above ``b``; a juror who scored only one of the two says
  nothing about that pair (Schulze's paper ranks unranked candidates last; for a jury, a recused juror
  must not count against the film); equal scores say nothing either. The link ``a→b`` has strength
  ``d[a][b]`` when ``d[a][b] > d[b][a]``, else 0; ``p[a][b]``, the strength of the strongest path, is found
  with the Floyd–Warshall variant of the paper (§2.3). ``a`` beats ``b`` when ``p[a][b] > p[b][a]``; the
  relation is transitive (the paper's §4.1), so ordering by the number of films beaten respects it.

Tiers: films with the same value share a tier (for the float methods, values within 1e-9 relative of the
tier's first value), listed by film id inside a tier. For Schulze a tier holds films none of which beats
another.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from korkyt.judging.errors import JudgingError
from korkyt.judging.scores import normalise

__all__ = ["METHODS", "Disagreement", "Method", "Pairwise", "Ranking", "compare", "rank"]

Method = Literal["mean", "normalised", "borda", "schulze"]
METHODS: tuple[Method, ...] = get_args(Method)

Scores = Mapping[int, Mapping[int, float]]


@dataclass(frozen=True)
class Pairwise:
    """Schulze's two matrices, ``film → film → count`` for every ordered pair of distinct films.

    ``d[a][b]``: jurors who scored ``a`` above ``b``. ``p[a][b]``: strength of the strongest path from
    ``a`` to ``b`` (0: none). ``pairwise["d"]`` and ``pairwise["p"]`` work too."""

    d: dict[int, dict[int, int]]
    p: dict[int, dict[int, int]]

    def __getitem__(self, key: str) -> dict[int, dict[int, int]]:
        if key == "d":
            return self.d
        if key == "p":
            return self.p
        raise KeyError(key)

    def beats(self, a: int, b: int) -> bool:
        """Whether ``a`` is ranked above ``b``: ``p[a][b] > p[b][a]``."""
        return self.p[a][b] > self.p[b][a]


@dataclass(frozen=True)
class Ranking:
    """``order``: tiers, best first, each a list of film ids (ties share a tier). ``values``: film id → the
    value ranked on (mean score / mean z-score / Borda points / films beaten under Schulze). ``pairwise``:
    Schulze's ``d`` and ``p`` (``None`` for the other methods)."""

    method: Method
    order: list[list[int]]
    values: dict[int, float]
    pairwise: Pairwise | None = None

    @property
    def positions(self) -> dict[int, int]:
        """Film id → place, 1 for the first tier; a tier of k films takes k places ("1, 2, 2, 4")."""
        out: dict[int, int] = {}
        place = 1
        for tier in self.order:
            for film in tier:
                out[film] = place
            place += len(tier)
        return out

    @property
    def winners(self) -> list[int]:
        """The first tier (empty when nothing was scored)."""
        return list(self.order[0]) if self.order else []


@dataclass(frozen=True)
class Disagreement:
    """A film placed differently by the methods compared. ``positions``: method name → place (1 = first);
    ``spread``: worst place minus best; ``best``/``worst``: the methods (names, sorted) that place it
    highest / lowest."""

    film: int
    positions: dict[str, int]
    spread: int
    best: list[str]
    worst: list[str]


def _check(scores: Scores) -> list[int]:
    films: set[int] = set()
    for juror, marks in scores.items():
        for film, value in marks.items():
            if not math.isfinite(float(value)):
                raise JudgingError(f"juror {juror}: the score of film {film} is not a number ({value})")
            films.add(film)
    return sorted(films)


def _tiers(values: Mapping[int, float], exact: bool = False) -> list[list[int]]:
    ordered = sorted(values, key=lambda f: (-values[f], f))
    tiers: list[list[int]] = []
    head = 0.0
    for film in ordered:
        value = values[film]
        same = value == head if exact else math.isclose(value, head, rel_tol=1e-9, abs_tol=1e-9)
        if tiers and same:
            tiers[-1].append(film)
        else:
            tiers.append([film])
            head = value
    return [sorted(tier) for tier in tiers]


def _mean(scores: Scores) -> dict[int, float]:
    received: dict[int, list[float]] = defaultdict(list)
    for marks in scores.values():
        for film, value in marks.items():
            received[film].append(float(value))
    return {film: math.fsum(v) / len(v) for film, v in received.items()}


def _borda(scores: Scores, films: list[int]) -> dict[int, float]:
    n = len(films)
    points: dict[int, list[float]] = defaultdict(list)
    ballots = [marks for marks in scores.values() if marks]
    for marks in ballots:
        m = len(marks)
        stretch = (n - 1) / (m - 1) if m > 1 else 0.0
        for film, value in marks.items():
            if m == 1:
                points[film].append((n - 1) / 2)
                continue
            beaten = sum(1 for v in marks.values() if v < value)
            tied = sum(1 for other, v in marks.items() if v == value and other != film)
            points[film].append((beaten + tied / 2) * stretch)
    return {film: len(ballots) * math.fsum(p) / len(p) for film, p in points.items()}


def _schulze(scores: Scores, films: list[int]) -> tuple[dict[int, float], Pairwise]:
    index = {film: i for i, film in enumerate(films)}
    n = len(films)
    d = [[0] * n for _ in range(n)]
    for marks in scores.values():
        scored = [(index[film], float(value)) for film, value in marks.items()]
        for i, vi in scored:
            row = d[i]
            for j, vj in scored:
                if vi > vj:
                    row[j] += 1
    p = [[d[i][j] if d[i][j] > d[j][i] else 0 for j in range(n)] for i in range(n)]
    for i in range(n):
        pi = p[i]
        for j in range(n):
            if j == i:
                continue
            pj, pji = p[j], p[j][i]
            if pji == 0:
                continue
            for k in range(n):
                if k != i and k != j:
                    through = pji if pji < pi[k] else pi[k]
                    if through > pj[k]:
                        pj[k] = through
    wins = {films[i]: float(sum(1 for j in range(n) if p[i][j] > p[j][i])) for i in range(n)}
    matrix_d = {films[i]: {films[j]: d[i][j] for j in range(n) if j != i} for i in range(n)}
    matrix_p = {films[i]: {films[j]: p[i][j] for j in range(n) if j != i} for i in range(n)}
    return wins, Pairwise(d=matrix_d, p=matrix_p)


def rank(scores: Scores, method: Method) -> Ranking:
    """Rank every film any juror scored by ``method`` (see the module's text for each method and for
    missing scores). Raises ``JudgingError`` for an unknown method or a score that is not a number."""
    if method not in METHODS:
        raise JudgingError(f"unknown ranking method {method!r}: use one of {', '.join(METHODS)}")
    films = _check(scores)
    if method == "schulze":
        wins, pairwise = _schulze(scores, films)
        return Ranking(method, _tiers(wins, exact=True), wins, pairwise)
    if method == "mean":
        values = _mean(scores)
    elif method == "normalised":
        values = _mean(normalise(scores))
    else:
        values = _borda(scores, films)
    return Ranking(method, _tiers(values), values)


def compare(rankings: Mapping[str, Ranking]) -> list[Disagreement]:
    """The films whose place differs between the rankings (keyed by a name, usually the method), the most
    disputed first (largest spread, then film id). A film missing from a ranking is compared over the
    rankings that have it."""
    places = {name: ranking.positions for name, ranking in rankings.items()}
    films = sorted({film for positions in places.values() for film in positions})
    out: list[Disagreement] = []
    for film in films:
        where = {name: positions[film] for name, positions in places.items() if film in positions}
        if len(set(where.values())) < 2:
            continue
        top, bottom = min(where.values()), max(where.values())
        out.append(
            Disagreement(
                film=film,
                positions=where,
                spread=bottom - top,
                best=sorted(name for name, place in where.items() if place == top),
                worst=sorted(name for name, place in where.items() if place == bottom),
            )
        )
    out.sort(key=lambda x: (-x.spread, x.film))
    return out
