"""Advice on co-producers: more party states for a multilateral co-production; national-film status."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ..countries import adjective, country_name, names
from ..engine import HUNDRED, context
from ..fmt import money, pct
from ..messages import Amount, Countries, Pct, msg
from ..model import Advice, Change, Check, Project
from ..rules import Instrument, RuleBook
from ._common import _ceil, _check_after, _d
from .changes import apply_changes


def _advise_coproducers(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    ctx = context(project, on)
    assert isinstance(check.value, int) and isinstance(check.min, int)
    missing = check.min - check.value
    present = set(ctx.countries)
    candidates = sorted((c for c in inst.parties_on(on) if c not in present), key=country_name)
    if len(candidates) < missing:
        return Advice(
            inst.id,
            check.rule,
            check.subject,
            f"{missing} more co-producer(s) from party states needed, "
            "but the rule book lists too few parties",
            actionable=False,
            texts=(msg("advice.coproducers_too_few", missing=missing),),
        )
    limits = inst.multilateral
    lo = Fraction(limits.min) / HUNDRED if limits and limits.min is not None else Fraction(1, 20)
    k = missing
    # Each newcomer brings the minimum share of the new total: x / (T + k x) = lo.
    x = lo * ctx.total / (1 - k * lo) if k * lo < 1 else ctx.total
    amount = _ceil(x)
    changes = [
        Change("add_partner", f"new-{c.lower()}", country=c, amount=amount, currency=project.currency)
        for c in candidates[:k]
    ]
    current = apply_changes(project, changes)
    after = _check_after(current, inst, check.rule, check.subject, on, book)
    example = (
        names(candidates[:3]) if len(candidates) <= 3 else ", ".join(map(country_name, candidates[:3])) + " …"
    )
    message = (
        f"{'one more co-producer' if k == 1 else f'{k} more co-producers'} from a party state needed "
        f"(e.g. {example}), each bringing at least {pct(lo * HUNDRED)}: {money(amount, project.currency)}"
    )
    m = msg(
        "advice.coproducers_add",
        missing=k,
        countries=Countries(tuple(candidates[:3])),
        share=Pct(_d(lo * HUNDRED)),
        amount=Amount(amount, project.currency),
    )
    return Advice(
        inst.id,
        check.rule,
        check.subject,
        message,
        tuple(changes),
        after is not None and after.ok,
        texts=(m,),
    )


def _advise_producers(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    assert inst.national is not None
    home = inst.national.country
    foreign = tuple(dict.fromkeys(p.country for p in project.partners if p.country != home))
    message = (
        f"{country_name(home)} treats a co-production as a national film only under an international treaty "
        f"it has ratified, and none covering {names(foreign)} is recorded: no change to the project passes "
        f"this; as a production of {adjective(home)} producers only, the film could qualify"
    )
    m = msg("advice.producers", country=Countries((home,)), countries=Countries(foreign))
    return Advice(inst.id, check.rule, check.subject, message, actionable=False, texts=(m,))
