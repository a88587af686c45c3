"""Evaluation: which instruments apply to a project at a date; every check with figure, limit and source.

By noun: ``context`` (amounts in the project currency, shares), ``dates`` (deadlines), ``limits`` (share
limits), ``points`` (points tables), ``applicability`` (whether an instrument governs the co-producers),
``checks`` (every condition) and ``verdicts`` (assessment, selection, the strongest basis).
"""

from .applicability import _applicability, _bilateral_applies, _is_are, _word  # noqa: F401
from .checks import _checks, _p, _pc  # noqa: F401
from .context import HUNDRED, Context, _fraction, context  # noqa: F401
from .dates import add_months, earliest_shooting, latest_application
from .limits import effective_max, share_limits
from .points import score
from .verdicts import assess, basis, evaluate_bare, select

__all__ = [
    "HUNDRED",
    "Context",
    "add_months",
    "assess",
    "basis",
    "context",
    "earliest_shooting",
    "effective_max",
    "evaluate_bare",
    "latest_application",
    "score",
    "select",
    "share_limits",
]
