"""Format registry and detection."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..errors import ParseError, UnknownFormatError
from ..model import Document
from . import dcp, framed, pysubs2_formats, srt, ttml, vtt

Reader = Callable[..., Document]
Writer = Callable[..., str]

READERS: dict[str, Reader] = {
    "srt": srt.read,
    "vtt": vtt.read,
    "ass": lambda text, **kw: pysubs2_formats.read(text, format="ass", **kw),
    "ssa": lambda text, **kw: pysubs2_formats.read(text, format="ssa", **kw),
    "microdvd": framed.read_microdvd,
    "mpl2": framed.read_mpl2,
    "ttml": ttml.read,
    "dcp-interop": dcp.read,
    "dcp-smpte": dcp.read,
}

WRITERS: dict[str, Writer] = {
    "srt": srt.write,
    "vtt": vtt.write,
    "ass": lambda doc, **kw: pysubs2_formats.write(doc, format="ass", **kw),
    "ssa": lambda doc, **kw: pysubs2_formats.write(doc, format="ssa", **kw),
    "microdvd": framed.write_microdvd,
    "mpl2": framed.write_mpl2,
    "ttml": ttml.write,
    "dcp-interop": lambda doc, **kw: dcp.write(doc, format="dcp-interop", **kw),
    "dcp-smpte": lambda doc, **kw: dcp.write(doc, format="dcp-smpte", **kw),
}

FORMATS = tuple(WRITERS)

#: File extensions and the format they usually hold.
EXTENSIONS = {
    ".srt": "srt",
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".ass": "ass",
    ".ssa": "ssa",
    ".sub": "microdvd",
    ".txt": None,
    ".mpl": "mpl2",
    ".ttml": "ttml",
    ".dfxp": "ttml",
    ".xml": None,
}

ALIASES = {
    "webvtt": "vtt",
    "subrip": "srt",
    "dfxp": "ttml",
    "imsc": "ttml",
    "sub": "microdvd",
    "interop": "dcp-interop",
    "smpte": "dcp-smpte",
    "dcp": "dcp-smpte",
}

_MICRODVD_RE = re.compile(r"^\s*\{\d+\}\{\d*\}", re.MULTILINE)
_MPL2_RE = re.compile(r"^\s*\[\d+\]\[\d*\]", re.MULTILINE)


def canonical(fmt: str) -> str:
    """Canonical format identifier; raises :class:`UnknownFormatError` for unknown names."""
    name = fmt.lower().strip().lstrip(".")
    name = ALIASES.get(name, name)
    if name not in WRITERS:
        raise UnknownFormatError(f"unknown subtitle format {fmt!r}; known formats: {', '.join(FORMATS)}")
    return name


def detect(text: str) -> str:
    """Guess the format of decoded subtitle text from its content (any line endings)."""
    if "\r" in text:
        text = text[:20000].replace("\r\n", "\n").replace("\r", "\n")
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("[Script Info]") or "\n[Script Info]" in head[:1000]:
        if "[V4+ Styles]" in text[:20000] or "v4.00+" in head.lower():
            return "ass"
        if "[V4 Styles]" in text[:20000] or "v4.00" in head.lower():
            return "ssa"
        return "ass"
    if head.startswith("<"):
        if "<DCSubtitle" in head:
            return "dcp-interop"
        if "<SubtitleReel" in head:
            return "dcp-smpte"
        if "<tt" in head:
            return "ttml"
    if _MICRODVD_RE.match(head):
        return "microdvd"
    if _MPL2_RE.match(head):
        return "mpl2"
    if srt.TIMING_RE.search(text[:20000]):
        return "srt"
    # No hint at the format= keyword: the message also reaches the korkyt commands, which have no such option.
    raise UnknownFormatError(
        "the format could not be recognised (not SRT, WebVTT, ASS/SSA, TTML, DCP, MicroDVD or MPL2)",
        code="format.unknown",
    )


def from_extension(name: str) -> str | None:
    """Format suggested by a file name's extension, if any."""
    lower = name.lower()
    for ext, fmt in EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    return None


def read(text: str, fmt: str, **options: Any) -> Document:
    """Read decoded text in a known format. Whatever a reader meets, the caller gets a SubtitleError: a
    number no reader can use (NaN, infinity, thousands of digits) that slipped past its checks is a
    ParseError, not a ValueError or OverflowError."""
    try:
        return READERS[fmt](text, **options)
    except (ValueError, ArithmeticError) as exc:
        raise ParseError(
            f"a number in the file cannot be used: {exc}", format=fmt, code="parse.bad_number"
        ) from exc


def write(doc: Document, fmt: str, **options: Any) -> str:
    """Write a document in a known format."""
    return WRITERS[fmt](doc, **options)
