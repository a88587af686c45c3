"""The bridge to :mod:`korkyt.translit` (lint, fix, transliterate), imported lazily."""

from __future__ import annotations

import re
from typing import Any, Protocol

from .errors import SubtitleError
from .markup import MARKUP_RE


class LintFinding(Protocol):
    """What ``korkyt.translit.lint`` returns for each problem."""

    code: str
    start: int
    end: int
    message: str
    suggestion: str | None
    safe: bool


def module() -> Any | None:
    """``korkyt.translit`` when it is installed, else ``None``."""
    try:
        import korkyt.translit as translit
    except ImportError:
        return None
    return translit if hasattr(translit, "lint") else None


def require() -> Any:
    """``korkyt.translit`` or a clear error."""
    mod = module()
    if mod is None:
        raise SubtitleError("korkyt.translit is not available: transliteration and Turkic fixes need it")
    return mod


_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z\u00c0-\u024f\u0259\u018f]")


def guess_script(text: str) -> str:
    """``"Cyrl"`` or ``"Latn"``, whichever letters are more frequent in ``text``."""
    sample = text[:20000]
    return "Cyrl" if len(_CYR.findall(sample)) >= len(_LAT.findall(sample)) else "Latn"


def apply_safe(text: str, findings: list[Any]) -> str:
    """Apply the safe suggestions of lint findings (right to left, overlaps skipped)."""
    edits = sorted(
        (f for f in findings if getattr(f, "safe", False) and getattr(f, "suggestion", None) is not None),
        key=lambda f: f.start,
        reverse=True,
    )
    limit = len(text) + 1
    for f in edits:
        if f.end <= limit and 0 <= f.start <= f.end:
            text = text[: f.start] + f.suggestion + text[f.end :]
            limit = f.start
    return text


def fix_text(text: str, lang: str, script: str) -> str:
    """Safe Turkic fixes of one text (apostrophes, homoglyphs ...), tags left untouched."""
    mod = require()
    out: list[str] = []
    pos = 0
    for m in MARKUP_RE.finditer(text):
        out.append(_fix_plain(mod, text[pos : m.start()], lang, script))
        out.append(m.group(0))
        pos = m.end()
    out.append(_fix_plain(mod, text[pos:], lang, script))
    return "".join(out)


def _fix_plain(mod: Any, text: str, lang: str, script: str) -> str:
    if not text.strip():
        return text
    fixer = getattr(mod, "fix", None)
    if fixer is not None:
        try:
            result = fixer(text, lang, script)
        except TypeError:
            result = None
        except ValueError as exc:
            raise SubtitleError(f"Turkic fixes: {exc}") from exc
        if isinstance(result, str):
            return result
    try:
        return apply_safe(text, mod.lint(text, lang, script))
    except ValueError as exc:
        raise SubtitleError(f"Turkic fixes: {exc}") from exc
