"""The errors a person using an application can meet carry a stable code and its parameters
(``korkyt.dubbing.errors.CODES``) beside the English message, which stays the command line's."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

import pytest

from korkyt.dubbing import DubbingError, ToolMissingError, build_script, check_isochrony, get_language
from korkyt.dubbing.audio import find_program, parse_wav, run_tool
from korkyt.dubbing.engines import EspeakEngine, _Speaker
from korkyt.dubbing.errors import CODES, ToolFailedError
from korkyt.dubbing.mux import media_info
from korkyt.dubbing.voice import synthesize_track

from .conftest import cue, require

NO_LINES = "the document has no spoken lines (every cue is empty or a sound description)"


def _coded(exc: DubbingError, code: str, **params: object) -> None:
    assert exc.code == code
    assert exc.params == params
    assert set(exc.params) == set(CODES[code])


def test_every_code_names_its_parameters():
    assert all(isinstance(names, tuple) for names in CODES.values())
    assert DubbingError("free text").code is None and DubbingError("free text").params == {}


@pytest.mark.parametrize("make", [build_script, check_isochrony])
def test_a_document_without_spoken_lines(make):
    with pytest.raises(DubbingError) as info:
        make([cue(1, 2, "[music]"), cue(3, 4, "")], "tr")
    assert str(info.value) == NO_LINES
    _coded(info.value, "lines.none")


def test_a_temp_track_without_spoken_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(EspeakEngine, "check", lambda self: None)
    monkeypatch.setattr("korkyt.dubbing.audio.find_program", lambda program: program)
    with pytest.raises(DubbingError) as info:
        synthesize_track([cue(1, 2, "♪")], "tr", tmp_path / "track.wav")
    assert str(info.value) == NO_LINES
    _coded(info.value, "lines.none")


def test_cues_without_a_time_slot_are_numbered():
    with pytest.raises(DubbingError, match=r"cue number 2, 3\); fix their timing first") as info:
        build_script([cue(1, 2, "Merhaba"), cue(3, 3, "Nasılsın?"), cue(5, 4, "İyiyim")], "tr")
    _coded(info.value, "lines.bad_timing", count=2, cues="2, 3")


def test_an_unknown_language():
    with pytest.raises(DubbingError, match="unknown language 'xx'; known languages: ") as info:
        get_language("xx")
    assert info.value.code == "language.unknown" and info.value.params["language"] == "xx"
    assert "kk" in info.value.params["known"].split(", ")


def test_a_missing_program_with_and_without_its_debian_package(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError) as info:
        find_program("ffmpeg")
    assert (
        str(info.value)
        == "ffmpeg is not installed or not on PATH (Debian package ffmpeg: apt install ffmpeg)"
    )
    _coded(info.value, "tool.missing_package", program="ffmpeg", package="ffmpeg")
    with pytest.raises(ToolMissingError) as info:
        find_program("say-it")
    assert str(info.value) == "say-it is not installed or not on PATH"
    _coded(info.value, "tool.missing", program="say-it")


def test_a_program_that_is_not_executable(tmp_path):
    program = tmp_path / "speak"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o644)
    with pytest.raises(DubbingError, match="is not executable") as info:
        run_tool([str(program)])
    _coded(info.value, "tool.not_executable", program="speak")


def test_a_program_that_runs_out_of_time_is_a_timeout():
    with pytest.raises(ToolFailedError, match=r"did not finish within 0\.3 s") as info:
        run_tool([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.3, what="tts")
    _coded(info.value, "tool.timeout", program=Path(sys.executable).name, seconds="0.3")


def test_a_program_that_fails_has_no_code():
    """Its last error lines are for whoever runs the server: an application words it itself."""
    with pytest.raises(ToolFailedError, match="exit 1") as info:
        run_tool([sys.executable, "-c", "import sys; sys.exit('no voice here')"])
    assert info.value.code is None


def _wav(*chunks: tuple[bytes, bytes]) -> bytes:
    body = b"".join(name + struct.pack("<I", len(data)) + data for name, data in chunks)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


def _fmt(audio_format: int, bits: int) -> tuple[bytes, bytes]:
    return b"fmt ", struct.pack("<HHIIHH", audio_format, 1, 22050, 22050 * bits // 8, bits // 8, bits)


@pytest.mark.parametrize(
    ("blob", "message", "code", "params"),
    [
        (b"not a wav at all", "the speech engine did not return a WAV file", "wav.not_wav", {}),
        (_wav((b"data", b"\0\0")), "WAV data before its format chunk", "wav.no_format", {}),
        (
            _wav(_fmt(3, 32), (b"data", b"\0" * 8)),
            "unsupported WAV encoding (format 3, 32 bits)",
            "wav.unsupported",
            {"format": 3, "bits": 32},
        ),
        (_wav(_fmt(1, 16)), "WAV file without a data chunk", "wav.no_data", {}),
    ],
)
def test_a_bad_wav_from_a_speech_engine(blob, message, code, params):
    with pytest.raises(DubbingError) as info:
        parse_wav(blob)
    assert str(info.value) == message
    _coded(info.value, code, **params)


def test_a_missing_video(tmp_path):
    with pytest.raises(DubbingError, match="does not exist") as info:
        media_info(tmp_path / "film.mkv")
    _coded(info.value, "video.missing", path=str(tmp_path / "film.mkv"))


def test_the_espeak_library_timing_out_failing_and_stopping(monkeypatch):
    require("espeak-ng")
    engine = EspeakEngine(library=True)
    tr = get_language("tr")
    try:
        with pytest.raises(DubbingError, match=r"did not finish within 0\.001 s") as info:
            engine.synthesize("Merhaba. " * 400, tr, "tr", timeout=0.001)
        _coded(info.value, "tool.timeout", program="espeak-ng", seconds="0.001")
        with pytest.raises(DubbingError, match="espeak-ng failed: ") as info:
            engine.synthesize("Merhaba", tr, "xx-nonesuch")
        _coded(info.value, "engine.failed", program="espeak-ng")
    finally:
        engine.close()
    speaker = _Speaker()
    os.killpg(speaker.proc.pid, 9)
    speaker.proc.wait()
    with pytest.raises(DubbingError, match="the espeak-ng library stopped") as info:
        speaker.speak("tr", 175, "Merhaba", 5)
    _coded(info.value, "engine.stopped", program="espeak-ng")
    monkeypatch.setattr(_Speaker, "MAGIC", b"KORKYT-ESPEAK0")
    with pytest.raises(DubbingError, match="the espeak-ng library did not start") as info:
        _Speaker()
    _coded(info.value, "engine.not_started", program="espeak-ng")
