"""korkyt.subtitles: read, check, fix and convert subtitle files, Turkic-aware.

>>> from korkyt.subtitles import loads, dumps
>>> doc = loads(b"1\\n00:00:01,000 --> 00:00:02,000\\nSalem!\\n")
>>> doc.cues[0].text, doc.format, doc.encoding
('Salem!', 'srt', 'utf-8')
"""

from __future__ import annotations

from . import ops
from .checks import CODES, Finding, Glossary, Report, check
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
from .fixes import FIXABLE, fix
from .formats import FORMATS
from .io import dump, dumps, load, loads
from .model import Cue, Document
from .profiles import PROFILES, Profile, get_profile

__all__ = [
    "CODES",
    "FIXABLE",
    "FORMATS",
    "PROFILES",
    "Cue",
    "Document",
    "EncodingError",
    "FileTooLargeError",
    "Finding",
    "Glossary",
    "InvalidTimestampError",
    "MissingFpsError",
    "ParseError",
    "Profile",
    "ProfileError",
    "Report",
    "SubtitleError",
    "UnknownFormatError",
    "UnsafeXMLError",
    "check",
    "dump",
    "dumps",
    "fix",
    "get_profile",
    "load",
    "loads",
    "ops",
]
