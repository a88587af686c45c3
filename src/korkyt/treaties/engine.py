"""Evaluation: which instruments apply to a project at a date; every check with figure, limit and source."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .countries import adjective, country_name, names
from .errors import ProjectError
from .fmt import figure, pct, to_decimal
from .messages import Amount, Countries, Jobs, Msg, Pct, msg
from .model import Check, Evaluation, Points, Project, Verdict
from .rules import Instrument, PointsTable, RuleBook, ShareLimits, load_rulebook

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
    eur_total = None
    if project.currency == "EUR":
        eur_total = total
    elif "EUR" in project.rates:
        eur_total = total * Fraction(project.rates["EUR"])
    return Context(project, on or project.date, base, total, share, eur_total)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest_application(shooting: date, months: int) -> date:
    return add_months(shooting, -months)


def earliest_shooting(applied: date, months: int) -> date:
    """The first shooting date whose application deadline is on or after ``applied``."""
    day = add_months(applied, months)
    while latest_application(day, months) < applied:
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=4096)
def _fraction(value: Decimal) -> Fraction:
    """A decimal as an exact fraction (limits and rates repeat: converted once)."""
    return Fraction(value)


def _pc(value: Decimal | None) -> Pct | None:
    return None if value is None else Pct(value)


def _p(value: Decimal | None) -> Fraction | None:
    return None if value is None else _fraction(value) / HUNDRED


def share_limits(inst: Instrument, n: int) -> tuple[ShareLimits | None, str]:
    """The per-co-producer limits when the co-producers come from ``n`` countries, and the shape's name."""
    if n == 2:
        return inst.bilateral, "bilateral"
    if n >= 3:
        return inst.multilateral, "multilateral"
    return None, "single"


def effective_max(limits: ShareLimits, ctx: Context) -> tuple[Decimal | None, str]:
    """The maximum share, raised above a budget threshold in EUR where the rules say so."""
    if limits.max_over_budget is None or limits.budget_over_eur is None:
        return limits.max, ""
    if ctx.eur_total is None:
        return (
            limits.max,
            f" (the budget in EUR is unknown without a EUR rate: the {limits.max} % limit is used)",
        )
    if ctx.eur_total > Fraction(limits.budget_over_eur):
        return limits.max_over_budget, f" (budget over €{limits.budget_over_eur:,f})"
    return limits.max, ""


def score(table: PointsTable, project: Project, parties: frozenset[str]) -> Points:
    ranked = project.elements.ranked_roles()
    scored, hit, miss = 0, [], []
    for entry in table.entries:
        if entry.role is not None:
            ok = len(ranked) >= entry.role and ranked[entry.role - 1][1].country in parties
        else:
            ok = any(project.elements.get(e) in parties for e in entry.elements)
        if ok:
            scored += entry.points
            hit.append(entry.label)
        else:
            miss.append(entry.label)
    return Points(
        table=table.kind,
        scored=scored,
        of=table.of,
        needed=table.needed,
        discretionary=table.discretionary and scored < table.needed,
        advisory=table.advisory,
        scored_by=tuple(hit),
        missing=tuple(miss),
    )


def _is_are(codes: tuple[str, ...] | list[str]) -> str:
    return "is" if len(codes) == 1 else "are"


def _word(inst: Instrument, codes: tuple[str, ...] | list[str]) -> str:
    word = inst.applicability.party_word
    if len(codes) == 1:
        return f"a {word}"
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def _bilateral_applies(book: RuleBook, ctx: Context) -> Instrument | None:
    for other in book.instruments:
        if other.kind == "bilateral" and other.in_force(ctx.on) and _applicability(other, ctx, book)[0]:
            return other
    return None


