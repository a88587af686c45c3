"""``fix``: the safe automatic repairs.

Only repairs that cannot change meaning are made: whitespace, unknown and unbalanced tags, empty cues,
Turkic safe fixes (apostrophe variants, homoglyphs, as judged safe by ``korkyt.translit``), cue order,
overlaps and small gaps (by moving the end of the earlier cue, never below the minimum duration).
Reading speed, line length, durations and translation problems need a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from . import _translit
from .checks.layout import balance_tags, strip_unknown_tags, tidy_whitespace
from .checks.turkic import LINT_LANGUAGES
from .markup import KNOWN_TAGS, TAG_RE, strip_tags
from .model import Cue, Document
from .profiles import Profile, get_profile

#: Codes :func:`fix` can repair, in the order the repairs are applied.
FIXABLE = (
    "layout.whitespace",
    "layout.unknown-tag",
    "layout.unbalanced-tag",
    "turkic",
    "layout.empty",
    "timing.out-of-order",
    "timing.overlap",
    "timing.gap-too-small",
    "timing.chain-gap",
)


def _wanted(codes: Iterable[str] | None) -> set[str]:
    if codes is None:
        return set(FIXABLE)
    wanted = set()
    for code in codes:
        matched = [f for f in FIXABLE if f == code or f.startswith(code + ".") or code.startswith(f + ".")]
        if code.startswith("turkic"):
            matched = ["turkic"]
        if not matched:
            from .errors import SubtitleError

            raise SubtitleError(f"{code!r} has no safe automatic fix; fixable: {', '.join(FIXABLE)}")
        wanted.update(matched)
    return wanted


def _unbalanced(text: str) -> bool:
    stack: list[str] = []
    for m in TAG_RE.finditer(text):
        name = m.group(2).lower()
        if name not in KNOWN_TAGS:
            continue
        if m.group(1):
            if not stack or stack[-1] != name:
                return True
            stack.pop()
        else:
            stack.append(name)
    return bool(stack)


def fix(
    doc: Document,
    codes: Iterable[str] | None = None,
    *,
    profile: str | Profile | None = "netflix-adult",
    lang: str | None = None,
    script: str | None = None,
    fps: float | None = None,
) -> Document:
    """Return a repaired copy of ``doc``; ``codes`` limits the repairs (codes or prefixes like ``"timing"``).

    ``lang``/``script`` are needed for the Turkic fixes (default: the profile's); gaps are measured in
    frames of ``fps`` (default: the document's frame rate, else the profile's). The input is not changed.
    """
    wanted = _wanted(codes)
    p = get_profile(profile)
    cues = [c.copy() for c in doc.cues]
    lang = lang or p.lang
    turkic = (
        "turkic" in wanted
        and lang is not None
        and lang.replace("_", "-").split("-", 1)[0].lower() in LINT_LANGUAGES
        and _translit.module() is not None
    )
    if turkic and script is None:
        script = p.script if p.lang == lang else None
        if script is None:
            script = _translit.guess_script("\n".join(c.text for c in cues))
    for c in cues:
        text = c.text
        if "layout.whitespace" in wanted:
            text = tidy_whitespace(text)
        if "<" in text:
            if "layout.unknown-tag" in wanted:
                text = strip_unknown_tags(text)
            if "layout.unbalanced-tag" in wanted and _unbalanced(text):
                text = balance_tags(text)
        if turkic:
            text = _translit.fix_text(text, lang or "", script or "Cyrl")
        c.text = text
    if "layout.empty" in wanted:
        cues = [c for c in cues if strip_tags(c.text).strip()]
    if "timing.out-of-order" in wanted:
        cues.sort(key=lambda c: c.start_ms)
    _fix_gaps(cues, p, wanted, fps or doc.fps)
    return doc.copy(cues=cues)


def _fix_gaps(cues: list[Cue], p: Profile, wanted: set[str], fps: float | None) -> None:
    lim = p.at(fps)
    min_gap, min_d = lim.ms(lim.min_gap), lim.ms(lim.min_duration)
    for prev, nxt in pairwise(cues):
        if nxt.start_ms < prev.start_ms:
            continue
        gap = nxt.start_ms - prev.end_ms
        gap_frames = lim.frames(gap)
        target = nxt.start_ms - min_gap
        if gap < 0:
            code = "timing.overlap"
        elif gap_frames < lim.min_gap:
            code = "timing.gap-too-small"
        elif gap_frames <= lim.chain_gap and gap_frames != lim.min_gap:
            code = "timing.chain-gap"
        else:
            continue
        if code not in wanted:
            continue
        # Never shorten a cue below the minimum duration (or below its own length when already short).
        floor = prev.start_ms + min(min_d, max(prev.end_ms - prev.start_ms, 1))
        if target >= floor or (code == "timing.chain-gap" and target > prev.end_ms):
            prev.end_ms = target
