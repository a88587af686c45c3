"""The neutral inline markup of :attr:`Cue.text` and its mapping to each format.

Neutral text is literal text with three pairs of tags, ``<i>…</i>``, ``<b>…</b>`` and ``<u>…</u>``,
and ``"\\n"`` between lines. A ``<`` that does not start something shaped like a tag is literal text.
A position tag ``{\\an1}`` … ``{\\an9}`` (the SRT/ASS convention, numpad layout: 7 8 9 top, 4 5 6 middle,
1 2 3 bottom) places the cue; it is never shown nor counted, and each writer places the cue its own way.
Voice spans ``<v Name>…</v>`` (from WebVTT) name the speaker of part of a cue when a cue has several
speakers; WebVTT writes them back, the other writers keep only their text.
"""

from __future__ import annotations

import re

import regex

KNOWN_TAGS = frozenset({"i", "b", "u"})

#: Anything shaped like an HTML/SRT tag: ``<i>``, ``</font>``, ``<font color="red">``.
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9.\-_]*)(?:\s[^<>\n]*)?\s*/?>")
#: ASS override blocks like ``{\\i1\\pos(10,10)}``.
ASS_BLOCK_RE = re.compile(r"\{([^{}]*)\}")
ASS_STYLE_RE = re.compile(r"\\([ibu])(\d+)")
ASS_ALIGN_RE = re.compile(r"\\an([1-9])")

#: A position tag: ``{\\an8}`` puts the cue at the top centre (numpad layout, 2 is the default).
POSITION_RE = re.compile(r"\{\\an([1-9])\}")
#: A voice span in neutral text: ``<v Name>`` … ``</v>`` (never nested).
VOICE_RE = re.compile(r"<v(?:[ \t]+([^<>\n]*))?>|</v>")
#: Tags other than ``<i> <b> <u>`` that neutral text carries on purpose (not reported, not removed).
MARKUP_TAGS = frozenset({"v"})
#: Tags and position tags: the zero-width parts of neutral text.
MARKUP_RE = re.compile(f"{TAG_RE.pattern}|{POSITION_RE.pattern}")

Run = tuple[str, frozenset[str]]


def strip_tags(text: str) -> str:
    """Text without any tag-shaped sequence (known or not) and without position tags."""
    if "<" in text:
        text = TAG_RE.sub("", text)
    if "{\\an" in text:
        text = POSITION_RE.sub("", text)
    return text


def voice_spans(text: str) -> list[tuple[str | None, str]]:
    """The text split by voice: ``(name, text)`` pairs in order, ``None`` for text outside any voice span.

    Each part is stripped of surrounding white space and blank parts are left out; tags other than voice
    tags stay in the parts.
    """
    out: list[tuple[str | None, str]] = []
    current: str | None = None
    pos = 0
    for m in VOICE_RE.finditer(text):
        chunk = text[pos : m.start()].strip()
        if chunk:
            out.append((current, chunk))
        closing = m.group(0) == "</v>"
        current = None if closing else ((m.group(1) or "").strip() or None)
        pos = m.end()
    chunk = text[pos:].strip()
    if chunk:
        out.append((current, chunk))
    return out


def voice_tag(name: str) -> str:
    """The opening voice tag for a speaker name (angle brackets and line breaks left out of the name)."""
    return "<v " + " ".join(name.replace("<", "").replace(">", "").split()) + ">"


def strip_voices(text: str) -> str:
    """Text without voice tags (their text kept)."""
    return VOICE_RE.sub("", text) if "<v" in text or "</v>" in text else text


def position(text: str) -> int | None:
    """The cue's position from its first ``{\\anN}`` tag (numpad layout), or ``None``."""
    if "{\\an" not in text:
        return None
    m = POSITION_RE.search(text)
    return int(m.group(1)) if m else None


def strip_position(text: str) -> str:
    """Text without position tags."""
    return POSITION_RE.sub("", text) if "{\\an" in text else text


def with_position(text: str, pos: int | None) -> str:
    """Text with one position tag at its start (``None``: without any)."""
    text = strip_position(text)
    return f"{{\\an{pos}}}{text}" if pos else text


#: One user-perceived character: a letter with its combining marks, an emoji sequence (Unicode UAX #29).
_GRAPHEME_RE = regex.compile(r"\X")
#: Blocks where every code point is a cluster of its own (Latin, Greek, Cyrillic and Armenian letters
#: without the combining marks, precomposed Latin and Greek, punctuation, currency, letterlike symbols):
#: text made only of these is counted with ``len``, fast.
SIMPLE_RE = re.compile(
    "[\x00-\x0c\x0e-\u02ff\u0370-\u0482\u048a-\u058f\u1e00-\u1fff\u2010-\u2027\u2030-\u205f"
    "\u2070-\u20cf\u2100-\u218f]*"
)


