"""Names in the alphabetical order of the interface language: ``sort_key(name)`` for ``sorted``.

The Unicode Collation Algorithm (pyuca, pure Python, with its DUCET table) gives the order every language
shares (accents second to letters, "й" a letter of its own); each UI language's CLDR tailoring, copied
below in ICU's rule syntax, then puts its own letters where its alphabet has them: Turkish Ç after C and
I (dotless) before İ, Azerbaijani Q after K and X after H, Kazakh Ә, Ғ, Қ… as CLDR orders them, Uzbek Oʻ,
Gʻ, Sh and Ch after Z, Russian, Kazakh and Kyrgyz Cyrillic before Latin. ICU itself (PyICU) needs a
compiled extension and the ICU library; the tests check this order against it where it is installed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from korkyt.core.languages import language_of, request_language

#: CLDR's standard collation of each UI language (common/collation/<language>.xml), as ICU 72 reads it;
#: English has none (the root order).
RULES: dict[str, str] = {
    "ru": "[reorder Cyrl]",
    "kk": "[reorder Cyrl]&Е<ё<<<Ё&Ұ<ү<<<Ү&[before 1]ь<і<<<І",
    "ky": "[reorder Cyrl]&е<ё<<<Ё",
    "az": "[reorder Latn Cyrl]&C<ç<<<Ç&G<ğ<<<Ğ&[before 1]i<ı<<<I&i<<<İ&O<ö<<<Ö&S<ş<<<Ş&U<ü<<<Ü&K<q<<<Q"
    "&E<ə<<<Ə&H<x<<<X&Z<w<<<W",
    "tk": "&C<ç<<<Ç&E<ä<<<Ä&J<ž<<<Ž&N<ň<<<Ň&O<ö<<<Ö&S<ş<<<Ş&U<ü<<<Ü&Y<ý<<<Ý",
    "tr": "&C<ç<<<Ç&G<ğ<<<Ğ&[before 1]i<ı<<<I&i<<<İ&O<ö<<<Ö&S<ş<<<Ş&U<ü<<<Ü",
    "uz": "&[before 1]ʒ<oʻ=o‘=o''<<<Oʻ=O‘=O''<gʻ=g‘=g''<<<Gʻ=G‘=G''<sh<<<Sh<<<SH<ch<<<Ch<<<CH",
}

_ROOM = 16  # room between two DUCET primaries for the letters a tailoring puts there
_SECONDARY, _LOWER, _UPPER = 0x20, 0x02, 0x08  # DUCET's weights of a plain letter's accent and case
_SCRIPTS = {"Latn": "LATIN ", "Cyrl": "CYRILLIC "}
_GROUP = 1 << 32  # above every spread primary weight: a reordered script's letters come before the others

Element = tuple[int, int, int]


@dataclass(frozen=True)
class Tailoring:
    spellings: dict[str, Element] = field(default_factory=dict)  # a tailored letter as written → its weights
    reorder: tuple[str, ...] = ()  # scripts first, in this order, after spaces, punctuation and digits
    longest: int = 1


@cache
def _collator() -> Any:
    from pyuca.collator import Collator_10_0_0

    return Collator_10_0_0()


def _elements(text: str) -> list[Element]:
    """DUCET's collation elements, the primary weight spread out to make room for tailored letters."""
    found = _collator().collation_elements(unicodedata.normalize("NFD", text))
    return [(e[0] * _ROOM, e[1], e[2]) for e in found]


def _primary(letter: str) -> int:
    return next(e[0] for e in _elements(letter) if e[0])


@cache
def _script_ranges() -> dict[str, tuple[int, int]]:
    """The primary weights of each script's letters (DUCET keeps a script's letters together)."""
    ranges: dict[str, tuple[int, int]] = {}
    for code in range(0x2000):
        char = chr(code)
        name = unicodedata.name(char, "")
        for script, prefix in _SCRIPTS.items():
            if name.startswith(prefix) and unicodedata.category(char).startswith("L"):
                weights = [e[0] for e in _elements(char) if e[0]]
                if weights:
                    low, high = ranges.get(script, (weights[0], weights[0]))
                    ranges[script] = (min(low, *weights), max(high, *weights))
    return ranges


@cache
def _tailoring(language: str) -> Tailoring:
    rules = RULES.get(language, "")
    reorder = re.match(r"\[reorder ([A-Za-z ]+)\]", rules)
    spellings: dict[str, Element] = {}
    for reset in rules.split("&")[1:]:
        before = reset.startswith("[before 1]")
        anchor, *rest = re.split(r"(<<<|<|=)", reset.removeprefix("[before 1]"))
        letters: list[list[list[str]]] = []  # letters, each its cases, each its equal spellings
        for operator, text in zip(rest[::2], rest[1::2], strict=True):
            if operator == "<":
                letters.append([[text]])
            elif operator == "<<<":
                if not letters:  # a case of the anchor itself: Turkish İ of i
                    letters.append([[anchor]])
                letters[-1].append([text])
            else:
                letters[-1][-1].append(text)
        base = _primary(anchor)
        for index, cases in enumerate(letters):
            if before:
                primary = base - len(letters) + index
            else:
                primary = base if cases[0] == [anchor] else base + 1 + index
            for case, spelled in enumerate(cases):
                weights = (primary, _SECONDARY, _LOWER if case == 0 else _UPPER + case - 1)
                for spelling in spelled:
                    if spelling != anchor:
                        spellings[spelling] = weights
    return Tailoring(
        spellings,
        tuple(reorder.group(1).split()) if reorder else (),
        max((len(s) for s in spellings), default=1),
    )


def _group(primary: int, reorder: tuple[str, ...]) -> int:
    ranges = _script_ranges()
    if primary < min(low for low, _high in ranges.values()):
        return 0  # spaces, punctuation, symbols, digits: before every letter in every language
    for index, script in enumerate(reorder):
        low, high = ranges[script]
        if low <= primary <= high:
            return 1 + index
    return 1 + len(reorder)


@lru_cache(maxsize=8192)
def _key(text: str, language: str) -> tuple[int, ...]:
    tailoring = _tailoring(language)
    text = unicodedata.normalize("NFC", text)
    elements: list[Element] = []
    plain, at = "", 0
    while at < len(text):
        for length in range(min(tailoring.longest, len(text) - at), 0, -1):
            weights = tailoring.spellings.get(text[at : at + length])
            if weights:
                elements += _elements(plain)
                elements.append(weights)
                plain, at = "", at + length
                break
        else:
            plain += text[at]
            at += 1
    elements += _elements(plain)
    if tailoring.reorder:
        elements = [(_group(p, tailoring.reorder) * _GROUP + p if p else 0, s, t) for p, s, t in elements]
    key: list[int] = []
    for level in range(3):  # the letters, then their accents, then their case; 0 between the levels
        if level:
            key.append(0)
        key += [e[level] for e in elements if e[level]]
    return tuple(key)


def sort_key(text: str, language: str | None = None) -> tuple[int, ...]:
    """The key that sorts ``text`` among others as ``language`` (the interface language when None) orders
    its alphabet: ``sorted(names, key=sort_key)``."""
    return _key(str(text), language_of(language or request_language()))


def sort_by_name(items: Iterable[Any], name: Any = str, language: str | None = None) -> list[Any]:
    """``items`` sorted by ``name(item)`` in the alphabetical order of ``language`` (the interface
    language when None)."""
    lang = language_of(language or request_language())
    return sorted(items, key=lambda item: _key(str(name(item)), lang))
