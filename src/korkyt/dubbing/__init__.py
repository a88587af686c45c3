"""korkyt.dubbing: dubbing scripts, an isochrony check and temp voice tracks from subtitle documents.

Pure package (no Django). Reads ``korkyt.subtitles`` documents (or any cues with ``start_ms``,
``end_ms``, ``text`` and ``speaker``), converts scripts with ``korkyt.translit`` for the speech engine,
and runs ffmpeg and espeak-ng (Debian packages of the same names) as subprocesses with timeouts.
"""

from __future__ import annotations

from korkyt.dubbing.errors import DubbingError, ToolMissingError
from korkyt.dubbing.languages import LANGUAGES, Language, count_syllables, get_language
from korkyt.dubbing.script import (
    CharacterSummary,
    DubbingScript,
    Loop,
    LoopRules,
    build_script,
    group_loops,
    summarize,
)
from korkyt.dubbing.speakers import ScriptLine, extract_lines
from korkyt.dubbing.timecode import FrameRate, frame_rate, ms_to_timecode
from korkyt.dubbing.writers import script_csv, write_script

__all__ = [
    "LANGUAGES",
    "CharacterSummary",
    "DubbingError",
    "DubbingScript",
    "FrameRate",
    "Language",
    "Loop",
    "LoopRules",
    "ScriptLine",
    "ToolMissingError",
    "build_script",
    "count_syllables",
    "extract_lines",
    "frame_rate",
    "get_language",
    "group_loops",
    "ms_to_timecode",
    "script_csv",
    "summarize",
    "write_script",
]
