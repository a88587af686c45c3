"""TTML / IMSC 1 text profile: reader and writer.

Reading follows TTML time containment: ``begin`` and ``end`` count from the parent's begin (``dur`` from
the element's own), an element without an end lasts as long as its parent and never outlasts it, and the
children of a ``timeContainer="seq"`` element follow one another. So a paragraph may be timed by its
``div`` or ``body``; a paragraph with timed ``span`` elements becomes one cue per stretch of time in which
it shows the same text (an untimed paragraph spans its timed spans). Text that cannot be placed in time
(no end anywhere) is a ParseError naming the element and its line, never dropped. Clock times
(``00:00:01.500``, ``00:00:01:12`` frames), offset times (``1.5s``, ``1500ms``, ``36f``, ``90000t``),
``<br/>``, and italic/bold/underline given inline or through referenced styles are read.
``ttm:agent`` is read as the speaker id and not written. A paragraph's region and text alignment become a
position tag (``{\\an8}`` for a region at the top, see :mod:`._ttml_layout`), and a position tag is written
as a top or middle region and a text alignment; other layout is not carried over.
"""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from ..errors import ParseError
from ..markup import escape_xml, position, runs, strip_tags, with_position
from ..model import MAX_TIME_MS, Cue, Document
from ._common import ms_to_clock
from ._ttml_layout import REGIONS, Layout, column, inherited, numpad, p_attributes, placement
from ._xml import attr, element_line, local, parse_xml

TT_NS = "http://www.w3.org/ns/ttml"
_CLOCK_RE = re.compile(r"^(\d+):(\d{2}):(\d{2})(?:\.(\d+)|:(\d+)(?:\.\d+)?)?$")
_OFFSET_RE = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|f|t)$")
_WS_RE = re.compile(r"[ \t\r\n]+")
#: The highest declared frame rate kept as the document's (high-frame-rate video goes up to 240 fps).
MAX_DECLARED_FPS = 300


def _rate(value: str, name: str) -> float:
    """A rate attribute of ``<tt>``: a finite positive number, else a ParseError naming the attribute."""
    try:
        rate = float(value)
    except ValueError:
        rate = math.nan
    if not math.isfinite(rate) or rate <= 0:
        raise ParseError(
            f"ttp:{name} {value[:40]!r} is not a finite positive number",
            format="ttml",
            code="ttml.bad_rate",
            params={"attribute": f"ttp:{name}", "value": value[:40]},
        )
    return rate


class _Timebase:
    def __init__(self, root: ET.Element) -> None:
        fr = attr(root, "frameRate")
        mult = attr(root, "frameRateMultiplier")
        tick = attr(root, "tickRate")
        self.fps = _rate(fr, "frameRate") if fr else 30.0
        if mult:
            parts = mult.split()
            if len(parts) != 2:
                raise ParseError(
                    f"ttp:frameRateMultiplier {mult[:40]!r} is not two numbers such as '1000 1001'",
                    format="ttml",
                    code="ttml.bad_multiplier",
                    params={"value": mult[:40]},
                )
            num, den = (_rate(part, "frameRateMultiplier") for part in parts)
            self.fps = self.fps * num / den
            if not math.isfinite(self.fps) or self.fps <= 0:
                raise ParseError(
                    f"ttp:frameRateMultiplier {mult[:40]!r} gives no usable frame rate",
                    format="ttml",
                    code="ttml.unusable_multiplier",
                    params={"value": mult[:40]},
                )
        self.tick_rate = _rate(tick, "tickRate") if tick else (self.fps if fr else 1.0)
        #: the frame rate the document declares (ttp:frameRate × multiplier), kept on the Document when it is
        #: one a video may have (1–300 fps): a number outside is only used to read the document's frame times
        self.declared_fps: float | None = self.fps if fr and 1 <= self.fps <= MAX_DECLARED_FPS else None

    def ms(self, value: str) -> int:
        value = value.strip()
        try:
            return self._ms(value)
        except (ValueError, ArithmeticError) as exc:  # thousands of digits, or a float past its range
            raise ParseError(
                f"time {value[:40]!r} is beyond the supported maximum 99:59:59.999",
                format="ttml",
                code="parse.time_beyond_max",
                params={"time": value[:40]},
            ) from exc

    def _ms(self, value: str) -> int:
        m = _CLOCK_RE.match(value)
        if m:
            h, mi, s, frac, frames = m.groups()
            total = int(h) * 3600 + int(mi) * 60 + int(s)
            if frac:
                total_ms = total * 1000 + int(frac.ljust(3, "0")[:3])
            elif frames:
                total_ms = total * 1000 + round(int(frames) * 1000 / self.fps)
            else:
                total_ms = total * 1000
            return self._limit(total_ms, value)
        m = _OFFSET_RE.match(value)
        if m:
            n = float(m.group(1))
            unit = m.group(2)
            factor = {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1}.get(unit)
            if factor is not None:
                result = n * factor
            elif unit == "f":
                result = n * 1000 / self.fps
            else:
                result = n * 1000 / self.tick_rate
            if result > MAX_TIME_MS:
                return self._limit(MAX_TIME_MS + 1, value)
            return self._limit(round(result), value)
        raise ParseError(
            f"time expression {value[:40]!r} not understood; expected e.g. '00:00:01.500', '1.5s' or '36f'",
            format="ttml",
            code="ttml.time_not_understood",
            params={"time": value[:40]},
        )

    @staticmethod
    def _limit(ms: int, value: str) -> int:
        if ms > MAX_TIME_MS:
            raise ParseError(
                f"time {value[:40]!r} is beyond the supported maximum 99:59:59.999",
                format="ttml",
                code="parse.time_beyond_max",
                params={"time": value[:40]},
            )
        return ms


