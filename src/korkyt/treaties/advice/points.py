"""Advice on points: the fewest creative or technical elements to move to a party state."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from itertools import combinations

from ..countries import country_name
from ..engine import Context, context
from ..messages import Countries, Jobs, msg
from ..model import Advice, Change, Check, Project
from ..rules import Instrument, PointsTable, RuleBook
from ._common import _check_after, _join
from .changes import apply_changes


def _party_countries(ctx: Context, parties: frozenset[str]) -> list[str]:
    """Partner countries that are parties, largest combined share first."""
    weight: dict[str, Fraction] = {}
    for p in ctx.project.partners:
        if p.country in parties:
            weight[p.country] = weight.get(p.country, Fraction(0)) + ctx.share[p.id]
    return sorted(weight, key=lambda c: (-weight[c], c))


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
