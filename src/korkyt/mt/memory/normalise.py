"""The matching key of a segment: the text without what does not change its translation.

Markup (``<i>``, ``{\\an8}``), case, punctuation, symbols, apostrophe variants and spacing are dropped,
so "<i>Ты где?</i>" and "ты где" share one key. Case folding is Turkic-safe for matching: dotted and
dotless I of every casing fold to the same ``i``, so Turkish "IŞIK", "ışık" and "Işık" match.
"""

from __future__ import annotations

import re
import unicodedata

_MARKUP = re.compile(r"<[^<>\n]{0,200}>|\{[^{}\n]{0,200}\}")
# Apostrophes and the modifier letters Uzbek and Turkic Latin orthographies use for them.
_DELETE = "'’‘`´ʻʼʽˈ\u0307\u00ad\u200b\u200c\u200d\ufeff"


class _FoldTable(dict[int, int | str | None]):
    """str.translate table computed per code point on first use."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        value: int | str | None
        if char in _DELETE:
            value = None
        elif char == "ı":
            value = "i"
        else:
            category = unicodedata.category(char)
            # Combining marks other than the dot above stay: they are part of the letter.
            value = " " if category[0] in "PSZ" or category in ("Cc", "Cf") else code
        self[code] = value
        return value


_TABLE = _FoldTable()


def normalise(text: str) -> str:
    """The matching key of ``text``: no markup, folded case, no punctuation, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _MARKUP.sub(" ", text)
    text = text.casefold().translate(_TABLE)
    return " ".join(text.split())
