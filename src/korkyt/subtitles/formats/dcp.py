"""DCP subtitle XML: Interop CineCanvas and SMPTE ST 428-7, for festival projection.

Writing: one reel, one font, each cue a ``<Subtitle>`` whose lines are ``<Text>`` elements stacked from the
bottom of the screen; italic, bold and underline become ``<Font Italic="yes">``, ``Weight="bold"``,
``Underlined="yes"`` (Interop) / ``Underline="yes"`` (SMPTE). Interop times are ``HH:MM:SS:ttt`` in 4 ms
ticks; SMPTE times are ``HH:MM:SS:FF`` in frames of the edit rate (24 unless the document or caller gives
another whole rate).
A position tag at the top (``{\\an7}`` ``{\\an8}`` ``{\\an9}``) stacks the lines from the top of the screen
instead; left and right columns become ``HAlign``; the middle row is written at the bottom (DCP places text
from an edge). Reading turns ``VAlign`` top/center and ``HAlign`` left/right back into a position tag.
Reading accepts both flavours so a delivered DCP subtitle file can be checked like any other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
import xml.etree.ElementTree as ET

from ..errors import ParseError, SubtitleError
from ..markup import escape_xml, from_runs, position, runs, with_position
from ..model import MAX_TIME_MS, Cue, Document
from ._xml import attr, local, parse_xml

SMPTE_NS = "http://www.smpte-ra.org/schemas/428-7/2010/DCST"
LINE_SPACING = 8.0  # percent of screen height between stacked lines
BOTTOM = 8.0  # VPosition of the lowest line, percent from the bottom


def _rate(doc: Document, fps: float | None) -> int:
    value = fps or doc.fps or 24
    rate = round(value)
    if rate <= 0 or abs(rate - value) > 1e-6:
        raise SubtitleError(
            f"DCP needs a whole frame rate (24, 25, 30, 48 ...), got {value:g}; convert the timing first "
            "(korkyt subs fps) or give fps=24"
        )
    return rate


def _interop_time(ms: int) -> str:
    ms = max(ms, 0)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, milli = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}:{min(round(milli / 4), 249):03d}"


def _smpte_time(ms: int, rate: int) -> str:
    frames_total = round(max(ms, 0) * rate / 1000)
    secs, frames = divmod(frames_total, rate)
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}:{frames:02d}"


def _text_lines(cue: Cue, smpte: bool) -> list[str]:
    lines = [line for line in runs(cue.text) if any(chunk.strip() for chunk, _ in line)]
    out = []
    n = len(lines)
    pos = position(cue.text) or 2
    top = pos >= 7
    column = (pos - 1) % 3
    valign = "top" if top else "bottom"
    halign = ("left", "center", "right")[column]
    hpos = "10" if column != 1 else "0"
    for k, line in enumerate(lines):
        vpos = BOTTOM + (k if top else n - 1 - k) * LINE_SPACING
        parts = []
        for chunk, st in line:
            esc = escape_xml(chunk)
            attrs = []
            if "i" in st:
                attrs.append('Italic="yes"')
            if "b" in st:
                attrs.append('Weight="bold"')
            if "u" in st:
                # The two flavours spell this attribute differently.
                attrs.append('Underline="yes"' if smpte else 'Underlined="yes"')
            parts.append(f"<Font {' '.join(attrs)}>{esc}</Font>" if attrs else esc)
        body = "".join(parts)
        if smpte:
            hattr = f' Hposition="{hpos}"' if column != 1 else ""
            out.append(
                f'<Text Valign="{valign}" Vposition="{vpos:g}" Halign="{halign}"{hattr} Direction="ltr">'
                f"{body}</Text>"
            )
        else:
            hattr = f' HPosition="{hpos}.0"' if column != 1 else ""
            out.append(
                f'<Text VAlign="{valign}" VPosition="{vpos:.1f}" HAlign="{halign}"{hattr}>{body}</Text>'
            )
    return out


def _ids(doc: Document) -> tuple[str, str]:
    digest = hashlib.sha256()
    for cue in doc.cues:
        digest.update(f"{cue.start_ms}|{cue.end_ms}|{cue.text}\x00".encode())
    base = uuid.UUID(bytes=digest.digest()[:16], version=4)
    font = uuid.uuid5(base, "font")
    return str(base), str(font)


def write(
    doc: Document,
    *,
    format: str,
    fps: float | None = None,
    title: str | None = None,
    language: str | None = None,
    issue_date: dt.datetime | None = None,
    font_size: int = 42,
    **_: object,
) -> str:
    """Write ``dcp-interop`` or ``dcp-smpte`` XML."""
    smpte = format == "dcp-smpte"
    sub_id, font_id = _ids(doc)
    name = escape_xml(title or doc.title or "Untitled")
    lang = escape_xml(language or doc.language or "und")
    font_attrs = f'Color="FFFFFFFF" Effect="border" EffectColor="FF000000" Size="{font_size}"'
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if smpte:
        rate = _rate(doc, fps)
        issued = (issue_date or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
        out += [
            f'<SubtitleReel xmlns="{SMPTE_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">',
            f"  <Id>urn:uuid:{sub_id}</Id>",
            f"  <ContentTitleText>{name}</ContentTitleText>",
            f"  <IssueDate>{issued}</IssueDate>",
            "  <ReelNumber>1</ReelNumber>",
            f"  <Language>{lang}</Language>",
            f"  <EditRate>{rate} 1</EditRate>",
            f"  <TimeCodeRate>{rate}</TimeCodeRate>",
            "  <StartTime>00:00:00:00</StartTime>",
            f'  <LoadFont ID="Font1">urn:uuid:{font_id}</LoadFont>',
            "  <SubtitleList>",
            f'    <Font ID="Font1" {font_attrs} Weight="normal">',
        ]
        for n, cue in enumerate(doc.cues, 1):
            out.append(
                f'      <Subtitle SpotNumber="{n}" TimeIn="{_smpte_time(cue.start_ms, rate)}" '
                f'TimeOut="{_smpte_time(cue.end_ms, rate)}" '
                'FadeUpTime="00:00:00:00" FadeDownTime="00:00:00:00">'
            )
            out += ["        " + t for t in _text_lines(cue, True)]
            out.append("      </Subtitle>")
        out += ["    </Font>", "  </SubtitleList>", "</SubtitleReel>", ""]
    else:
        out += [
            '<DCSubtitle Version="1.0">',
            f"  <SubtitleID>{sub_id}</SubtitleID>",
            f"  <MovieTitle>{name}</MovieTitle>",
            "  <ReelNumber>1</ReelNumber>",
            f"  <Language>{lang}</Language>",
            '  <LoadFont Id="Font1" URI="font.ttf"/>',
            f'  <Font Id="Font1" {font_attrs}>',
        ]
        for n, cue in enumerate(doc.cues, 1):
            out.append(
                f'    <Subtitle SpotNumber="{n}" TimeIn="{_interop_time(cue.start_ms)}" '
                f'TimeOut="{_interop_time(cue.end_ms)}" FadeUpTime="20" FadeDownTime="20">'
            )
            out += ["      " + t for t in _text_lines(cue, False)]
            out.append("    </Subtitle>")
        out += ["  </Font>", "</DCSubtitle>", ""]
    return "\n".join(out)


def _parse_time(value: str | None, smpte: bool, rate: int) -> int:
    if not value:
        raise ParseError("a <Subtitle> lacks TimeIn or TimeOut", format="dcp", code="dcp.no_time")
    try:
        if "." in value:  # HH:MM:SS.sss
            h, m, s = value.split(":")
            ms = round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)
        else:
            h, m, s, f = value.split(":")
            base = (int(h) * 3600 + int(m) * 60 + int(s)) * 1000
            ms = base + (round(int(f) * 1000 / rate) if smpte else int(f) * 4)
    except ValueError as exc:
        raise ParseError(
            f"time {value[:30]!r} not understood; expected HH:MM:SS:FF",
            format="dcp",
            code="dcp.time_not_understood",
            params={"time": value[:30]},
        ) from exc
    except ArithmeticError as exc:  # seconds such as 1e999 (infinity), frames past a float's range
        raise _out_of_range(value) from exc
    if ms > MAX_TIME_MS or ms < 0:
        raise _out_of_range(value)
    return ms


def _out_of_range(value: str) -> ParseError:
    return ParseError(
        f"time {value[:30]!r} is out of range",
        format="dcp",
        code="dcp.time_out_of_range",
        params={"time": value[:30]},
    )


def read(text: str, **_: object) -> Document:
    """Read Interop or SMPTE DCP subtitle XML."""
    root = parse_xml(text, "dcp")
    kind = local(root.tag)
    if kind not in ("DCSubtitle", "SubtitleReel"):
        raise ParseError(
            f"root element <{kind}> is neither <DCSubtitle> nor <SubtitleReel>",
            format="dcp",
            code="dcp.not_dcp",
            params={"root": kind[:40]},
        )
    smpte = kind == "SubtitleReel"
    rate = 24
    if smpte:
        tcr = next((el.text for el in root if local(el.tag) == "TimeCodeRate"), None)
        try:
            rate = int(tcr or 24)
        except ValueError as exc:
            raise ParseError(
                f"TimeCodeRate {tcr!r} is not a whole number",
                format="dcp",
                code="dcp.bad_rate",
                params={"rate": (tcr or "")[:40]},
            ) from exc
        if not 0 < rate <= 1000:
            raise ParseError(
                "TimeCodeRate must be a positive frame rate of at most 1000",
                format="dcp",
                code="dcp.rate_out_of_range",
            )
    title = next((el.text for el in root if local(el.tag) in ("MovieTitle", "ContentTitleText")), None)
    language = next((el.text for el in root if local(el.tag) == "Language"), None)
    cues: list[Cue] = []

    def walk(el: ET.Element, styles: frozenset[str]) -> None:
        for child in el:
            name = local(child.tag)
            if name == "Font":
                walk(child, styles | _font_styles(child))
            elif name == "Subtitle":
                start = _parse_time(attr(child, "TimeIn"), smpte, rate)
                end = _parse_time(attr(child, "TimeOut"), smpte, rate)
                lines = []
                texts = [t for t in child.iter() if local(t.tag) == "Text"]
                for t in texts:
                    line: list[tuple[str, frozenset[str]]] = []
                    _text_runs(t, styles, line)
                    lines.append(line)
                text = from_runs(lines)
                pos = _position(texts[0]) if texts else None
                cues.append(Cue(start, end, with_position(text, pos) if pos else text))
            elif name == "SubtitleList":
                walk(child, styles)

    walk(root, frozenset())
    return Document(
        cues=cues,
        format="dcp-smpte" if smpte else "dcp-interop",
        fps=float(rate) if smpte else None,
        title=title,
        language=language,
    )


def _position(text: ET.Element) -> int | None:
    """Position tag number for a ``<Text>`` placed at the top or centre, or to the left or right."""
    valign = (attr(text, "VAlign") or attr(text, "Valign") or "bottom").lower()
    halign = (attr(text, "HAlign") or attr(text, "Halign") or "center").lower()
    row = {"top": 7, "center": 4}.get(valign, 1)
    pos = row + {"left": 0, "right": 2}.get(halign, 1)
    return None if pos == 2 else pos


def _font_styles(el: ET.Element) -> frozenset[str]:
    out = set()
    if (attr(el, "Italic") or "").lower() == "yes":
        out.add("i")
    if (attr(el, "Weight") or "").lower() == "bold":
        out.add("b")
    if (attr(el, "Underlined") or attr(el, "Underline") or "").lower() == "yes":
        out.add("u")
    return frozenset(out)


def _text_runs(el: ET.Element, styles: frozenset[str], line: list[tuple[str, frozenset[str]]]) -> None:
    if el.text:
        line.append((el.text.strip("\n"), styles))
    for child in el:
        if local(child.tag) == "Font":
            _text_runs(child, styles | _font_styles(child), line)
        if child.tail:
            line.append((child.tail.strip("\n"), styles))