def _applicability(inst: Instrument, ctx: Context, book: RuleBook) -> tuple[bool, str, tuple[Msg, ...]]:
    a = inst.applicability
    countries = ctx.countries
    if a.type == "parties":
        parties = inst.parties_on(ctx.on)
        inside = [c for c in countries if c in parties]
        outside = [c for c in countries if c not in parties]
        kind = "members" if a.party_word == "member" else "parties"
        if len(inside) < a.min_party_coproducers:
            texts = [msg(f"reason.not_{kind}", short=inst.short, countries=Countries(tuple(outside)))]
            texts += [
                msg("reason.joins_later", country=Countries((p.country,)), since=p.joined)
                for p in inst.parties
                if p.country in outside and p.joined > ctx.on
            ]
            if inside:
                texts.append(msg(f"reason.only_{kind}", countries=Countries(tuple(inside))))
            later = [
                f"{country_name(p.country)} only from {p.joined.isoformat()}"
                for p in inst.parties
                if p.country in outside and p.joined > ctx.on
            ]
            why = f"{names(outside)} {_is_are(outside)} not {_word(inst, outside)}"
            if later:
                why += f" on {ctx.on.isoformat()} ({'; '.join(later)})"
            if inside:
                why += f"; only {names(inside)} {_is_are(inside)} {_word(inst, inside)}"
            return False, f"{inst.short} does not apply: {why}", tuple(texts)
        if inst.superseded_by:
            try:
                newer = book.get(inst.superseded_by)
            except KeyError:
                newer = None
            if newer is not None and newer.in_force(ctx.on) and set(inside) <= newer.parties_on(ctx.on):
                return (
                    False,
                    (
                        f"{inst.short} does not apply: {names(inside)} {_is_are(inside)} also "
                        f"{_word(newer, inside)} to {newer.short}, which replaces it between them"
                    ),
                    (
                        msg(
                            "reason.superseded",
                            short=inst.short,
                            countries=Countries(tuple(inside)),
                            newer=newer.short,
                        ),
                    ),
                )
        if inst.yields_to_bilateral and ctx.states == 2:
            treaty = _bilateral_applies(book, ctx)
            if treaty is not None:
                return (
                    False,
                    (
                        f"{inst.short} does not apply: it governs bilateral co-productions only where no "
                        f"bilateral agreement exists, and {treaty.short} applies"
                    ),
                    (msg("reason.yields_to_bilateral", short=inst.short, treaty=treaty.short),),
                )
        shape = "bilateral" if ctx.states == 2 else "multilateral"
        why = f"{inst.short} applies: {names(inside)} {_is_are(inside)} {_word(inst, inside)} ({shape})"
        texts = [
            msg(f"reason.applies_{kind}", short=inst.short, countries=Countries(tuple(inside)), shape=shape)
        ]
        if outside:
            why += f"; {names(outside)} {_is_are(outside)} not"
            texts.append(msg("reason.others_not", countries=Countries(tuple(outside))))
        return True, why, tuple(texts)
    if a.type == "country":
        assert a.country is not None
        ids = [p.id for p in ctx.project.partners if p.country == a.country]
        here = Countries((a.country,))
        if not ids:
            return (
                False,
                f"{inst.short} does not apply: no co-producer from {country_name(a.country)}",
                (msg("reason.no_coproducer_from", short=inst.short, countries=here),),
            )
        return (
            True,
            f"{inst.short} applies: a {adjective(a.country)} producer ({', '.join(ids)})",
            (msg("reason.applies_producer", short=inst.short, countries=here, partners=", ".join(ids)),),
        )
    if a.type == "country_with_foreign":
        assert a.country is not None
        foreign = [c for c in countries if c != a.country]
        if a.country not in countries:
            return (
                False,
                f"{inst.short} does not apply: no co-producer from {country_name(a.country)}",
                (msg("reason.no_coproducer_from", short=inst.short, countries=Countries((a.country,))),),
            )
        if not foreign:
            return (
                False,
                f"{inst.short} does not apply: no foreign co-producer",
                (msg("reason.no_foreign", short=inst.short),),
            )
        return (
            True,
            f"{inst.short} applies: a {adjective(a.country)} co-producer "
            f"with producers from {names(foreign)}",
            (
                msg(
                    "reason.applies_with_foreign",
                    short=inst.short,
                    country=Countries((a.country,)),
                    countries=Countries(tuple(foreign)),
                ),
            ),
        )
    if a.type == "pair":
        covered = set(a.countries)
        others = [c for c in countries if c not in covered]
        absent = [c for c in a.countries if c not in countries]
        pair = "–".join(country_name(c) for c in a.countries)  # "Italy–Türkiye"
        if others:
            return (
                False,
                (
                    f"{inst.short} does not apply: it covers {pair} co-productions, "
                    f"and {names(others)} {_is_are(others)} not covered"
                ),
                (
                    msg(
                        "reason.pair_not_covered",
                        short=inst.short,
                        pair=Countries(tuple(a.countries)),
                        countries=Countries(tuple(others)),
                    ),
                ),
            )
        if absent:
            return (
                False,
                f"{inst.short} does not apply: no co-producer from {names(absent)}",
                (msg("reason.no_coproducer_from", short=inst.short, countries=Countries(tuple(absent))),),
            )
        return (
            True,
            f"{inst.short} applies: a co-production between {names(a.countries)}",
            (msg("reason.applies_pair", short=inst.short, countries=Countries(tuple(a.countries))),),
        )
    if a.type == "memorandum":
        assert a.hub is not None
        parties = inst.parties_on(ctx.on)
        if a.hub not in countries:
            return (
                False,
                (
                    f"{inst.short} does not apply: no co-producer from {country_name(a.hub)}, "
                    "which signed each memorandum"
                ),
                (msg("reason.memo_no_hub", short=inst.short, country=Countries((a.hub,))),),
            )
        partners = [c for c in countries if c != a.hub and c in parties]
        if not partners:
            return (
                False,
                (
                    f"{inst.short} does not apply: no co-producer from a country that signed a memorandum "
                    f"with {country_name(a.hub)}"
                ),
                (msg("reason.memo_no_partner", short=inst.short, country=Countries((a.hub,))),),
            )
        return (
            True,
            (
                f"{inst.short} applies: memoranda of {country_name(a.hub)} with {names(partners)}; "
                "a memorandum confers no co-production status"
            ),
            (
                msg(
                    "reason.memo_applies",
                    short=inst.short,
                    country=Countries((a.hub,)),
                    countries=Countries(tuple(partners)),
                ),
            ),
        )
    raise AssertionError(a.type)


