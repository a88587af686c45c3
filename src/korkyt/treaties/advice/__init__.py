"""Advice: for each failed check, the smallest change to the project that makes it pass.

Each piece of advice carries machine-applicable :class:`~korkyt.treaties.model.Change` s (see
:func:`apply_changes`) and a message. Every change is verified: it is applied, the project is evaluated
again, and the advised check must pass; any other check that passed before and fails after is listed in
``breaks`` and named in the message, so advice never breaks something silently.

By noun: ``changes`` (applying them), ``shares``, ``coproducers``, ``points`` and ``film`` (one adviser
per failed check), ``breaks`` (checks a change would make fail) and ``evaluation`` (the whole).
"""

from ._common import (  # noqa: F401
    _MAX_REFINE,
    _ceil,
    _check_after,
    _d,
    _find,
    _join,
    _limits,
    _merge,
    _rate,
    _refine,
)
from .breaks import _breaks, _passing  # noqa: F401
from .changes import _apply, apply_changes  # noqa: F401
from .coproducers import _advise_coproducers, _advise_producers  # noqa: F401
from .evaluation import _ADVISERS, advise, evaluate  # noqa: F401
from .film import _AUTHOR_ORDER, _advise_authors, _advise_deadline, _advise_running_time  # noqa: F401
from .points import _advise_points, _best_subset, _party_countries  # noqa: F401
from .shares import _advise_non_party, _advise_share, _non_party_step, _partner_delta  # noqa: F401

__all__ = ["advise", "apply_changes", "evaluate"]
