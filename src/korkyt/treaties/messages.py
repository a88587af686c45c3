"""Stable message codes with typed parameters, beside the English text of every reason, check and advice.

The English ``reason`` / ``message`` strings are the CLI's JSON contract and stay as they are. Each also
comes as a tuple of :class:`Msg` (``Verdict.why``, ``Check.texts``, ``Advice.texts``, ``Broken.texts``):
a code from :data:`CODES` and parameters whose type says how to show them, so an application can render
them in its own language. The pieces of one tuple are read in order, joined by "; ".

Parameter types: :class:`Pct` (a percentage), :class:`Amount` (money), :class:`Countries` (ISO codes),
:class:`Jobs` (element names from :data:`~korkyt.treaties.model.ELEMENT_NAMES`, or ``role:N`` for the
N-th role by days worked), ``int``, ``datetime.date`` and ``str`` (partner ids, instrument short names,
texts from the rule data such as an authority's name). A ``str`` parameter named ``shape`` is
``bilateral`` or ``multilateral``; one named ``table`` is a kind of film.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Pct:
    """A percentage (exact; round only for display)."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Amount:
    """Money in a currency (ISO 4217)."""

    value: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Countries:
    """ISO 3166-1 alpha-2 codes, shown as a list of names."""

    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Jobs:
    """Element names (``director`` ...) or ``role:N``, shown as a list of job names."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Msg:
    """One sentence: a stable ``code`` and its parameters."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def kw(self) -> dict[str, Any]:
        return dict(self.params)


def msg(code: str, **params: Any) -> Msg:
    assert code in CODES, code
    return Msg(code, tuple(params.items()))


#: Every code with the parameters it carries (the contract an application's templates rely on).
CODES: dict[str, tuple[str, ...]] = {
    # why an instrument applies or not (Verdict.why)
    "reason.not_yet_in_force": ("short", "on", "since"),
    "reason.no_longer_in_force": ("short", "on", "until"),
    "reason.not_parties": ("short", "countries"),
    "reason.not_members": ("short", "countries"),
    "reason.too_few_parties": ("short", "needed"),
    "reason.too_few_members": ("short", "needed"),
    "reason.joins_later": ("country", "since"),
    "reason.only_parties": ("countries",),
    "reason.only_members": ("countries",),
    "reason.superseded": ("short", "countries", "newer"),
    "reason.yields_to_bilateral": ("short", "treaty"),
    "reason.applies_parties": ("short", "countries", "shape"),
    "reason.applies_members": ("short", "countries", "shape"),
    "reason.others_not": ("countries",),
    "reason.no_coproducer_from": ("short", "countries"),
    "reason.applies_producer": ("short", "countries", "partners"),
    "reason.no_foreign": ("short",),
    "reason.applies_with_foreign": ("short", "country", "countries"),
    "reason.pair_not_covered": ("short", "pair", "countries"),
    "reason.applies_pair": ("short", "countries"),
    "reason.memo_no_hub": ("short", "country"),
    "reason.memo_no_partner": ("short", "country"),
    "reason.memo_applies": ("short", "country", "countries"),
    "reason.eligible": (),
    "reason.not_eligible": (),
    "reason.pending": (),
    "reason.points_guidance": ("table", "scored", "of"),
    # what a check found (Check.texts)
    "check.finance_only": ("partner", "country", "value", "min", "max"),
    "check.share": ("partner", "country", "value", "shape", "min", "max"),
    "check.share_eur_unknown": ("max",),
    "check.share_over_budget": ("budget",),
    "check.share_discretionary": ("min",),
    "check.non_party_cap": ("value", "max", "partners"),
    "check.coproducers_min": ("count", "needed"),
    "check.points": ("table", "scored", "of", "needed"),
    "check.points_discretionary": (),
    "check.running_time": ("value", "min"),
    "check.deadline_applied": ("applied", "latest", "months", "start"),
    "check.deadline_pending": ("authority", "latest", "months", "start"),
    "check.producers_none": (),
    "check.producers_covered": ("count", "countries"),
    "check.producers_uncovered": ("count", "countries", "country"),
    "check.authors": ("foreign", "filled", "value", "max", "jobs"),
    "check.authors_unknown": ("jobs",),
    "check.confirmed": ("value", "min"),
    "check.confirmed_unknown": ("value", "min", "partners"),
    "check.confirmed_country": ("country", "value", "min"),
    "check.confirmed_country_unknown": ("country", "value", "min", "partners"),
    "check.support_amount": ("fund", "value", "max"),
    "check.support_amount_eur_unknown": ("fund", "value", "max"),
    "check.support_share": ("fund", "value", "max"),
    "check.support_share_female": ("fund", "value", "max"),
    "check.support_share_unknown": ("fund", "value", "max", "higher"),
    # what to change (Advice.texts)
    "advice.share_others_zero": ("partner", "country", "value"),
    "advice.share_raise": ("partner", "country", "value", "target", "amount"),
    "advice.share_lower": ("partner", "country", "value", "target", "amount"),
    "advice.or_lower_others": ("amount",),
    "advice.or_raise_others": ("amount",),
    "advice.within_window": (),
    "advice.non_party": ("value", "max", "moves"),
    "advice.or_raise_party": ("amount",),
    "advice.coproducers_too_few": ("missing",),
    "advice.coproducers_add": ("missing", "countries", "share", "amount"),
    "advice.points_no_party": (),
    "advice.points_discretionary": ("scored", "needed"),
    "advice.points": ("missing", "jobs", "countries", "gain"),
    "advice.running_time": ("min", "now", "missing"),
    "advice.deadline_applied": ("deadline", "start"),
    "advice.deadline_pending": ("deadline", "start"),
    "advice.producers": ("country", "countries"),
    "advice.authors": ("foreign", "filled", "value", "max", "jobs", "country"),
    "advice.invalid": ("error",),
    "advice.breaks": ("count",),
    "broken.no_longer_applies": ("instrument",),
    "broken.check": ("instrument",),
}
