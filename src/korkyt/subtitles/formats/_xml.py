"""Safe XML parsing for TTML and DCP: defusedxml, with DTDs and entity declarations refused."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from ..errors import ParseError, UnsafeXMLError

_DECL_RE = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_xml(text: str, fmt: str) -> ET.Element:
    """Parse XML text safely; refuse DTDs and entity declarations with :class:`UnsafeXMLError`."""
    m = _DECL_RE.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        declaration = m.group(1).upper()
        raise UnsafeXMLError(
            f"{fmt.upper()} line {line}: the XML declares a {declaration}; documents with DTDs or "
            "entity declarations are refused (they can expand to gigabytes). Remove the declaration.",
            code="xml.declaration",
            params={"declaration": declaration, "line": line, "format": fmt},
        )
    try:
        return DET.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXMLError(f"{fmt.upper()}: unsafe XML refused ({exc})") from exc
    except ET.ParseError as exc:
        position = getattr(exc, "position", None)
        where: int | None = position[0] if position else None
        raise ParseError(
            f"not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})",
            line=where,
            format=fmt,
            code="xml.not_well_formed",
        ) from exc


def local(tag: object) -> str:
    """Local name of an element tag without its namespace (comments and PIs give '')."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def attr(el: ET.Element, name: str) -> str | None:
    """Attribute by local name, whatever its namespace."""
    value = el.get(name)
    if value is not None:
        return value
    for key, v in el.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return v
    return None


def element_line(text: str, root: ET.Element, el: ET.Element) -> int | None:
    """1-based line of an element's start tag in the source text (``None`` when it cannot be found).

    ElementTree keeps no positions: the element is found as the n-th start tag of its name in the text,
    n being its rank among the elements of that name in document order.
    """
    name = local(el.tag)
    rank = 0
    for other in root.iter():
        if other is el:
            break
        if local(other.tag) == name:
            rank += 1
    pattern = re.compile(r"<(?:[\w.-]+:)?" + re.escape(name) + r"(?=[\s/>])")
    for n, m in enumerate(pattern.finditer(text)):
        if n == rank:
            return text.count("\n", 0, m.start()) + 1
    return None
