"""A project's amounts in the project currency, exactly, and each partner's share of the total."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from ..errors import ProjectError
from ..model import Project

HUNDRED = Fraction(100)


@dataclass(frozen=True, slots=True)
class Context:
    """A project with its amounts converted to the project currency, exactly."""

    project: Project
    on: date
    base: dict[str, Fraction]  # partner id -> contribution in the project currency
    total: Fraction
    share: dict[str, Fraction]  # partner id -> share of the total, 0..1
    eur_total: Fraction | None  # the total in EUR, when a EUR rate is known
    eur_budget: Fraction | None = None  # the budget (else the total) in EUR, when a EUR rate is known

    @property
    def states(self) -> int:
        """How many countries the co-producers come from: 2 is bilateral, 3 or more multilateral."""
        return len(self.countries)

    @property
    def countries(self) -> tuple[str, ...]:
        """Partner countries, first appearance order, no repeats."""
        return tuple(dict.fromkeys(p.country for p in self.project.partners))


def context(project: Project, on: date | None = None) -> Context:
    base: dict[str, Fraction] = {}
    for p in project.partners:
        base[p.id] = Fraction(p.contribution.amount) / _fraction(project.rate(p.contribution.currency))
    total = sum(base.values(), Fraction(0))
    if total <= 0:
        raise ProjectError("partners", "every contribution is zero: the shares cannot be computed")
    share = {pid: amount / total for pid, amount in base.items()}
    budget = total if project.budget is None else Fraction(project.budget)
    eur_total = eur_budget = None
    if project.currency == "EUR":
        eur_total, eur_budget = total, budget
    elif "EUR" in project.rates:
        eur_total = total * Fraction(project.rates["EUR"])
        eur_budget = budget * Fraction(project.rates["EUR"])
    return Context(project, on or project.date, base, total, share, eur_total, eur_budget)


@lru_cache(maxsize=4096)
def _fraction(value: Decimal) -> Fraction:
    """A decimal as an exact fraction (limits and rates repeat: converted once)."""
    return Fraction(value)
