"""Advice on shares: a partner's own share, the finance-only window and the non-party cap."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..countries import adjective
from ..engine import HUNDRED, Context, context
from ..fmt import figure, money, pct, shown_value
from ..messages import Amount, Countries, Msg, Pct, msg
from ..model import Advice, Change, Check, Project
from ..rules import Instrument, RuleBook
from ._common import _ceil, _d, _limits, _rate, _refine


def _opt(value: object) -> Decimal | None:
    return None if value is None else _d(value)


def _partner_delta(ctx: Context, pid: str, check: Check) -> list[Change]:
    """Move partner ``pid``'s own contribution just enough to bring its share inside [min, max]."""
    lo, hi = _limits(check)
    p = ctx.project.partner(pid)
    c, total, s = ctx.base[pid], ctx.total, ctx.share[pid]
    rate = _rate(ctx.project, p.contribution.currency)
    if lo is not None and s < lo and lo < 1:
        need = (lo * total - c) / (1 - lo)
        return [
            Change("change_contribution", pid, amount=_ceil(need * rate), currency=p.contribution.currency)
        ]
    if hi is not None and s > hi:
        if c == total:
            return []  # the others bring nothing: no cut of this partner's own share can pass
        drop = min((c - hi * total) / (1 - hi) if hi < 1 else c, c)
        amount = min(_ceil(drop * rate), p.contribution.amount)
        return [Change("change_contribution", pid, amount=-amount, currency=p.contribution.currency)]
    return []


def _advise_share(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    ctx = context(project, on)
    pid = check.subject
    p = project.partner(pid)
    changes, after = _refine(project, inst, check, on, book, lambda c, chk: _partner_delta(c, pid, chk))
    lo, hi = _limits(check)
    s = ctx.share[pid]
    word = "finance-only share" if check.rule == "finance_only" else "share"
    who = f"the {adjective(p.country)} {word} ({pid})"
    here = Countries((p.country,))
    texts: list[Msg] = []
    if not changes:
        return Advice(
            inst.id,
            check.rule,
            pid,
            f"{who} is {pct(s * HUNDRED)}: the other partners contribute nothing; raise their contributions",
            actionable=False,
            texts=(msg("advice.share_others_zero", partner=pid, country=here, value=Pct(_d(s * HUNDRED))),),
        )
    delta = changes[0].amount
    assert delta is not None
    cur = p.contribution.currency
    now = shown_value(_d(s * HUNDRED), _opt(check.min), _opt(check.max))  # never shown as the limit itself
    if lo is not None and s < lo:
        message = f"raise {who} from {pct(now)} to {figure(check.min)} %: + {money(delta, cur)}"
        texts.append(
            msg(
                "advice.share_raise",
                partner=pid,
                country=here,
                value=Pct(now),
                target=Pct(_d(check.min)),
                amount=Amount(delta, cur),
            )
        )
        c = ctx.base[pid]
        if c > 0:
            other_cut = ctx.total - c / lo
            message += f", or lower the other partners' contributions by {money(other_cut, project.currency)}"
            texts.append(msg("advice.or_lower_others", amount=Amount(_d(other_cut), project.currency)))
        if check.discretionary:
            message += " (the share is already within the window the authorities may approve)"
            texts.append(msg("advice.within_window"))
    else:
        message = f"lower {who} from {pct(now)} to {figure(check.max)} %: − {money(-delta, cur)}"
        texts.append(
            msg(
                "advice.share_lower",
                partner=pid,
                country=here,
                value=Pct(now),
                target=Pct(_d(check.max)),
                amount=Amount(-delta, cur),
            )
        )
        if hi:
            more = ctx.base[pid] / hi - ctx.total
            message += f", or raise the other partners' contributions by {money(more, project.currency)}"
            texts.append(msg("advice.or_raise_others", amount=Amount(_d(more), project.currency)))
    return Advice(
        inst.id,
        check.rule,
        pid,
        message,
        tuple(changes),
        after is not None and after.ok,
        texts=tuple(texts),
    )


def _non_party_step(inst: Instrument) -> Callable[[Context, Check], list[Change]]:
    def step(ctx: Context, check: Check) -> list[Change]:
        _, hi = _limits(check)
        if hi is None:
            return []
        parties = inst.parties_on(ctx.on)
        outside = sorted(
            (p for p in ctx.project.partners if p.country not in parties),
            key=lambda p: (-ctx.base[p.id], p.id),
        )
        n_amount = sum((ctx.base[p.id] for p in outside), Fraction(0))
        if n_amount == ctx.total:
            # The party partners bring nothing: cutting the others cannot pass; raise a party partner.
            inside = [p for p in ctx.project.partners if p.country in parties]
            if not inside or hi <= 0:
                return []
            p = inside[0]
            rate = _rate(ctx.project, p.contribution.currency)
            need = _ceil((n_amount / hi - ctx.total) * rate)
            return [Change("change_contribution", p.id, amount=need, currency=p.contribution.currency)]
        cut = (n_amount - hi * ctx.total) / (1 - hi) if hi < 1 else Fraction(0)
        changes = []
        for p in outside:
            if cut <= 0:
                break
            rate = _rate(ctx.project, p.contribution.currency)
            take = min(_ceil(min(cut, ctx.base[p.id]) * rate), p.contribution.amount)
            if take > 0:
                changes.append(
                    Change("change_contribution", p.id, amount=-take, currency=p.contribution.currency)
                )
            cut -= Fraction(take) / rate
        return changes

    return step


def _advise_non_party(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    ctx = context(project, on)
    changes, after = _refine(project, inst, check, on, book, _non_party_step(inst))
    _, hi = _limits(check)
    assert hi is not None
    parties = inst.parties_on(on)
    n_amount = sum((ctx.base[p.id] for p in project.partners if p.country not in parties), Fraction(0))
    now = shown_value(_d(check.value), None, _d(check.max))
    parts = ", ".join(
        f"− {money(-ch.amount, ch.currency or '')} from {ch.target}"
        if ch.amount < 0
        else f"+ {money(ch.amount, ch.currency or '')} to {ch.target}"
        for ch in changes
        if ch.amount
    )
    message = (
        f"bring the non-party co-producers from {figure(now)} % to {figure(check.max)} % together: {parts}"
    )
    moves = ", ".join(
        f"{'−' if ch.amount < 0 else '+'}{money(abs(ch.amount), ch.currency or '')} ({ch.target})"
        for ch in changes
        if ch.amount
    )
    texts = [msg("advice.non_party", value=Pct(now), max=Pct(_d(check.max)), moves=moves)]
    raise_party = n_amount / hi - ctx.total
    if raise_party > 0:
        message += f", or raise the party partners' contributions by {money(raise_party, project.currency)}"
        texts.append(msg("advice.or_raise_party", amount=Amount(_d(raise_party), project.currency)))
    return Advice(
        inst.id,
        check.rule,
        check.subject,
        message,
        tuple(changes),
        after is not None and after.ok,
        texts=tuple(texts),
    )
