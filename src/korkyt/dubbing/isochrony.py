"""Isochrony check: does each line, spoken at a natural pace, fit the time its slot gives it?

A line's spoken duration is estimated as::

    LINE_OVERHEAD + syllables / syllables_per_second(lang) + pauses

with the per-language rates and pause lengths of :mod:`korkyt.dubbing.languages` (espeak-ng's own pace,
re-measured by ``benchmarks/dubbing.py``). ``ratio = estimate / slot``. A line fits when the ratio is at
most ``tolerance`` (default 1.0); above it the line is a warning (an actor can speed up), above
``error_ratio`` (default 1.3) an error (rewrite the line). A line using less than ``short_ratio``
(default 0.35) of its slot gets an info finding: the mouth moves with nothing to say.

Findings are :class:`korkyt.subtitles.Finding` objects (codes ``dubbing.too-long``, ``dubbing.tight``,
``dubbing.too-short``, ``dubbing.no-slot``; ``cue`` is the 0-based cue index), so they can be added to a
subtitle check report and shown with the other checks.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from korkyt.dubbing.errors import DubbingError
from korkyt.dubbing.languages import estimate_seconds, get_language
from korkyt.dubbing.speakers import CueLike, ScriptLine, extract_lines
from korkyt.subtitles import Finding


@dataclass(frozen=True)
class LineFit:
    """The estimate for one spoken line."""

    line: int
    cue_index: int
    character: str | None
    text: str
    slot_ms: int
    estimate_ms: int
    ratio: float
    status: str  # "fits", "tight", "too long", "too short", "no slot"


@dataclass(frozen=True)
class ReportWords:
    """The words of the HTML report, English by default (the command line's); a caller with translations
    passes its own, as for the scripts (:class:`korkyt.dubbing.writers.ScriptWords`):
    ``korkyt.localization.dubbing`` gives them in the language of the page the report was ordered from.
    ``lang`` is the tag of that language (the page's ``<html lang>``), ``language`` the name of the dub's
    language (the package's English name when empty), ``statuses`` the words for the statuses of
    :class:`LineFit` (a status not in it is shown as it is)."""

    lang: str = "en"
    title: str = "Isochrony check"
    language: str = ""
    line: str = "Line"
    cue: str = "Cue"
    character: str = "Character"
    text: str = "Text"
    slot: str = "Slot s"
    estimate: str = "Estimate s"
    ratio: str = "Ratio"
    status: str = "Status"
    statuses: Mapping[str, str] = field(default_factory=dict)


@dataclass
class IsochronyReport:
    """The result of :func:`check_isochrony`."""

    lang: str
    fits: list[LineFit]
    findings: list[Finding] = field(default_factory=list)
    tolerance: float = 1.0
    error_ratio: float = 1.3

    @property
    def ok(self) -> bool:
        """True when no line is too long for its slot (info findings do not count)."""
        return not any(f.severity in ("warning", "error") for f in self.findings)

    def to_dict(self) -> dict[str, object]:
        counts: dict[str, int] = {}
        for fit in self.fits:
            counts[fit.status] = counts.get(fit.status, 0) + 1
        return {
            "lang": self.lang,
            "tolerance": self.tolerance,
            "error_ratio": self.error_ratio,
            "ok": self.ok,
            "counts": counts,
            "lines": [asdict(f) for f in self.fits],
            "findings": [asdict(f) for f in self.findings],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        out = [f"Isochrony check ({get_language(self.lang).name}): {len(self.fits)} lines"]
        problems = [f for f in self.fits if f.status not in ("fits",)]
        for fit in problems:
            who = fit.character or "?"
            out.append(
                f"  line {fit.line} (cue {fit.cue_index + 1}, {who}): {fit.status}, "
                f"{fit.estimate_ms / 1000:.2f} s for {fit.slot_ms / 1000:.2f} s (×{fit.ratio:.2f})"
                f"  {fit.text!r}"
            )
        too_long = sum(1 for f in self.fits if f.status in ("tight", "too long", "no slot"))
        out.append(f"{too_long} line(s) do not fit their slot" if too_long else "every line fits its slot")
        return "\n".join(out) + "\n"

    def to_html(self, words: ReportWords | None = None) -> str:
        """The report as an HTML page in the language of ``words`` (English by default), its ``<html lang>``
        that language's; each line's text is marked with the dub's language."""
        esc = html.escape
        words = words or ReportWords()
        lang = esc(self.lang)
        rows = "".join(
            f'<tr class="{esc(f.status.replace(" ", "-"))}"><td>{f.line}</td><td>{f.cue_index + 1}</td>'
            f'<td>{esc(f.character or "?")}</td><td lang="{lang}">{esc(f.text)}</td>'
            f"<td>{f.slot_ms / 1000:.2f}</td><td>{f.estimate_ms / 1000:.2f}</td><td>{f.ratio:.2f}</td>"
            f"<td>{esc(words.statuses.get(f.status, f.status))}</td></tr>"
            for f in self.fits
        )
        heading = f"{words.title} — {words.language or get_language(self.lang).name}"
        columns = (
            words.line,
            words.cue,
            words.character,
            words.text,
            words.slot,
            words.estimate,
            words.ratio,
            words.status,
        )
        head = "".join(f"<th>{esc(c)}</th>" for c in columns)
        return (
            f'<!doctype html><html lang="{esc(words.lang)}"><head><meta charset="utf-8">'
            f"<title>{esc(heading)}</title><style>td,th{{padding:2px 6px;border:1px solid #999}}"
            "table{border-collapse:collapse}.too-long{background:#f8c0c0}.tight{background:#fbe7b0}"
            ".no-slot{background:#f8c0c0}.too-short{background:#e0ecf8}</style></head><body>"
            f"<h1>{esc(heading)}</h1><table><tr>{head}</tr>{rows}</table></body></html>\n"
        )

    def render(self, fmt: str, words: ReportWords | None = None) -> str:
        """The report as ``text``, ``json`` or ``html`` (the HTML in the language of ``words``; text and JSON
        are for the command line and programs, in English)."""
        if fmt == "html":
            return self.to_html(words)
        renderers = {"text": self.to_text, "json": self.to_json}
        if fmt not in renderers:
            raise DubbingError(f"unknown report format {fmt!r}; use text, json or html")
        return renderers[fmt]()


def check_lines(
    lines: Sequence[ScriptLine],
    lang: str,
    *,
    tolerance: float = 1.0,
    error_ratio: float = 1.3,
    short_ratio: float = 0.35,
) -> IsochronyReport:
    """Estimate every line against its slot and collect findings (see module docstring)."""
    language = get_language(lang)
    if not 0 < tolerance <= error_ratio:
        raise DubbingError("tolerance must be positive and not above error_ratio")
    fits: list[LineFit] = []
    findings: list[Finding] = []
    for line in lines:
        estimate_ms = round(1000 * estimate_seconds(line.text, language))
        slot = line.end_ms - line.start_ms
        who = line.character or "unknown speaker"
        if line.cue_end_ms <= line.cue_start_ms or slot <= 0:
            status, ratio = "no slot", float("inf")
            findings.append(
                Finding(
                    cue=line.cue_index,
                    code="dubbing.no-slot",
                    severity="error",
                    message=f"cue {line.cue_index + 1} has no time to speak in (ends at or before its start)",
                    time_ms=line.start_ms,
                )
            )
        else:
            ratio = estimate_ms / slot
            if ratio > error_ratio:
                status, severity = "too long", "error"
            elif ratio > tolerance:
                status, severity = "tight", "warning"
            elif ratio < short_ratio:
                status, severity = "too short", "info"
            else:
                status, severity = "fits", ""
            if severity:
                verb = "needs" if ratio > tolerance else "uses only"
                findings.append(
                    Finding(
                        cue=line.cue_index,
                        code=f"dubbing.{status.replace(' ', '-')}",
                        severity=severity,
                        message=(
                            f"line {line.number} ({who}) {verb} about {estimate_ms / 1000:.1f} s of speech "
                            f"for a {slot / 1000:.1f} s slot (×{ratio:.2f})"
                        ),
                        suggestion="shorten the line" if severity == "error" else None,
                        time_ms=line.start_ms,
                    )
                )
        fits.append(
            LineFit(
                line.number,
                line.cue_index,
                line.character,
                line.text,
                slot,
                estimate_ms,
                round(ratio, 3) if ratio != float("inf") else 999.0,
                status,
            )
        )
    return IsochronyReport(language.code, fits, findings, tolerance, error_ratio)


def check_isochrony(
    cues: Sequence[CueLike],
    lang: str,
    *,
    tolerance: float = 1.0,
    error_ratio: float = 1.3,
    short_ratio: float = 0.35,
) -> IsochronyReport:
    """Check the cues of a subtitle document (``Document.cues``) in language ``lang``.

    Raises :class:`DubbingError` for an unknown language or a document without spoken lines.
    """
    language = get_language(lang)
    lines = extract_lines(cues, language)
    if not lines:
        raise DubbingError(
            "the document has no spoken lines (every cue is empty or a sound description)", code="lines.none"
        )
    return check_lines(
        lines, language.code, tolerance=tolerance, error_ratio=error_ratio, short_ratio=short_ratio
    )
