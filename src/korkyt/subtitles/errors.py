"""Errors raised by :mod:`korkyt.subtitles`.

Every failure a caller can meet is a :class:`SubtitleError`; the subclasses say what kind of problem it
was, and the message says where (line number when known) and what was expected.

The English message is the command line's text and stays as it is. The errors a person uploading a file
can meet also carry a stable ``code`` (one of :data:`CODES`) and ``params``, so that an application can
say them in its own language; an error without a code (``code is None``) has only its message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Every code with the parameters it carries (the contract an application's templates rely on). A
#: :class:`ParseError` and an :class:`InvalidTimestampError` read from a file also have ``line`` and
#: ``format`` in their params, and so has an :class:`UnsafeXMLError` (``line`` ``None`` when unknown).
CODES: dict[str, tuple[str, ...]] = {
    # decoding the bytes (EncodingError, and SubtitleError for NUL characters in text)
    "encoding.binary": (),
    "encoding.nul": (),
    "encoding.damaged_utf8": ("count", "line", "byte"),
    "encoding.truncated": ("encoding", "offset"),
    "encoding.unsupported": (),
    "encoding.legacy_mismatch": ("encoding", "offset"),
    # reading SRT and WebVTT (ParseError, InvalidTimestampError)
    "parse.time_over_60": ("time",),
    "parse.time_beyond_max": ("time",),
    "parse.no_timing": ("example",),
    "parse.expected_number_or_timing": ("found",),
    "parse.expected_timing": ("found", "example"),
    "parse.malformed_timing": ("found", "example"),
    "parse.truncated": ("example",),
    "parse.vtt_header": (),
    # the size limit (FileTooLargeError): the input's size and the limit, in MB
    "file.too_large": ("size", "limit"),
    # the format is none of those read (UnknownFormatError from detection)
    "format.unknown": (),
    # any format: a number no reader can use, a document nested too deeply, times past the range
    "parse.bad_number": (),
    "parse.too_deep": ("format",),
    "parse.time_out_of_range": (),
    # MicroDVD and MPL2
    "parse.expected_line": ("example", "found"),
    "microdvd.bad_fps": ("rate",),
    "microdvd.no_fps": (),
    # ASS/SSA
    "ass.unreadable": (),
    "ass.format_line": ("section", "fields"),
    # XML (TTML and DCP): UnsafeXMLError and ParseError
    "xml.declaration": ("declaration",),
    "xml.not_well_formed": (),
    # TTML
    "ttml.not_tt": ("root",),
    "ttml.bad_rate": ("attribute", "value"),
    "ttml.bad_multiplier": ("value",),
    "ttml.unusable_multiplier": ("value",),
    "ttml.time_not_understood": ("time",),
    "ttml.never_shown": ("element",),
    "ttml.no_end": ("element",),
    "ttml.too_many_spans": ("element",),
    # DCP (Interop and SMPTE)
    "dcp.not_dcp": ("root",),
    "dcp.no_time": (),
    "dcp.time_not_understood": ("time",),
    "dcp.time_out_of_range": ("time",),
    "dcp.bad_rate": ("rate",),
    "dcp.rate_out_of_range": (),
    # writing: a document past what ASS/SSA times can hold (``name``: ASS or SSA, ``hours``: its length)
    "write.ass_time_limit": ("name", "hours"),
}


class SubtitleError(Exception):
    """Base class of every error raised by this package."""

    def __init__(
        self, message: str = "", *, code: str | None = None, params: Mapping[str, Any] | None = None
    ) -> None:
        assert code is None or code in CODES, code
        self.code = code
        self.params: dict[str, Any] = dict(params or {})
        super().__init__(message)


class ParseError(SubtitleError):
    """The text is not valid in the format being read.

    ``line`` is the 1-based line number of the problem when known.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        format: str | None = None,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.line = line
        self.format = format
        where = f"line {line}: " if line is not None else ""
        fmt = f"{format.upper()} " if format else ""
        text = f"{fmt}{where}{message}" if fmt or where else message
        super().__init__(text, code=code, params={**(params or {}), "line": line, "format": format})


class UnknownFormatError(SubtitleError):
    """The format could not be recognised, or the requested format is not supported."""


class EncodingError(SubtitleError):
    """The bytes could not be decoded as text in a supported encoding."""


class FileTooLargeError(SubtitleError):
    """The input is larger than the accepted limit (10 MB unless the caller gives ``max_bytes``)."""


class UnsafeXMLError(SubtitleError):
    """The XML declares entities or a DTD, which are refused (entity expansion attacks)."""


class MissingFpsError(SubtitleError):
    """A frame-based format (MicroDVD) was read or written without a frame rate."""


class InvalidTimestampError(SubtitleError):
    """A time is negative or beyond the supported range."""


class ProfileError(SubtitleError):
    """An unknown profile name or an invalid profile value."""
