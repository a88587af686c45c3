"""ASS and SSA through pysubs2.

pysubs2 keeps event text as ASS override text, mapped by :func:`markup.from_ass` /
:func:`markup.to_ass`. Italic, bold and underline become neutral tags; the alignment (an ``\\an`` override,
else the event style's alignment when it is not bottom centre) becomes a position tag such as ``{\\an8}``.
Other override tags (``\\pos``, colours, karaoke) are not carried into :attr:`Cue.text`; the parsed file is
kept as :attr:`Document.original` and each cue knows its event (:attr:`Cue.origin`), so that writing the
document as ASS/SSA again keeps its styles, comments, drawings and override tags.
"""

from __future__ import annotations

import bisect
import copy
import re
import warnings
from collections.abc import Callable

import pysubs2

from ..errors import ParseError, SubtitleError
from ..markup import from_ass, position, strip_position, to_ass, with_position
from ..model import MAX_TIME_MS, Cue, Document
from ._ass_fields import standard_order
from ._common import ms_to_clock

_PYSUBS2_NAME = {"ass": "ass", "ssa": "ssa"}
#: Largest time an ASS/SSA timestamp (H:MM:SS.cc) can hold.
ASS_MAX_MS = 35_999_990


def read(text: str, *, format: str, **_: object) -> Document:
    """Read one of the pysubs2-backed formats."""
    text = standard_order(text, format)
    try:
        with warnings.catch_warnings():
            # pysubs2 warns and falls back to defaults on malformed style fields; the result is usable.
            warnings.simplefilter("ignore")
            subs = pysubs2.SSAFile.from_string(text, format_=_PYSUBS2_NAME[format])
    except Exception as exc:  # pysubs2 raises assorted errors on malformed input
        raise ParseError(f"could not be read: {exc}", format=format, code="ass.unreadable") from exc
    cues = []
    for index, event in enumerate(subs.events):
        if event.is_comment or event.is_drawing:
            continue
        start, end = int(event.start), int(event.end)
        if start > MAX_TIME_MS or end > MAX_TIME_MS:
            raise ParseError(
                f"event at {start} ms is beyond the supported maximum 99:59:59.999",
                format=format,
                code="parse.time_beyond_max",
                params={"time": ms_to_clock(max(start, end), ".")},
            )
        style = event.style if event.style != "Default" else None
        cues.append(Cue(start, end, neutral_text(subs, event), event.name or None, style, index))
    doc = Document(cues=cues, format=format, original=subs)
    title = subs.info.get("Title")
    if title:
        doc.title = title
    return doc


def neutral_text(subs: pysubs2.SSAFile, event: pysubs2.SSAEvent) -> str:
    """An event's text as neutral text; the style's alignment is the position when no override gives one."""
    text = from_ass(event.text)
    if position(text) is None:
        style = subs.styles.get(event.style)
        align = int(style.alignment) if style is not None else 2
        if align != 2 and 1 <= align <= 9:
            text = with_position(text, align)
    return text


def write(doc: Document, *, format: str, **_: object) -> str:
    """Write one of the pysubs2-backed formats.

    A document read from ASS/SSA is written over its original file (see :func:`_over_original`); any other
    document gets a new file with one default style.
    """
    last = max((max(c.start_ms, c.end_ms) for c in doc.cues), default=0)
    if last > ASS_MAX_MS:
        raise SubtitleError(
            f"{format.upper()} times stop at 9:59:59.99; this document reaches {last / 3_600_000:.1f} h",
            code="write.ass_time_limit",
            params={"name": format.upper(), "hours": round(last / 3_600_000, 1)},
        )
    if isinstance(doc.original, pysubs2.SSAFile):
        subs = _over_original(doc, doc.original)
    else:
        subs = pysubs2.SSAFile()
        for cue in doc.cues:
            subs.events.append(_new_event(cue))
    if doc.title:
        subs.info["Title"] = doc.title
    default = subs.styles.get("Default") or pysubs2.SSAStyle()
    for event in subs.events:
        if event.style not in subs.styles:  # a style the file does not define looks like Default
            subs.styles[event.style] = default.copy()
    try:
        return subs.to_string(_PYSUBS2_NAME[format])
    except Exception as exc:
        raise SubtitleError(f"could not write {format}: {exc}") from exc


