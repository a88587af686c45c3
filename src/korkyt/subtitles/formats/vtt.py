"""WebVTT: reader and writer.

Voice spans (``<v Name>``) become :attr:`Cue.speaker` when the cue has one voice; a cue with several
voices keeps them as voice spans in its text (``<v Mary>Hi</v>\\n<v Bob>Hello</v>``, classes dropped, a
voice left open ending where the next begins), written back as they are. ``<i> <b> <u>`` are kept; class
spans, language spans, ruby and inline timestamps are dropped (their text is kept). A ``line:`` cue
setting that puts the cue in the top or middle third becomes a position tag (``{\\an8}``, ``{\\an5}``;
with ``align:`` left or right, ``{\\an7}`` ...), and a position tag is written as ``line:`` and ``align:``
settings. Other settings, regions and style blocks are not carried over.
"""

from __future__ import annotations

import html
import re

from ..errors import ParseError
from ..markup import KNOWN_TAGS, TAG_RE, VOICE_RE, position, strip_voices, to_vtt, voice_tag, with_position
from ..model import Cue, Document
from ._common import check_time, drop_blank_lines, fraction_ms, line_of, ms_to_clock, normalise_newlines

_TS = r"(?:(\d{1,9}):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
TIMING_RE = re.compile(r"^[ \t]*" + _TS + r"[ \t]+-->[ \t]+" + _TS + r"(?:[ \t]([^\n]*))?$")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_TIMESTAMP_TAG = re.compile(r"<\d[\d:.]*>")


def _ms(h: str | None, m: str, s: str, f: str, text: str, pos: int) -> int:
    mi, si = int(m), int(s)
    if mi > 59 or si > 59:
        raise ParseError(
            f"invalid time {m}:{s}: minutes and seconds must be below 60",
            line=line_of(text, pos),
            format="vtt",
            code="parse.time_over_60",
            params={"time": f"{m}:{s}"},
        )
    return check_time(int(h or 0) * 3_600_000 + mi * 60_000 + si * 1000 + fraction_ms(f), text, pos, "vtt")


def cue_text(raw: str) -> tuple[str, str | None]:
    """WebVTT cue payload to ``(neutral text, speaker)``: one voice is the speaker, several stay spans."""
    if "<" not in raw:
        return (html.unescape(raw) if "&" in raw else raw), None
    raw = _TIMESTAMP_TAG.sub("", raw)
    parts: list[str] = []
    names: list[str] = []
    current: str | None = None
    pos = 0
    for m in TAG_RE.finditer(raw):
        parts.append(raw[pos : m.start()])
        pos = m.end()
        name = m.group(2).lower()
        if name in KNOWN_TAGS:
            parts.append(f"<{m.group(1)}{name}>")
        elif name == "v" or name.startswith("v."):
            if current is not None:  # a voice ends at its closing tag or where the next one begins
                parts.append("</v>")
                current = None
            words = m.group(0)[1:-1].split(None, 1)
            if not m.group(1) and len(words) == 2 and words[1].strip():
                current = " ".join(words[1].replace("<", "").replace(">", "").split())
                names.append(current)
                parts.append(voice_tag(current))
    parts.append(raw[pos:])
    if current is not None:
        parts.append("</v>")
    text = "".join(parts)
    voices = list(dict.fromkeys(names))
    speaker = voices[0] if len(voices) == 1 else None
    if len(voices) < 2:
        text = strip_voices(text)
    return (html.unescape(text) if "&" in text else text), speaker


def parse(text: str) -> list[Cue]:
    """Parse WebVTT text into cues."""
    text = normalise_newlines(text)
    if not text.startswith("WEBVTT") or (len(text) > 6 and text[6] not in " \t\n"):
        raise ParseError("the first line must be 'WEBVTT'", line=1, format="vtt", code="parse.vtt_header")
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
            seen = lines[bad][:40]
            raise ParseError(
                f"expected a cue timing line like '00:01.000 --> 00:02.500', found {seen!r}",
                line=line_of(text, start_off) + bad,
                format="vtt",
                code="parse.expected_timing",
                params={"found": seen, "example": "00:01.000 --> 00:02.500"},
            )
        m = TIMING_RE.match(lines[timing_idx])
        if not m:
            seen = lines[timing_idx][:60]
            raise ParseError(
                f"malformed cue timing {seen!r}; expected 'HH:MM:SS.mmm --> HH:MM:SS.mmm'",
                line=line_of(text, start_off) + timing_idx,
                format="vtt",
                code="parse.malformed_timing",
                params={"found": seen, "example": "HH:MM:SS.mmm --> HH:MM:SS.mmm"},
            )
        g = m.groups()
        start = _ms(g[0], g[1], g[2], g[3], text, start_off)
        end = _ms(g[4], g[5], g[6], g[7], text, start_off)
        body, speaker = cue_text("\n".join(lines[timing_idx + 1 :]))
        where = settings_position(g[8])
        cues.append(Cue(start, end, with_position(body, where) if where else body, speaker))
    return cues


def settings_position(settings: str | None) -> int | None:
    """The position tag number (numpad layout) for cue settings that move the cue up, else ``None``.

    Only a cue with a ``line:`` setting is placed: a line number from the top (0, 1 ...) or a percentage
    in the top third is the top row, a percentage in the middle third the middle row, negative line
    numbers (from the bottom) and lower percentages the bottom row; ``align:`` left/start or right/end
    then chooses the column. Bottom centre is the default and gives ``None``.
    """
    if not settings or "line:" not in settings:
        return None
    values = dict(part.split(":", 1) for part in settings.split() if ":" in part)
    value = values.get("line", "").split(",", 1)[0].strip()
    try:
        if value.endswith("%"):
            percent = float(value[:-1])
            row = 0 if percent < 100 / 3 else 1 if percent < 200 / 3 else 2
        else:
            row = 0 if int(value) >= 0 else 2
    except ValueError:
        return None
    align = values.get("align", "")
    column = 0 if align in ("left", "start") else 2 if align in ("right", "end") else 1
    pos = (7, 4, 1)[row] + column
    return None if pos == 2 else pos


_ROW_SETTING = {0: "line:0", 1: "line:50%,center", 2: "line:-1"}
_COLUMN_SETTING = {0: "align:left", 2: "align:right"}


def position_settings(pos: int | None) -> str:
    """Cue settings for a position tag number (numpad layout); empty for the default bottom centre."""
    if not pos or pos == 2:
        return ""
    row, column = 2 - (pos - 1) // 3, (pos - 1) % 3
    parts = [_ROW_SETTING.get(row, ""), _COLUMN_SETTING.get(column, "")]
    return " ".join(p for p in parts if p)


def read(text: str, **_: object) -> Document:
    """Read a WebVTT document."""
    return Document(cues=parse(text), format="vtt")


def write(doc: Document, **_: object) -> str:
    """Write WebVTT; the speaker becomes a voice span."""
    out = ["WEBVTT\n"]
    for cue in doc.cues:
        body = to_vtt(drop_blank_lines(cue.text))
        if cue.speaker and not VOICE_RE.search(cue.text):
            body = f"<v {cue.speaker.replace('>', '')}>{body}"
        settings = position_settings(position(cue.text))
        timing = f"{ms_to_clock(cue.start_ms, '.')} --> {ms_to_clock(cue.end_ms, '.')}"
        out.append(f"{timing} {settings}\n{body}\n" if settings else f"{timing}\n{body}\n")
    return "\n".join(out)