def _style_set(el: ET.Element) -> set[str]:
    out = set()
    if (attr(el, "fontStyle") or "").lower() in ("italic", "oblique"):
        out.add("i")
    if (attr(el, "fontWeight") or "").lower() == "bold":
        out.add("b")
    if "underline" in (attr(el, "textDecoration") or "").lower():
        out.add("u")
    return out


def read(text: str, **_: object) -> Document:
    """Read a TTML document; any number it cannot use (a value past every range) is a ParseError."""
    try:
        return _read(text)
    except (ValueError, ArithmeticError) as exc:
        raise ParseError(
            f"a number in the document cannot be used: {exc}", format="ttml", code="parse.bad_number"
        ) from exc


def _read(text: str) -> Document:
    root = parse_xml(text, "ttml")
    if local(root.tag) != "tt":
        raise ParseError(
            f"the root element is <{local(root.tag)}>, expected <tt>",
            format="ttml",
            code="ttml.not_tt",
            params={"root": local(root.tag)[:40]},
        )
    tb = _Timebase(root)
    styles: dict[str, set[str]] = {}
    for el in root.iter():
        if local(el.tag) == "style":
            sid = attr(el, "id")
            if sid:
                styles[sid] = _style_set(el)

    def el_styles(el: ET.Element) -> set[str]:
        out = _style_set(el)
        for ref in (attr(el, "style") or "").split():
            out |= styles.get(ref, set())
        return out

    body = next((el for el in root if local(el.tag) == "body"), None)
    cues: list[Cue] = []
    if body is None:
        return Document(cues=cues, format="ttml", language=attr(root, "lang"), fps=tb.declared_fps)
    layout = Layout(root)
    place = inherited(layout)
    budget = [_SEGMENT_BUDGET]

    def walk(
        el: ET.Element,
        base: int,
        parent_end: int | None,
        inherited: set[str],
        where: tuple[str | None, str | None],
    ) -> int | None:
        """Read ``el``, timed from ``base`` and clipped at ``parent_end``; return its end (for ``seq``)."""
        timed = _interval(el, base, parent_end, tb)
        if timed is None:  # starts after its parent has ended: never shown
            return parent_end
        begin, end = timed
        st = inherited | el_styles(el)
        where = place(el, where)
        if local(el.tag) == "p":
            pos = numpad(layout.row(where[0]), column(where[1]))
            for start, stop, shown in _paragraph(el, begin, end, frozenset(st), el_styles, tb, budget):
                cues.append(Cue(start, stop, with_position(shown, pos) if pos else shown, attr(el, "agent")))
            return end
        seq = (attr(el, "timeContainer") or "").strip() == "seq"
        child_base: int | None = begin
        for child in el:
            if not isinstance(child.tag, str) or local(child.tag) in ("metadata", "set"):
                continue
            if child_base is None:  # after a child of a seq container that never ends
                if _has_text(child):
                    raise ParseError(
                        f'{_describe(child)} follows, in a sequence (timeContainer="seq"), an element '
                        "that never ends, so it is never shown; give that element an end or dur",
                        line=element_line(text, root, child),
                        format="ttml",
                        code="ttml.never_shown",
                        params={"element": _describe(child)},
                    )
                continue
            child_end = walk(child, child_base if seq else begin, end, st, where)
            if seq:
                child_base = child_end
        return end

    def reject(el: ET.Element, why: str, code: str) -> NoReturn:
        raise ParseError(
            f"{_describe(el)} {why}",
            line=element_line(text, root, el),
            format="ttml",
            code=code,
            params={"element": _describe(el)},
        )

    def _paragraph(
        p: ET.Element,
        begin: int,
        end: int | None,
        styles: frozenset[str],
        el_styles: Callable[[ET.Element], set[str]],
        tb: _Timebase,
        budget: list[int],
    ) -> list[tuple[int, int, str]]:
        """The cues of one paragraph: one, or one per stretch of time in which its timed spans show the
        same text."""
        pieces: list[_Piece] = []
        _collect(p, styles, pieces, el_styles, tb, begin, end, skip_self=True)
        visible = [pc for pc in pieces if pc.text.strip() and pc.text != "\n"]
        if not visible:
            return []
        timed = [pc.interval for pc in visible if pc.interval is not None]
        if not timed:
            if end is None:
                reject(p, _NO_END, "ttml.no_end")
            return [(begin, end, _neutral([(pc.text, pc.styles) for pc in pieces]))]
        if end is None:
            # The paragraph itself never ends: its timed spans give its time (their union).
            ends = [e for _, e in timed]
            if any(e is None for e in ends):
                reject(p, _NO_END, "ttml.no_end")
            begin = min(b for b, _ in timed)
            end = max(e for e in ends if e is not None)
        points = sorted(
            {begin, end} | {t for b, e in timed for t in (b, e) if t is not None and begin < t < end}
        )
        budget[0] -= len(points) * len(pieces)
        if budget[0] < 0:
            reject(
                p,
                "holds more timed spans than can be read (the document is too large to place them)",
                "ttml.too_many_spans",
            )
        out: list[tuple[int, int, str]] = []
        for start, stop in itertools.pairwise(points):
            shown = [
                (pc.text, pc.styles)
                for pc in pieces
                if pc.interval is None
                or (pc.interval[0] <= start and (pc.interval[1] is None or pc.interval[1] >= stop))
            ]
            cue_text = "\n".join(line for line in _neutral(shown).split("\n") if strip_tags(line).strip())
            if not cue_text:
                continue
            if out and out[-1][1] == start and out[-1][2] == cue_text:
                out[-1] = (out[-1][0], stop, cue_text)
            else:
                out.append((start, stop, cue_text))
        return out

    walk(body, 0, None, set(), (None, None))
    return Document(cues=cues, format="ttml", language=attr(root, "lang"), fps=tb.declared_fps)


