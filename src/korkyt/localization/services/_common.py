"""Shared helpers of the workbench's services."""

from __future__ import annotations

import re

from korkyt.localization.models import ACTIVITY_AREA

AREA = ACTIVITY_AREA

# Transliteration jobs the workbench runs: (source tag, target tag) → scheme.
TRANSLITERATIONS: dict[tuple[str, str], str] = {
    ("kk-Cyrl", "kk-Latn"): "kk-2021",
    ("uz-Latn", "uz-Cyrl"): "uz-1995",
    ("uz-Cyrl", "uz-Latn"): "uz-1995",
    ("az-Cyrl", "az-Latn"): "az-1991",
    ("tk-Cyrl", "tk-Latn"): "tk-1993",
    ("ky-Cyrl", "ky-Latn"): "bgn",
}


# Control characters of C0 a cue cannot hold: every one but the line feed (CR, CR LF, VT and FF become line
# feeds and a tab a space first). XML 1.0 forbids them (TTML and DCP exports) and PostgreSQL refuses NUL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\t": " "})


def cue_text(text: str) -> str:
    """Line breaks as line feeds (CR LF, CR, and VT or FF as a word processor pastes a line or page
    break) and tabs as spaces; other control characters are left for the caller to refuse or strip."""
    return text.replace("\r\n", "\n").translate(_BREAKS)


def without_controls(text: str) -> str:
    """``cue_text`` with the remaining control characters removed: for files imported whole."""
    return CONTROL_RE.sub("", cue_text(text))
