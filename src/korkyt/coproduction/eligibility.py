"""The project as korkyt.treaties sees it, and its evaluation against every instrument.

Computed from the database rows on each read (a project's page, the API, the dossier): an evaluation with
advice takes a few milliseconds (benchmarks/treaties.py), so nothing is cached and nothing goes stale.
A project that cannot be evaluated yet (no running time, no partner money, a currency without a rate)
answers with the list of what is missing instead.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from korkyt import treaties
from korkyt.coproduction.models import (
    Element,
    ElementJob,
    FinancingSource,
    Partner,
    Project,
    SourceKind,
    SourceStatus,
)


@dataclass
class Eligibility:
    """``evaluation`` when the project could be evaluated, else ``missing`` ({field: message})."""

    evaluation: treaties.Evaluation | None
    input: treaties.Project | None
    partner_ids: dict[str, Partner] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    instruments: dict[str, treaties.Instrument] = field(default_factory=dict)

    @property
    def basis(self) -> str | None:
        return self.evaluation.basis if self.evaluation else None


def partner_key(partner: Partner) -> str:
    """The partner's id in the engine's input and messages: a readable slug plus the row id."""
    base = slugify(partner.name)[:24] or str(partner.country).lower()
    return f"{base}-{partner.pk}"


def rates_of(project: Project, sources: list[FinancingSource]) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Units of each currency per one unit of the project's currency, from the financing plan (the latest
    dated rate written for a currency wins), and the sources whose currency has no rate."""
    rates: dict[str, tuple[dt.date, Decimal]] = {}
    missing: dict[str, str] = {}
    for source in sources:
        if source.currency == project.currency or source.rate is None:
            continue
        on = source.rate_on or dt.date.min
        if source.currency not in rates or on >= rates[source.currency][0]:
            rates[source.currency] = (on, source.rate)
    for i, source in enumerate(sources):
        if source.currency != project.currency and source.currency not in rates:
            missing[f"financing[{i}].rate"] = _("Give the rate of %(currency)s to %(project)s.") % {
                "currency": source.currency,
                "project": project.currency,
            }
    return {c: r for c, (_on, r) in rates.items()}, missing


def contribution(
    partner: Partner, sources: list[FinancingSource], project: Project, rates: dict[str, Decimal]
) -> treaties.Money:
    """The partner's contribution: the sum of the sources counted toward it, in their currency when they
    share one, else converted to the project's currency."""
    own = [s for s in sources if s.partner_id == partner.pk]
    currencies = {s.currency for s in own}
    if len(currencies) == 1:
        currency = currencies.pop()
        return treaties.Money(sum((s.amount for s in own), Decimal(0)), currency)
    total = Decimal(0)
    for s in own:
        total += s.amount if s.currency == project.currency else s.amount / rates[s.currency]
    return treaties.Money(total.quantize(Decimal("0.01")), project.currency)


def confirmed_part(
    partner: Partner, sources: list[FinancingSource], project: Project, rates: dict[str, Decimal]
) -> Decimal:
    """How much of the partner's contribution (:func:`contribution`, in its currency) is confirmed."""
    own = [s for s in sources if s.partner_id == partner.pk]
    done = [s for s in own if s.status == SourceStatus.CONFIRMED]
    if len({s.currency for s in own}) == 1:
        return sum((s.amount for s in done), Decimal(0))
    total = Decimal(0)
    for s in done:
        total += s.amount if s.currency == project.currency else s.amount / rates[s.currency]
    return total.quantize(Decimal("0.01"))


def budget_of(project: Project, sources: list[FinancingSource], rates: dict[str, Decimal]) -> Decimal | None:
    """The budget the engine reads thresholds on (Eurimages' €5M): the project's own, else the whole
    financing plan in the project's currency (None when both are empty)."""
    if project.budget is not None and project.budget > 0:
        return Decimal(project.budget)
    total = Decimal(0)
    for s in sources:
        total += s.amount if s.currency == project.currency else s.amount / rates[s.currency]
    return total.quantize(Decimal("0.01")) if total > 0 else None


def fund_support(
    project: Project, sources: list[FinancingSource], rates: dict[str, Decimal]
) -> dict[str, treaties.Money]:
    """The support each fund is asked for, by its instrument id: the plan's Eurimages lines (confirmed or
    pending), in their currency when they share one, else in the project's."""
    lines = [s for s in sources if s.kind == SourceKind.EURIMAGES]
    if not lines:
        return {}
    currencies = {s.currency for s in lines}
    if len(currencies) == 1:
        return {"eurimages": treaties.Money(sum((s.amount for s in lines), Decimal(0)), currencies.pop())}
    total = sum(
        (s.amount if s.currency == project.currency else s.amount / rates[s.currency] for s in lines),
        Decimal(0),
    )
    return {"eurimages": treaties.Money(total.quantize(Decimal("0.01")), project.currency)}