_NO_END = (
    "has no end (no end or dur on it, on its timed spans or on the div or body around it), so it cannot "
    "be placed in time; give it begin and end, or dur"
)
#: Pieces of text visited while splitting paragraphs at the times of their spans (hostile documents).
_SEGMENT_BUDGET = 2_000_000


def _interval(
    el: ET.Element, base: int, parent_end: int | None, tb: _Timebase
) -> tuple[int, int | None] | None:
    """When an element shows, in the default parallel time containment: ``begin`` and ``end`` count from
    ``base`` (its parent's begin), ``dur`` from its own begin; without an end it lasts as long as its
    parent, and it never outlasts it. ``None`` when it would start after its parent has ended."""
    b, e, d = attr(el, "begin"), attr(el, "end"), attr(el, "dur")
    begin = base + tb.ms(b) if b else base
    ends = []
    if e:
        ends.append(base + tb.ms(e))
    if d:
        ends.append(begin + tb.ms(d))
    end = min(ends) if ends else None
    if parent_end is not None:
        if begin >= parent_end:
            return None
        end = parent_end if end is None else min(end, parent_end)
    return begin, end


@dataclass(slots=True)
class _Piece:
    text: str
    styles: frozenset[str]
    #: When it shows, if it has timing of its own (a timed span or inside one); ``None``: with its paragraph.
    interval: tuple[int, int | None] | None


