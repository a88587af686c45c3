"""Character classes shared by the converters, the checker and the search folding."""

from __future__ import annotations

import re
import unicodedata


def _collect(pred: object, *ranges: tuple[int, int]) -> str:
    out = []
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if pred(ch):  # type: ignore[operator]
                out.append(ch)
    return "".join(out)


_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0x24F), (0x1E00, 0x1EFF))
_CYRILLIC_RANGES = ((0x400, 0x52F),)
_ARABIC_RANGES = ((0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

#: Latin letters (Basic Latin, Latin-1, Extended-A/B, Extended Additional), plus IPA schwa.
LATIN_LETTERS = _collect(lambda c: c.isalpha() and c not in "ªº", *_LATIN_RANGES) + "\u0259\u018f"
CYRILLIC_LETTERS = _collect(str.isalpha, *_CYRILLIC_RANGES)
ARABIC_LETTERS = _collect(str.isalpha, *_ARABIC_RANGES)
UPPER_LETTERS = _collect(str.isupper, *_LATIN_RANGES, *_CYRILLIC_RANGES)
LOWER_LETTERS = _collect(str.islower, *_LATIN_RANGES, *_CYRILLIC_RANGES)


def char_class(chars: str) -> str:
    """A regex character class matching exactly ``chars``."""
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


UPPER = char_class(UPPER_LETTERS)
LOWER = char_class(LOWER_LETTERS)
#: Any letter (Unicode alphabetic); modifier letters such as ʻ ʼ count as letters.
LETTER = r"[^\W\d_]"
WORD_START = r"(?<![^\W\d_])"

#: Apostrophe-like characters seen in Uzbek Latin text for oʻ, gʻ and the tutuq belgisi.
APOSTROPHES = "'\u2019\u2018`\u02bb\u02bc\u00b4\u02b9"
OKINA = "\u02bb"  # ʻ modifier letter turned comma: oʻ gʻ
TUTUQ = "\u02bc"  # ʼ modifier letter apostrophe: tutuq belgisi

RUSSIAN_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
RUSSIAN_UPPER = RUSSIAN_LOWER.upper()

CYRILLIC_SET = frozenset(CYRILLIC_LETTERS)
LATIN_SET = frozenset(LATIN_LETTERS)
ARABIC_SET = frozenset(ARABIC_LETTERS)


def nfc(text: str) -> str:
    """Return ``text`` in NFC, cheaply when it already is."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)
