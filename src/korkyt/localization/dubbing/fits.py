"""Stored isochrony fits of adaptation lines.

Estimating a line's spoken duration (korkyt.dubbing) takes a fraction of a millisecond, but a feature film has
1,500 lines and the adaptation editor, the API's line list and the counts all need every one of them. The fit
of each line is therefore kept on its ``DubbingLine`` with a digest of what it was computed from (the cue's
text, times, character and the dub's language). Readers call :func:`line_fits`: lines whose digest still
matches are read as stored, the others (text autosaved, character changed, a new job) are computed once and
written back in one bulk update. Nothing has to remember to invalidate: any change to an input changes the
digest."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from korkyt.localization.dubbing import selectors
from korkyt.localization.dubbing.models import DubbingLine
from korkyt.localization.models import TargetCue

#: A ratio at or above this is no ratio at all (a cue without a slot).
NO_RATIO = 999.0


@dataclass(frozen=True, slots=True)
class StoredFit:
    ratio: float | None  # None when nothing is spoken or the cue has no slot
    status: str  # "fits", "tight", "too long", "too short", "no slot" or "" (nothing spoken)


def fit_key(*, text: str, start_ms: int, end_ms: int, speaker: str, language: str) -> str:
    """The digest of a fit's inputs (24 hex digits)."""
    raw = "\x1f".join((language, str(start_ms), str(end_ms), speaker, text))
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=12).hexdigest()


def compute(*, text: str, start_ms: int, end_ms: int, speaker: str, language: str) -> StoredFit:
    fit = selectors.cue_fit(
        text=text, start_ms=start_ms, end_ms=end_ms, language=language, speaker=speaker or None
    )
    if fit is None:
        return StoredFit(None, "")
    return StoredFit(fit.ratio if fit.ratio < NO_RATIO else None, fit.status)


def line_fits(language: str, cues: Sequence[TargetCue], *, store: bool = True) -> dict[int, StoredFit]:
    """Cue id → its fit, for cues read by ``selectors.adaptation_cues`` (the line's values on each cue).
    Stale or missing fits are computed and, with ``store``, saved (the cues' values follow)."""
    out: dict[int, StoredFit] = {}
    stale: list[DubbingLine] = []
    for cue in cues:
        values = cue.__dict__
        speaker = values.get("dub_speaker") or ""
        key = fit_key(
            text=cue.text, start_ms=cue.start_ms, end_ms=cue.end_ms, speaker=speaker, language=language
        )
        line_id = values.get("dub_line")
        if line_id is not None and values.get("dub_key") == key:
            out[cue.pk] = StoredFit(values.get("dub_ratio"), values.get("dub_status") or "")
            continue
        fit = compute(
            text=cue.text, start_ms=cue.start_ms, end_ms=cue.end_ms, speaker=speaker, language=language
        )
        out[cue.pk] = fit
        if line_id is not None:
            values.update(dub_ratio=fit.ratio, dub_status=fit.status, dub_key=key)
            stale.append(DubbingLine(pk=line_id, fit_ratio=fit.ratio, fit_status=fit.status, fit_key=key))
    if stale and store:
        DubbingLine.objects.bulk_update(stale, ["fit_ratio", "fit_status", "fit_key"], batch_size=500)
    return out
