"""Spoken lines and their speakers, taken from subtitle cues.

Detection order, per cue:

1. The cue's own speaker (``Cue.speaker``: the ASS/SSA ``Name`` field, or a WebVTT voice) names the
   speaker of the whole cue; a "NAME:" prefix repeating it is removed. A cue with several WebVTT voices
   keeps them as voice spans in its text (``<v Mary>Hi</v>\n<v Bob>Hello</v>``): each voice span is one
   turn of that speaker, and text outside the spans goes through the steps below.
2. Otherwise the cue is split into dialogue turns at lines that begin with a dash (``-``, ``–``, ``—``);
   a line without a dash continues the turn above it. Without dashes the cue is one turn.
3. Each turn that begins with "NAME:" (optionally "NAME (V.O.):") gets that speaker. A prefix counts as
   a name when it has at most three words of letters, and either is written in capitals (``AIGUL:``,
   ``АЙГҮЛ:``) or appears as a prefix in at least two cues of the document (``Aigul:``). This keeps
   "Listen: ..." from becoming a character.
4. Anything else has no known speaker (``character`` is None; scripts show it as "?").

Tags (<i>, <b>, <u>) are removed; a line entirely in italics gets the note "italics (off screen?)".
Bracketed descriptions such as "[laughs]" or "(sighs)" are not spoken: they move to the notes.
Turns of one cue share the cue's time slot in proportion to their estimated spoken durations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from korkyt.dubbing.languages import Language, estimate_seconds, get_language
from korkyt.subtitles.markup import voice_spans


class CueLike(Protocol):
    """What the dubbing tools read from a subtitle cue (``korkyt.subtitles.Cue`` fits)."""

    start_ms: int
    end_ms: int
    text: str
    speaker: str | None


@dataclass
class ScriptLine:
    """One spoken line of a dubbing script."""

    #: 1-based number of the line in the script.
    number: int
    #: 0-based index of the cue it comes from in the subtitle document.
    cue_index: int
    start_ms: int
    end_ms: int
    character: str | None
    text: str
    notes: list[str] = field(default_factory=list)
    #: How the character was found: "cue", "prefix" or "" when unknown.
    speaker_source: str = ""
    #: The matching line of the source-language document, when one was given.
    original: str | None = None
    #: Loop (take) number, set by :func:`korkyt.dubbing.script.group_loops`.
    loop: int = 0
    #: The cue's own slot (turns of one cue share it).
    cue_start_ms: int = 0
    cue_end_ms: int = 0

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


_TAG = re.compile(r"</?[ibu]>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]{0,40}>")
_DASH = re.compile(r"^\s*[-–—]\s*")
_PREFIX = re.compile(
    r"^\s*(?P<name>[^\W\d_][^\W\d_'’.\- ]*(?:[ .'’\-]{1,2}[^\W\d_]+){0,2})"
    r"\s*(?:\((?P<ext>[^)]{1,20})\))?\s*:\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
_BRACKETS = re.compile(r"\[[^\]]*\]|\([^)]*\)|\{[^}]*\}")
_SPACES = re.compile(r"[ \t]+")


def _clean(text: str) -> tuple[str, list[str]]:
    """Strip tags and bracketed descriptions; return the text and notes."""
    notes: list[str] = []
    stripped = text.strip()
    lowered = stripped.lower()
    if lowered.startswith("<i>") and lowered.endswith("</i>") and lowered.count("<i>") == 1:
        notes.append("italics (off screen?)")
    plain = _ANY_TAG.sub("", _TAG.sub("", text))
    for match in _BRACKETS.findall(plain):
        inner = match[1:-1].strip()
        if inner and not inner.startswith("\\"):  # {\an8} and other override codes are not notes
            notes.append(inner)
    plain = _BRACKETS.sub(" ", plain)
    lines = [_SPACES.sub(" ", line).strip() for line in plain.split("\n")]
    return "\n".join(line for line in lines if line), notes


def _prefix(turn: str) -> tuple[str, str | None, str] | None:
    """Split "NAME (EXT): rest" into (name, ext, rest)."""
    match = _PREFIX.match(turn)
    if not match:
        return None
    return match.group("name").strip(), match.group("ext"), match.group("rest")


def _is_caps(name: str) -> bool:
    return any(ch.isalpha() for ch in name) and name == name.upper() and name != name.lower()


def _turns(text: str) -> list[str]:
    lines = [line for line in text.split("\n") if line.strip()]
    if not any(_DASH.match(line) for line in lines):
        return [" ".join(line.strip() for line in lines)] if lines else []
    turns: list[str] = []
    for line in lines:
        if _DASH.match(line) or not turns:
            turns.append(_DASH.sub("", line, count=1).strip())
        else:
            turns[-1] = f"{turns[-1]} {line.strip()}"
    return [t for t in turns if t]


_OVERRIDE = re.compile(r"\{\\[^}]*\}")


def _plain_for_prefix(text: str) -> str:
    return _OVERRIDE.sub("", _ANY_TAG.sub("", _TAG.sub("", text)))


_Turn = tuple[str | None, str, str, list[str]]


def _whole(speaker: str, turns: list[str]) -> _Turn:
    """All turns spoken by one known speaker; a "NAME:" prefix repeating the name is removed."""
    merged = " ".join(turns)
    found = _prefix(merged)
    if found and found[0].casefold() == speaker.casefold():
        merged = found[2]
    return (speaker, merged, "cue", [])


def _by_prefix(turns: list[str], prefix_counts: Counter[str], canonical: Callable[[str], str]) -> list[_Turn]:
    """Turns whose speaker comes from a "NAME:" prefix, when it counts as a name."""
    out: list[_Turn] = []
    for turn in turns:
        found = _prefix(turn)
        if found and (_is_caps(found[0]) or prefix_counts[found[0].casefold()] >= 2):
            name, ext, rest = found
            out.append((canonical(name), rest, "prefix", [ext] if ext else []))
        else:
            out.append((None, turn, "", []))
    return out


def extract_lines(cues: Sequence[CueLike], lang: str | Language) -> list[ScriptLine]:
    """Turn subtitle cues into numbered spoken lines with their characters (see module docstring).

    Cues and turns without spoken text (no letter nor digit left, as in ``...`` or ``?!``) are skipped.
    Lines keep their cue's timing even when it is broken (end before start);
    :func:`korkyt.dubbing.script.validate_slots` reports those.
    """
    language = lang if isinstance(lang, Language) else get_language(lang)
    # First pass: how often each mixed-case prefix occurs, to accept repeated names.
    prefix_counts: Counter[str] = Counter()
    for cue in cues:
        seen: set[str] = set()
        for turn in _turns(_plain_for_prefix(cue.text or "")):
            found = _prefix(turn)
            if found:
                seen.add(found[0].casefold())
        prefix_counts.update(seen)

    names: dict[str, str] = {}  # casefolded → first spelling

    def canonical(name: str) -> str:
        name = _SPACES.sub(" ", name.strip())
        return names.setdefault(name.casefold(), name)

    lines: list[ScriptLine] = []
    for index, cue in enumerate(cues):
        raw = _plain_for_prefix(cue.text or "")
        cue_notes: list[str] = []
        _, tag_notes = _clean(cue.text or "")
        if "italics (off screen?)" in tag_notes:
            cue_notes.append("italics (off screen?)")
        cue_speaker = (getattr(cue, "speaker", None) or "").strip()
        parts: list[tuple[str | None, str, str, list[str]]] = []
        turns_spoken: list[tuple[str | None, str, str, list[str]]] = []
        voices = voice_spans(cue.text) if "<v " in (cue.text or "") else []
        if any(name for name, _ in voices):
            for name, part in voices:
                turns = _turns(_plain_for_prefix(part))
                if name:
                    turns_spoken.append(_whole(canonical(name), turns))
                else:
                    turns_spoken += _by_prefix(turns, prefix_counts, canonical)
        elif cue_speaker:
            turns_spoken.append(_whole(canonical(cue_speaker), _turns(raw)))
        else:
            turns_spoken += _by_prefix(_turns(raw), prefix_counts, canonical)
        for character, text, source, notes in turns_spoken:
            spoken, bracket_notes = _clean(text)
            if not any(ch.isalnum() for ch in spoken):  # nothing to say: empty, "...", "?!"
                continue
            parts.append((character, spoken, source, cue_notes + notes + bracket_notes))
        if not parts:
            continue
        weights = [max(estimate_seconds(p[1], language), 0.1) for p in parts]
        total = sum(weights)
        span = cue.end_ms - cue.start_ms
        at = float(cue.start_ms)
        for (character, spoken, source, notes), weight in zip(parts, weights, strict=True):
            part_end = at + span * weight / total
            lines.append(
                ScriptLine(
                    number=len(lines) + 1,
                    cue_index=index,
                    start_ms=round(at),
                    end_ms=round(part_end) if len(parts) > 1 else cue.end_ms,
                    character=character,
                    text=spoken,
                    notes=list(dict.fromkeys(notes)),
                    speaker_source=source,
                    cue_start_ms=cue.start_ms,
                    cue_end_ms=cue.end_ms,
                )
            )
            at = part_end
    return lines


def characters(lines: Iterable[ScriptLine]) -> list[str]:
    """Characters in order of first appearance (unknown speakers excluded)."""
    return list(dict.fromkeys(line.character for line in lines if line.character))
