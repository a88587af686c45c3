"""TBX glossaries: concepts with terms per language, forbidden terms and do-not-translate concepts.

Read: TBX v3 (ISO 30042:2019, ``<tbx>``/``<conceptEntry>``/``<langSec>``/``<termSec>``, dialects
TBX-Basic and TBX-Min), TBX v2 TBX-Basic (``<martif>``/``<termEntry>``/``<langSet>``/``<tig>``) and the
2013 TBX-Min (``<TBX>``/``<entry>``/``<langGroup>``/``<termGroup>``). A term is forbidden when its
administrative status is deprecated, superseded, not recommended or obsolete. A concept is
do-not-translate when it carries a ``<note>`` saying so ("do-not-translate", "do not translate", "DNT").
Write: TBX v3 in the TBX-Basic (default) or TBX-Min dialect.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from korkyt.mt.languages import canonical_tag
from korkyt.mt.memory.xmlfiles import (
    DEFAULT_MAX_BYTES,
    XML_LANG,
    FileFormatError,
    Source,
    clean,
    document_chunks,
    element_xml,
    language_tag,
    local,
    parse,
    read_bytes,
    write_atomically,
)

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
DO_NOT_TRANSLATE_NOTE = "do-not-translate"
_FORBIDDEN_STATUS = ("deprecated", "superseded", "notrecommended", "obsolete", "forbidden")
_DNT_NOTES = ("do-not-translate", "do not translate", "dnt", "donottranslate")


@dataclass(frozen=True)
class Term:
    """One term of a concept in one language."""

    text: str
    lang: str
    forbidden: bool = False
    part_of_speech: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("a term needs a text")
        object.__setattr__(self, "lang", canonical_tag(self.lang))


@dataclass(frozen=True)
class Concept:
    """A glossary entry: the same thing named in several languages (a character, a place, a term)."""

    terms: tuple[Term, ...]
    id: str | None = None
    definition: str | None = None
    subject: str | None = None
    do_not_translate: bool = False

    def terms_in(self, lang: str) -> list[Term]:
        """The concept's terms in one language (allowed ones first)."""
        tag = canonical_tag(lang)
        return sorted((t for t in self.terms if t.lang == tag), key=lambda t: t.forbidden)


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _is_forbidden(status: str) -> bool:
    folded = status.replace("-", "").replace(" ", "").lower()
    return any(folded.startswith(word) for word in _FORBIDDEN_STATUS)


def _is_dnt(note: str) -> bool:
    return note.strip().lower() in _DNT_NOTES


def _language(value: str | None, where: str, concept: str) -> str:
    if not value:
        raise FileFormatError(
            f"{where}: a language section has no xml:lang", code="concept_no_lang", concept=concept
        )
    return language_tag(value, where, "concept_bad_lang", concept=concept)


def _walk(element: ET.Element, names: tuple[str, ...]) -> list[ET.Element]:
    """Descendants with one of the local names, in document order, not looking inside matches."""
    found = []
    stack = list(reversed(list(element)))
    while stack:
        child = stack.pop()
        if local(child.tag) in names:
            found.append(child)
        else:
            stack.extend(reversed(list(child)))
    return found


