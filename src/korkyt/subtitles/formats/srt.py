"""SubRip (SRT): a fast reader and a writer.

The reader finds every timing line with one regular expression and takes the text between them, so it
tolerates missing cue numbers, missing blank lines between cues, stray blank lines inside cues, dots
instead of commas and 1–3 digit fractions. A mistyped timing line is reported with its line number (read as
text, it would swallow the next cue), and so is anything else.
"""

from __future__ import annotations

import re

from ..errors import ParseError
from ..markup import strip_voices
from ..model import Cue, Document
from ._common import check_time, drop_blank_lines, fraction_ms, line_of, ms_to_clock, normalise_newlines

#: A timing line as the messages show it.
EXAMPLE = "00:00:01,000 --> 00:00:02,500"
_TS = r"(\d{1,9}):(\d{1,2}):(\d{1,2})(?:[,.:](\d{1,3}))?"
TIMING_RE = re.compile(r"^[ \t]*" + _TS + r"[ \t]*-{1,2}>[ \t]*" + _TS + r"[^\n]*$", re.MULTILINE)
_INDEX_RE = re.compile(r"^\s*\d+\s*$")
#: A line that was meant as a timing line but is not one: it holds ``-->``, or it starts with a timestamp
#: followed by some other arrow (``=>``, ``->``, ``>``), by nothing, or directly by a second timestamp.
_BROKEN_TIMING_RE = re.compile(
    r"^[^\n]*-->[^\n]*$"
    r"|^[ \t]*\d{1,9}[ \t]*[:;.][ \t]*\d{1,2}[ \t]*[:;.][ \t]*\d{1,2}(?:[,.:]\d{0,3})?[ \t]*"
    r"(?:[-=~\u2013\u2014]{1,3}>|\u2192|>)[^\n]*$"
    r"|^[ \t]*\d{1,9}:\d{1,2}:\d{1,2}[,.]\d{1,3}[ \t]*(?:\d[^\n]*)?$",
    re.MULTILINE,
)


def _ms(h: str, m: str, s: str, f: str | None, text: str, pos: int) -> int:
    mi, si = int(m), int(s)
    if mi > 59 or si > 59:
        raise ParseError(
            f"invalid time {h}:{m}:{s}: minutes and seconds must be below 60",
            line=line_of(text, pos),
            format="srt",
            code="parse.time_over_60",
            params={"time": f"{h}:{m}:{s}"},
        )
    return check_time(int(h) * 3_600_000 + mi * 60_000 + si * 1000 + fraction_ms(f), text, pos, "srt")


def parse(text: str) -> list[Cue]:
    """Parse SRT text into cues."""
    text = normalise_newlines(text)
    fast = _parse_regular(text)
    return fast if fast is not None else parse_general(text)


def parse_general(text: str) -> list[Cue]:
    """The tolerant reader (newlines already normalised)."""
    matches = list(TIMING_RE.finditer(text))
    if not matches:
        _check_broken(text, 0, text)
        raise ParseError(
            f"no timing line found; expected lines like '{EXAMPLE}'",
            line=1,
            format="srt",
            code="parse.no_timing",
            params={"example": EXAMPLE},
        )
    head = text[: matches[0].start()]
    _check_broken(head, 0, text)
    if head.strip() and not _INDEX_RE.match(head):
        first = next(i for i, line in enumerate(head.split("\n")) if line.strip())
        found = head.split("\n")[first].strip()[:40]
        raise ParseError(
            f"expected a cue number or a timing line, found {found!r}",
            line=first + 1,
            format="srt",
            code="parse.expected_number_or_timing",
            params={"found": found},
        )
    cues: list[Cue] = []
    append = cues.append
    last = len(matches) - 1
    for i, m in enumerate(matches):
        g = m.groups()
        pos = m.start()
        start = _ms(g[0], g[1], g[2], g[3], text, pos)
        end = _ms(g[4], g[5], g[6], g[7], text, pos)
        seg = text[m.end() + 1 : matches[i + 1].start() if i < last else len(text)]
        _check_broken(seg, m.end() + 1, text)
        if i == last:
            _check_tail(seg, text, m.end() + 1)
        append(Cue(start, end, _cue_text(seg, i < last)))
    return cues


