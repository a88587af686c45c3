"""TMX 1.4 (Translation Memory eXchange) reading and writing.

Reading keeps what a translation memory needs: each ``<tu>`` gives one unit from its source language
(the ``tu``'s ``srclang``, else the header's, else its first ``tuv``) to every other language in it. The
unit's film and context come from ``<prop type="x-film">`` and ``<prop type="x-context">`` (or a
``<note>``), its author from ``changeid``/``creationid``, its approval from ``changedate``/``creationdate``.
Region subtags are dropped (``tr-TR`` → ``tr``); script subtags are kept (``uz-Cyrl``).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

from korkyt.mt.languages import canonical_tag
from korkyt.mt.memory.tm import TMUnit
from korkyt.mt.memory.xmlfiles import (
    DEFAULT_MAX_BYTES,
    XML_LANG,
    FileFormatError,
    Source,
    children,
    clean,
    document_chunks,
    element_xml,
    language_tag,
    local,
    parse,
    read_bytes,
    write_atomically,
)

TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
_DATE_FORMAT = "%Y%m%dT%H%M%SZ"


def _language(tag: str | None, where: str, unit: str) -> str:
    if not tag:
        raise FileFormatError(f"{where}: a <tuv> has no xml:lang", code="tu_no_lang", unit=unit)
    canonical = language_tag(tag, where, "tu_bad_lang", unit=unit)
    parts = canonical.split("-")
    if len(parts) > 1 and (len(parts[-1]) == 2 or parts[-1].isdigit()):
        parts = parts[:-1]  # region subtag
    return canonical_tag("-".join(parts))


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value.strip(), _DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None  # a malformed date is not worth refusing the file for


#: Why read_tmx() passed over a translation unit (the keys of its ``skipped`` counter).
SKIP_ONE_LANGUAGE, SKIP_NO_SOURCE = "one_language", "no_source"


def read_tmx(
    source: Source, *, max_bytes: int = DEFAULT_MAX_BYTES, skipped: Counter[str] | None = None
) -> list[TMUnit]:
    """Units of a TMX file (path, bytes or binary file); FileFormatError naming the problem otherwise.
    A translation unit with fewer than two languages, or without its declared source language, gives
    none; ``skipped`` (when given) counts them by reason (``SKIP_ONE_LANGUAGE``, ``SKIP_NO_SOURCE``)."""
    data, name = read_bytes(source, max_bytes, "TMX file")
    root = parse(data, name)
    if local(root.tag) != "tmx":
        raise FileFormatError(
            f"{name}: not a TMX file (the root element is <{local(root.tag)}>, not <tmx>)",
            code="not_tmx",
            root=local(root.tag),
        )
    headers = children(root, "header")
    bodies = children(root, "body")
    if not bodies:
        raise FileFormatError(f"{name}: the TMX file has no <body>", code="no_body")
    header_source = headers[0].get("srclang") if headers else None
    units: list[TMUnit] = []
    for number, tu in enumerate(children(bodies[0], "tu"), start=1):
        unit = f"{number}" + (f" ({tu.get('tuid')})" if tu.get("tuid") else "")
        where = f"{name}: translation unit {unit}"
        variants: list[tuple[str, str]] = []
        for tuv in children(tu, "tuv"):
            language = _language(tuv.get(XML_LANG) or tuv.get("lang"), where, unit)
            segs = children(tuv, "seg")
            if not segs:
                raise FileFormatError(
                    f"{where}: the <tuv> for {language} has no <seg>",
                    code="tu_no_seg",
                    unit=unit,
                    language=language,
                )
            variants.append((language, "".join(segs[0].itertext())))
        if len({language for language, _text in variants}) < 2:
            if skipped is not None:
                skipped[SKIP_ONE_LANGUAGE] += 1
            continue  # nothing to translate from or to
        declared = tu.get("srclang") or header_source
        source_lang = _language(declared, where, unit) if declared and declared != "*all*" else variants[0][0]
        sources = [text for language, text in variants if language == source_lang]
        if not sources:
            if skipped is not None:
                skipped[SKIP_NO_SOURCE] += 1
            continue
        props = {prop.get("type"): (prop.text or "") for prop in children(tu, "prop")}
        notes = [note.text or "" for note in children(tu, "note")]
        context = props.get("x-context") or (notes[0] if notes else None)
        approved = _date(tu.get("changedate")) or _date(tu.get("creationdate"))
        for language, text in variants:
            if language == source_lang:
                continue
            units.append(
                TMUnit(
                    source_text=sources[0],
                    target_text=text,
                    source_lang=source_lang,
                    target_lang=language,
                    film_id=props.get("x-film") or None,
                    context=context or None,
                    author=tu.get("changeid") or tu.get("creationid") or None,
                    approved=approved,
                    id=tu.get("tuid") or None,
                )
            )
    return units


def _format_date(value: date | datetime) -> str:
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).strftime(_DATE_FORMAT)
    return datetime(value.year, value.month, value.day, tzinfo=UTC).strftime(_DATE_FORMAT)


def tmx_srclang(source_langs: Iterable[str]) -> str:
    """The header's ``srclang``: the one source language of the units (canonical), or ``*all*``."""
    langs = {canonical_tag(tag) for tag in source_langs}
    return langs.pop() if len(langs) == 1 else "*all*"


