"""Shared helpers for the dubbing tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from korkyt.subtitles import Cue

PACKAGES = {"ffmpeg": "ffmpeg", "ffprobe": "ffmpeg", "espeak-ng": "espeak-ng"}


def require(*programs: str) -> None:
    """Skip the test, saying which Debian package to install, when a program is missing."""
    for program in programs:
        if shutil.which(program) is None:
            reason = f"{program} is not installed (Debian package {PACKAGES[program]})"
            print(reason)
            pytest.skip(reason)


@pytest.fixture
def audio_tools() -> None:
    require("ffmpeg", "ffprobe", "espeak-ng")


def cue(start: float, end: float, text: str, speaker: str | None = None) -> Cue:
    """A cue with times in seconds."""
    return Cue(round(start * 1000), round(end * 1000), text, speaker)


def make_video(path: Path, seconds: float, *, audio: bool = True) -> Path:
    """A short test film: ffmpeg's testsrc picture and a 440 Hz sine."""
    args = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi"]
    args += ["-i", f"testsrc=duration={seconds}:size=160x120:rate=25"]
    if audio:
        args += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}:sample_rate=48000"]
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    if audio:
        args += ["-c:a", "aac", "-shortest"]
    subprocess.run([*args, str(path)], check=True, timeout=60)
    return path
