"""The result of :func:`check`: findings, a summary, and text / JSON / HTML renderings."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from ..model import Cue
from ..profiles import Profile
from .findings import ERROR, INFO, SEVERITIES, WARNING, Finding

_COLOURS = {ERROR: "#c62828", WARNING: "#ef8f00", INFO: "#1565c0"}


def clock(ms: int | None) -> str:
    """``H:MM:SS.mmm`` or ``-``."""
    if ms is None:
        return "-"
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    return f"{sign}{ms // 3_600_000}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


@dataclass(slots=True)
class Report:
    """Findings of one check run, sorted by time."""

    findings: list[Finding]
    profile: Profile
    cue_count: int = 0
    duration_ms: int = 0
    cues: list[Cue] = field(default_factory=list, repr=False)
    name: str | None = None

    @property
    def summary(self) -> dict[str, int]:
        """Number of findings per severity: ``{"error": 2, "warning": 5, "info": 0}``."""
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts

    @property
    def has_errors(self) -> bool:
        """Whether any finding has severity ``error``."""
        return any(f.severity == ERROR for f in self.findings)

    def by_code(self) -> dict[str, int]:
        """Number of findings per code."""
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "name": self.name,
            "profile": self.profile.name,
            "cues": self.cue_count,
            "duration_ms": self.duration_ms,
            "summary": self.summary,
            "by_code": self.by_code(),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON rendering."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self, limit: int | None = None) -> str:
        """Human-readable text, one finding per line."""
        s = self.summary
        head = f"{self.name + ': ' if self.name else ''}{self.cue_count} cues, profile {self.profile.name}: "
        head += ", ".join(f"{s[k]} {k}{'s' if s[k] != 1 else ''}" for k in SEVERITIES)
        lines = [head]
        shown = self.findings if limit is None else self.findings[:limit]
        for f in shown:
            where = f"#{f.cue + 1}" if f.cue is not None else "doc"
            line = f"  {clock(f.time_ms):>12} {where:>6} {f.severity:<7} {f.code:<28} {f.message}"
            if f.suggestion and len(f.suggestion) < 80 and "\n" not in f.suggestion:
                line += f"  → {f.suggestion}"
            lines.append(line)
        if limit is not None and len(self.findings) > limit:
            lines.append(f"  … {len(self.findings) - limit} more")
        return "\n".join(lines)

    def to_html(self) -> str:
        """A self-contained HTML page: summary, a timeline of the problems, and the findings table."""
        return html_page([self])

    def html_section(self, level: int = 1) -> str:
        """The report as a ``<section>`` headed at ``level`` (its parts one level below)."""
        esc = html.escape
        s = self.summary
        total = max(self.duration_ms, 1)
        width, lane_h = 1000, 18
        lanes = {ERROR: 0, WARNING: 1, INFO: 2}
        marks = []
        for c in self.cues:
            x = c.start_ms / total * width
            w = max((c.end_ms - c.start_ms) / total * width, 0.5)
            marks.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="10" fill="#9e9e9e"/>')
        for f in self.findings:
            if f.time_ms is None:
                continue
            x = min(max(f.time_ms / total * width, 0), width)
            y = 14 + lanes.get(f.severity, 2) * lane_h
            cue = f"cue {f.cue + 1} " if f.cue is not None else ""
            marks.append(
                f'<a href="#f{id(f)}"><rect x="{x:.1f}" y="{y}" width="3" height="{lane_h - 4}" '
                f'fill="{_COLOURS.get(f.severity, "#555")}"><title>{esc(clock(f.time_ms))} {esc(cue)}'
                f"{esc(f.code)}: {esc(f.message)}</title></rect></a>"
            )
        ticks = []
        step = _tick_step(total)
        for t in range(0, total + 1, step):
            x = t / total * width
            ticks.append(
                f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="70" stroke="#e0e0e0"/>'
                f'<text x="{x + 2:.1f}" y="82" font-size="10" fill="#555">{esc(clock(t)[:-4])}</text>'
            )
        labels = "".join(
            f'<text x="-4" y="{14 + n * lane_h + 11}" font-size="10" text-anchor="end" fill="#333">{k}</text>'
            for k, n in lanes.items()
        )
        svg = (
            f'<svg viewBox="-60 0 {width + 70} 90" width="100%" role="img" aria-label="timeline of problems">'
            f'{"".join(ticks)}<text x="-4" y="9" font-size="10" text-anchor="end">cues</text>{labels}'
            f"{''.join(marks)}</svg>"
        )
        rows = []
        for f in self.findings:
            rows.append(
                f'<tr id="f{id(f)}" class="{esc(f.severity)}"><td>{esc(clock(f.time_ms))}</td>'
                f"<td>{f.cue + 1 if f.cue is not None else ''}</td><td>{esc(f.severity)}</td>"
                f"<td><code>{esc(f.code)}</code></td><td>{esc(f.message)}</td>"
                f"<td>{esc(f.suggestion or '')}</td></tr>"
            )
        codes = "".join(f"<li><code>{esc(k)}</code> {v}</li>" for k, v in self.by_code().items())
        title = esc(self.name or "subtitle check")
        h, sub = f"h{level}", f"h{level + 1}"
        return f"""<section>