def _checks(inst: Instrument, ctx: Context, book: RuleBook) -> tuple[list[Check], Points | None]:
    project = ctx.project
    checks: list[Check] = []
    parties = inst.parties_on(ctx.on)
    limits, shape = share_limits(inst, ctx.states)
    for p in project.partners:
        s = ctx.share[p.id]
        value = to_decimal(s * HUNDRED)
        who = f"{p.id} ({country_name(p.country)})"
        if p.finance_only and inst.finance_only is not None:
            w = inst.finance_only
            lo, hi = _p(w.min), _p(w.max)
            ok = (lo is None or s >= lo) and (hi is None or s <= hi)
            checks.append(
                Check(
                    "finance_only",
                    p.id,
                    value,
                    w.min,
                    w.max,
                    ok,
                    w.source,
                    f"{who}, finance only: {pct(value)}; window {figure(w.min)}–{figure(w.max)} %",
                    texts=(
                        msg(
                            "check.finance_only",
                            partner=p.id,
                            country=Countries((p.country,)),
                            value=Pct(value),
                            min=_pc(w.min),
                            max=_pc(w.max),
                        ),
                    ),
                )
            )
            continue
        if limits is None:
            continue
        top, why = effective_max(limits, ctx)
        lo, hi = _p(limits.min), _p(top)
        ok = (lo is None or s >= lo) and (hi is None or s <= hi)
        floor = _p(limits.discretionary_min)
        discretionary = not ok and floor is not None and floor <= s and (hi is None or s <= hi)
        text = f"{who}: {pct(value)} ({shape}: {figure(limits.min) or '0'}–{figure(top) or '100'} %){why}"
        texts = [
            msg(
                "check.share",
                partner=p.id,
                country=Countries((p.country,)),
                value=Pct(value),
                shape=shape,
                min=Pct(limits.min or Decimal(0)),
                max=Pct(top if top is not None else Decimal(100)),
            )
        ]
        if why and ctx.eur_total is None:
            texts.append(msg("check.share_eur_unknown", max=_pc(limits.max)))
        elif why:
            assert limits.budget_over_eur is not None
            texts.append(msg("check.share_over_budget", budget=Amount(limits.budget_over_eur, "EUR")))
        if discretionary:
            text += f"; from {figure(limits.discretionary_min)} % with both authorities' approval"
            texts.append(msg("check.share_discretionary", min=_pc(limits.discretionary_min)))
        checks.append(
            Check(
                "share",
                p.id,
                value,
                limits.min,
                top,
                ok,
                limits.source,
                text,
                discretionary,
                texts=tuple(texts),
            )
        )
    if inst.non_party_cap is not None and inst.applicability.type == "parties":
        cap = inst.non_party_cap
        outside = [p for p in project.partners if p.country not in parties]
        s = sum((ctx.share[p.id] for p in outside), Fraction(0))
        value = to_decimal(s * HUNDRED)
        hi = _p(cap.max)
        ok = hi is None or s <= hi
        who = ", ".join(f"{p.id} ({country_name(p.country)})" for p in outside) or "none"
        checks.append(
            Check(
                "non_party_cap",
                "non-party co-producers",
                value,
                None,
                cap.max,
                ok,
                cap.source,
                f"co-producers from non-party states together: {pct(value)} "
                f"(at most {figure(cap.max)} %): {who}",
                texts=(
                    msg(
                        "check.non_party_cap",
                        value=Pct(value),
                        max=_pc(cap.max),
                        partners=", ".join(p.id for p in outside) or "—",
                    ),
                ),
            )
        )
    if inst.min_coproducers_multilateral is not None and ctx.states >= 3:
        need = inst.min_coproducers_multilateral
        count = len([c for c in ctx.countries if c in parties])
        checks.append(
            Check(
                "coproducers.min",
                "party states",
                count,
                need,
                None,
                count >= need,
                inst.min_coproducers_source,
                f"co-producers from {count} party state(s) (a multilateral co-production needs {need})",
                texts=(msg("check.coproducers_min", count=count, needed=need),),
            )
        )
    points = None
    table = inst.points.get(project.kind)
    if table is not None:
        points = score(table, project, parties)
        if not table.advisory:
            ok = points.scored >= points.needed
            text = (
                f"Appendix II ({table.kind}): {points.scored} of {points.of} points, {points.needed} needed"
            )
            texts = [
                msg(
                    "check.points",
                    table=table.kind,
                    scored=points.scored,
                    of=points.of,
                    needed=points.needed,
                )
            ]
            if points.discretionary:
                text += "; below threshold: discretionary (the authorities may still grant status)"
                texts.append(msg("check.points_discretionary"))
            checks.append(
                Check(
                    "points",
                    table.kind,
                    points.scored,
                    points.needed,
                    None,
                    ok,
                    table.source,
                    text,
                    points.discretionary,
                    texts=tuple(texts),
                )
            )
    if inst.running_time_min is not None:
        ok = project.runtime_min >= inst.running_time_min
        checks.append(
            Check(
                "running_time",
                "project",
                project.runtime_min,
                inst.running_time_min,
                None,
                ok,
                inst.running_time_source,
                f"running time {project.runtime_min} min (at least {inst.running_time_min})",
                texts=(msg("check.running_time", value=project.runtime_min, min=inst.running_time_min),),
            )
        )
    if inst.deadline is not None:
        d = inst.deadline
        latest = latest_application(project.shooting_starts_on, d.months_before_shooting)
        day = project.applied_on or ctx.on
        ok = day <= latest
        months, start = d.months_before_shooting, project.shooting_starts_on
        if project.applied_on is not None:
            text = f"applied on {day.isoformat()}; the deadline was {latest.isoformat()}"
            m = msg("check.deadline_applied", applied=day, latest=latest, months=months, start=start)
        else:
            text = f"not applied yet; apply to {d.authority} by {latest.isoformat()}"
            m = msg(
                "check.deadline_pending", authority=d.authority, latest=latest, months=months, start=start
            )
        text += f" ({d.months_before_shooting} months before shooting starts on {project.shooting_starts_on})"
        checks.append(Check("deadline", "application", day, None, latest, ok, d.source, text, texts=(m,)))
    if inst.national is not None:
        nat = inst.national
        outsiders = [p for p in project.partners if p.country != nat.country]
        treaties = [t for t in nat.ratified_treaties if t in book.ids]
        covered = bool(treaties) and any(
            _applicability(book.get(t), ctx, book)[0] and book.get(t).in_force(ctx.on) for t in treaties
        )
        ok = not outsiders or covered
        text = (
            f"{len(outsiders)} foreign co-producer(s)"
            + (f" from {names(tuple(dict.fromkeys(p.country for p in outsiders)))}" if outsiders else "")
            + ("; a ratified treaty covers them" if outsiders and covered else "")
            + (
                "; no treaty ratified by " + country_name(nat.country) + " covers them"
                if outsiders and not covered
                else ""
            )
        )
        abroad = Countries(tuple(dict.fromkeys(p.country for p in outsiders)))
        if not outsiders:
            m = msg("check.producers_none")
        elif covered:
            m = msg("check.producers_covered", count=len(outsiders), countries=abroad)
        else:
            m = msg(
                "check.producers_uncovered",
                count=len(outsiders),
                countries=abroad,
                country=Countries((nat.country,)),
            )
        checks.append(
            Check("producers", "project", len(outsiders), None, 0, ok, nat.source, text, texts=(m,))
        )
    if inst.authors is not None:
        au = inst.authors
        filled = [(e, project.elements.get(e)) for e in au.elements if project.elements.get(e) is not None]
        foreign = [e for e, c in filled if c != au.country]
        s = Fraction(len(foreign), len(filled)) if filled else Fraction(0)
        value = to_decimal(s * HUNDRED)
        hi = _p(au.max_foreign)
        ok = hi is None or s <= hi
        text = (
            f"{len(foreign)} of {len(filled)} authors foreign ({pct(value)}, "
            f"at most {figure(au.max_foreign)} %)"
        )
        if foreign:
            text += ": " + ", ".join(e.replace("_", " ") for e in foreign)
        m = msg(
            "check.authors",
            foreign=len(foreign),
            filled=len(filled),
            value=Pct(value),
            max=_pc(au.max_foreign),
            jobs=Jobs(tuple(foreign)),
        )
        checks.append(
            Check("authors.foreign", "authors", value, None, au.max_foreign, ok, au.source, text, texts=(m,))
        )
    return checks, points