def project_input(
    project: Project, *, on: dt.date | None = None
) -> tuple[treaties.Project | None, dict[str, Partner], dict[str, str]]:
    """The engine's input for ``project``, the partner of each engine id, and what is missing."""
    missing: dict[str, str] = {}
    partners = list(project.partners.all())
    sources = list(project.financing.all())
    elements = list(project.elements.all())
    if project.runtime_min is None:
        missing["runtime_min"] = _("Give the running time.")
    if project.shooting_starts_on is None:
        missing["shooting_starts_on"] = _("Give the planned start of shooting.")
    if not partners:
        missing["partners"] = _("Add the co-producers.")
    rates, no_rate = rates_of(project, sources)
    missing.update(no_rate)
    if partners and not any(s.partner_id and s.amount > 0 for s in sources):
        missing["financing"] = _("Add the contributions of the co-producers to the financing plan.")
    if missing:
        return None, {}, missing
    by_id = {partner_key(p): p for p in partners}
    tparts = []
    for pid, p in by_id.items():
        money = contribution(p, sources, project, rates)
        confirmed = min(confirmed_part(p, sources, project, rates), money.amount)
        tparts.append(treaties.Partner(pid, str(p.country), money, p.finance_only, confirmed))
    countries: dict[str, str | None] = {name: None for name in treaties.ELEMENT_NAMES}
    roles: list[treaties.Role] = []
    for element in elements:
        if element.job == ElementJob.ROLE:
            roles.append(treaties.Role(str(element.country) or None, element.days or 0))
        else:
            countries[element.job] = str(element.country) or None
    assert project.runtime_min is not None and project.shooting_starts_on is not None
    return (
        treaties.Project(
            kind=project.kind,  # type: ignore[arg-type]
            runtime_min=project.runtime_min,
            date=on or timezone.localdate(),
            currency=project.currency,
            rates=rates,
            partners=tuple(tparts),
            elements=treaties.Elements(countries, tuple(roles)),
            shooting_starts_on=project.shooting_starts_on,
            applied_on=project.applied_on,
            budget=budget_of(project, sources, rates),
            support=fund_support(project, sources, rates),
            female_director=project.female_director,
        ),
        by_id,
        {},
    )


def evaluate(project: Project, *, on: dt.date | None = None) -> Eligibility:
    """Every instrument's verdict for ``project`` with checks, points and advice."""
    book = treaties.load_rulebook()
    instruments = {inst.id: inst for inst in book.instruments}
    data, by_id, missing = project_input(project, on=on)
    if data is None:
        return Eligibility(None, None, {}, missing, instruments)
    try:
        result = treaties.evaluate(data, rulebook=book)
    except treaties.ProjectError as exc:
        return Eligibility(None, data, by_id, {exc.field: exc.message}, instruments)
    return Eligibility(result, data, by_id, {}, instruments)


def role_elements(project: Project) -> list[Element]:
    """The performing roles in the order the engine numbers them."""
    return [e for e in project.elements.all() if e.job == ElementJob.ROLE]


def advice_digest(instrument: str, advice: treaties.Advice, roles: Sequence[Element]) -> str:
    """A short fingerprint of a piece of advice: its instrument, the check it answers and its changes (a
    partner is named by its row in its key; a role, numbered by position by the engine, by its row too).
    The page sends the fingerprint of the advice it showed; applying is refused once the advice computed
    again on the project differs (partners, financing or roles changed meanwhile)."""
    changes = []
    for change in advice.changes:
        row = dataclasses.asdict(change)
        if change.op == "set_role" and change.target.isdigit() and int(change.target) < len(roles):
            row["role"] = roles[int(change.target)].pk
        changes.append(row)
    content = json.dumps([instrument, advice.rule, advice.subject, changes], sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()[:16]


@dataclass
class Finding:
    """One way to qualify: a newcomer from ``suggestion.country`` at the share range given, and the
    catalogue companies of that country (possibly none)."""

    suggestion: treaties.Suggestion
    companies: list[Any]


def find_partners(project: Project, *, user: Any, on: dt.date | None = None) -> tuple[list[Finding], dict]:
    """Which countries, bringing which share, would make ``project`` qualify under an instrument, with the
    catalogue companies of each (korkyt.treaties.find_partners); and what is missing when it cannot be
    evaluated yet."""
    from korkyt.catalogue import selectors as catalogue_selectors

    data, _by_id, missing = project_input(project, on=on)
    if data is None:
        return [], missing
    try:
        suggestions = treaties.find_partners(data, rulebook=treaties.load_rulebook())
    except treaties.ProjectError as exc:
        return [], {exc.field: exc.message}
    companies: dict[str, list[Any]] = {}
    out = []
    for s in suggestions:
        if s.country not in companies:
            companies[s.country] = list(catalogue_selectors.company_list(user=user, country=s.country)[:8])
        out.append(Finding(s, companies[s.country]))
    return out, {}