<{h}>{title}</{h}>
<p>{self.cue_count} cues, {esc(clock(self.duration_ms))}, profile <code>{esc(self.profile.name)}</code></p>
<p class="summary"><span style="color:{_COLOURS[ERROR]}">{s[ERROR]} errors</span>
<span style="color:{_COLOURS[WARNING]}">{s[WARNING]} warnings</span>
<span style="color:{_COLOURS[INFO]}">{s[INFO]} info</span></p>
<{sub}>Timeline</{sub}>
{svg}
<{sub}>By code</{sub}><ul>{codes}</ul>
<{sub}>Findings</{sub}>
<table><thead><tr><th>time</th><th>cue</th><th>severity</th><th>code</th><th>message</th><th>suggestion</th></tr>
</thead><tbody>
{"".join(rows)}
</tbody></table>
</section>"""


def html_page(reports: list[Report]) -> str:
    """One self-contained HTML page: a report's page, or several files' reports one after another (with
    the totals first)."""
    esc = html.escape
    if len(reports) == 1:
        title, intro, level = esc(reports[0].name or "subtitle check"), "", 1
    else:
        errors = sum(r.summary[ERROR] for r in reports)
        warnings = sum(r.summary[WARNING] for r in reports)
        title, level = f"subtitle check: {len(reports)} files", 2
        items = "".join(
            f'<li><a href="#r{n}">{esc(r.name or "report")}</a>: {r.summary[ERROR]} errors, '
            f"{r.summary[WARNING]} warnings</li>"
            for n, r in enumerate(reports)
        )
        intro = f"<h1>{title}</h1>\n<p>{errors} errors, {warnings} warnings</p><ul>{items}</ul>\n"
    sections = "\n".join(
        r.html_section(level).replace("<section>", f'<section id="r{n}">', 1) for n, r in enumerate(reports)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}}
table{{border-collapse:collapse;width:100%;font-size:.9rem}}
td,th{{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}}
td{{white-space:pre-wrap}}
td code{{white-space:nowrap}}
tr.error td:nth-child(3){{color:{_COLOURS[ERROR]};font-weight:bold}}
tr.warning td:nth-child(3){{color:{_COLOURS[WARNING]}}}
tr.info td:nth-child(3){{color:{_COLOURS[INFO]}}}
.summary span{{display:inline-block;margin-right:1rem;font-weight:bold}}
section+section{{margin-top:3rem}}
</style></head><body>
{intro}{sections}
</body></html>
"""


def _tick_step(total: int) -> int:
    for step in (10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000):
        if total / step <= 12:
            return step
    return 3_600_000 * max(1, total // (12 * 3_600_000))
