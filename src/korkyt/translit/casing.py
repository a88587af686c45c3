"""Casing with the Turkic dotted/dotless i rules.

Turkish, Azerbaijani and Kazakh in the 2021 Latin alphabet pair ``i`` with ``İ`` and ``ı`` with ``I``.
Python's ``str.upper``/``str.lower`` use the English pairs and turn ``İ`` into ``i`` + U+0307; these
functions never produce that combining dot.
"""

from __future__ import annotations

import re

from korkyt.translit._chars import APOSTROPHES, nfc

#: Languages (and language-script tags) whose Latin letters use the Turkish i rules.
TURKIC_I_LANGS = frozenset({"tr", "az", "kk", "kk-latn", "az-latn", "tr-latn", "crh", "gag", "tt-latn"})

_TO_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_TO_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_PLAIN_LOWER = str.maketrans({"İ": "i"})
_APOS = "[" + re.escape(APOSTROPHES) + "]"
_WORD = re.compile(r"[^\W\d_](?:[^\W_]|" + _APOS + r"(?=[^\W\d_]))*")


def _normalise_lang(lang: str) -> str:
    return lang.strip().replace("_", "-").lower()


def uses_turkic_i(lang: str) -> bool:
    """True when ``lang`` (``tr``, ``az``, ``kk``, ``kk-Latn`` ...) cases i with the Turkish rules.

    Plain ``kk`` counts as Turkic because Kazakh Cyrillic text has no Latin i to get wrong, while
    Kazakh Latin text needs the rules; ``kk-Cyrl`` uses the default rules.
    """
    tag = _normalise_lang(lang)
    if tag in TURKIC_I_LANGS:
        return True
    base = tag.split("-", 1)[0]
    return base in {"tr", "az"} or (base == "kk" and not tag.endswith("-cyrl"))


def upper(text: str, lang: str) -> str:
    """Upper-case ``text`` for ``lang``: ``i`` → ``İ`` and ``ı`` → ``I`` for tr, az and kk Latin."""
    text = nfc(text)
    if uses_turkic_i(lang):
        return text.translate(_TO_UPPER).upper()
    return text.upper()


def lower(text: str, lang: str) -> str:
    """Lower-case ``text`` for ``lang``: ``I`` → ``ı`` and ``İ`` → ``i`` for tr, az and kk Latin.

    For other languages ``İ`` becomes a plain ``i`` (never ``i`` + combining dot).
    """
    text = nfc(text)
    if uses_turkic_i(lang):
        return text.translate(_TO_LOWER).lower()
    return text.translate(_PLAIN_LOWER).lower()


def capitalize_word(word: str, turkic: bool) -> str:
    """First letter upper, the rest lower, with the Turkic i rules when ``turkic``."""
    if not word:
        return word
    head, tail = word[0], word[1:]
    if turkic:
        return head.translate(_TO_UPPER).upper() + tail.translate(_TO_LOWER).lower()
    return head.upper() + tail.translate(_PLAIN_LOWER).lower()


def title(text: str, lang: str) -> str:
    """Title-case ``text`` for ``lang``.

    A word starts at a letter; apostrophes (ʻ ʼ ' ’ ...) inside a word do not start a new one, so
    ``oʻzbek`` → ``Oʻzbek`` and ``o'zbek`` → ``O'zbek``; a hyphen does (``jalal-abad`` → ``Jalal-Abad``).
    """
    text = nfc(text)
    turkic = uses_turkic_i(lang)
    return _WORD.sub(lambda m: capitalize_word(m.group(), turkic), text)
