"""Errors raised by :mod:`korkyt.subtitles`.

Every failure a caller can meet is a :class:`SubtitleError`; the subclasses say what kind of problem it
was, and the message says where (line number when known) and what was expected.
"""

from __future__ import annotations


class SubtitleError(Exception):
    """Base class of every error raised by this package."""


class ParseError(SubtitleError):
    """The text is not valid in the format being read.

    ``line`` is the 1-based line number of the problem when known.
    """

    def __init__(self, message: str, *, line: int | None = None, format: str | None = None) -> None:
        self.line = line
        self.format = format
        where = f"line {line}: " if line is not None else ""
        fmt = f"{format.upper()} " if format else ""
        super().__init__(f"{fmt}{where}{message}" if fmt or where else message)


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
