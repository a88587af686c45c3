"""Verdicts: one instrument's assessment, the selection of instruments and the strongest basis."""

from __future__ import annotations

from datetime import date

from ..errors import ProjectError
from ..fmt import to_decimal
from ..messages import msg
from ..model import Evaluation, Project, Verdict
from ..rules import Instrument, RuleBook, load_rulebook
from .applicability import _applicability
from .checks import _checks
from .context import HUNDRED, Context, context


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
    failed = [c for c in checks if not c.ok and not c.pending]
    undecided = [c for c in checks if c.pending]
    eligible = not failed and not undecided
    if eligible:
        reason += "; every condition is met"
        texts += (msg("reason.eligible"),)
    elif failed:
        reason += "; not eligible: " + "; ".join(c.message for c in failed)
        texts += (msg("reason.not_eligible"),)
    if undecided:
        reason += "; not yet decidable: " + "; ".join(c.message for c in undecided)
        texts += (msg("reason.pending"),)
    if points is not None and points.advisory:
        reason += (
            f"; Appendix II points are guidance only for {points.table} ({points.scored} of {points.of})"
        )
        texts += (msg("reason.points_guidance", table=points.table, scored=points.scored, of=points.of),)
    return Verdict(
        inst.id,
        True,
        reason,
        eligible,
        tuple(checks),
        points,
        why=texts,
        pending=bool(undecided) and not failed,
    )


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
