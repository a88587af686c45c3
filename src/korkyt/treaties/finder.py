"""Partner finder: which countries, at which share, would make a project qualify under an instrument.

Pure: it knows countries, not companies (the coproduction app joins the result with catalogue companies).
For each instrument and candidate country the share range of a new co-producer is derived exactly from the
share rules (the newcomer's own limits, every existing partner's limits once diluted, the cap on non-party
co-producers), then checked by evaluating the project with the newcomer at both ends and in the middle;
a bound that the full evaluation rejects (a limit that moves with the budget) is narrowed by bisection.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Generic, Protocol, TypeVar

from .countries import country_name
from .engine import HUNDRED, Context, context, evaluate_bare, share_limits
from .engine.limits import effective_limits
from .fmt import to_decimal
from .model import Money, Partner, Project
from .rules import Instrument, RuleBook, load_rulebook

#: The six countries of the network: candidates for every instrument.
NETWORK = ("AZ", "KG", "KZ", "TM", "TR", "UZ")
_BISECT = 24


@dataclass(frozen=True)
class Suggestion:
    """A co-producer from ``country`` bringing ``share_min``–``share_max`` % of the new total
    (``amount_min``–``amount_max`` in the project's currency) makes it eligible under ``instrument``."""

    instrument: str
    country: str
    share_min: Decimal
    share_max: Decimal
    amount_min: Decimal
    amount_max: Decimal
    currency: str
    message: str


def _interval(inst: Instrument, ctx: Context, country: str) -> tuple[Fraction, Fraction] | None:
    """Exact bounds on the newcomer's share s (of the new total) from the share rules."""
    project = ctx.project
    lo, hi = Fraction(0), Fraction(1)
    shape, _ = share_limits(inst, ctx.states + 1)  # the newcomer's country is new
    # Above a budget threshold the limits widen; the newcomer's money only adds to the total, so the
    # project as it stands never overstates the budget.
    limits = effective_limits(shape, ctx) if shape is not None else None

    def bound(x: Decimal | None) -> Fraction | None:
        return None if x is None else Fraction(x) / HUNDRED

    if limits is not None:
        if (m := bound(limits.min)) is not None:
            lo = max(lo, m)
        if (m := bound(limits.max)) is not None:
            hi = min(hi, m)
    for p in project.partners:
        pj = ctx.share[p.id]
        if p.finance_only and inst.finance_only is not None:
            jlo, jhi = bound(inst.finance_only.min), bound(inst.finance_only.max)
        elif limits is not None:
            jlo, jhi = bound(limits.min), bound(limits.max)
        else:
            continue
        if jlo is not None:
            if pj == 0:
                return None
            hi = min(hi, 1 - jlo / pj)
        if jhi is not None and pj > 0:
            lo = max(lo, 1 - jhi / pj)
    if inst.non_party_cap is not None and inst.applicability.type == "parties":
        cap = bound(inst.non_party_cap.max)
        parties = inst.parties_on(ctx.on)
        outside = sum((ctx.share[p.id] for p in project.partners if p.country not in parties), Fraction(0))
        if cap is not None:
            if country in parties:
                if outside > 0:
                    lo = max(lo, 1 - cap / outside)
            elif outside < 1:
                hi = min(hi, (cap - outside) / (1 - outside))
    lo = max(lo, Fraction(1, 10_000))
    hi = min(hi, Fraction(9_999, 10_000))
    return (lo, hi) if lo <= hi else None


def _amount(share: Fraction, total: Fraction) -> Fraction:
    return share * total / (1 - share)


def _eligible(
    project: Project, inst: Instrument, country: str, amount: Decimal, on: date, book: RuleBook
) -> bool:
    # The newcomer's money counts as confirmed: the suggestion is a partner who brings it (Eurimages asks
    # half of each country's financing confirmed when applying).
    newcomer = Partner("candidate", country, Money(amount, project.currency), confirmed=amount)
    trial = replace(project, partners=(*project.partners, newcomer), instruments=None)
    verdict = evaluate_bare(trial, on=on, ids=(inst.id,), book=book).verdicts[0]
    return verdict.applies and verdict.eligible


def _cents_up(x: Fraction) -> Decimal:
    return Decimal(math.ceil(x * 100)) / 100


def _cents_down(x: Fraction) -> Decimal:
    return Decimal(math.floor(x * 100)) / 100


def find_partners(
    project: Project,
    *,
    on: date | None = None,
    instruments: Iterable[str] | None = None,
    candidates: Iterable[str] | None = None,
    rulebook: RuleBook | None = None,
) -> list[Suggestion]:
    """Countries whose co-producer, at a share in the range given, makes ``project`` qualify.

    Candidates default to the network's six countries and every party the rule book lists; countries
    already among the partners are skipped. Instruments that never confer status or support
    (memoranda) and those a newcomer cannot help (a national-film test) are not searched.
    """
    book = rulebook or load_rulebook()
    ctx = context(project, on)
    when = ctx.on
    chosen = [book.get(i) for i in instruments] if instruments is not None else list(book.instruments)
    present = set(ctx.countries)
    out: list[Suggestion] = []
    for inst in chosen:
        if inst.kind == "memorandum" or inst.applicability.type == "country" or not inst.in_force(when):
            continue
        if candidates is not None:
            pool = list(dict.fromkeys(c.upper() for c in candidates))
        else:
            pool = sorted(
                set(NETWORK)
                | {p.country for i in book.instruments for p in i.parties}
                | set(inst.applicability.countries)
            )
        for country in pool:
            if country in present:
                continue
            bounds = _interval(inst, ctx, country)
            if bounds is None:
                continue
            lo, hi = bounds
            mid = (lo + hi) / 2
            if not _eligible(project, inst, country, _cents_up(_amount(mid, ctx.total)), when, book):
                continue
            # Narrow each end to what the full evaluation accepts (amounts in whole cents).
            if not _eligible(project, inst, country, _cents_up(_amount(lo, ctx.total)), when, book):
                bad, good = lo, mid
                for _ in range(_BISECT):
                    probe = (bad + good) / 2
                    if _eligible(project, inst, country, _cents_up(_amount(probe, ctx.total)), when, book):
                        good = probe
                    else:
                        bad = probe
                lo = good
            if not _eligible(project, inst, country, _cents_down(_amount(hi, ctx.total)), when, book):
                good, bad = mid, hi
                for _ in range(_BISECT):
                    probe = (bad + good) / 2
                    if _eligible(project, inst, country, _cents_down(_amount(probe, ctx.total)), when, book):
                        good = probe
                    else:
                        bad = probe
                hi = good
            amount_min, amount_max = _cents_up(_amount(lo, ctx.total)), _cents_down(_amount(hi, ctx.total))
            if amount_min > amount_max:
                continue
            share_min, share_max = to_decimal(lo * HUNDRED), to_decimal(hi * HUNDRED)
            out.append(
                Suggestion(
                    instrument=inst.id,
                    country=country,
                    share_min=share_min,
                    share_max=share_max,
                    amount_min=amount_min,
                    amount_max=amount_max,
                    currency=project.currency,
                    message=(
                        f"a co-producer from {country_name(country)} bringing "
                        f"{share_min.quantize(Decimal('0.01'))}–{share_max.quantize(Decimal('0.01'))} % "
                        f"({amount_min:,} – {amount_max:,} {project.currency}) makes the project eligible "
                        f"under {inst.short}"
                    ),
                )
            )
    return out


Company = TypeVar("Company")
Company_co = TypeVar("Company_co", covariant=True)


class Directory(Protocol[Company_co]):
    """Where the companies of a country come from (the coproduction app: a catalogue query)."""

    def companies(self, country: str) -> Iterable[Company_co]:
        """The companies established in ``country`` (ISO 3166-1 alpha-2) that could co-produce."""
        ...


@dataclass(frozen=True)
class PartnerMatch(Generic[Company]):
    """A suggestion with the directory's companies from its country."""

    suggestion: Suggestion
    companies: tuple[Company, ...]


def match_companies(
    suggestions: Iterable[Suggestion], directory: Directory[Company]
) -> list[PartnerMatch[Company]]:
    """Join suggestions with companies; each country is asked once, countries without any drop out."""
    cache: dict[str, tuple[Company, ...]] = {}
    out: list[PartnerMatch[Company]] = []
    for s in suggestions:
        if s.country not in cache:
            cache[s.country] = tuple(directory.companies(s.country))
        if cache[s.country]:
            out.append(PartnerMatch(s, cache[s.country]))
    return out
