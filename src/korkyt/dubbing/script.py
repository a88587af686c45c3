"""Dubbing scripts: spoken lines grouped into numbered loops, with the original beside them.

Loops (takes) are built in order: a line starts a new loop when adding it would make the loop longer
than ``max_loop_ms`` (first in-point to last out-point), when the loop already has ``max_lines``
lines, or when the silence before it is longer than ``max_gap_ms``. A single line longer than the
limit is a loop of its own.

The original line beside a translated one is taken from the source document by time: the source cues
whose time overlaps the line's cue by at least 30 % of the shorter of the two. When the source cue has
as many dialogue turns as the target cue, turns are paired one to one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.languages import Language, count_words, get_language
from korkyt.dubbing.speakers import CueLike, ScriptLine, extract_lines
from korkyt.dubbing.timecode import FrameRate, frame_rate, ms_to_timecode

UNKNOWN_CHARACTER = "?"


@dataclass(frozen=True)
class LoopRules:
    """How lines are grouped into loops."""

    max_loop_ms: int = 30_000
    max_lines: int = 10
    max_gap_ms: int = 8_000

    def __post_init__(self) -> None:
        if self.max_loop_ms <= 0 or self.max_lines <= 0 or self.max_gap_ms < 0:
            raise DubbingError("loop length, line count and gap must be positive")


@dataclass
class Loop:
    """A numbered take: consecutive lines recorded together."""

    number: int
    lines: list[ScriptLine]

    @property
    def start_ms(self) -> int:
        return min(line.start_ms for line in self.lines)

    @property
    def end_ms(self) -> int:
        return max(line.end_ms for line in self.lines)

    @property
    def characters(self) -> list[str]:
        return list(dict.fromkeys(line.character or UNKNOWN_CHARACTER for line in self.lines))


@dataclass(frozen=True)
class CharacterSummary:
    """Casting figures for one character."""

    character: str
    lines: int
    words: int
    loops: int
    speaking_ms: int


@dataclass
class DubbingScript:
    """A dubbing script ready to be written as PDF, DOCX or CSV."""

    lang: str
    rate: FrameRate
    lines: list[ScriptLine]
    loops: list[Loop]
    title: str = ""
    source_lang: str | None = None
    start_timecode: str | None = None
    summary: list[CharacterSummary] = field(default_factory=list)

    def timecode(self, ms: float) -> str:
        """Timecode of ``ms`` at the script's frame rate and programme start."""
        return ms_to_timecode(ms, self.rate, start=self.start_timecode)


def validate_slots(lines: Sequence[ScriptLine]) -> None:
    """Raise :class:`DubbingError` naming every cue whose slot has no length (end ≤ start) or starts
    before zero."""
    bad = sorted(
        {line.cue_index for line in lines if line.cue_end_ms <= line.cue_start_ms or line.cue_start_ms < 0}
    )
    if bad:
        shown = ", ".join(str(i + 1) for i in bad[:10]) + (" ..." if len(bad) > 10 else "")
        raise DubbingError(
            f"{len(bad)} cue(s) end before or when they start, or start before 0 (cue number {shown}); "
            "fix their timing first",
            code="lines.bad_timing",
            params={"count": len(bad), "cues": shown},
        )


def group_loops(lines: Sequence[ScriptLine], rules: LoopRules | None = None) -> list[Loop]:
    """Group lines (in time order) into numbered loops and set each line's ``loop``."""
    rules = rules or LoopRules()
    loops: list[Loop] = []
    current: list[ScriptLine] = []
    for line in sorted(lines, key=lambda item: (item.start_ms, item.number)):
        if current:
            loop_start = min(item.start_ms for item in current)
            last_end = max(item.end_ms for item in current)
            if (
                len(current) >= rules.max_lines
                or max(line.end_ms, last_end) - loop_start > rules.max_loop_ms
                or line.start_ms - last_end > rules.max_gap_ms
            ):
                loops.append(Loop(len(loops) + 1, current))
                current = []
        current.append(line)
    if current:
        loops.append(Loop(len(loops) + 1, current))
    for loop in loops:
        for line in loop.lines:
            line.loop = loop.number
    return loops


