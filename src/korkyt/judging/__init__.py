"""korkyt.judging: the festival's selection and jury arithmetic, as plain functions over ids.

Pure package (no Django, no database): the festival app reads its rows, calls these and stores the result.

- ``assignment``: reviewers for entries with balanced load, sections, countries, capacity and conflicts of
  interest (a min-cost flow, OR-Tools), and the naive round-robin peer; ``checker``: an independent
  checker of any assignment.
- ``scores``: per-juror z-scores and weighted totals of a review form's criteria.
- ``ranking``: rankings by mean, normalised mean, Borda and Schulze, and where they disagree.
- ``awards``: award decisions checked against the edition's award rules.

Algorithms, guarantees and figures: docs/judging.md.
"""

from __future__ import annotations

from korkyt.judging.assignment import (
    AssignmentResult,
    Entry,
    Reviewer,
    Shortfall,
    assign_reviewers,
    round_robin,
)
from korkyt.judging.awards import AwardRule, Violation, check_awards
from korkyt.judging.checker import check_assignment
from korkyt.judging.errors import JudgingError
from korkyt.judging.ranking import METHODS, Disagreement, Method, Pairwise, Ranking, compare, rank
from korkyt.judging.scores import normalise, weighted_total

__all__ = [
    "METHODS",
    "AssignmentResult",
    "AwardRule",
    "Disagreement",
    "Entry",
    "JudgingError",
    "Method",
    "Pairwise",
    "Ranking",
    "Reviewer",
    "Shortfall",
    "Violation",
    "assign_reviewers",
    "check_assignment",
    "check_awards",
    "compare",
    "normalise",
    "rank",
    "round_robin",
    "weighted_total",
]
