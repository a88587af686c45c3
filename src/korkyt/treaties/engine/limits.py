"""Share limits per co-producer: bilateral or multilateral, changed above a budget threshold."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Effective:
    """The limits that hold for this project: ``why`` says when the budget changed them (English)."""

    min: Decimal | None
    max: Decimal | None
    why: str = ""
    over_budget: bool = False
    eur_unknown: bool = False
    discretionary_min: Decimal | None = None


def effective_limits(limits: ShareLimits, ctx: Context) -> Effective:
    """The minimum and maximum share for ``ctx``'s project.

    Above a budget threshold in EUR (the project's ``budget``, else the sum of the contributions) the
    rules may raise the maximum and lower the minimum (``max_over_budget``, ``min_over_budget``).
    A lower floor with the authorities' approval (``discretionary_min``) is kept only where it can be
    reached: the other co-producers must be able to bring the rest without going over the maximum, so with
    two co-producers and a maximum of 80 % no share below 20 % can pass, approved or not.
    """
    lo, hi, why, over, unknown = limits.min, limits.max, "", False, False
    if limits.budget_over_eur is not None and (
        limits.max_over_budget is not None or limits.min_over_budget is not None
    ):
        if ctx.eur_budget is None:
            unknown = True
            why = f" (the budget in EUR is unknown without a EUR rate: the {limits.max} % limit is used)"
        elif ctx.eur_budget > Fraction(limits.budget_over_eur):
            over = True
            why = f" (budget over €{limits.budget_over_eur:,f})"
            if limits.max_over_budget is not None:
                hi = limits.max_over_budget
            if limits.min_over_budget is not None:
                lo = limits.min_over_budget
    floor = limits.discretionary_min
    if floor is not None and hi is not None:
        others = len(ctx.project.partners) - 1
        reachable = max(Decimal(0), Decimal(100) - others * hi)
        floor = max(floor, reachable)
        if lo is not None and floor >= lo:
            floor = None
    return Effective(lo, hi, why, over, unknown, floor)


def effective_max(limits: ShareLimits, ctx: Context) -> tuple[Decimal | None, str]:
    """The maximum share, raised above a budget threshold in EUR where the rules say so."""
    e = effective_limits(limits, ctx)
    return e.max, e.why
