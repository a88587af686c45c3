"""Generators of native words per language for the round-trip property tests.

Each language lists its native Cyrillic letters and the letter sequences that cannot survive
Cyrillic → Latin → Cyrillic (documented in docs/transliteration.md, "Round trips").
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

AZ_LETTERS = "абвгғдеәжзиыјкҝлмноөпрстуүфхһчҹш"
TK_LETTERS = "абвгдеёжҗзийклмнңоөпрстуүфхчшыэәюя"
UZ_LETTERS = "абвгдеёжзийклмнопрстуфхчшъэюяўқғҳ"
KK_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхчшыіюя"

_NOT_NATIVE = {
    # э only starts a word; й before а о у е would read back as я ё ю е
    "tk": re.compile(r"(?<!^)э|й[аоуе]|^йе"),
    # э only at word start or after a vowel; й before а о у е reads back as я ё ю е; съҳ reads as
    # сҳ; ъ (the tutuq belgisi) stands between letters, once
    "uz": re.compile(r"(?<![аеёиоуэюя])(?<!^)э|й[аоуе]|съҳ|^ъ|ъ$|ъъ"),
    # и never after a vowel-final letter, й only after one; и/й before а о у read back as я ё ю
    "kk": re.compile(r"(?<=[аәеоөуұүыіийёюя])и|(?<![аәеоөуұүыіёюя])й|[ий][аоу]"),
    "az": re.compile(r"(?!)"),
}
_LETTERS = {"az": AZ_LETTERS, "tk": TK_LETTERS, "uz": UZ_LETTERS, "kk": KK_LETTERS}


def native_word(lang: str) -> st.SearchStrategy[str]:
    """Lower-case native words of ``lang`` that round-trip by the documented rules."""
    bad = _NOT_NATIVE[lang]
    return st.text(alphabet=_LETTERS[lang], min_size=1, max_size=9).filter(lambda w: not bad.search(w))


def cased(lang: str) -> st.SearchStrategy[str]:
    """Native words in lower, Title or UPPER case."""
    return st.tuples(native_word(lang), st.sampled_from(["lower", "title", "upper"])).map(
        lambda p: p[0] if p[1] == "lower" else p[0].upper() if p[1] == "upper" else p[0][0].upper() + p[0][1:]
    )


def sentence(lang: str) -> st.SearchStrategy[str]:
    """Native words joined by spaces, punctuation and digits."""
    sep = st.sampled_from([" ", ", ", ". ", " — ", "-", " 42 ", "!\n", "\r\n", " («", "») "])
    return st.lists(st.tuples(cased(lang), sep), min_size=1, max_size=6).map(
        lambda items: "".join(w + s for w, s in items)
    )
