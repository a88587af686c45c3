"""Layout checks: line length, line count, empty cues, whitespace, tags."""

from __future__ import annotations

from collections.abc import Callable

from ..markup import (
    KNOWN_TAGS,
    MARKUP_RE,
    MARKUP_TAGS,
    TAG_RE,
    VOICE_RE,
    char_count,
    position,
    strip_tags,
    with_position,
)
from ..model import Cue
from ..profiles import Profile
from .findings import ERROR, INFO, WARNING, Finding


def check_layout(cues: list[Cue], p: Profile) -> list[Finding]:
    """Chars per line, lines per cue, empty cue, stray whitespace, unbalanced and unknown tags."""
    out: list[Finding] = []
    add = out.append
    max_chars, max_lines = p.max_chars_per_line, p.max_lines
    for i, c in enumerate(cues):
        text = c.text
        has_tags = "<" in text
        plain = strip_tags(text)
        if not plain.strip():
            add(
                Finding(
                    i,
                    "layout.empty",
                    ERROR,
                    f"cue {i + 1} has no visible text",
                    "remove the cue",
                    c.start_ms,
                    True,
                )
            )
            continue
        lines = plain.split("\n")
        if len(lines) > max_lines:
            add(
                Finding(
                    i,
                    "layout.too-many-lines",
                    WARNING,
                    f"cue {i + 1} has {len(lines)} lines; the limit is {max_lines}",
                    "re-break the text or split the cue",
                    c.start_ms,
                )
            )
        for n, line in enumerate(lines, 1):
            if len(line) > max_chars and (length := char_count(line)) > max_chars:
                add(
                    Finding(
                        i,
                        "layout.line-too-long",
                        WARNING,
                        f"cue {i + 1} line {n} has {length} characters; the limit is {max_chars}",
                        "re-break the text",
                        c.start_ms,
                    )
                )
        if _bad_space(plain):
            add(
                Finding(
                    i,
                    "layout.whitespace",
                    INFO,
                    f"cue {i + 1} has leading, trailing or doubled spaces, tabs or blank lines",
                    tidy_whitespace(text),
                    c.start_ms,
                    True,
                )
            )
        if has_tags:
            _tags(i, c, add)
    return out


def _bad_space(plain: str) -> bool:
    """Leading/trailing space on a line, doubled spaces, tabs or blank lines (plain string tests)."""
    if (
        "  " in plain
        or "\t" in plain
        or ("\u00a0" in plain and ("\u00a0\u00a0" in plain or " \u00a0" in plain or "\u00a0 " in plain))
    ):
        return True
    if plain[0] in " \u00a0" or plain[-1] in " \u00a0":
        return True
    if "\n" in plain:
        return (
            " \n" in plain or "\n " in plain or "\n\n" in plain or "\u00a0\n" in plain or "\n\u00a0" in plain
        )
    return False


def _tags(i: int, c: Cue, add: Callable[[Finding], None]) -> None:
    stack: list[str] = []
    unknown: list[str] = []
    problems: list[str] = []
    for m in TAG_RE.finditer(c.text):
        name = m.group(2).lower()
        if name in MARKUP_TAGS:
            continue
        if name not in KNOWN_TAGS:
            unknown.append(m.group(0))
            continue
        if m.group(1):
            if stack and stack[-1] == name:
                stack.pop()
            elif name in stack:
                problems.append(f"</{name}> closes across another tag")
                stack.remove(name)
            else:
                problems.append(f"</{name}> was never opened")
        else:
            stack.append(name)
    problems += [f"<{name}> is never closed" for name in stack]
    if problems:
        add(
            Finding(
                i,
                "layout.unbalanced-tag",
                WARNING,
                f"cue {i + 1}: " + "; ".join(problems),
                balance_tags(c.text),
                c.start_ms,
                True,
            )
        )
    if unknown:
        shown = ", ".join(sorted(set(unknown))[:3])
        add(
            Finding(
                i,
                "layout.unknown-tag",
                WARNING,
                f"cue {i + 1} has tags other than <i>, <b>, <u>: {shown}",
                strip_unknown_tags(c.text),
                c.start_ms,
                True,
            )
        )


_SPACE = " \t\u00a0"


def _tidy_line(line: str) -> str:
    """One line with leading/trailing/doubled whitespace removed; tags count as zero-width."""
    out: list[str] = []
    text_positions: list[int] = []  # indices in ``out`` that hold visible characters
    prev_space = True  # at the start of the line, whitespace is dropped
    pos = 0
    pieces: list[tuple[bool, str]] = []
    for m in MARKUP_RE.finditer(line):
        pieces.append((False, line[pos : m.start()]))
        pieces.append((True, m.group(0)))
        pos = m.end()
    pieces.append((False, line[pos:]))
    for is_tag, chunk in pieces:
        if is_tag:
            out.append(chunk)
            continue
        for ch in chunk:
            if ch in _SPACE:
                if prev_space:
                    continue
                ch = " " if ch == "\t" else ch
                prev_space = True
            else:
                prev_space = False
            text_positions.append(len(out))
            out.append(ch)
    # Drop whitespace left at the end of the line (before any closing tags).
    while text_positions and out[text_positions[-1]] in _SPACE:
        out[text_positions.pop()] = ""
    return "".join(out)


def tidy_whitespace(text: str) -> str:
    """Trim each line, collapse runs of whitespace, drop blank lines; tags are kept where they are."""
    lines: list[str] = []
    for line in text.split("\n"):
        line = _tidy_line(line)
        if strip_tags(line).strip(_SPACE):
            lines.append(line)
        elif line and lines:  # a line holding only tags stays attached to the previous one
            lines[-1] += line
        elif line:
            lines.append(line)
    if len(lines) > 1 and not strip_tags(lines[0]).strip(_SPACE):
        lines[1] = lines[0] + lines[1]  # leading tag-only line joins the first text line
        lines.pop(0)
    return "\n".join(lines)


def strip_unknown_tags(text: str) -> str:
    """Remove tags other than ``<i> <b> <u>`` (and voice spans)."""
    return TAG_RE.sub(lambda m: m.group(0) if m.group(2).lower() in KNOWN_TAGS | MARKUP_TAGS else "", text)


def balance_tags(text: str) -> str:
    """Drop closing tags that were never opened and close the ones left open, at the end of the cue."""
    from ..markup import from_runs, runs

    if "<v" in text or "</v>" in text:  # each voice span on its own; the voice tags stay
        out, pos = [], 0
        for m in VOICE_RE.finditer(text):
            out += [from_runs(runs(text[pos : m.start()])), m.group(0)]
            pos = m.end()
        out.append(from_runs(runs(text[pos:])))
        return with_position("".join(out), position(text))
    return with_position(from_runs(runs(text)), position(text))
