"""Checks on the financing plan: how much of it is confirmed, and the caps on a fund's support."""

from __future__ import annotations

from fractions import Fraction

from ..countries import country_name
from ..fmt import figure, money, pct_against, shown_value, to_decimal
from ..messages import Amount, Countries, Msg, Pct, msg
from ..model import Check, Partner
from ..rules import Instrument
from .context import HUNDRED, Context, _fraction


def _p(value: object) -> Fraction:
    return _fraction(value) / HUNDRED  # type: ignore[arg-type]


def confirmed_checks(inst: Instrument, ctx: Context) -> list[Check]:
    """At least ``min`` % of the financing confirmed: of the whole plan, or (``per = "country"``) of the
    contributions of each co-producing country, one check per country."""
    if not inst.confirmed_per_country:
        return [_confirmed(inst, ctx, list(ctx.project.partners), None)]
    checks = []
    for country in ctx.countries:
        partners = [p for p in ctx.project.partners if p.country == country]
        if sum((ctx.base[p.id] for p in partners), Fraction(0)) > 0:
            checks.append(_confirmed(inst, ctx, partners, country))
    return checks


def _confirmed(inst: Instrument, ctx: Context, partners: list[Partner], country: str | None) -> Check:
    """A contribution whose confirmed part is not known may be confirmed in full or not at all: decided
    only when both give the same answer, else pending, naming the partners to ask."""
    w = inst.confirmed
    assert w is not None and w.min is not None
    project = ctx.project
    total = sum((ctx.base[p.id] for p in partners), Fraction(0))
    known = sum(
        (
            Fraction(p.confirmed) / _fraction(project.rate(p.contribution.currency))
            for p in partners
            if p.confirmed is not None
        ),
        Fraction(0),
    )
    unknown = [p for p in partners if p.confirmed is None and ctx.base[p.id] > 0]
    least = known / total
    most = (known + sum((ctx.base[p.id] for p in unknown), Fraction(0))) / total
    lo = _p(w.min)
    ok = least >= lo
    pending = not ok and most >= lo
    value = to_decimal(least * HUNDRED)
    shown = Pct(shown_value(value, w.min, None))
    where = "" if country is None else f" in {country_name(country)}"
    text = f"financing confirmed{where}: {pct_against(value, w.min, None)} (at least {figure(w.min)} %)"
    ids = ", ".join(p.id for p in unknown)
    if pending:
        text += f"; not decidable until it is known how much is confirmed of: {ids}"
    m: Msg
    if country is None:
        m = (
            msg("check.confirmed_unknown", value=shown, min=Pct(w.min), partners=ids)
            if pending
            else msg("check.confirmed", value=shown, min=Pct(w.min))
        )
    elif pending:
        m = msg(
            "check.confirmed_country_unknown",
            country=Countries((country,)),
            value=shown,
            min=Pct(w.min),
            partners=ids,
        )
    else:
        m = msg("check.confirmed_country", country=Countries((country,)), value=shown, min=Pct(w.min))
    return Check(
        "financing.confirmed",
        country or "financing",
        value,
        w.min,
        None,
        ok,
        w.source,
        text,
        texts=(m,),
        pending=pending,
    )


def support_checks(inst: Instrument, ctx: Context) -> list[Check]:
    """The support the project asks of the fund against its caps: an amount in EUR, and a share of the
    production cost (the budget, else the sum of the contributions) for the kinds of film it names, higher
    with a female director; pending while the EUR rate, or (between the two share caps) the director, is
    not known."""
    cap = inst.support
    assert cap is not None
    project = ctx.project
    asked = project.support[inst.id]
    base = Fraction(asked.amount) / _fraction(project.rate(asked.currency))
    checks = []
    if cap.max_eur is not None:
        eur: Fraction | None = None
        if asked.currency == "EUR":
            eur = Fraction(asked.amount)
        elif project.currency == "EUR":
            eur = base
        elif "EUR" in project.rates:
            eur = base * _fraction(project.rates["EUR"])
        value = None if eur is None else to_decimal(eur)
        ok = eur is not None and eur <= Fraction(cap.max_eur)
        limit = Amount(cap.max_eur, "EUR")
        if eur is None:
            text = (
                f"{inst.short} support asked: {money(asked.amount, asked.currency)}; not decidable without "
                f"a EUR rate (at most {money(cap.max_eur, 'EUR')})"
            )
            m = msg(
                "check.support_amount_eur_unknown",
                fund=inst.short,
                value=Amount(asked.amount, asked.currency),
                max=limit,
            )
        else:
            assert value is not None
            shown = shown_value(value, None, cap.max_eur)
            text = f"{inst.short} support asked: {money(shown, 'EUR')} (at most {money(cap.max_eur, 'EUR')})"
            m = msg("check.support_amount", fund=inst.short, value=Amount(shown, "EUR"), max=limit)
        checks.append(
            Check(
                "support.amount",
                inst.id,
                value,
                None,
                cap.max_eur,
                ok,
                cap.source,
                text,
                texts=(m,),
                pending=eur is None,
            )
        )
    if cap.max_share is not None and project.kind in cap.kinds:
        cost = ctx.total if project.budget is None else Fraction(project.budget)
        share = base / cost
        value = to_decimal(share * HUNDRED)
        higher = cap.max_share_female_director
        limit_pct = higher if project.female_director and higher is not None else cap.max_share
        ok = share <= _p(limit_pct)
        pending = not ok and project.female_director is None and higher is not None and share <= _p(higher)
        shown = shown_value(value, None, limit_pct)
        text = (
            f"{inst.short} support: {pct_against(value, None, limit_pct)} of the production cost "
            f"(at most {figure(limit_pct)} %"
        )
        if project.female_director and higher is not None:
            text += " with a female director)"
            m = msg("check.support_share_female", fund=inst.short, value=Pct(shown), max=Pct(limit_pct))
        elif pending:
            assert higher is not None
            text += (
                f", {figure(higher)} % with a female director); not decidable until it is known whether a "
                "female director is attached"
            )
            m = msg(
                "check.support_share_unknown",
                fund=inst.short,
                value=Pct(shown),
                max=Pct(limit_pct),
                higher=Pct(higher),
            )
        else:
            text += ")"
            m = msg("check.support_share", fund=inst.short, value=Pct(shown), max=Pct(limit_pct))
        checks.append(
            Check(
                "support.share",
                inst.id,
                value,
                None,
                limit_pct,
                ok,
                cap.source,
                text,
                texts=(m,),
                pending=pending,
            )
        )
    return checks
