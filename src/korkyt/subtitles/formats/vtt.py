"""WebVTT: reader and writer.

Voice spans (``<v Name>``) become :attr:`Cue.speaker`; ``<i> <b> <u>`` are kept; class spans, language
spans, ruby and inline timestamps are dropped (their text is kept); cue settings, regions and style
blocks are not carried over.
"""

from __future__ import annotations

import html
import re

from ..errors import ParseError
from ..markup import KNOWN_TAGS, TAG_RE, to_vtt
from ..model import Cue, Document
from ._common import check_time, drop_blank_lines, fraction_ms, line_of, ms_to_clock, normalise_newlines

_TS = r"(?:(\d{1,9}):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
TIMING_RE = re.compile(r"^[ \t]*" + _TS + r"[ \t]+-->[ \t]+" + _TS + r"(?:[ \t][^\n]*)?$")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TIMESTAMP_TAG = re.compile(r"<\d[\d:.]*>")


def _ms(h: str | None, m: str, s: str, f: str, text: str, pos: int) -> int:
    mi, si = int(m), int(s)
    if mi > 59 or si > 59:
        raise ParseError(
            f"invalid time {m}:{s}: minutes and seconds must be below 60",
            line=line_of(text, pos),
            format="vtt",
        )
    return check_time(int(h or 0) * 3_600_000 + mi * 60_000 + si * 1000 + fraction_ms(f), text, pos, "vtt")


def cue_text(raw: str) -> tuple[str, str | None]:
    """WebVTT cue payload to ``(neutral text, speaker)``."""
    speaker = None
    if "<" not in raw:
        return (html.unescape(raw) if "&" in raw else raw), None
    vm = _VOICE_RE.search(raw)
    if vm:
        speaker = vm.group(1).strip() or None
    raw = _TIMESTAMP_TAG.sub("", raw)

    def tag(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        return f"<{m.group(1)}{name}>" if name in KNOWN_TAGS else ""

    text = TAG_RE.sub(tag, raw)
    return (html.unescape(text) if "&" in text else text), speaker


def parse(text: str) -> list[Cue]:
    """Parse WebVTT text into cues."""
    text = normalise_newlines(text)
    if not text.startswith("WEBVTT") or (len(text) > 6 and text[6] not in " \t\n"):
        raise ParseError("the first line must be 'WEBVTT'", line=1, format="vtt")
    cues: list[Cue] = []
    blocks = _BLOCK_SPLIT.split(text)
    pos = 0
    for n, block in enumerate(blocks):
        found = text.find(block, pos) if block else pos
        start_off = found if found >= 0 else pos
        pos = start_off + len(block)
        if n == 0:
            continue  # the header block (WEBVTT line and header metadata)
        stripped = block.strip("\n")
        start_off += len(block) - len(block.lstrip("\n"))
        if not stripped.strip():
            continue
        lines = stripped.split("\n")
        first = lines[0].lstrip()
        if first.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in first:
            continue
        if "-->" in lines[0]:
            timing_idx = 0
        elif len(lines) > 1 and "-->" in lines[1]:
            timing_idx = 1
        else:
            bad = 1 if len(lines) > 1 else 0  # after a cue identifier, the timing line is the second
            raise ParseError(
                f"expected a cue timing line like '00:01.000 --> 00:02.500', found {lines[bad][:40]!r}",
                line=line_of(text, start_off) + bad,
                format="vtt",
            )
        m = TIMING_RE.match(lines[timing_idx])
        if not m:
            raise ParseError(
                f"malformed cue timing {lines[timing_idx][:60]!r}; expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm'",
                line=line_of(text, start_off) + timing_idx,
                format="vtt",
            )
        g = m.groups()
        start = _ms(g[0], g[1], g[2], g[3], text, start_off)
        end = _ms(g[4], g[5], g[6], g[7], text, start_off)
        body, speaker = cue_text("\n".join(lines[timing_idx + 1 :]))
        cues.append(Cue(start, end, body, speaker))
    return cues


def read(text: str, **_: object) -> Document:
    """Read a WebVTT document."""
    return Document(cues=parse(text), format="vtt")


def write(doc: Document, **_: object) -> str:
    """Write WebVTT; the speaker becomes a voice span."""
    out = ["WEBVTT\n"]
    for cue in doc.cues:
        body = to_vtt(drop_blank_lines(cue.text))
        if cue.speaker:
            body = f"<v {cue.speaker.replace('>', '')}>{body}"
        out.append(f"{ms_to_clock(cue.start_ms, '.')} --> {ms_to_clock(cue.end_ms, '.')}\n{body}\n")
    return "\n".join(out)