def _check_broken(seg: str, offset: int, text: str) -> None:
    """A mistyped timing line between cues is an error: read as text it would swallow the next cue."""
    m = _BROKEN_TIMING_RE.search(seg)
    if m:
        found = m.group(0).strip()[:60]
        raise ParseError(
            f"malformed timing line {found!r}; expected a timing line like '{EXAMPLE}'",
            line=line_of(text, offset + m.start()),
            format="srt",
            code="parse.malformed_timing",
            params={"found": found, "example": EXAMPLE},
        )


_TRUNCATED_RE = re.compile(r"\n[ \t]*\n[ \t]*\d+[ \t]*\n[ \t]*\d+:")


def _check_tail(seg: str, text: str, offset: int) -> None:
    """A cue number followed by a broken timing line after the last cue means a truncated file."""
    m = _TRUNCATED_RE.search(seg)
    if m:
        line = line_of(text, offset + m.end())
        raise ParseError(
            f"expected a complete timing line like '{EXAMPLE}' (the file may be truncated)",
            line=line,
            format="srt",
            code="parse.truncated",
            params={"example": EXAMPLE},
        )


def _parse_regular(text: str) -> list[Cue] | None:
    """Fast path for well-formed files (number, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, text, blank line).

    Returns ``None`` at the first irregularity; the general reader then handles the file (and reports
    errors with line numbers).
    """
    cues: list[Cue] = []
    append = cues.append
    body = text.strip("\n")
    if not body:
        return None
    for block in body.split("\n\n"):
        parts = block.split("\n", 2)
        if len(parts) < 2:
            return None
        t = parts[1]
        if len(t) != 29 or t[12:17] != " --> " or not parts[0].isdigit():
            return None
        if (
            t[2] != ":"
            or t[5] != ":"
            or t[19] != ":"
            or t[22] != ":"
            or t[8] not in ",."
            or t[25] not in ",."
        ):
            return None
        try:
            m1, s1, m2, s2 = int(t[3:5]), int(t[6:8]), int(t[20:22]), int(t[23:25])
            if m1 > 59 or s1 > 59 or m2 > 59 or s2 > 59:
                return None
            start = int(t[0:2]) * 3_600_000 + m1 * 60_000 + s1 * 1000 + int(t[9:12])
            end = int(t[17:19]) * 3_600_000 + m2 * 60_000 + s2 * 1000 + int(t[26:29])
        except ValueError:
            return None
        cue_text = parts[2] if len(parts) == 3 else ""
        if cue_text and (cue_text[0] in " \t\n" or cue_text[-1] in "\t\n" or "\n " in cue_text):
            return None
        # A timing line inside the text (a missing blank line) or a mistyped one: the general reader
        # splits or reports it.
        if ("-->" in cue_text or ":" in cue_text) and _BROKEN_TIMING_RE.search(cue_text):
            return None
        append(Cue(start, end, cue_text))
    return cues


def _cue_text(seg: str, has_next: bool) -> str:
    """Cue text from the segment after a timing line, without the next cue's number.

    A line holding only a number is the next cue's number when the next timing line follows it directly;
    otherwise it is text (a cue that says "2020" in a file without cue numbers).
    """
    lines = seg.split("\n")
    # The segment ends where the next timing line starts, so its last element is the empty rest of the
    # line before it, and lines[-2] is the line just above the timing line.
    if has_next and len(lines) >= 2 and lines[-2].strip().isascii() and lines[-2].strip().isdigit():
        del lines[-2]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)


def read(text: str, **_: object) -> Document:
    """Read an SRT document."""
    return Document(cues=parse(text), format="srt")


def write(doc: Document, **_: object) -> str:
    """Write SRT (neutral markup is SRT markup; unknown tags are kept, voice spans keep only their text)."""
    out = []
    for n, cue in enumerate(doc.cues, 1):
        text = drop_blank_lines(strip_voices(cue.text))
        out.append(f"{n}\n{ms_to_clock(cue.start_ms)} --> {ms_to_clock(cue.end_ms)}\n{text}\n")
    return "\n".join(out)
