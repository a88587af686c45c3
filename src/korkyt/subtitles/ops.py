"""Operations on documents: shift, framerate conversion, line breaking, merge/split, scripts.

Every operation returns a new :class:`Document` and leaves its input unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import _translit
from .errors import InvalidTimestampError, SubtitleError
from .markup import (
    MARKUP_RE,
    TAG_RE,
    VOICE_RE,
    position,
    strip_position,
    visible_length,
    voice_tag,
    with_position,
)
from .model import MAX_FPS, MAX_TIME_MS, MIN_FPS, Cue, Document

#: Frame rates by name; "23.976" and "29.97" are the NTSC rates 24000/1001 and 30000/1001.
FRAME_RATES = {"23.976": 24000 / 1001, "24": 24.0, "25": 25.0, "29.97": 30000 / 1001, "30": 30.0}


def fps_value(value: float | str) -> float:
    """A frame rate from a number or a name (``23.976`` means 24000/1001)."""
    text = str(value).strip()
    if text in FRAME_RATES:
        return FRAME_RATES[text]
    try:
        rate = float(text)
    except ValueError:
        raise SubtitleError(f"frame rate {value!r} is not a number; use e.g. 23.976, 24, 25, 29.97") from None
    for exact in FRAME_RATES.values():
        if abs(rate - exact) < 0.002:
            return exact
    if not MIN_FPS <= rate < MAX_FPS:
        raise SubtitleError(
            f"frame rate {value!r} is out of range (at least {MIN_FPS:g}, below {MAX_FPS:g} fps)"
        )
    return rate


def _clamp(ms: float, what: str) -> int:
    value = round(ms)
    if value > MAX_TIME_MS:
        raise InvalidTimestampError(f"{what} would put a cue at {value} ms, beyond 99:59:59.999")
    return max(value, 0)


def shift(doc: Document, ms: int, *, start: int = 0, end: int | None = None) -> Document:
    """Move cues ``start..end`` (indices, end exclusive) by ``ms`` milliseconds (negative: earlier).

    Times are not clamped at zero: shifting a cue before 0 raises :class:`InvalidTimestampError`, so that
    shifting back by the same amount restores the document exactly.
    """
    out = doc.copy()
    stop = len(out.cues) if end is None else end
    for c in out.cues[start:stop]:
        new_start, new_end = c.start_ms + ms, c.end_ms + ms
        if new_start < 0 or new_end < 0:
            raise InvalidTimestampError(
                f"shifting by {ms} ms would put a cue at {new_start} ms, before the start of the film"
            )
        if new_end > MAX_TIME_MS or new_start > MAX_TIME_MS:
            raise InvalidTimestampError(f"shifting by {ms} ms goes beyond 99:59:59.999")
        c.start_ms, c.end_ms = new_start, new_end
    return out


def scale(doc: Document, factor: float) -> Document:
    """Multiply every time by ``factor``."""
    if not factor > 0:
        raise SubtitleError(f"scale factor must be positive, got {factor}")
    out = doc.copy()
    for c in out.cues:
        c.start_ms = _clamp(c.start_ms * factor, "scaling")
        c.end_ms = _clamp(c.end_ms * factor, "scaling")
    return out


def convert_fps(doc: Document, from_fps: float | str, to_fps: float | str) -> Document:
    """Retime for a framerate change (e.g. a 25 fps PAL master to 23.976): times scale by from/to."""
    a, b = fps_value(from_fps), fps_value(to_fps)
    out = scale(doc, a / b)
    out.fps = b
    return out


def _wrap_words(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for w in words:
        if not line:
            line = w
        elif visible_length(line) + 1 + visible_length(w) <= width:
            line += " " + w
        else:
            lines.append(line)
            line = w
    if line:
        lines.append(line)
    return lines


def _balanced_two(words: list[str]) -> list[str]:
    """Two lines as even as possible (bottom-heavy on ties), the usual subtitle shape."""
    best: tuple[int, int] | None = None
    for k in range(1, len(words)):
        top = visible_length(" ".join(words[:k]))
        bottom = visible_length(" ".join(words[k:]))
        score = (max(top, bottom), 0 if bottom >= top else 1)
        if best is None or score < best:
            best = (score[0], score[1])
            split = k
    if best is None:
        return [" ".join(words)]
    return [" ".join(words[:split]), " ".join(words[split:])]


def rebreak(doc: Document, width: int = 42, max_lines: int = 2) -> Document:
    """Re-break each cue's text to lines of at most ``width`` characters.

    A cue that fits on one line becomes one line; one that fits on two is split into two balanced lines;
    longer text is wrapped greedily (and then reported by the checks as too many lines). Tags are kept.
    Dialogue is never run together: a line that starts with a dash (``-``, ``–``, ``—``) starts a speaker's
    turn, and each turn is re-broken on its own.
    """
    if width < 5:
        raise SubtitleError("line width must be at least 5 characters")
    out = doc.copy()
    for c in out.cues:
        where = position(c.text)
        lines = []
        for turn in _turns(strip_position(c.text)):
            lines += _break(_words(turn), width, max_lines)
        if lines:
            c.text = with_position("\n".join(lines), where)
    return out


#: A dialogue line: a dash (after any opening tags) starts a speaker's turn.
_DIALOGUE_RE = re.compile(r"^(?:\s|<[^<>\n]*>)*[-\u2013\u2014]")


def _turns(text: str) -> list[str]:
    """The cue's speaker turns: a line starting with a dash opens one, other lines continue the last."""
    turns: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if turns and not _DIALOGUE_RE.match(line):
            turns[-1] += "\n" + line
        else:
            turns.append(line)
    return turns