def read_tbx(source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Concept]:
    """Concepts of a TBX file (path, bytes or binary file); FileFormatError naming the problem otherwise."""
    data, name = read_bytes(source, max_bytes, "TBX file")
    root = parse(data, name)
    if local(root.tag) not in ("tbx", "martif", "TBX"):
        raise FileFormatError(
            f"{name}: not a TBX file (the root element is <{local(root.tag)}>)",
            code="not_tbx",
            root=local(root.tag),
        )
    concepts = []
    entries = _walk(root, ("conceptEntry", "termEntry", "entry"))
    for number, entry in enumerate(entries, start=1):
        concept = f"{number}" + (f" ({entry.get('id')})" if entry.get("id") else "")
        where = f"{name}: concept {concept}"
        terms: list[Term] = []
        for section in _walk(entry, ("langSec", "langSet", "langGroup")):
            language = _language(section.get(XML_LANG) or section.get("lang"), where, concept)
            for group in _walk(section, ("termSec", "tig", "ntig", "termGroup")):
                term_elements = _walk(group, ("term",))
                if not term_elements or not _text(term_elements[0]):
                    raise FileFormatError(
                        f"{where}: a {language} term group has no <term>",
                        code="concept_no_term",
                        concept=concept,
                        language=language,
                    )
                forbidden = False
                part_of_speech = None
                for note in _walk(group, ("termNote", "status", "partOfSpeech")):
                    kind = note.get("type") or local(note.tag)
                    if kind in ("administrativeStatus", "status", "normativeAuthorization"):
                        forbidden = forbidden or _is_forbidden(_text(note))
                    elif kind == "partOfSpeech":
                        part_of_speech = _text(note) or None
                terms.append(Term(_text(term_elements[0]), language, forbidden, part_of_speech))
        definition = subject = None
        do_not_translate = False
        for item in _walk(entry, ("descrip", "note", "subjectField", "definition")):
            kind = item.get("type") or local(item.tag)
            if kind == "definition" and definition is None:
                definition = _text(item) or None
            elif kind == "subjectField" and subject is None:
                subject = _text(item) or None
            elif kind == "note" and _is_dnt(_text(item)):
                do_not_translate = True
        if terms:
            concepts.append(Concept(tuple(terms), entry.get("id"), definition, subject, do_not_translate))
    return concepts


def _concept_element(concept: Concept, number: int, dialect: str) -> ET.Element:
    entry = ET.Element("conceptEntry", id=clean(concept.id or f"c{number}"))
    if concept.subject:
        ET.SubElement(entry, "descrip", type="subjectField").text = clean(concept.subject)
    if concept.definition and dialect == "TBX-Basic":
        ET.SubElement(entry, "descrip", type="definition").text = clean(concept.definition)
    if concept.do_not_translate:
        ET.SubElement(entry, "note").text = DO_NOT_TRANSLATE_NOTE
    languages: dict[str, list[Term]] = {}
    for term in concept.terms:
        languages.setdefault(term.lang, []).append(term)
    for language, terms in languages.items():
        section = ET.SubElement(entry, "langSec", {XML_LANG: language})
        for term in terms:
            group = ET.SubElement(section, "termSec")
            ET.SubElement(group, "term").text = clean(term.text)
            if term.part_of_speech:
                ET.SubElement(group, "termNote", type="partOfSpeech").text = clean(term.part_of_speech)
            if term.forbidden:
                status = "deprecatedTerm-admn-sts" if dialect == "TBX-Basic" else "notRecommended"
                ET.SubElement(group, "termNote", type="administrativeStatus").text = status
    return entry


def tbx_chunks(
    concepts: Iterable[Concept],
    *,
    dialect: Literal["TBX-Basic", "TBX-Min"] = "TBX-Basic",
    size: int = 65_536,
) -> Iterator[bytes]:
    """A TBX v3 document (DCA style) in the TBX-Basic or TBX-Min dialect, in UTF-8 chunks of about
    ``size`` characters written as the concepts are read. Joined, the chunks are :func:`tbx_bytes`."""
    if dialect not in ("TBX-Basic", "TBX-Min"):
        raise ValueError(f"dialect must be TBX-Basic or TBX-Min, not {dialect!r}")
    root = ET.Element("tbx", {"type": dialect, "style": "dca", XML_LANG: "en", "xmlns": TBX_NAMESPACE})
    description = ET.SubElement(ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    ET.SubElement(description, "p").text = "Korkyt glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    entries = (
        element_xml(_concept_element(concept, number, dialect), 3)
        for number, concept in enumerate(concepts, start=1)
    )
    return document_chunks(root, body, entries, level=3, size=size)


def tbx_bytes(
    concepts: Iterable[Concept], *, dialect: Literal["TBX-Basic", "TBX-Min"] = "TBX-Basic"
) -> bytes:
    """A TBX v3 document (DCA style) in the TBX-Basic or TBX-Min dialect (at once: :func:`tbx_chunks`
    streams it)."""
    return b"".join(tbx_chunks(concepts, dialect=dialect))


def write_tbx(
    concepts: Iterable[Concept],
    destination: str | os.PathLike[str],
    *,
    dialect: Literal["TBX-Basic", "TBX-Min"] = "TBX-Basic",
) -> None:
    """Write concepts as a TBX file; the file appears complete or not at all."""
    write_atomically(tbx_bytes(concepts, dialect=dialect), destination)