def ass_name(speaker: str | None) -> str:
    """A speaker as an ASS/SSA ``Name`` field, which a comma would end early (the fields are comma-separated
    and only the text may hold commas): «Smith, John» is written «Smith; John», on one line."""
    return " ".join((speaker or "").replace(",", ";").split())


def _new_event(cue: Cue) -> pysubs2.SSAEvent:
    return pysubs2.SSAEvent(
        start=max(cue.start_ms, 0),
        end=max(cue.end_ms, 0),
        text=to_ass(cue.text),
        name=ass_name(cue.speaker),
        style=cue.style or "Default",
    )


def _over_original(doc: Document, original: pysubs2.SSAFile) -> pysubs2.SSAFile:
    """The original file with its events replaced by the document's cues, each written over the event it was
    read from: script info, styles, fonts and the event's other fields stay as they were, and so does its
    raw text (override tags included) while the cue's text is unchanged. A changed text keeps the override
    tags that opened the event. Comments and drawings keep their place before the event that followed
    them, retimed like the cues around them; events whose cues are gone are left out."""
    subs = copy.deepcopy(original)
    events = original.events
    valid = [c for c in doc.cues if c.origin is not None and 0 <= c.origin < len(events)]
    used = {c.origin for c in valid}
    lead: dict[int, list[int]] = {}
    pending: list[int] = []
    for i, event in enumerate(events):
        if event.is_comment or event.is_drawing:
            pending.append(i)
        elif i in used:
            lead[i], pending = pending, []
    retime = _retimer(
        sorted({events[c.origin].start: c.start_ms for c in reversed(valid) if c.origin is not None}.items())
    )
    out: list[pysubs2.SSAEvent] = []

    def moved(i: int) -> pysubs2.SSAEvent:
        event = events[i].copy()
        event.start, event.end = retime(event.start), retime(event.end)
        return event

    for cue in doc.cues:
        if cue.origin is None or cue.origin not in used:
            out.append(_new_event(cue))
            continue
        out += [moved(i) for i in lead.pop(cue.origin, [])]
        event = events[cue.origin].copy()
        event.start, event.end = max(cue.start_ms, 0), max(cue.end_ms, 0)
        event.name = ass_name(cue.speaker)
        event.style = cue.style or "Default"
        if cue.text != neutral_text(original, events[cue.origin]):
            event.text = _rewrite(events[cue.origin].text, cue.text, original.styles.get(event.style))
        out.append(event)
    out += [moved(i) for i in pending]
    subs.events = out
    return subs


#: Override blocks at the start of an event's text.
_LEADING_BLOCKS = re.compile(r"^(?:\{[^{}]*\})+")
#: Override tags the neutral text carries itself: italic, bold, underline and alignment.
_NEUTRAL_OVERRIDES = re.compile(r"\\(?:[ibu]\d+|an\d)(?=\\|$)")


def _rewrite(raw: str, text: str, style: pysubs2.SSAStyle | None) -> str:
    """New event text for a changed cue: the override tags that opened the event (position, colour, fade
    ...) are kept before the new text; tags inside the old text cannot be placed in the new one."""
    if style is not None and position(text) == int(style.alignment) and "\\an" not in raw:
        text = strip_position(text)  # the style places it already
    kept = ""
    m = _LEADING_BLOCKS.match(raw)
    if m:
        for block in re.findall(r"\{([^{}]*)\}", m.group(0)):
            rest = _NEUTRAL_OVERRIDES.sub("", block)
            if rest.strip():
                kept += "{" + rest + "}"
    return kept + to_ass(text)


def _retimer(pairs: list[tuple[int, int]]) -> Callable[[int], int]:
    """A time map through (old start, new start) pairs of the cues: linear between them, a constant shift
    before the first and after the last; the identity without pairs."""
    if not pairs:
        return lambda t: t
    olds = [old for old, _ in pairs]

    def retime(t: int) -> int:
        k = bisect.bisect_right(olds, t)
        if k == 0 or k == len(pairs) or pairs[k][0] == pairs[k - 1][0]:
            old, new = pairs[max(k - 1, 0)]
            return max(t + new - old, 0)
        (a0, b0), (a1, b1) = pairs[k - 1], pairs[k]
        return max(round(b0 + (t - a0) * (b1 - b0) / (a1 - a0)), 0)

    return retime
