"""MicroDVD (frames) and MPL2 (deciseconds): line-based formats with ``|`` between lines.

MicroDVD ``{y:i}`` / ``{Y:i}`` (and ``b``, ``u``) apply to a line / the whole cue; other control codes
(colours, fonts, positions) are dropped. A first line ``{1}{1}25`` declares the frame rate. MPL2 marks an
italic line with a leading ``/``. Styling inside a line that does not cover the whole line cannot be
expressed in these formats and is dropped on writing.
"""

from __future__ import annotations

import re

from ..errors import MissingFpsError, ParseError
from ..markup import runs
from ..model import MAX_FPS, MAX_TIME_MS, MIN_FPS, Cue, Document
from ._common import line_of, normalise_newlines

_MDVD_RE = re.compile(r"^\s*\{(\d+)\}\{(\d*)\}(.*)$")
_MDVD_CODE_RE = re.compile(r"\{([a-zA-Z]):([^{}]*)\}")
_MPL2_RE = re.compile(r"^\s*\[(\d+)\]\[(\d*)\](.*)$")
_FPS_RE = re.compile(r"^\d+(?:[.,]\d+)?$")


def _limit(ms: int, text: str, pos: int, fmt: str) -> int:
    if ms > MAX_TIME_MS:
        raise ParseError(
            "time is beyond the supported maximum 99:59:59.999",
            line=line_of(text, pos),
            format=fmt,
            code="parse.time_out_of_range",
        )
    return ms


def _count(digits: str, text: str, pos: int, fmt: str) -> int:
    """A frame or decisecond count; more than 12 digits is beyond any supported time (and past 4,300
    ``int`` refuses to read them)."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > 12:
        _limit(MAX_TIME_MS + 1, text, pos, fmt)
    return int(digits)


def _styled(line: str, styles: set[str]) -> str:
    line = line.strip()
    for s in ("u", "b", "i"):
        if s in styles and line:
            line = f"<{s}>{line}</{s}>"
    return line


def read_microdvd(text: str, *, fps: float | None = None, **_: object) -> Document:
    """Read MicroDVD; ``fps`` is required unless the file declares it."""
    text = normalise_newlines(text)
    cues: list[Cue] = []
    rate = fps
    pos = 0
    for n, raw in enumerate(text.split("\n")):
        here = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        m = _MDVD_RE.match(raw)
        if not m:
            found = raw.strip()[:40]
            raise ParseError(
                f"expected '{{start}}{{end}}text', found {found!r}",
                line=n + 1,
                format="microdvd",
                code="parse.expected_line",
                params={"example": "{start}{end}text", "found": found},
            )
        start_f = _count(m.group(1), text, here, "microdvd")
        end_f, body = _count(m.group(2) or m.group(1), text, here, "microdvd"), m.group(3)
        if not cues and start_f in (0, 1) and end_f in (0, 1) and _FPS_RE.match(body.strip()):
            declared = float(body.strip().replace(",", "."))
            if not MIN_FPS <= declared <= MAX_FPS:
                raise ParseError(
                    f"declared frame rate {body.strip()!r} is not valid",
                    line=n + 1,
                    format="microdvd",
                    code="microdvd.bad_fps",
                    params={"rate": body.strip()[:40]},
                )
            rate = rate or declared
            continue
        if not rate:
            raise MissingFpsError(
                "MicroDVD counts frames: give the frame rate (fps=23.976, 24, 25 ...); "
                "the file does not declare it",
                code="microdvd.no_fps",
            )
        whole: set[str] = set()
        lines = []
        for part in body.split("|"):
            line_styles: set[str] = set()
            for code, value in _MDVD_CODE_RE.findall(part):
                if code.lower() == "y":
                    target = whole if code == "Y" else line_styles
                    target.update(v for v in value.lower().replace(",", "") if v in "ibu")
            lines.append((_MDVD_CODE_RE.sub("", part), line_styles))
        text_out = "\n".join(_styled(line, st | whole) for line, st in lines)
        start = _limit(round(start_f * 1000 / rate), text, here, "microdvd")
        end = _limit(round(end_f * 1000 / rate), text, here, "microdvd")
        cues.append(Cue(start, end, text_out))
    return Document(cues=cues, format="microdvd", fps=rate)


def _line_styles(cue_text: str) -> list[tuple[str, set[str]]]:
    out = []
    for line in runs(cue_text):
        content = "".join(chunk for chunk, _ in line)
        styled = [st for chunk, st in line if chunk.strip()]
        common = set.intersection(*(set(s) for s in styled)) if styled else set()
        out.append((content, common))
    return out


def write_microdvd(doc: Document, *, fps: float | None = None, **_: object) -> str:
    """Write MicroDVD with a frame-rate declaration line."""
    rate = fps or doc.fps
    if not rate:
        raise MissingFpsError("MicroDVD counts frames: give the frame rate to write it (fps=25 ...)")
    out = [f"{{1}}{{1}}{rate:g}"]
    for cue in doc.cues:
        parts = []
        for content, st in _line_styles(cue.text):
            codes = "".join(st & {"i", "b", "u"})
            parts.append((f"{{y:{''.join(sorted(codes))}}}" if codes else "") + content.replace("|", "/"))
        out.append(
            f"{{{round(max(cue.start_ms, 0) * rate / 1000)}}}{{{round(max(cue.end_ms, 0) * rate / 1000)}}}"
            + "|".join(parts)
        )
    return "\n".join(out) + "\n"


def read_mpl2(text: str, **_: object) -> Document:
    """Read MPL2."""
    text = normalise_newlines(text)
    cues: list[Cue] = []
    pos = 0
    for n, raw in enumerate(text.split("\n")):
        here = pos
        pos += len(raw) + 1
        if not raw.strip():
            continue
        m = _MPL2_RE.match(raw)
        if not m:
            found = raw.strip()[:40]
            raise ParseError(
                f"expected '[start][end]text', found {found!r}",
                line=n + 1,
                format="mpl2",
                code="parse.expected_line",
                params={"example": "[start][end]text", "found": found},
            )
        start = _limit(_count(m.group(1), text, here, "mpl2") * 100, text, here, "mpl2")
        end = _limit(_count(m.group(2) or m.group(1), text, here, "mpl2") * 100, text, here, "mpl2")
        lines = []
        for part in m.group(3).split("|"):
            part = part.strip()
            lines.append(_styled(part[1:], {"i"}) if part.startswith("/") else part)
        cues.append(Cue(start, end, "\n".join(lines)))
    return Document(cues=cues, format="mpl2")


def write_mpl2(doc: Document, **_: object) -> str:
    """Write MPL2 (whole-line italics as ``/``)."""
    out = []
    for cue in doc.cues:
        parts = [
            ("/" if "i" in st else "") + content.replace("|", "/") for content, st in _line_styles(cue.text)
        ]
        out.append(
            f"[{round(max(cue.start_ms, 0) / 100)}][{round(max(cue.end_ms, 0) / 100)}]" + "|".join(parts)
        )
    return "\n".join(out) + "\n"
