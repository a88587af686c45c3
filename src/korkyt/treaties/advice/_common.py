"""What every adviser shares: rounding, rates, limits, message figures, and verified refinement."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..engine import HUNDRED, Context, context, evaluate_bare
from ..errors import ProjectError
from ..fmt import to_decimal
from ..model import Change, Check, Project, Verdict
from ..rules import Instrument, RuleBook
from .changes import apply_changes

_MAX_REFINE = 6


def _ceil(value: Fraction) -> Decimal:
    """Whole units, rounded up (a change is never rounded below what the limit needs)."""
    return Decimal(math.ceil(value))


def _rate(project: Project, currency: str) -> Fraction:
    return Fraction(project.rate(currency))


def _find(verdict: Verdict, rule: str, subject: str) -> Check | None:
    for c in verdict.checks:
        if c.rule == rule and c.subject == subject:
            return c
    return None


def _check_after(
    project: Project, inst: Instrument, rule: str, subject: str, on: date, book: RuleBook
) -> Check | None:
    ev = evaluate_bare(project, on=on, ids=(inst.id,), book=book)
    return _find(ev.verdicts[0], rule, subject)


def _refine(
    project: Project,
    inst: Instrument,
    check: Check,
    on: date,
    book: RuleBook,
    step: Callable[[Context, Check], list[Change]],
) -> tuple[list[Change], Check | None]:
    """Apply ``step`` until the check passes (a limit may move with the budget); merged changes."""
    changes: list[Change] = []
    current, state = project, check
    for _ in range(_MAX_REFINE):
        new = step(context(current, on), state)
        if not new:
            break
        changes.extend(new)
        current = apply_changes(current, new)
        try:
            after = _check_after(current, inst, check.rule, check.subject, on, book)
        except ProjectError:
            return _merge(changes), state
        if after is None or after.ok:
            return _merge(changes), after
        state = after
    return _merge(changes), state


def _merge(changes: list[Change]) -> list[Change]:
    """Contribution changes to one partner summed into one."""
    merged: list[Change] = []
    for ch in changes:
        if ch.op == "change_contribution":
            for n, m in enumerate(merged):
                if m.op == "change_contribution" and m.target == ch.target:
                    assert m.amount is not None and ch.amount is not None
                    merged[n] = replace(m, amount=m.amount + ch.amount)
                    break
            else:
                merged.append(ch)
        else:
            merged.append(ch)
    return [m for m in merged if not (m.op == "change_contribution" and m.amount == 0)]


def _limits(check: Check) -> tuple[Fraction | None, Fraction | None]:
    lo = Fraction(check.min) / HUNDRED if isinstance(check.min, Decimal) else None
    hi = Fraction(check.max) / HUNDRED if isinstance(check.max, Decimal) else None
    return lo, hi


def _d(value: object) -> Decimal:
    """A figure (Fraction, Decimal, int) as a Decimal for a message parameter."""
    if isinstance(value, Fraction):
        return to_decimal(value)
    assert isinstance(value, Decimal | int), value
    return Decimal(value)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
