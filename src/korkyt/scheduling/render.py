"""The solution as text (a grid per day) or as a standalone HTML page."""

from __future__ import annotations

import html
from collections import defaultdict

from korkyt.scheduling.explain import duration
from korkyt.scheduling.io import to_iso
from korkyt.scheduling.model import Instance, Solution


def _summary(solution: Solution) -> list[str]:
    lines = [f"status: {solution.status} ({solution.method})"]
    if solution.objective is not None:
        gap = "" if solution.gap is None else f", gap {solution.gap:.1%}"
        bound = "" if solution.bound is None else f", bound {solution.bound:g}"
        lines.append(f"objective: {solution.objective}{bound}{gap}")
    if solution.parts is not None:
        lines.append("parts: " + ", ".join(f"{k} {v}" for k, v in solution.parts.parts().items()))
    lines.append(
        f"{sum(s.event is None for s in solution.screenings)} screenings placed, "
        f"{len(solution.unplaced)} unplaced, {solution.wall_s:.2f} s"
    )
    return lines


def to_text(solution: Solution, instance: Instance) -> str:
    lines = _summary(solution)
    for reason in solution.explanation:
        lines.append(f"  - {reason}")
    by_day: dict[str, list[str]] = defaultdict(list)
    for s in solution.screenings:
        start = to_iso(instance.origin, s.starts_at)
        day = next((d for d in instance.days if d.opens <= s.starts_at < d.closes), None)
        key = str(day.date) if day else start[:10]
        what = s.film if s.event is None else f"{s.event}" + (f" ({s.film})" if s.film else "")
        marks = "".join([" Q&A" if s.qa else "", " locked" if s.locked else ""])
        by_day[key].append(
            f"  {start[11:]}–{to_iso(instance.origin, s.ends_at)[11:]}  {s.room:<8} {s.kind:<6} {what}{marks}"
        )
    for date, rows in by_day.items():
        lines.append("")
        lines.append(date)
        lines.extend(rows)
    for u in solution.unplaced:
        lines.append(f"unplaced: {u.kind} screening of {u.film}: {u.reason}")
    return "\n".join(lines) + "\n"


def to_html(solution: Solution, instance: Instance) -> str:
    esc = html.escape
    rooms = [r.id for r in instance.rooms]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Screening schedule</title>",
        "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:2px 6px;vertical-align:top;font-size:13px}.jury{background:#eef}.press{background:#efe}"
        ".gala{background:#fed}</style></head><body><h1>Screening schedule</h1>",
    ]
    parts += [f"<p>{esc(line)}</p>" for line in _summary(solution)]
    if solution.explanation:
        parts.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in solution.explanation) + "</ul>")
    for day in instance.days:
        cells: dict[str, list[str]] = defaultdict(list)
        for s in solution.screenings:
            if day.opens <= s.starts_at < day.closes:
                label = esc(s.film or s.event or "")
                time = f"{to_iso(instance.origin, s.starts_at)[11:]} ({duration(s.ends_at - s.starts_at)})"
                cells[s.room].append(f"<div class='{s.kind}'>{time} {label} <small>{s.kind}</small></div>")
        parts.append(f"<h2>{day.date.isoformat()}</h2><table><tr>")
        parts += [f"<th scope='col'>{esc(r)}</th>" for r in rooms]
        parts.append("</tr><tr>")
        parts += [f"<td>{''.join(cells.get(r, []))}</td>" for r in rooms]
        parts.append("</tr></table>")
    if solution.unplaced:
        parts.append("<h2>Unplaced</h2><ul>")
        parts += [
            f"<li>{esc(u.kind)} screening of {esc(u.film)}: {esc(u.reason)}</li>" for u in solution.unplaced
        ]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
