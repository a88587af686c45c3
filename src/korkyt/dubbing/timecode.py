"""SMPTE timecode at the film's frame rate.

Supported rates: 23.976 (24000/1001), 24, 25, 29.97 (30000/1001) and 30. Timecode at 23.976 counts
24 frames per timecode second (non-drop), as video timecode tracks do, so it runs 0.1 % slower than the
clock. 29.97 uses drop-frame timecode (frame numbers 0 and 1 skipped each minute except every tenth,
written with ``;`` before the frames) unless ``drop_frame=False``.
A time is placed on the frame being shown at that instant (frames are counted, not rounded up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from korkyt.dubbing.errors import DubbingError

_RATES: dict[str, Fraction] = {
    "23.976": Fraction(24000, 1001),
    "23.98": Fraction(24000, 1001),
    "24": Fraction(24),
    "25": Fraction(25),
    "29.97": Fraction(30000, 1001),
    "30": Fraction(30),
}


@dataclass(frozen=True)
class FrameRate:
    """A film frame rate: exact frames per second and the timecode counting that goes with it."""

    fps: Fraction
    drop_frame: bool = False

    @property
    def nominal(self) -> int:
        """Frames per timecode second (24 for 23.976, 30 for 29.97)."""
        return round(self.fps)

    def __str__(self) -> str:
        text = f"{float(self.fps):.3f}".rstrip("0").rstrip(".")
        return text + (" DF" if self.drop_frame else "")


def frame_rate(value: str | float | FrameRate, *, drop_frame: bool | None = None) -> FrameRate:
    """Parse a frame rate (``23.976``, ``24``, ``25``, ``29.97``, ``30``) into a :class:`FrameRate`."""
    if isinstance(value, FrameRate):
        return value
    key = str(value).strip()
    if key.endswith(".0"):
        key = key[:-2]
    if key not in _RATES:
        try:
            number = float(key)
        except ValueError:
            number = math.nan
        matches = [k for k, fps in _RATES.items() if abs(float(fps) - number) < 0.006]
        if not matches:
            raise DubbingError(f"unsupported frame rate {value!r}; use one of 23.976, 24, 25, 29.97, 30")
        key = matches[0]
    fps = _RATES[key]
    is_ntsc30 = fps == Fraction(30000, 1001)
    return FrameRate(fps, is_ntsc30 if drop_frame is None else (drop_frame and is_ntsc30))


def ms_to_frames(ms: float, rate: FrameRate) -> int:
    """The frame shown at ``ms`` milliseconds (frame 0 starts at 0 ms)."""
    return math.floor(Fraction(round(ms * 1000), 1_000_000) * rate.fps + Fraction(1, 1_000_000))


def frames_to_timecode(frames: int, rate: FrameRate) -> str:
    """Write a frame count as ``HH:MM:SS:FF`` (``HH:MM:SS;FF`` for drop-frame)."""
    if frames < 0:
        raise DubbingError(f"negative frame count {frames}")
    nominal = rate.nominal
    if rate.drop_frame:
        drop = 2 if nominal == 30 else 4
        per_min = nominal * 60 - drop
        per_10min = per_min * 10 + drop
        tens, rest = divmod(frames, per_10min)
        extra = 0 if rest < drop else drop * ((rest - drop) // per_min)
        frames = frames + drop * 9 * tens + extra
    ff = frames % nominal
    total_seconds = frames // nominal
    ss = total_seconds % 60
    mm = (total_seconds // 60) % 60
    hh = total_seconds // 3600
    sep = ";" if rate.drop_frame else ":"
    return f"{hh:02d}:{mm:02d}:{ss:02d}{sep}{ff:02d}"


def timecode_to_frames(timecode: str, rate: FrameRate) -> int:
    """Parse ``HH:MM:SS:FF`` (or ``;`` before FF) back to a frame count at ``rate``."""
    parts = timecode.replace(";", ":").split(":")
    if len(parts) != 4 or not all(p.isascii() and p.isdigit() for p in parts):
        raise DubbingError(f"not a timecode: {timecode!r} (expected HH:MM:SS:FF)")
    hh, mm, ss, ff = (int(p) for p in parts)
    nominal = rate.nominal
    if ff >= nominal or ss >= 60 or mm >= 60:
        raise DubbingError(f"timecode {timecode!r} out of range at {rate} fps")
    frames = ((hh * 60 + mm) * 60 + ss) * nominal + ff
    if rate.drop_frame:
        drop = 2 if nominal == 30 else 4
        minutes = hh * 60 + mm
        frames -= drop * (minutes - minutes // 10)
    return frames


def ms_to_timecode(ms: float, rate: FrameRate, *, start: str | None = None) -> str:
    """Timecode of the frame shown at ``ms``, offset by a programme start timecode such as 01:00:00:00."""
    frames = ms_to_frames(ms, rate)
    if start:
        frames += timecode_to_frames(start, rate)
    return frames_to_timecode(frames, rate)
