"""Turkic checks through ``korkyt.translit.lint``: one call over the whole document."""

from __future__ import annotations

from bisect import bisect_right

from .. import _translit
from ..markup import strip_tags
from ..model import Cue
from .findings import INFO, WARNING, Finding

SEPARATOR = "\n\n"


def check_turkic(cues: list[Cue], lang: str, script: str | None) -> list[Finding]:
    """Mixed-script words, foreign letters, Uzbek apostrophes, dotted/dotless i artefacts."""
    mod = _translit.module()
    if mod is None:
        return [
            Finding(
                None, "turkic.unavailable", INFO, "korkyt.translit is not installed; Turkic checks skipped"
            )
        ]
    texts = [strip_tags(c.text) if "<" in c.text else c.text for c in cues]
    joined = SEPARATOR.join(texts)
    if script is None:
        script = _translit.guess_script(joined)
    offsets = []
    pos = 0
    for t in texts:
        offsets.append(pos)
        pos += len(t) + len(SEPARATOR)
    out: list[Finding] = []
    for lf in mod.lint(joined, lang, script):
        i = bisect_right(offsets, lf.start) - 1
        if i < 0 or i >= len(cues):
            continue
        local_start = lf.start - offsets[i]
        word = texts[i][local_start : lf.end - offsets[i]]
        suggestion = lf.suggestion
        out.append(
            Finding(
                i,
                f"turkic.{lf.code}",
                WARNING,
                f"cue {i + 1}: {lf.message}" + (f" ({word!r})" if word and word not in lf.message else ""),
                suggestion,
                cues[i].start_ms,
                bool(lf.safe),
            )
        )
    return out
