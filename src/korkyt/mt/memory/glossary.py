"""Finding glossary terms in a text: case-insensitive with Turkic casing, inflected forms included.

The matching rule (whole words; in Turkic languages suffixes too, for terms of four or more letters) and
the casing live in :mod:`korkyt.mt.memory.terms`, shared with the subtitle QA glossary check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from korkyt.mt.languages import canonical_tag
from korkyt.mt.memory.tbx import Concept, Term
from korkyt.mt.memory.terms import TermMatcher, fold, form_of

__all__ = ["Glossary", "TermHit", "fold"]


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
        self._matchers: dict[str, tuple[TermMatcher, dict[str, list[tuple[Concept, Term]]]]] = {}

    def __len__(self) -> int:
        return len(self.concepts)

    def add(self, concept: Concept) -> None:
        """Add a concept."""
        self.concepts.append(concept)
        self._matchers.clear()

    def _matcher(self, lang: str) -> tuple[TermMatcher, dict[str, list[tuple[Concept, Term]]]]:
        if lang not in self._matchers:
            by_form: dict[str, list[tuple[Concept, Term]]] = {}
            for concept in self.concepts:
                for term in concept.terms:
                    if term.lang == lang:
                        by_form.setdefault(form_of(fold(term.text, lang)), []).append((concept, term))
            self._matchers[lang] = (TermMatcher(by_form, lang), by_form)
        return self._matchers[lang]

    def find(self, text: str, lang: str) -> list[TermHit]:
        """Every term of ``lang`` occurring in ``text``, leftmost-longest, in text order: whole words, or in a
        Turkic language also with suffixes (the hit then spans the inflected word)."""
        tag = canonical_tag(lang)
        matcher, by_form = self._matcher(tag)
        if matcher.pattern is None:
            return []
        hits = []
        for form, start, end in matcher.finditer(fold(text, tag)):
            for concept, term in by_form.get(form, []):
                hits.append(TermHit(concept, term, start, end))
        return hits