def char_count(text: str) -> int:
    """Characters as a reader sees them: grapheme clusters, so ``ş`` counts once whether it is written as
    one code point or as ``s`` and a combining cedilla (NFD text), and so does ``i`` with U+0307."""
    if SIMPLE_RE.fullmatch(text):
        return len(text)
    return len(_GRAPHEME_RE.findall(text))


def visible_length(text: str) -> int:
    """Characters a viewer reads: tags and line breaks not counted, grapheme clusters counted once."""
    plain = strip_tags(text)
    return char_count(plain) - plain.count("\n")


def runs(text: str) -> list[list[Run]]:
    """Split neutral text into lines of runs ``(text, styles)``; unknown tags are dropped.

    Unbalanced tags are tolerated: a closing tag that was not opened is ignored and styles still open at
    the end of the cue end there.
    """
    lines: list[list[Run]] = [[]]
    active: list[str] = []
    pos = 0
    text = strip_position(text)
    for m in TAG_RE.finditer(text):
        _emit(lines, text[pos : m.start()], active)
        pos = m.end()
        name = m.group(2).lower()
        if name not in KNOWN_TAGS:
            continue
        if m.group(1):
            if name in active:
                active.remove(name)
        elif name not in active:
            active.append(name)
    _emit(lines, text[pos:], active)
    return lines


def _emit(lines: list[list[Run]], chunk: str, active: list[str]) -> None:
    if not chunk:
        return
    styles = frozenset(active)
    parts = chunk.split("\n")
    for i, part in enumerate(parts):
        if i:
            lines.append([])
        if part:
            lines[-1].append((part, styles))


def from_runs(lines: list[list[Run]]) -> str:
    """Build neutral text from lines of runs (tags are closed at the end of each run)."""
    out_lines = []
    for line in lines:
        out = []
        for chunk, styles in line:
            opened = [s for s in ("b", "i", "u") if s in styles]
            out.append(
                "".join(f"<{s}>" for s in opened) + chunk + "".join(f"</{s}>" for s in reversed(opened))
            )
        out_lines.append("".join(out))
    return merge_adjacent("\n".join(out_lines))


_ADJ_RE = re.compile(r"</([ibu])><\1>")


def merge_adjacent(text: str) -> str:
    """Join ``</i><i>`` pairs within a line so output stays tidy."""
    prev = None
    while prev != text:
        prev = text
        text = _ADJ_RE.sub("", text)
    return text


# --- ASS -------------------------------------------------------------------------------------------


def from_ass(text: str) -> str:
    """ASS/SSA event text (override blocks, ``\\N``) to neutral text."""
    text = text.replace("\\N", "\n").replace("\\n", "\n").replace("\\h", "\u00a0")
    if "{" not in text:
        return text

    where: list[int] = []

    def block(m: re.Match[str]) -> str:
        out = []
        for tag, value in ASS_STYLE_RE.findall(m.group(1)):
            on = value != "0"
            out.append(f"<{tag}>" if on else f"</{tag}>")
        align = ASS_ALIGN_RE.search(m.group(1))
        if align and not where:
            where.append(int(align.group(1)))
        return "".join(out)

    text = ASS_BLOCK_RE.sub(block, text)
    return with_position(text, where[0]) if where else text


def to_ass(text: str) -> str:
    """Neutral text to ASS event text."""

    def tag(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name not in KNOWN_TAGS:
            return ""
        return "{\\" + name + ("0}" if m.group(1) else "1}")

    if "<" in text:
        text = TAG_RE.sub(tag, text)
    return text.replace("\n", "\\N")


# --- XML-ish (WebVTT, TTML, DCP) ------------------------------------------------------------------


#: What XML 1.0 cannot carry at all, not even as a character reference: C0 controls but tab, LF and CR,
#: lone surrogates, U+FFFE and U+FFFF.
NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape_xml(text: str) -> str:
    """Escape ``& < >`` for XML and WebVTT cue text, dropping the characters XML 1.0 forbids (a file that
    carried them would not parse)."""
    text = NOT_XML_RE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(text: str) -> str:
    """Neutral text to WebVTT cue text: known tags kept, unknown and position tags dropped (the position
    is a cue setting in WebVTT), the rest escaped."""
    text = strip_position(text)
    if "<" not in text and "&" not in text and ">" not in text:
        return text
    out = []
    pos = 0
    for m in TAG_RE.finditer(text):
        out.append(escape_xml(text[pos : m.start()]))
        name = m.group(2).lower()
        if name in KNOWN_TAGS:
            out.append(f"<{m.group(1)}{name}>")
        elif name == "v" and m.group(1):
            out.append("</v>")
        elif name == "v" and (voice := VOICE_RE.fullmatch(m.group(0))) and voice.group(1):
            out.append(f"<v {voice.group(1).strip().replace('&', '&amp;')}>")
        pos = m.end()
    out.append(escape_xml(text[pos:]))
    return "".join(out)
