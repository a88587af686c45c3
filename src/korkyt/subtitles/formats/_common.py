"""Helpers shared by the format readers and writers."""

from __future__ import annotations

from ..errors import InvalidTimestampError
from ..model import MAX_TIME_MS


def line_of(text: str, pos: int) -> int:
    """1-based line number of character offset ``pos``."""
    return text.count("\n", 0, pos) + 1


def check_time(ms: int, text: str, pos: int, fmt: str) -> int:
    """Refuse times beyond the supported range, naming the line."""
    if ms > MAX_TIME_MS:
        line, clock = line_of(text, pos), ms_to_clock(ms, ".")
        raise InvalidTimestampError(
            f"{fmt.upper()} line {line}: time {clock} is beyond the supported maximum 99:59:59.999",
            code="parse.time_beyond_max",
            params={"time": clock, "line": line, "format": fmt},
        )
    return ms


def fraction_ms(digits: str | None) -> int:
    """Milliseconds from a fraction written with 1–3 digits (``"5"`` = 500 ms)."""
    if not digits:
        return 0
    return int(digits.ljust(3, "0")[:3])


def ms_to_clock(ms: int, sep: str = ",", hours_always: bool = True) -> str:
    """``HH:MM:SS,mmm`` (SRT) or with ``sep="."`` (WebVTT, TTML)."""
    if ms < 0:
        ms = 0
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    if not hours_always and h == 0:
        return f"{m:02d}:{s:02d}{sep}{milli:03d}"
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{milli:03d}"


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading BOM is removed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.lstrip("\ufeff")


def drop_blank_lines(text: str) -> str:
    """Cue text without empty lines (they would end the cue in SRT and WebVTT)."""
    if "\n\n" not in text and not text.startswith("\n") and not text.endswith("\n"):
        return text
    return "\n".join(line for line in text.split("\n") if line.strip())
