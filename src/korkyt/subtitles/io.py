"""Reading and writing documents: :func:`load`, :func:`loads`, :func:`dump`, :func:`dumps`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import formats
from .encoding import decode
from .errors import FileTooLargeError, SubtitleError
from .model import MAX_FPS, MIN_FPS, Document

MAX_BYTES = 10 * 1024 * 1024

_ENCODABLE = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "cp1254", "koi8-r"}


def loads(
    data: bytes | str,
    *,
    format: str | None = None,
    encoding: str | None = None,
    fps: float | None = None,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a subtitle document from bytes (encoding detected unless given) or from text.

    ``format`` is detected from the content unless given; ``fps`` is needed for MicroDVD files that do
    not declare their frame rate; ``max_bytes`` is the largest input read (an application passes its own
    upload limit). Raises a :class:`SubtitleError` subclass on any problem.
    """
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise _too_large_error(len(data), max_bytes)
        text, enc = data, "utf-8"
    else:
        if len(data) > max_bytes:
            raise _too_large_error(len(data), max_bytes)
        text, enc = decode(bytes(data), encoding)
    if "\x00" in text:
        raise SubtitleError(
            "the text contains NUL characters: it is binary data or in the wrong encoding",
            code="encoding.nul",
        )
    if "\r" in text:  # CRLF (Windows) and lone CR (old Mac OS) line endings read as LF everywhere
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = formats.canonical(format) if format else formats.detect(text)
    if fps is not None and not (MIN_FPS <= fps < MAX_FPS):
        raise SubtitleError(
            f"fps must be a frame rate of at least {MIN_FPS:g} and below {MAX_FPS:g}, such as 23.976, 24 "
            f"or 25; got {fps:g}"
        )
    try:
        doc = formats.read(text, fmt, fps=fps)
    except SubtitleError:
        raise
    except RecursionError as exc:
        raise SubtitleError(
            f"the {fmt} document is nested too deeply to read", code="parse.too_deep", params={"format": fmt}
        ) from exc
    doc.encoding = enc
    if fps and doc.fps is None:
        doc.fps = fps
    return doc


def load(
    source: str | os.PathLike[str] | bytes,
    *,
    format: str | None = None,
    encoding: str | None = None,
    fps: float | None = None,
) -> Document:
    """Read a subtitle file from a path (or bytes); see :func:`loads`.

    Without ``format`` the content decides; the file extension breaks ties for ambiguous content.
    """
    if isinstance(source, bytes | bytearray):
        return loads(bytes(source), format=format, encoding=encoding, fps=fps)
    path = Path(source)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SubtitleError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if size > MAX_BYTES:
        raise _too_large_error(size, MAX_BYTES, f"{path}: ")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubtitleError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return loads(data, format=format, encoding=encoding, fps=fps)


def dumps(doc: Document, format: str | None = None, **options: Any) -> str:
    """Write a document as text in ``format`` (default: the format it was read from).

    Formats: srt, vtt, ass, ssa, ttml, microdvd, mpl2, dcp-interop, dcp-smpte. Options: ``fps``
    (MicroDVD, DCP SMPTE), ``title``, ``language`` and ``issue_date`` (DCP).
    """
    fmt = formats.canonical(format or doc.format)
    return formats.write(doc, fmt, **options)


def dump(
    doc: Document,
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    encoding: str = "utf-8",
    **options: Any,
) -> None:
    """Write a document to a file; the format comes from ``format``, else the extension, else the document.

    The file is written completely or not at all (a temporary file is renamed into place).
    """
    target = Path(path)
    fmt = format or formats.from_extension(target.name) or doc.format
    text = dumps(doc, fmt, **options)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise SubtitleError(
            f"the text cannot be written in {encoding}: {text[exc.start : exc.end]!r} has no code in it; "
            "write UTF-8 instead"
        ) from exc
    except LookupError as exc:
        raise SubtitleError(f"unknown encoding {encoding!r}") from exc
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SubtitleError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _too_large(size: int, limit: int = MAX_BYTES) -> str:
    return f"the file is {size / 1_048_576:.1f} MB; subtitle files over {limit // 1_048_576} MB are refused"


def _too_large_error(size: int, limit: int, prefix: str = "") -> FileTooLargeError:
    """The size limit's error: its message, and code ``file.too_large`` with both sizes in MB."""
    return FileTooLargeError(
        prefix + _too_large(size, limit),
        code="file.too_large",
        params={"size": round(size / 1_048_576, 1), "limit": limit // 1_048_576},
    )
