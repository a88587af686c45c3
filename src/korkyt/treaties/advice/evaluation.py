"""The full evaluation: every verdict, and for each failed check verified advice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from ..engine import evaluate_bare, select
from ..errors import ProjectError
from ..messages import msg
from ..model import Advice, Evaluation, Project
from ..rules import RuleBook, load_rulebook
from .breaks import _breaks
from .changes import apply_changes
from .coproducers import _advise_coproducers, _advise_producers
from .film import _advise_authors, _advise_deadline, _advise_running_time
from .points import _advise_points
from .shares import _advise_non_party, _advise_share

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
            if check.ok or check.pending:  # pending: the project lacks facts, no change decides it
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
