"""Reading XML exchange files safely: a size limit, no entity declarations, errors a person can act on."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from korkyt.core.files import temporary_beside  # Django-free
from korkyt.mt.languages import canonical_tag

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 cannot carry; dropped on writing.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

Source = str | os.PathLike[str] | bytes | BinaryIO


#: The problems of an uploaded file an application may say in its own language, with their parameters.
CODES: dict[str, tuple[str, ...]] = {
    "not_xml": ("line", "column"),
    "entities": (),
    "not_tmx": ("root",),
    "not_tbx": ("root",),
    "no_body": (),
    "too_large": ("limit",),
    # inside a TMX translation unit (``unit``: its number, and its tuid in brackets when it has one)
    "tu_no_lang": ("unit",),
    "tu_bad_lang": ("unit", "tag"),
    "tu_no_seg": ("unit", "language"),
    # inside a TBX concept (``concept``: its number, and its id in brackets when it has one)
    "concept_no_lang": ("concept",),
    "concept_bad_lang": ("concept", "tag"),
    "concept_no_term": ("concept", "language"),
}


class FileFormatError(ValueError):
    """A TMX or TBX file cannot be read: too large, not XML, declares entities, or has the wrong shape.
    The problems of :data:`CODES` also carry that ``code`` and its ``params`` beside the English message."""

    def __init__(self, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        assert code is None or set(params) == set(CODES[code]), (code, params)
        self.code = code
        self.params = params


def read_bytes(source: Source, max_bytes: int, what: str) -> tuple[bytes, str]:
    """The file's bytes and a name for messages; FileFormatError when larger than ``max_bytes``."""
    if isinstance(source, bytes):
        data, name = source, what
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        name = str(path)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise _too_large(name, max_bytes)
            data = path.read_bytes()
        except FileNotFoundError:
            raise FileFormatError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise FileFormatError(f"{name}: is a directory, not a {what}") from None
    else:
        name = getattr(source, "name", what)
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(str(name), max_bytes)
    return data, str(name)


def _too_large(name: str, max_bytes: int) -> FileFormatError:
    limit = max_bytes / 1024 / 1024
    return FileFormatError(
        f"{name}: the file is larger than the limit of {limit:g} MB",
        code="too_large",
        limit=int(limit) if limit == int(limit) else limit,
    )


def language_tag(tag: str, where: str, code: str, **params: object) -> str:
    """``tag`` in its canonical spelling; FileFormatError with ``code`` (and ``tag`` among its params) when
    it is no language tag."""
    try:
        return canonical_tag(tag)
    except ValueError as exc:
        raise FileFormatError(f"{where}: {exc}", code=code, tag=str(tag)[:40], **params) from None


def parse(data: bytes, name: str) -> ET.Element:
    """Parse with defusedxml: DTDs without entities are accepted, entity declarations are refused."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FileFormatError(
            f"{name}: the file declares XML entities ({type(exc).__name__}), which are refused for safety",
            code="entities",
        ) from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise FileFormatError(
            f"{name}: not well-formed XML at line {line}, column {column}",
            code="not_xml",
            line=line,
            column=column,
        ) from None
    return root


def local(tag: object) -> str:
    """An element's tag without its namespace."""
    text = tag if isinstance(tag, str) else ""
    return text.rsplit("}", 1)[-1]


def children(element: ET.Element, name: str) -> list[ET.Element]:
    """Direct children with the given local name, whatever their namespace."""
    return [child for child in element if local(child.tag) == name]


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def serialise(root: ET.Element, doctype: str | None = None) -> bytes:
    """UTF-8 bytes of a tree, indented, with an XML declaration (and a doctype line when given)."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + (f"{doctype}\n" if doctype else "")
    return (head + body + "\n").encode("utf-8")


def document_chunks(
    root: ET.Element,
    container: ET.Element,
    items: Iterable[str],
    *,
    level: int,
    doctype: str | None = None,
    size: int = 65_536,
) -> Iterator[bytes]:
    """The document :func:`serialise` makes of ``root``, with ``items`` (elements already serialised and
    indented ``level`` deep, e.g. by :func:`element_xml`) inside its empty ``container``, in UTF-8 chunks of
    about ``size`` characters written as the items are read: an export streams without holding the whole
    document."""
    marker = f"<{container.tag} />"
    head, tail = serialise(root, doctype).decode("utf-8").split(marker)
    opening, closing = f"<{container.tag}>", "\n" + "  " * (level - 1) + f"</{container.tag}>"
    parts: list[str] = []
    written = length = 0
    for item in items:
        parts.append((opening if not written and not parts else "") + "\n" + "  " * level + item)
        length += len(parts[-1])
        if length >= size:
            yield ((head if not written else "") + "".join(parts)).encode("utf-8")
            written += 1
            parts, length = [], 0
    if not written and not parts:
        yield (head + marker + tail).encode("utf-8")
        return
    yield ((head if not written else "") + "".join(parts) + closing + tail).encode("utf-8")


def element_xml(element: ET.Element, level: int) -> str:
    """One element as it stands, indented, ``level`` deep in a document (for :func:`document_chunks`)."""
    ET.indent(element, space="  ", level=level)
    return ET.tostring(element, encoding="unicode")


def write_atomically(data: bytes, destination: str | os.PathLike[str]) -> None:
    """Write to a temporary file beside ``destination`` and rename it, so no half-written file remains."""
    path = Path(destination)
    handle, temporary = temporary_beside(path, suffix="")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