def _break(words: list[str], width: int, max_lines: int) -> list[str]:
    """One line if the words fit, else two balanced lines if they fit, else greedy lines."""
    if not words:
        return []
    if visible_length(" ".join(words)) <= width:
        return [" ".join(words)]
    two = _balanced_two(words)
    if max_lines >= 2 and all(visible_length(line) <= width for line in two):
        return two
    return _wrap_words(words, width)


def _words(text: str) -> list[str]:
    # Tags stay glued to their words; line breaks become spaces.
    return [w for w in re.split(r"[ \n]+", text.strip()) if w]


def merge(doc: Document, first: int, last: int | None = None) -> Document:
    """Merge cues ``first..last`` (inclusive, default the next one) into one cue (texts joined by lines)."""
    last = first + 1 if last is None else last
    if not 0 <= first < last < len(doc.cues):
        raise SubtitleError(
            f"cannot merge cues {first + 1}..{last + 1}: the document has {len(doc.cues)} cues"
        )
    out = doc.copy()
    group = out.cues[first : last + 1]
    where = next((p for p in (position(c.text) for c in group) if p is not None), None)
    texts = [strip_position(c.text) for c in group]
    speaker = group[0].speaker
    if len({c.speaker for c in group if c.speaker}) > 1:  # several speakers: each keeps a voice span
        texts = [
            f"{voice_tag(c.speaker)}{t}</v>" if c.speaker and t and not VOICE_RE.search(t) else t
            for c, t in zip(group, texts, strict=True)
        ]
        speaker = None
    merged = Cue(
        min(c.start_ms for c in group),
        max(c.end_ms for c in group),
        with_position("\n".join(t for t in texts if t), where),
        speaker,
        group[0].style,
        group[0].origin,
    )
    out.cues[first : last + 1] = [merged]
    return out


def split(doc: Document, index: int, at_ms: int | None = None) -> Document:
    """Split cue ``index`` in two: lines divided in the middle (or words, for one line), time divided
    in proportion to the characters (or at ``at_ms``)."""
    if not 0 <= index < len(doc.cues):
        raise SubtitleError(f"no cue {index + 1}: the document has {len(doc.cues)} cues")
    out = doc.copy()
    c = out.cues[index]
    where = position(c.text)
    text = strip_position(c.text)
    text_lines = text.split("\n")
    if len(text_lines) >= 2:
        half = len(text_lines) // 2
        a, b = "\n".join(text_lines[:half]), "\n".join(text_lines[half:])
    else:
        words = _words(text)
        if len(words) < 2:
            raise SubtitleError(f"cue {index + 1} has a single word and cannot be split")
        half = len(words) // 2
        a, b = " ".join(words[:half]), " ".join(words[half:])
    a, b = _close_open(a, b)
    a, b = with_position(a, where), with_position(b, where)
    if at_ms is None:
        la, lb = visible_length(a), visible_length(b)
        at_ms = c.start_ms + round((c.end_ms - c.start_ms) * la / max(la + lb, 1))
    if not c.start_ms < at_ms < c.end_ms:
        raise SubtitleError(
            f"split time {at_ms} ms is not inside cue {index + 1} ({c.start_ms}–{c.end_ms} ms)"
        )
    out.cues[index : index + 1] = [
        Cue(c.start_ms, at_ms, a, c.speaker, c.style, c.origin),
        Cue(at_ms, c.end_ms, b, c.speaker, c.style, c.origin),
    ]
    return out


def _close_open(a: str, b: str) -> tuple[str, str]:
    """Close tags left open at the end of ``a`` and reopen them at the start of ``b`` (a voice span too)."""
    stack: list[str] = []
    voice: str | None = None
    for m in TAG_RE.finditer(a):
        name = m.group(2).lower()
        if name == "v":
            voice = None if m.group(1) else m.group(0)
            continue
        if name not in ("i", "b", "u"):
            continue
        if m.group(1):
            if name in stack:
                stack.remove(name)
        else:
            stack.append(name)
    if voice is not None:
        a, b = a + "</v>", voice + b
    if not stack:
        return a, b
    return (
        a + "".join(f"</{n}>" for n in reversed(stack)),
        "".join(f"<{n}>" for n in stack) + b,
    )


def transliterate(doc: Document, lang: str, target: str, *, scheme: str | None = None) -> Document:
    """Convert the script of every cue with ``korkyt.translit.transliterate``; markup is kept as is."""
    mod = _translit.require()
    out = doc.copy()
    try:
        for c in out.cues:
            c.text = _map_text(c.text, lambda t: mod.transliterate(t, lang, target, scheme=scheme))
            if c.speaker:
                c.speaker = mod.transliterate(c.speaker, lang, target, scheme=scheme)
    except ValueError as exc:
        raise SubtitleError(f"cannot transliterate: {exc}") from exc
    return out


def _map_text(text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the text between tags and to the speaker names of voice spans, never to the tags."""
    if "<" not in text and "{" not in text:
        return fn(text) if text else text
    out = []
    pos = 0
    for m in MARKUP_RE.finditer(text):
        if m.start() > pos:
            out.append(fn(text[pos : m.start()]))
        voice = VOICE_RE.fullmatch(m.group(0))
        out.append(voice_tag(fn(voice.group(1))) if voice and voice.group(1) else m.group(0))
        pos = m.end()
    if pos < len(text):
        out.append(fn(text[pos:]))
    return "".join(out)


def normalise(doc: Document, lang: str, script: str | None = None) -> Document:
    """Normalise apostrophes and homoglyphs (the safe Turkic fixes of ``korkyt.translit``)."""
    _translit.require()
    script = script or _translit.guess_script("\n".join(c.text for c in doc.cues))
    out = doc.copy()
    for c in out.cues:
        c.text = _translit.fix_text(c.text, lang, script)
    return out
