"""Breaks: the checks that passed before a change and fail after it."""

from __future__ import annotations

from ..messages import msg
from ..model import Broken, Check, Evaluation


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
