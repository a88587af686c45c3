"""Script detection."""

from __future__ import annotations

import re

from korkyt.translit._chars import ARABIC_LETTERS, CYRILLIC_LETTERS, LATIN_LETTERS, char_class
from korkyt.translit.engine import unprotected_spans

_CYR = re.compile(char_class(CYRILLIC_LETTERS))
_LAT = re.compile(char_class(LATIN_LETTERS))
_ARA = re.compile(char_class(ARABIC_LETTERS))

#: Share of the letters that the main script must reach for the text not to count as "Mixed".
DOMINANCE = 0.75


def script_counts(text: str) -> dict[str, int]:
    """Number of Cyrillic, Latin and Arabic letters in ``text``, outside markup, URLs and e-mails."""
    spans = unprotected_spans(text)
    if len(spans) != 1 or spans[0] != (0, len(text)):
        text = " ".join(text[a:b] for a, b in spans)
    return {
        "Cyrl": len(_CYR.findall(text)),
        "Latn": len(_LAT.findall(text)),
        "Arab": len(_ARA.findall(text)),
    }


def detect_script(text: str) -> str:
    """The script of ``text``: "Cyrl", "Latn", "Arab", "Mixed" or "Zyyy" (no letters).

    A text is "Mixed" when no script has at least 75 % of its letters, so a Cyrillic subtitle that
    quotes one Latin brand name is still "Cyrl" while "Кыз Kyz" is "Mixed".
    """
    counts = script_counts(text)
    total = sum(counts.values())
    if total == 0:
        return "Zyyy"
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= DOMINANCE * total else "Mixed"
