"""Finding glossary terms in a text: case-insensitive with Turkic casing, inflected forms included.

Turkic languages add suffixes to a word (Қорқыт Ата → Қорқыт Атаның, Korkut Ata → Korkut Ata'nın), so in
them a term also matches when its last word carries up to ``MAX_SUFFIX`` more letters (after an optional
apostrophe, as Turkish writes suffixes of proper names), provided the term has at least ``MIN_STEM``
letters: a short term such as "ай" (moon) must not match "айтты" (said). Elsewhere terms
match whole words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from korkyt.mt.languages import canonical_tag, language_of
from korkyt.mt.memory.tbx import Concept, Term

# Languages whose Latin I pairs with dotless ı and İ with dotted i.
DOTLESS_I_LANGUAGES = frozenset({"tr", "az", "crh", "tt", "gag"})
# Agglutinative languages whose terms are looked for with suffixes.
SUFFIXING_LANGUAGES = frozenset(
    {"kk", "ky", "uz", "az", "tk", "tr", "tt", "ba", "crh", "gag", "kaa", "ug", "sah", "cv", "alt", "tyv"}
)
MAX_SUFFIX = 8
MIN_STEM = 4


def fold(text: str, lang: str) -> str:
    """Lower-case ``text`` one character for one character (offsets stay valid), with Turkic I rules.

    In Turkish and Azerbaijani ``I`` folds to ``ı`` and ``İ`` to ``i``; elsewhere ``I`` folds to ``i``
    and ``İ`` to ``i`` too. A character whose lower case is longer than one character is kept.
    """
    turkic = language_of(lang) in DOTLESS_I_LANGUAGES
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


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a text, at ``text[start:end]``."""

    concept: Concept
    term: Term
    start: int
    end: int

    @property
    def forbidden(self) -> bool:
        """The term found is one the glossary forbids."""
        return self.term.forbidden

    @property
    def do_not_translate(self) -> bool:
        """The concept is to be kept as it is in the translation."""
        return self.concept.do_not_translate


class Glossary:
    """Concepts with terms per language, searchable in texts of any of those languages."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self.concepts = list(concepts)
        self._patterns: dict[str, tuple[re.Pattern[str], dict[str, list[tuple[Concept, Term]]]] | None] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def add(self, concept: Concept) -> None:
        """Add a concept."""
        self.concepts.append(concept)
        self._patterns.clear()

    def _pattern(self, lang: str) -> tuple[re.Pattern[str], dict[str, list[tuple[Concept, Term]]]] | None:
        if lang not in self._patterns:
            by_form: dict[str, list[tuple[Concept, Term]]] = {}
            for concept in self.concepts:
                for term in concept.terms:
                    if term.lang == lang:
                        form = " ".join(fold(term.text, lang).split())
                        by_form.setdefault(form, []).append((concept, term))
            if not by_form:
                self._patterns[lang] = None
            else:
                forms = sorted(by_form, key=len, reverse=True)
                alternatives = "|".join(
                    r"\s+".join(re.escape(word) for word in form.split()) for form in forms
                )
                suffix = (
                    rf"(?:['’]?[^\W\d_]{{1,{MAX_SUFFIX}}})?"
                    if language_of(lang) in SUFFIXING_LANGUAGES
                    else ""
                )
                pattern = re.compile(rf"(?<!\w)(?P<term>{alternatives})(?P<suffix>{suffix})(?!\w)")
                self._patterns[lang] = (pattern, by_form)
        return self._patterns[lang]

    def find(self, text: str, lang: str) -> list[TermHit]:
        """Every term of ``lang`` occurring in ``text``, leftmost-longest, in text order: whole words, or in a
        Turkic language also with suffixes (the hit then spans the inflected word)."""
        tag = canonical_tag(lang)
        compiled = self._pattern(tag)
        if compiled is None:
            return []
        pattern, by_form = compiled
        hits = []
        folded = fold(text, tag)
        for found in pattern.finditer(folded):
            form = " ".join(found.group("term").split())
            if found.group("suffix") and len(form.replace(" ", "")) < MIN_STEM:
                continue  # a short word with letters after it is another word
            for concept, term in by_form.get(form, []):
                hits.append(TermHit(concept, term, found.start(), found.end()))
        return hits