def assess(inst: Instrument, ctx: Context, book: RuleBook) -> Verdict:
    """One instrument's verdict, without advice."""
    if not inst.in_force(ctx.on):
        if ctx.on < inst.effective_from:
            why = f"not in force on {ctx.on.isoformat()} (from {inst.effective_from.isoformat()})"
            m = msg("reason.not_yet_in_force", short=inst.short, on=ctx.on, since=inst.effective_from)
        else:
            assert inst.effective_to is not None
            why = f"no longer in force on {ctx.on.isoformat()} (until {inst.effective_to.isoformat()})"
            m = msg("reason.no_longer_in_force", short=inst.short, on=ctx.on, until=inst.effective_to)
        return Verdict(inst.id, False, f"{inst.short} does not apply: {why}", False, why=(m,))
    applies, reason, texts = _applicability(inst, ctx, book)
    if not applies:
        return Verdict(inst.id, False, reason, False, why=texts)
    if inst.kind == "memorandum":
        return Verdict(inst.id, True, reason, False, why=texts)
    checks, points = _checks(inst, ctx, book)
    failed = [c for c in checks if not c.ok]
    eligible = not failed
    if eligible:
        reason += "; every condition is met"
        texts += (msg("reason.eligible"),)
    else:
        reason += "; not eligible: " + "; ".join(c.message for c in failed)
        texts += (msg("reason.not_eligible"),)
    if points is not None and points.advisory:
        reason += (
            f"; Appendix II points are guidance only for {points.table} ({points.scored} of {points.of})"
        )
        texts += (msg("reason.points_guidance", table=points.table, scored=points.scored, of=points.of),)
    return Verdict(inst.id, True, reason, eligible, tuple(checks), points, why=texts)


