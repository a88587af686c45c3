"""ASS and SSA through pysubs2.

pysubs2 keeps event text as ASS override text, mapped by :func:`markup.from_ass` /
:func:`markup.to_ass`. Italic, bold and underline become neutral tags; the alignment (an ``\\an`` override,
else the event style's alignment when it is not bottom centre) becomes a position tag such as ``{\\an8}``.
Other override tags (``\\pos``, colours, karaoke) are not carried into :attr:`Cue.text`.
"""

from __future__ import annotations

import warnings

import pysubs2

from ..errors import ParseError, SubtitleError
from ..markup import from_ass, position, to_ass, with_position
from ..model import MAX_TIME_MS, Cue, Document
from ._ass_fields import standard_order

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
        raise ParseError(f"could not be read: {exc}", format=format) from exc
    cues = []
    for event in subs.events:
        if event.is_comment or event.is_drawing:
            continue
        start, end = int(event.start), int(event.end)
        if start > MAX_TIME_MS or end > MAX_TIME_MS:
            raise ParseError(
                f"event at {start} ms is beyond the supported maximum 99:59:59.999", format=format
            )
        style = event.style if event.style != "Default" else None
        cues.append(Cue(start, end, neutral_text(subs, event), event.name or None, style))
    doc = Document(cues=cues, format=format)
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
    """Write one of the pysubs2-backed formats."""
    last = max((max(c.start_ms, c.end_ms) for c in doc.cues), default=0)
    if last > ASS_MAX_MS:
        raise SubtitleError(
            f"{format.upper()} times stop at 9:59:59.99; this document reaches {last / 3_600_000:.1f} h"
        )
    subs = pysubs2.SSAFile()
    if doc.title:
        subs.info["Title"] = doc.title
    for cue in doc.cues:
        style = cue.style or "Default"
        if style not in subs.styles:
            subs.styles[style] = subs.styles["Default"].copy()
        subs.events.append(
            pysubs2.SSAEvent(
                start=max(cue.start_ms, 0),
                end=max(cue.end_ms, 0),
                text=to_ass(cue.text),
                name=cue.speaker or "",
                style=style,
            )
        )
    try:
        return subs.to_string(_PYSUBS2_NAME[format])
    except Exception as exc:
        raise SubtitleError(f"could not write {format}: {exc}") from exc
