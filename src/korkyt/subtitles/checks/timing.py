"""Timing checks."""

from __future__ import annotations

from ..markup import visible_length
from ..model import Cue
from ..profiles import Profile
from .findings import ERROR, INFO, WARNING, Finding
from .report import clock


def _t(ms: int) -> str:
    """A point in time: ``0:01:27.450``."""
    return clock(ms)


def _s(ms: int) -> str:
    return f"{ms / 1000:.3f} s"


def check_timing(cues: list[Cue], p: Profile, fps: float | None = None) -> list[Finding]:
    """Overlap, order, duration, gaps and reading speed; durations and gaps counted in frames at ``fps``
    (``None``: the profile's frame rate)."""
    out: list[Finding] = []
    add = out.append
    lim = p.at(fps)
    frames = lim.frames
    min_d, max_d = p.min_duration_ms, p.max_duration_ms
    min_gap = lim.ms(lim.min_gap)  # the gap a fix leaves: 83 ms at 24 fps, 80 at 25, 67 at 29.97
    max_cps = p.max_cps
    prev: Cue | None = None
    for i, c in enumerate(cues):
        start, end = c.start_ms, c.end_ms
        dur = end - start
        if dur <= 0:
            add(
                Finding(
                    i,
                    "timing.non-positive-duration",
                    ERROR,
                    f"cue {i + 1} ends at {_t(end)}, not after its start {_t(start)}",
                    None,
                    start,
                )
            )
        else:
            if frames(dur) < lim.min_duration:
                need = lim.ms(lim.min_duration)
                add(
                    Finding(
                        i,
                        "timing.too-short",
                        WARNING,
                        f"cue {i + 1} is shown {_s(dur)}, less than the minimum {_s(min_d)}",
                        f"extend to {_s(need)}",
                        start,
                    )
                )
            elif frames(dur) > lim.max_duration:
                add(
                    Finding(
                        i,
                        "timing.too-long",
                        WARNING,
                        f"cue {i + 1} is shown {_s(dur)}, more than the maximum {_s(max_d)}",
                        "split the cue or shorten it",
                        start,
                    )
                )
            chars = visible_length(c.text)
            cps = chars * 1000 / dur
            if cps > max_cps:
                need = int(chars * 1000 / max_cps + 0.999)
                add(
                    Finding(
                        i,
                        "timing.reading-speed",
                        WARNING,
                        f"cue {i + 1} needs {cps:.1f} chars/s ({chars} chars in {_s(dur)}); "
                        f"the limit is {max_cps:g}",
                        f"shorten the text or show it for {_s(need)}",
                        start,
                    )
                )
        if prev is not None:
            if start < prev.start_ms:
                add(
                    Finding(
                        i,
                        "timing.out-of-order",
                        ERROR,
                        f"cue {i + 1} starts at {_t(start)}, before cue {i} ({_t(prev.start_ms)})",
                        "sort the cues by start time",
                        start,
                        True,
                    )
                )
            elif start < prev.end_ms:
                add(
                    Finding(
                        i,
                        "timing.overlap",
                        ERROR,
                        f"cue {i + 1} starts at {_t(start)}, {prev.end_ms - start} ms before cue {i} ends",
                        f"end cue {i} at {_t(start - min_gap)}",
                        start,
                        True,
                    )
                )
            else:
                gap = start - prev.end_ms
                gap_frames = frames(gap)
                if gap_frames < lim.min_gap:
                    add(
                        Finding(
                            i - 1,
                            "timing.gap-too-small",
                            WARNING,
                            f"gap between cues {i} and {i + 1} is {gap} ms; the minimum is {min_gap} ms",
                            f"end cue {i} at {_t(start - min_gap)}",
                            prev.end_ms,
                            True,
                        )
                    )
                elif lim.min_gap < gap_frames <= lim.chain_gap:
                    add(
                        Finding(
                            i - 1,
                            "timing.chain-gap",
                            INFO,
                            f"gap between cues {i} and {i + 1} is {gap} ms; gaps up to {p.chain_gap_ms} ms "
                            f"should be closed to {min_gap} ms",
                            f"end cue {i} at {_t(start - min_gap)}",
                            prev.end_ms,
                            True,
                        )
                    )
        if prev is None or start >= prev.start_ms:
            prev = c
    return out
