"""Advice: for each failed check, the smallest change to the project that makes it pass.

Each piece of advice carries machine-applicable :class:`~korkyt.treaties.model.Change` s (see
:func:`apply_changes`) and a message. Every change is verified: it is applied, the project is evaluated
again, and the advised check must pass; any other check that passed before and fails after is listed in
``breaks`` and named in the message, so advice never breaks something silently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from itertools import combinations

from .countries import adjective, country_name, names
from .engine import HUNDRED, Context, context, earliest_shooting, evaluate_bare, select
from .errors import ProjectError
from .fmt import figure, money, pct, to_decimal
from .messages import Amount, Countries, Jobs, Msg, Pct, msg
from .model import Advice, Broken, Change, Check, Elements, Evaluation, Money, Partner, Project, Role, Verdict
from .rules import Instrument, PointsTable, RuleBook, load_rulebook

#: Authors are made local in this order when too many are foreign (the least central first).
_AUTHOR_ORDER = ("composer", "production_designer", "director_of_photography", "scriptwriter", "director")
_MAX_REFINE = 6


# --- applying changes ------------------------------------------------------------------------------------


def apply_changes(project: Project, changes: Iterable[Change]) -> Project:
    """The project with ``changes`` applied in order (see :class:`~korkyt.treaties.model.Change`)."""
    for ch in changes:
        project = _apply(project, ch)
    return project


def _apply(project: Project, ch: Change) -> Project:
    if ch.op == "change_contribution":
        assert ch.amount is not None
        partners = []
        for p in project.partners:
            if p.id == ch.target:
                if ch.currency not in (None, p.contribution.currency):
                    raise ProjectError(f"changes.{ch.target}", "the change must be in the partner's currency")
                amount = p.contribution.amount + ch.amount
                if amount < 0:
                    raise ProjectError(f"changes.{ch.target}", "the contribution would become negative")
                p = replace(p, contribution=Money(amount, p.contribution.currency))
            partners.append(p)
        if all(p.id != ch.target for p in project.partners):
            raise ProjectError(f"changes.{ch.target}", "no such partner")
        return replace(project, partners=tuple(partners))
    if ch.op == "set_element":
        countries = dict(project.elements.countries)
        countries[ch.target] = ch.country
        return replace(project, elements=Elements(countries, project.elements.roles))
    if ch.op == "set_role":
        roles = list(project.elements.roles)
        index = int(ch.target)
        roles[index] = replace(roles[index], country=ch.country)
        return replace(project, elements=Elements(project.elements.countries, tuple(roles)))
    if ch.op == "add_role":
        more = (*project.elements.roles, Role(ch.country, ch.days or 0))
        return replace(project, elements=Elements(project.elements.countries, more))
    if ch.op == "set":
        if ch.target == "runtime_min" and isinstance(ch.value, int):
            return replace(project, runtime_min=ch.value)
        if ch.target == "shooting_starts_on" and isinstance(ch.value, date):
            return replace(project, shooting_starts_on=ch.value)
        raise ProjectError(f"changes.{ch.target}", "cannot be set by a change")
    if ch.op == "add_partner":
        assert ch.country is not None and ch.amount is not None and ch.currency is not None
        partner = Partner(ch.target, ch.country, Money(ch.amount, ch.currency))
        return replace(project, partners=(*project.partners, partner))
    raise ProjectError("changes.op", f"unknown change {ch.op!r}")


# --- helpers ---------------------------------------------------------------------------------------------


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


def _party_countries(ctx: Context, parties: frozenset[str]) -> list[str]:
    """Partner countries that are parties, largest combined share first."""
    weight: dict[str, Fraction] = {}
    for p in ctx.project.partners:
        if p.country in parties:
            weight[p.country] = weight.get(p.country, Fraction(0)) + ctx.share[p.id]
    return sorted(weight, key=lambda c: (-weight[c], c))


# --- one piece of advice per failed check ----------------------------------------------------------------


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
    if lo is not None and s < lo:
        message = f"raise {who} from {pct(s * HUNDRED)} to {figure(check.min)} %: + {money(delta, cur)}"
        texts.append(
            msg(
                "advice.share_raise",
                partner=pid,
                country=here,
                value=Pct(_d(s * HUNDRED)),
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
        message = f"lower {who} from {pct(s * HUNDRED)} to {figure(check.max)} %: − {money(-delta, cur)}"
        texts.append(
            msg(
                "advice.share_lower",
                partner=pid,
                country=here,
                value=Pct(_d(s * HUNDRED)),
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
    parts = ", ".join(
        f"− {money(-ch.amount, ch.currency or '')} from {ch.target}"
        if ch.amount < 0
        else f"+ {money(ch.amount, ch.currency or '')} to {ch.target}"
        for ch in changes
        if ch.amount
    )
    message = (
        f"bring the non-party co-producers from {figure(check.value)} % to {figure(check.max)} % "
        f"together: {parts}"
    )
    moves = ", ".join(
        f"{'−' if ch.amount < 0 else '+'}{money(abs(ch.amount), ch.currency or '')} ({ch.target})"
        for ch in changes
        if ch.amount
    )
    texts = [msg("advice.non_party", value=Pct(_d(check.value)), max=Pct(_d(check.max)), moves=moves)]
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


def _best_subset(entries: list[tuple[int, int]], deficit: int) -> list[int]:
    """Indexes of the fewest entries whose points reach ``deficit``, least surplus, earliest first."""
    for k in range(1, len(entries) + 1):
        best: tuple[int, ...] | None = None
        best_sum = 0
        for combo in combinations(entries, k):
            total = sum(points for _, points in combo)
            if total >= deficit and (best is None or total < best_sum):
                best, best_sum = tuple(i for i, _ in combo), total
        if best is not None:
            return list(best)
    return [i for i, _ in entries]


def _advise_points(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    ctx = context(project, on)
    table: PointsTable = inst.points[project.kind]
    parties = inst.parties_on(on)
    choices = _party_countries(ctx, parties)
    assert isinstance(check.value, int) and isinstance(check.min, int)
    deficit = check.min - check.value
    if not choices:
        return Advice(
            inst.id,
            check.rule,
            check.subject,
            "no co-producer is from a party state",
            actionable=False,
            texts=(msg("advice.points_no_party"),),
        )
    country = choices[0]
    ranked = project.elements.ranked_roles()
    unscored = []
    for n, entry in enumerate(table.entries):
        if entry.role is not None:
            scored = len(ranked) >= entry.role and ranked[entry.role - 1][1].country in parties
        else:
            scored = any(project.elements.get(e) in parties for e in entry.elements)
        if not scored:
            unscored.append((n, entry.points))
    chosen = sorted(_best_subset(unscored, deficit))
    changes: list[Change] = []
    labels = []
    jobs = []
    added = 0
    for n in chosen:
        entry = table.entries[n]
        labels.append(entry.label)
        jobs.append(entry.elements[0] if entry.role is None else f"role:{entry.role}")
        if entry.role is None:
            changes.append(Change("set_element", entry.elements[0], country=country))
        elif entry.role <= len(ranked):
            changes.append(Change("set_role", str(ranked[entry.role - 1][0]), country=country))
        else:
            while len(ranked) + added < entry.role:
                changes.append(Change("add_role", "roles", country=country, days=0))
                added += 1
    current = apply_changes(project, changes)
    after = _check_after(current, inst, check.rule, check.subject, on, book)
    gain = sum(table.entries[n].points for n in chosen)
    what = _join(
        [
            f"a {label}" if not label.startswith(("a", "e", "i", "o", "u")) else f"an {label}"
            for label in labels
        ]
    )
    more = "one more point" if deficit == 1 else f"{deficit} more points"
    alternatives = " or ".join(country_name(c) for c in choices[:3])
    message = (
        f"{more} needed: {what} from a party state ({alternatives}): + {gain} point{'s' if gain > 1 else ''}"
    )
    texts = [
        msg(
            "advice.points",
            missing=deficit,
            jobs=Jobs(tuple(jobs)),
            countries=Countries(tuple(choices[:3])),
            gain=gain,
        )
    ]
    if check.discretionary:
        message = (
            f"below threshold: discretionary ({check.value} of {check.min} points: the authorities may still "
            f"grant status after consultation); to pass outright, {message}"
        )
        texts.insert(0, msg("advice.points_discretionary", scored=check.value, needed=check.min))
    return Advice(
        inst.id,
        check.rule,
        check.subject,
        message,
        tuple(changes),
        after is not None and after.ok,
        texts=tuple(texts),
    )


def _d(value: object) -> Decimal:
    """A figure (Fraction, Decimal, int) as a Decimal for a message parameter."""
    if isinstance(value, Fraction):
        return to_decimal(value)
    assert isinstance(value, Decimal | int), value
    return Decimal(value)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _advise_running_time(
    project: Project, inst: Instrument, check: Check, on: date, book: RuleBook
) -> Advice:
    assert isinstance(check.min, int)
    change = Change("set", "runtime_min", value=check.min)
    missing = check.min - project.runtime_min
    message = f"the film must run at least {check.min} minutes (now {project.runtime_min}): + {missing} min"
    m = msg("advice.running_time", min=check.min, now=project.runtime_min, missing=missing)
    return Advice(inst.id, check.rule, check.subject, message, (change,), texts=(m,))


def _advise_deadline(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    assert inst.deadline is not None and isinstance(check.value, date)
    start = earliest_shooting(check.value, inst.deadline.months_before_shooting)
    change = Change("set", "shooting_starts_on", value=start)
    applied = "the application was made" if project.applied_on else "it is"
    message = (
        f"{applied} past the deadline ({figure(check.max)}): move the start of shooting to "
        f"{start.isoformat()} or later"
    )
    code = "advice.deadline_applied" if project.applied_on else "advice.deadline_pending"
    m = msg(code, deadline=check.max, start=start)
    return Advice(inst.id, check.rule, check.subject, message, (change,), texts=(m,))


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


def _advise_authors(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    au = inst.authors
    assert au is not None and au.max_foreign is not None
    filled = [e for e in au.elements if project.elements.get(e) is not None]
    foreign = [e for e in filled if project.elements.get(e) != au.country]
    allowed = math.floor(Fraction(au.max_foreign) * len(filled) / HUNDRED)
    k = len(foreign) - allowed
    order = [e for e in _AUTHOR_ORDER if e in foreign] + [e for e in foreign if e not in _AUTHOR_ORDER]
    flip = order[:k]
    changes = tuple(Change("set_element", e, country=au.country) for e in flip)
    message = (
        f"{len(foreign)} of {len(filled)} authors are foreign ({figure(check.value)} %, at most "
        f"{figure(check.max)} %): make the {_join([e.replace('_', ' ') for e in flip])} "
        f"{adjective(au.country)}"
    )
    m = msg(
        "advice.authors",
        foreign=len(foreign),
        filled=len(filled),
        value=Pct(_d(check.value)),
        max=Pct(au.max_foreign),
        jobs=Jobs(tuple(flip)),
        country=Countries((au.country,)),
    )
    return Advice(inst.id, check.rule, check.subject, message, changes, texts=(m,))


_ADVISERS = {
    "share": _advise_share,
    "finance_only": _advise_share,
    "non_party_cap": _advise_non_party,
    "coproducers.min": _advise_coproducers,
    "points": _advise_points,
    "running_time": _advise_running_time,
    "deadline": _advise_deadline,
    "producers": _advise_producers,
    "authors.foreign": _advise_authors,
}


# --- breaks and the full evaluation ---------------------------------------------------------------------


def _passing(ev: Evaluation) -> dict[tuple[str, str, str], Check]:
    return {(v.id, c.rule, c.subject): c for v in ev.verdicts if v.applies for c in v.checks if c.ok}


def _breaks(before: Evaluation, after: Evaluation, advised: tuple[str, str, str]) -> tuple[Broken, ...]:
    now = {(v.id, c.rule, c.subject): c for v in after.verdicts for c in v.checks}
    applies_now = {v.id for v in after.verdicts if v.applies}
    broken = []
    for v in before.verdicts:
        if v.applies and v.id not in applies_now:
            broken.append(
                Broken(
                    v.id,
                    "applies",
                    "",
                    f"{v.id} would no longer apply",
                    texts=(msg("broken.no_longer_applies", instrument=v.id),),
                )
            )
    for key, check in _passing(before).items():
        if key == advised or key[0] not in applies_now:
            continue
        new = now.get(key)
        if new is None or not new.ok:
            text = new.message if new is not None else check.message
            texts = new.texts if new is not None else check.texts
            broken.append(
                Broken(
                    key[0],
                    key[1],
                    key[2],
                    f"{key[0]}: {text}",
                    texts=(msg("broken.check", instrument=key[0]), *texts),
                )
            )
    return tuple(broken)


def advise(
    project: Project, bare: Evaluation, *, book: RuleBook, ids: tuple[str, ...] | list[str] | None = None
) -> dict[str, tuple[Advice, ...]]:
    """Advice for every failed check of ``bare`` (an evaluation without advice), by instrument id."""
    out: dict[str, tuple[Advice, ...]] = {}
    for verdict in bare.verdicts:
        if not verdict.applies:
            continue
        inst = book.get(verdict.id)
        items = []
        for check in verdict.checks:
            if check.ok:
                continue
            adviser = _ADVISERS.get(check.rule)
            if adviser is None:
                continue
            advice = adviser(project, inst, check, bare.on, book)
            if advice.changes:
                try:
                    after = evaluate_bare(
                        apply_changes(project, advice.changes), on=bare.on, ids=ids, book=book
                    )
                except ProjectError as exc:  # the change would leave no valid project: not advice
                    items.append(
                        replace(
                            advice,
                            changes=(),
                            actionable=False,
                            message=f"{advice.message} ({exc})",
                            texts=(*advice.texts, msg("advice.invalid", error=str(exc))),
                        )
                    )
                    continue
                broken = _breaks(bare, after, (inst.id, check.rule, check.subject))
                if broken:
                    advice = replace(
                        advice,
                        breaks=broken,
                        message=advice.message
                        + f" (this makes {len(broken)} other check(s) fail: "
                        + "; ".join(b.message for b in broken)
                        + ")",
                        texts=(*advice.texts, msg("advice.breaks", count=len(broken))),
                    )
            items.append(advice)
        out[verdict.id] = tuple(items)
    return out


def evaluate(
    project: Project,
    *,
    on: date | None = None,
    instruments: Iterable[str] | None = None,
    rulebook: RuleBook | None = None,
    with_advice: bool = True,
) -> Evaluation:
    """Evaluate ``project`` at ``on`` (default: the project's ``date``) against the instruments.

    ``instruments`` limits the evaluation to these ids (default: the project's ``instruments``, else
    all); ``rulebook`` defaults to the package's rules, read once per process.
    """
    book = rulebook or load_rulebook()
    ids = tuple(instruments) if instruments is not None else project.instruments
    select(book, ids)
    bare = evaluate_bare(project, on=on, ids=ids, book=book)
    if not with_advice:
        return bare
    advice = advise(project, bare, book=book, ids=ids)
    verdicts = tuple(replace(v, advice=advice.get(v.id, ())) for v in bare.verdicts)
    return replace(bare, verdicts=verdicts)