def select(book: RuleBook, ids: tuple[str, ...] | list[str] | None) -> list[Instrument]:
    if ids is None:
        return list(book.instruments)
    chosen = []
    for n, x in enumerate(ids):
        try:
            chosen.append(book.get(x))
        except KeyError:
            raise ProjectError(
                f"instruments[{n}]", f"unknown instrument {x!r}; known: {', '.join(book.ids)}"
            ) from None
    return chosen


def basis(verdicts: tuple[Verdict, ...] | list[Verdict], book: RuleBook) -> str | None:
    """The strongest applicable instrument that confers status and that the project satisfies."""
    best: Instrument | None = None
    for v in verdicts:
        inst = book.get(v.id)
        if (
            v.applies
            and v.eligible
            and inst.confers_status
            and (best is None or inst.strength > best.strength)
        ):
            best = inst
    return best.id if best else None


def evaluate_bare(
    project: Project,
    *,
    on: date | None = None,
    ids: tuple[str, ...] | list[str] | None = None,
    book: RuleBook | None = None,
) -> Evaluation:
    """Every selected instrument's verdict, without advice."""
    book = book or load_rulebook()
    ctx = context(project, on)
    chosen = select(book, ids if ids is not None else project.instruments)
    verdicts = tuple(assess(inst, ctx, book) for inst in chosen)
    return Evaluation(
        on=ctx.on,
        currency=project.currency,
        total=to_decimal(ctx.total),
        shares={pid: to_decimal(s * HUNDRED) for pid, s in ctx.share.items()},
        verdicts=verdicts,
        basis=basis(verdicts, book),
    )
