"""korkyt.subtitles: read, check, fix and convert subtitle files, Turkic-aware.

>>> from korkyt.subtitles import loads, dumps
>>> doc = loads(b"1\\n00:00:01,000 --> 00:00:02,000\\nSalem!\\n")
>>> doc.cues[0].text, doc.format, doc.encoding
('Salem!', 'srt', 'utf-8')
"""

from __future__ import annotations

from .errors import (
    EncodingError,
    FileTooLargeError,
    InvalidTimestampError,
    MissingFpsError,
    ParseError,
    ProfileError,
    SubtitleError,
    UnknownFormatError,
    UnsafeXMLError,
)
from .formats import FORMATS
from .io import dump, dumps, load, loads
from .model import Cue, Document

__all__ = [
    "FORMATS",
    "Cue",
    "Document",
    "EncodingError",
    "FileTooLargeError",
    "InvalidTimestampError",
    "MissingFpsError",
    "ParseError",
    "ProfileError",
    "SubtitleError",
    "UnknownFormatError",
    "UnsafeXMLError",
    "dump",
    "dumps",
    "load",
    "loads",
]
