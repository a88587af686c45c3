"""korkyt.dubbing: dubbing scripts, an isochrony check and temp voice tracks from subtitle documents.

Pure package (no Django). Reads ``korkyt.subtitles`` documents (or any cues with ``start_ms``,
``end_ms``, ``text`` and ``speaker``), converts scripts with ``korkyt.translit`` for the speech engine,
and runs ffmpeg and espeak-ng (Debian packages of the same names) as subprocesses with timeouts.
"""

from __future__ import annotations

from korkyt.dubbing.engines import CommandEngine, EspeakEngine, PiperEngine, SpeechEngine, make_engine
from korkyt.dubbing.errors import DubbingError, ToolMissingError
from korkyt.dubbing.isochrony import IsochronyReport, LineFit, check_isochrony, check_lines
from korkyt.dubbing.languages import LANGUAGES, Language, count_syllables, estimate_seconds, get_language
from korkyt.dubbing.mux import mix_with_original, mux_track
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
from korkyt.dubbing.voice import ClipFit, VoiceTrack, synthesize_track
from korkyt.dubbing.writers import script_csv, script_html, summary_csv, write_script

__all__ = [
    "LANGUAGES",
    "CharacterSummary",
    "ClipFit",
    "CommandEngine",
    "DubbingError",
    "DubbingScript",
    "EspeakEngine",
    "FrameRate",
    "IsochronyReport",
    "Language",
    "LineFit",
    "Loop",
    "LoopRules",
    "PiperEngine",
    "ScriptLine",
    "SpeechEngine",
    "ToolMissingError",
    "VoiceTrack",
    "build_script",
    "check_isochrony",
    "check_lines",
    "count_syllables",
    "estimate_seconds",
    "extract_lines",
    "frame_rate",
    "get_language",
    "group_loops",
    "make_engine",
    "mix_with_original",
    "ms_to_timecode",
    "mux_track",
    "script_csv",
    "script_html",
    "summarize",
    "summary_csv",
    "synthesize_track",
    "write_script",
]
