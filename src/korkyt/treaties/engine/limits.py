"""Share limits per co-producer: bilateral or multilateral, raised above a budget threshold."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..rules import Instrument, ShareLimits
from .context import Context


def share_limits(inst: Instrument, n: int) -> tuple[ShareLimits | None, str]:
    """The per-co-producer limits when the co-producers come from ``n`` countries, and the shape's name."""
    if n == 2:
        return inst.bilateral, "bilateral"
    if n >= 3:
        return inst.multilateral, "multilateral"
    return None, "single"


def effective_max(limits: ShareLimits, ctx: Context) -> tuple[Decimal | None, str]:
    """The maximum share, raised above a budget threshold in EUR where the rules say so."""
    if limits.max_over_budget is None or limits.budget_over_eur is None:
        return limits.max, ""
    if ctx.eur_total is None:
        return (
            limits.max,
            f" (the budget in EUR is unknown without a EUR rate: the {limits.max} % limit is used)",
        )
    if ctx.eur_total > Fraction(limits.budget_over_eur):
        return limits.max_over_budget, f" (budget over €{limits.budget_over_eur:,f})"
    return limits.max, ""
