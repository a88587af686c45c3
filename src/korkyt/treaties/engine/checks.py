"""Checks: every condition of an applicable instrument, with figure, limit and source."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..countries import country_name, names
from ..fmt import figure, pct_against, shown_value, to_decimal
from ..messages import Amount, Countries, Jobs, Pct, msg
from ..model import Check, Points, Project
from ..rules import Instrument, RuleBook
from .applicability import _applicability
from .context import HUNDRED, Context, _fraction
from .dates import latest_application
from .financing import confirmed_checks, support_checks
from .limits import effective_limits, share_limits
from .points import score


def _pc(value: Decimal | None) -> Pct | None:
    return None if value is None else Pct(value)


def _p(value: Decimal | None) -> Fraction | None:
    return None if value is None else _fraction(value) / HUNDRED


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
                    f"{who}, finance only: {pct_against(value, w.min, w.max)}; "
                    f"window {figure(w.min)}–{figure(w.max)} %",
                    texts=(
                        msg(
                            "check.finance_only",
                            partner=p.id,
                            country=Countries((p.country,)),
                            value=Pct(shown_value(value, w.min, w.max)),
                            min=_pc(w.min),
                            max=_pc(w.max),
                        ),
                    ),
                )
            )
            continue
        if limits is None:
            continue
        e = effective_limits(limits, ctx)
        lo, hi = _p(e.min), _p(e.max)
        ok = (lo is None or s >= lo) and (hi is None or s <= hi)
        floor = _p(e.discretionary_min)
        discretionary = not ok and floor is not None and floor <= s and (hi is None or s <= hi)
        shown = pct_against(value, e.min, e.max)
        text = f"{who}: {shown} ({shape}: {figure(e.min) or '0'}–{figure(e.max) or '100'} %){e.why}"
        texts = [
            msg(
                "check.share",
                partner=p.id,
                country=Countries((p.country,)),
                value=Pct(shown_value(value, e.min, e.max)),
                shape=shape,
                min=Pct(e.min or Decimal(0)),
                max=Pct(e.max if e.max is not None else Decimal(100)),
            )
        ]
        if e.eur_unknown:
            texts.append(msg("check.share_eur_unknown", max=_pc(limits.max)))
        elif e.over_budget:
            assert limits.budget_over_eur is not None
            texts.append(msg("check.share_over_budget", budget=Amount(limits.budget_over_eur, "EUR")))
        if discretionary:
            text += f"; from {figure(e.discretionary_min)} % with both authorities' approval"
            texts.append(msg("check.share_discretionary", min=_pc(e.discretionary_min)))
        checks.append(
            Check(
                "share",
                p.id,
                value,
                e.min,
                e.max,
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
                f"co-producers from non-party states together: {pct_against(value, None, cap.max)} "
                f"(at most {figure(cap.max)} %): {who}",
                texts=(
                    msg(
                        "check.non_party_cap",
                        value=Pct(shown_value(value, None, cap.max)),
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
        checks.append(_authors_check(inst, project))
    if inst.confirmed is not None:
        checks.extend(confirmed_checks(inst, ctx))
    if inst.support is not None and inst.id in project.support:
        checks.extend(support_checks(inst, ctx))
    return checks, points


def _authors_check(inst: Instrument, project: Project) -> Check:
    """At most ``max_foreign`` % of the authors foreign. An author whose country is not known may be
    foreign, local or absent (no composer): the check is decided only when every possibility gives the same
    answer, else it is pending and names the authors whose country is missing."""
    au = inst.authors
    assert au is not None
    filled = [(e, project.elements.get(e)) for e in au.elements if project.elements.get(e) is not None]
    unknown = [e for e in au.elements if project.elements.get(e) is None]
    foreign = [e for e, c in filled if c != au.country]
    s = Fraction(len(foreign), len(filled)) if filled else Fraction(0)
    value = to_decimal(s * HUNDRED)
    hi = _p(au.max_foreign)
    assert hi is not None
    everyone = len(filled) + len(unknown)
    most = Fraction(len(foreign) + len(unknown), everyone)  # every unknown author foreign
    least = Fraction(len(foreign), everyone)  # every unknown author local
    ok = most <= hi
    pending = not ok and least <= hi
    text = (
        f"{len(foreign)} of {len(filled)} authors foreign ({pct_against(value, None, au.max_foreign)}, "
        f"at most {figure(au.max_foreign)} %)"
    )
    if foreign:
        text += ": " + ", ".join(e.replace("_", " ") for e in foreign)
    texts = [
        msg(
            "check.authors",
            foreign=len(foreign),
            filled=len(filled),
            value=Pct(shown_value(value, None, au.max_foreign)),
            max=_pc(au.max_foreign),
            jobs=Jobs(tuple(foreign)),
        )
    ]
    if not filled:
        text = f"no author's country is known (at most {figure(au.max_foreign)} % may be foreign)"
        texts = []
    if pending:
        text += "; not decidable until the country is known of: " + ", ".join(
            e.replace("_", " ") for e in unknown
        )
        texts.append(msg("check.authors_unknown", jobs=Jobs(tuple(unknown))))
    return Check(
        "authors.foreign",
        "authors",
        value if filled else None,
        None,
        au.max_foreign,
        ok,
        au.source,
        text,
        texts=tuple(texts),
        pending=pending,
    )
