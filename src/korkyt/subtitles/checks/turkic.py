"""Turkic checks through ``korkyt.translit.lint``: one call over the whole document."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from typing import Any

from .. import _translit
from ..errors import SubtitleError
from ..markup import strip_tags
from ..model import Cue
from .findings import INFO, WARNING, Finding

SEPARATOR = "\n\n"
#: Languages korkyt.translit.lint knows; others (en) get no Turkic checks.
LINT_LANGUAGES = frozenset({"kk", "uz", "az", "tk", "ky", "tr", "ru"})


_APOSTROPHE_LIKE = frozenset("'`´ʹʻʼʽ‘’′\u0307")


_SAFE_CACHE: dict[tuple[int, str, str], frozenset[str]] = {}


def safe_characters(lang: str, script: str) -> frozenset[str]:
    """Characters that can never produce a lint finding in ``lang``/``script``.

    These are the letters of the one script that ``lint`` accepts on their own, plus digits, spaces and
    punctuation outside words (``lint`` only looks at words). Apostrophes and the combining dot are
    excluded. A cue made only of these characters is not sent to ``lint`` at all, which keeps a full
    check of a feature film fast; any other cue is linted as usual.
    """
    mod = _translit.module()
    if mod is None:
        return frozenset()
    key = (id(mod), lang, script)
    if key not in _SAFE_CACHE:
        _SAFE_CACHE[key] = _derive_safe(mod, lang, script)
    return _SAFE_CACHE[key]


def _derive_safe(mod: Any, lang: str, script: str) -> frozenset[str]:
    lint = mod.lint
    cyrillic = script == "Cyrl"
    letters = set()
    for cp in [*range(0x41, 0x250), 0x259, 0x18F, *range(0x400, 0x500)]:
        ch = chr(cp)
        if not ch.isalpha() or ch in _APOSTROPHE_LIKE:
            continue
        if (0x400 <= cp < 0x500) != cyrillic:
            continue
        if not lint(ch, lang, script) and not lint(ch * 3, lang, script):
            letters.add(ch)
    others = {chr(cp) for cp in range(0x20, 0x2070) if not chr(cp).isalpha() and not chr(cp).isdigit()}
    others |= set("0123456789\n\t\u00a0")
    return frozenset(letters | (others - _APOSTROPHE_LIKE))


def check_turkic(cues: list[Cue], lang: str, script: str | None) -> list[Finding]:
    """Mixed-script words, foreign letters, Uzbek apostrophes, dotted/dotless i artefacts."""
    if lang.replace("_", "-").split("-", 1)[0].lower() not in LINT_LANGUAGES:
        return []
    if script is not None and script not in ("Cyrl", "Latn"):
        raise SubtitleError(f"script must be Cyrl or Latn, not {script!r}")
    mod = _translit.module()
    if mod is None:
        return [
            Finding(
                None, "turkic.unavailable", INFO, "korkyt.translit is not installed; Turkic checks skipped"
            )
        ]
    # lint reports spans in NFC text, so the offsets are computed on NFC text too.
    texts = [unicodedata.normalize("NFC", strip_tags(c.text)) for c in cues]
    if script is None:
        script = _translit.guess_script("\n".join(texts))
    safe = safe_characters(lang, script)
    # Only cues with a character outside the safe set can have findings.
    chosen = [i for i, t in enumerate(texts) if not safe.issuperset(t)]
    joined = SEPARATOR.join(texts[i] for i in chosen)
    offsets = []
    pos = 0
    for i in chosen:
        offsets.append(pos)
        pos += len(texts[i]) + len(SEPARATOR)
    out: list[Finding] = []
    try:
        lint_findings = mod.lint(joined, lang, script)
    except ValueError as exc:
        raise SubtitleError(f"Turkic checks: {exc}") from exc
    for lf in lint_findings:
        if lf.code == "missing-letters":  # judged below on the whole document, not on the cues chosen
            continue
        k = bisect_right(offsets, lf.start) - 1
        if k < 0 or k >= len(chosen):
            continue
        i = chosen[k]
        local_start = lf.start - offsets[k]
        word = texts[i][local_start : lf.end - offsets[k]]
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
    if script == "Cyrl" and hasattr(mod, "missing_letters"):
        for lf in mod.missing_letters("\n".join(texts), lang):
            out.append(Finding(None, f"turkic.{lf.code}", WARNING, lf.message, None, None, False))
    return out