def _collect(
    el: ET.Element,
    styles: frozenset[str],
    pieces: list[_Piece],
    el_styles: Callable[[ET.Element], set[str]],
    tb: _Timebase,
    begin: int,
    end: int | None,
    interval: tuple[int, int | None] | None = None,
    skip_self: bool = False,
) -> None:
    st = styles if skip_self else styles | frozenset(el_styles(el))
    if el.text:
        pieces.append(_Piece(el.text, st, interval))
    for child in el:
        name = local(child.tag)
        if name == "br":
            pieces.append(_Piece("\n", frozenset({"__br__"}), interval))
        elif name == "span" and not any(attr(child, a) for a in ("begin", "end", "dur")):
            _collect(child, st, pieces, el_styles, tb, begin, end, interval)
        elif name == "span":
            timed = _interval(child, begin, end, tb)
            if timed is not None:  # else it starts after the paragraph has ended: never shown
                _collect(child, st, pieces, el_styles, tb, timed[0], timed[1], timed)
        if child.tail:
            pieces.append(_Piece(child.tail, st, interval))


def _has_text(el: ET.Element) -> bool:
    return any((t or "").strip() for t in el.itertext())


def _describe(el: ET.Element) -> str:
    words = " ".join("".join(el.itertext()).split())
    shown = f" {words[:40]!r}" if words else ""
    return f"<{local(el.tag)}>{shown}"


def _neutral(pieces: list[tuple[str, frozenset[str]]]) -> str:
    from ..markup import from_runs

    lines: list[list[tuple[str, frozenset[str]]]] = [[]]
    for chunk, st in pieces:
        if "__br__" in st:
            lines.append([])
            continue
        chunk = _WS_RE.sub(" ", chunk)
        if chunk:
            lines[-1].append((chunk, st))
    # Trim spaces at line ends that come from XML indentation.
    for line in lines:
        if line:
            line[0] = (line[0][0].lstrip(), line[0][1])
            line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return from_runs([[r for r in line if r[0]] for line in lines])


def write(doc: Document, **_: object) -> str:
    """Write TTML (IMSC 1 text profile shape)."""
    lang = escape_xml(doc.language or "und").replace('"', "&quot;")
    placed = [placement(position(cue.text)) for cue in doc.cues]
    rows = sorted({row for row, _ in placed} | {2}, reverse=True)
    several = len(rows) > 1
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tt xmlns="{TT_NS}" xmlns:tts="http://www.w3.org/ns/ttml#styling" '
        'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
        'xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
        f'ttp:timeBase="media" xml:lang="{lang}">',
        "  <head>",
        "    <styling>",
        '      <style xml:id="s0" tts:color="white" tts:fontSize="100%" tts:textAlign="center"/>',
        "    </styling>",
        "    <layout>",
        *(f"      {REGIONS[row]}" for row in rows),
        "    </layout>",
        "  </head>",
        '  <body style="s0">' if several else '  <body style="s0" region="bottom">',
        "    <div>",
    ]
    for n, cue in enumerate(doc.cues, 1):
        lines = []
        for line in runs(cue.text):
            parts = []
            for chunk, st in line:
                attrs = []
                if "i" in st:
                    attrs.append('tts:fontStyle="italic"')
                if "b" in st:
                    attrs.append('tts:fontWeight="bold"')
                if "u" in st:
                    attrs.append('tts:textDecoration="underline"')
                esc = escape_xml(chunk)
                parts.append(f"<span {' '.join(attrs)}>{esc}</span>" if attrs else esc)
            lines.append("".join(parts))
        where = p_attributes(*placed[n - 1], several)
        out.append(
            f'      <p xml:id="c{n}" begin="{ms_to_clock(cue.start_ms, ".")}" '
            f'end="{ms_to_clock(cue.end_ms, ".")}"{where}>{"<br/>".join(lines)}</p>'
        )
    out += ["    </div>", "  </body>", "</tt>", ""]
    return "\n".join(out)