def _unit_element(unit: TMUnit) -> ET.Element:
    attributes = {"srclang": unit.source_lang}
    if unit.id is not None:
        attributes["tuid"] = clean(str(unit.id))
    if unit.author:
        attributes["creationid"] = clean(unit.author)
    if unit.approved is not None:
        attributes["changedate"] = _format_date(unit.approved)
    tu = ET.Element("tu", attributes)
    if unit.film_id is not None:
        ET.SubElement(tu, "prop", type="x-film").text = clean(str(unit.film_id))
    if unit.context:
        ET.SubElement(tu, "prop", type="x-context").text = clean(unit.context)
    for language, text in ((unit.source_lang, unit.source_text), (unit.target_lang, unit.target_text)):
        tuv = ET.SubElement(tu, "tuv", {XML_LANG: language})
        ET.SubElement(tuv, "seg").text = clean(text)
    return tu


def tmx_chunks(
    units: Iterable[TMUnit], *, srclang: str, tool_version: str = "0.1", size: int = 65_536
) -> Iterator[bytes]:
    """A TMX 1.4 document holding one ``<tu>`` per unit, in UTF-8 chunks of about ``size`` characters
    written as the units are read (``srclang``: :func:`tmx_srclang` of the units, known beforehand).
    Joined, the chunks are the document :func:`tmx_bytes` makes."""
    root = ET.Element("tmx", version="1.4")
    header = {
        "creationtool": "Korkyt",
        "creationtoolversion": tool_version,
        "segtype": "block",
        "o-tmf": "korkyt",
        "adminlang": "en",
        "datatype": "plaintext",
        "srclang": srclang,
    }
    ET.SubElement(root, "header", header)
    body = ET.SubElement(root, "body")
    units_xml = (element_xml(_unit_element(unit), 2) for unit in units)
    return document_chunks(root, body, units_xml, level=2, doctype=TMX_DOCTYPE, size=size)


def tmx_bytes(units: Iterable[TMUnit], *, tool_version: str = "0.1") -> bytes:
    """A TMX 1.4 document holding one ``<tu>`` per unit (at once: :func:`tmx_chunks` streams it)."""
    units = list(units)
    srclang = tmx_srclang(unit.source_lang for unit in units)
    return b"".join(tmx_chunks(units, srclang=srclang, tool_version=tool_version))


def write_tmx(units: Iterable[TMUnit], destination: str | os.PathLike[str]) -> None:
    """Write units as a TMX 1.4 file; the file appears complete or not at all."""
    write_atomically(tmx_bytes(units), destination)