def summarize(lines: Sequence[ScriptLine]) -> list[CharacterSummary]:
    """Lines, words, loops and speaking time per character, most lines first."""
    stats: dict[str, tuple[int, int, set[int], int]] = {}
    for line in lines:
        name = line.character or UNKNOWN_CHARACTER
        count, words, loops, ms = stats.get(name, (0, 0, set(), 0))
        loops.add(line.loop)
        stats[name] = (count + 1, words + count_words(line.text), loops, ms + max(line.duration_ms, 0))
    result = [
        CharacterSummary(name, count, words, len(loops), ms)
        for name, (count, words, loops, ms) in stats.items()
    ]
    return sorted(result, key=lambda item: (-item.lines, item.character.casefold()))


def attach_originals(lines: Sequence[ScriptLine], source: Sequence[ScriptLine]) -> None:
    """Set ``original`` on each line from the source document's lines (see module docstring)."""
    by_cue: dict[tuple[int, int], list[ScriptLine]] = {}
    for src in source:
        by_cue.setdefault((src.cue_start_ms, src.cue_end_ms), []).append(src)
    slots = sorted(by_cue)
    target_turns: dict[int, list[ScriptLine]] = {}
    for line in lines:
        target_turns.setdefault(line.cue_index, []).append(line)
    import bisect

    starts = [slot[0] for slot in slots]
    for turns in target_turns.values():
        first = turns[0]
        start, end = first.cue_start_ms, first.cue_end_ms
        matched: list[ScriptLine] = []
        lo = bisect.bisect_left(starts, start - 600_000)
        for slot in slots[lo:]:
            if slot[0] >= end:
                break
            overlap = min(end, slot[1]) - max(start, slot[0])
            shorter = max(min(end - start, slot[1] - slot[0]), 1)
            if overlap > 0 and overlap >= 0.3 * shorter:
                matched.extend(by_cue[slot])
        if not matched:
            continue
        if len(matched) == len(turns):
            for line, src in zip(turns, matched, strict=True):
                line.original = src.text
        else:
            joined = "\n".join(src.text for src in matched)
            for line in turns:
                line.original = joined


def build_script(
    cues: Sequence[CueLike],
    lang: str,
    *,
    fps: str | float | FrameRate = 24,
    source: Sequence[CueLike] | None = None,
    source_lang: str | None = None,
    loops: LoopRules | None = None,
    title: str = "",
    start_timecode: str | None = None,
) -> DubbingScript:
    """Build a dubbing script from subtitle cues (``Document.cues``) in language ``lang``.

    ``source`` is the original-language document's cues, shown beside each line. Raises
    :class:`DubbingError` for an unknown language or frame rate, a document without spoken lines, or
    cues whose end is not after their start.
    """
    language: Language = get_language(lang)
    rate = frame_rate(fps)
    if start_timecode:
        ms_to_timecode(0, rate, start=start_timecode)  # validates it
    lines = extract_lines(cues, language)
    if not lines:
        raise DubbingError(
            "the document has no spoken lines (every cue is empty or a sound description)", code="lines.none"
        )
    validate_slots(lines)
    if source is not None:
        src_language = get_language(source_lang) if source_lang else language
        attach_originals(lines, extract_lines(source, src_language))
    grouped = group_loops(lines, loops)
    previous_end = -1
    previous_number = 0
    for line in sorted(lines, key=lambda item: item.start_ms):
        if line.start_ms < previous_end and line.cue_start_ms < previous_end:
            line.notes.append(f"overlaps line {previous_number}")
        if line.end_ms > previous_end:
            previous_end, previous_number = line.end_ms, line.number
    return DubbingScript(
        lang=language.code,
        rate=rate,
        lines=lines,
        loops=grouped,
        title=title,
        source_lang=source_lang,
        start_timecode=start_timecode,
        summary=summarize(lines),
    )
