"""The rule for finding a glossary term in a text, shared by :class:`~korkyt.mt.memory.Glossary` (editor
highlighting, MT) and the subtitle QA glossary check (:mod:`korkyt.subtitles.checks.source`).

A term matches whole words. Turkic languages add suffixes to a word (Қорқыт Ата → Қорқыт Атаның, Korkut
Ata → Korkut Ata'nın), so in them a term also matches when its last word carries up to ``MAX_SUFFIX`` more
letters (after an optional apostrophe, as Turkish writes suffixes of proper names), provided the term has
at least ``MIN_STEM`` letters: a short term such as "ай" (moon) must not match "айтты" (said). When the
language is not known, suffixes are allowed on the same condition.

Casing follows the language: Turkish, Azerbaijani, Kazakh (2021 Latin alphabet), Crimean Tatar, Gagauz and
Tatar pair ``I`` with ``ı`` and ``İ`` with ``i`` (:func:`korkyt.translit.casing.uses_turkic_i` decides for
tr, az and kk: Kazakh in Latin letters only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from korkyt.mt.languages import DEFAULT_SCRIPT, canonical_tag, language_of
from korkyt.translit.casing import uses_turkic_i

# Latin-script Turkic languages with the Turkish I rules beyond those korkyt.translit knows (tr, az, kk).
_MORE_DOTLESS_I_LANGUAGES = frozenset({"crh", "gag", "tt"})
# Agglutinative languages whose terms are looked for with suffixes.
SUFFIXING_LANGUAGES = frozenset(
    {"kk", "ky", "uz", "az", "tk", "tr", "tt", "ba", "crh", "gag", "kaa", "ug", "sah", "cv", "alt", "tyv"}
)
MAX_SUFFIX = 8
MIN_STEM = 4


def dotless_i(lang: str) -> bool:
    """True when Latin ``I`` is the capital of dotless ``ı`` in ``lang`` (and ``İ`` that of ``i``).

    The script is spelled out before asking :mod:`korkyt.translit`, since a Korkyt tag omits the
    default one: ``kk`` is Kazakh Cyrillic (English rules for a stray Latin I), ``kk-Latn`` Kazakh Latin.
    """
    tag = canonical_tag(lang)
    language, _, script = tag.partition("-")
    if not script and language in DEFAULT_SCRIPT:
        tag = f"{language}-{DEFAULT_SCRIPT[language]}"
    return uses_turkic_i(tag) or language in _MORE_DOTLESS_I_LANGUAGES


def fold(text: str, lang: str) -> str:
    """Lower-case ``text`` one character for one character (offsets stay valid), with Turkic I rules.

    Where :func:`dotless_i` holds (tr, az, kk, ...) ``I`` folds to ``ı`` and ``İ`` to ``i``; elsewhere
    ``I`` folds to ``i`` and ``İ`` to ``i`` too. A character whose lower case is longer than one
    character is kept.
    """
    turkic = dotless_i(lang)
    out = []
    for char in text:
        if char == "I":
            out.append("ı" if turkic else "i")
        elif char == "İ":
            out.append("i")
        else:
            lower = char.lower()
            out.append(lower if len(lower) == 1 else char)
    return "".join(out)


def takes_suffixes(lang: str | None) -> bool:
    """True when terms of ``lang`` are also found with suffixes (Turkic languages, or an unknown one)."""
    if not lang:
        return True
    try:
        return language_of(lang) in SUFFIXING_LANGUAGES
    except ValueError:  # not a language tag: unknown
        return True


def form_of(folded_term: str) -> str:
    """The key of a folded term: its words joined by single spaces."""
    return " ".join(folded_term.split())


class TermMatcher:
    """Finds any of several folded terms in a folded text of one language, by the rule above."""

    def __init__(self, folded_terms: Iterable[str], lang: str | None) -> None:
        forms = sorted({form_of(t) for t in folded_terms if t.strip()}, key=len, reverse=True)
        self.pattern: re.Pattern[str] | None = None
        if forms:
            alternatives = "|".join(r"\s+".join(re.escape(word) for word in form.split()) for form in forms)
            suffix = rf"(?:['’]?[^\W\d_]{{1,{MAX_SUFFIX}}})?" if takes_suffixes(lang) else ""
            self.pattern = re.compile(rf"(?<!\w)(?P<term>{alternatives})(?P<suffix>{suffix})(?!\w)")

    def finditer(self, folded_text: str) -> Iterator[tuple[str, int, int]]:
        """``(form, start, end)`` of each term found, leftmost-longest, in text order; with a suffix the hit
        spans the inflected word."""
        if self.pattern is None:
            return
        for found in self.pattern.finditer(folded_text):
            form = form_of(found.group("term"))
            if found.group("suffix") and len(form.replace(" ", "")) < MIN_STEM:
                continue  # a short word with letters after it is another word
            yield form, found.start(), found.end()

    def search(self, folded_text: str) -> bool:
        """True when a term occurs in ``folded_text``."""
        return next(self.finditer(folded_text), None) is not None
