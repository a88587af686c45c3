"""The output contract (JSON) and the text and HTML renderings of an evaluation."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

from .fmt import figure, json_decimal, money, pct, shown_figure, shown_value
from .model import Advice, Change, Check, Evaluation, Figure, Verdict
from .rules import RuleBook, load_rulebook


def _json_figure(value: Figure) -> str | int | None:
    if isinstance(value, Decimal):
        return json_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def change_to_json(ch: Change) -> dict[str, Any]:
    """A change as JSON: ``op`` and ``target`` always, the other fields when set."""
    out: dict[str, Any] = {"op": ch.op, "target": ch.target}
    if ch.country is not None:
        out["country"] = ch.country
    if ch.amount is not None:
        out["amount"] = f"{ch.amount:f}"
    if ch.currency is not None:
        out["currency"] = ch.currency
    if ch.days is not None:
        out["days"] = ch.days
    if ch.value is not None:
        out["value"] = ch.value.isoformat() if isinstance(ch.value, date) else ch.value
    return out


def advice_to_json(a: Advice) -> dict[str, Any]:
    return {
        "rule": a.rule,
        "subject": a.subject,
        "message": a.message,
        "actionable": a.actionable,
        "changes": [change_to_json(c) for c in a.changes],
        "breaks": [{"instrument": b.instrument, "rule": b.rule, "subject": b.subject} for b in a.breaks],
    }


def _json_value(c: Check) -> str | int | None:
    """The figure to 4 decimals; a failing one is never rounded onto the limit it misses (4.99999 below a
    minimum of 5 is "4.9999", not "5")."""
    v = c.value
    if isinstance(v, Decimal):
        lo = c.min if isinstance(c.min, Decimal) else None
        hi = c.max if isinstance(c.max, Decimal) else None
        return json_decimal(shown_value(v, lo, hi, places=4))
    return _json_figure(v)


def check_to_json(c: Check) -> dict[str, Any]:
    """A check as JSON; ``pending`` only when true (a check that cannot be decided yet)."""
    out = {
        "rule": c.rule,
        "subject": c.subject,
        "value": _json_value(c),
        "min": _json_figure(c.min),
        "max": _json_figure(c.max),
        "ok": c.ok,
        "source": c.source,
    }
    if c.pending:
        out["pending"] = True
    return out


def verdict_to_json(v: Verdict) -> dict[str, Any]:
    """A verdict as JSON; ``pending`` only when true (nothing fails, something cannot be decided yet)."""
    out: dict[str, Any] = {
        "id": v.id,
        "applies": v.applies,
        "reason": v.reason,
        "eligible": v.eligible,
        "checks": [check_to_json(c) for c in v.checks],
        "points": (
            {"scored": v.points.scored, "of": v.points.of, "needed": v.points.needed} if v.points else None
        ),
        "advice": [advice_to_json(a) for a in v.advice],
    }
    if v.pending:
        out["pending"] = True
    return out


def to_json(ev: Evaluation) -> dict[str, Any]:
    """The documented output: ``shares``, ``instruments`` and ``basis`` (docs/coproduction.md)."""
    return {
        "shares": {pid: json_decimal(s) for pid, s in ev.shares.items()},
        "instruments": [verdict_to_json(v) for v in ev.verdicts],
        "basis": ev.basis,
    }


def _limit(c: Check) -> str:
    lo, hi = figure(c.min), figure(c.max)
    if lo and hi:
        return f"{lo}–{hi}"
    if lo:
        return f"≥ {lo}"
    if hi:
        return f"≤ {hi}"
    return ""


def render_text(ev: Evaluation, book: RuleBook | None = None) -> str:
    """A plain-text report (what ``korkyt treaties check --format text`` prints)."""
    book = book or load_rulebook()
    lines = [f"Evaluated on {ev.on.isoformat()}; total {money(ev.total, ev.currency)}"]
    lines.append("Shares: " + ", ".join(f"{pid} {pct(s)}" for pid, s in ev.shares.items()))
    lines.append(f"Basis: {ev.basis or 'none'}")
    for v in ev.verdicts:
        inst = book.get(v.id)
        mark = "ELIGIBLE" if v.eligible else ("PENDING" if v.pending else ("applies" if v.applies else "n/a"))
        lines.append("")
        lines.append(f"[{mark}] {v.id} — {inst.title}")
        lines.append(f"  {v.reason}")
        for c in v.checks:
            flag = "ok  " if c.ok else ("wait" if c.pending else ("disc" if c.discretionary else "FAIL"))
            value = figure(shown_figure(c.value, c.min, c.max))
            lines.append(f"  {flag} {c.rule:<16} {c.subject:<24} {value:>10}  {_limit(c):<12} {c.source}")
        if v.points is not None:
            p = v.points
            lines.append(f"  points ({p.table}): {p.scored} of {p.of}, {p.needed} needed")
        for a in v.advice:
            lines.append(f"  → {a.message}")
    return "\n".join(lines) + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
    "table{border-collapse:collapse;width:100%}"
    "td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}"
    ".ok{color:#176117}.fail{color:#a11}.na{color:#666}"
)


def render_html(ev: Evaluation, book: RuleBook | None = None) -> str:
    """A standalone HTML page; every text from the input or the rules is escaped."""
    book = book or load_rulebook()
    e = html.escape
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Co-production eligibility</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Co-production eligibility on {e(ev.on.isoformat())}</h1>",
        f"<p>Total {e(money(ev.total, ev.currency))}. Basis: <strong>{e(ev.basis or 'none')}</strong></p>",
        "<table><thead><tr><th>Partner</th><th>Share</th></tr></thead><tbody>",
    ]
    out += [f"<tr><td>{e(pid)}</td><td>{e(pct(s))}</td></tr>" for pid, s in ev.shares.items()]
    out.append("</tbody></table>")
    for v in ev.verdicts:
        inst = book.get(v.id)
        css = "ok" if v.eligible else ("fail" if v.applies else "na")
        out.append(f"<section id='{e(v.id)}'><h2 class='{css}'>{e(inst.short)}: {e(inst.title)}</h2>")
        out.append(f"<p>{e(v.reason)}</p>")
        if v.checks:
            out.append(
                "<table><thead><tr><th>Rule</th><th>Subject</th><th>Value</th><th>Limit</th><th>OK</th>"
                "<th>Source</th></tr></thead><tbody>"
            )
            for c in v.checks:
                value = figure(shown_figure(c.value, c.min, c.max))
                ok = (
                    "yes"
                    if c.ok
                    else ("pending" if c.pending else ("discretionary" if c.discretionary else "no"))
                )
                out.append(
                    f"<tr class='{'ok' if c.ok else 'fail'}'><td>{e(c.rule)}</td><td>{e(c.subject)}</td>"
                    f"<td>{e(value)}</td><td>{e(_limit(c))}</td><td>{ok}</td><td>{e(c.source)}</td></tr>"
                )
            out.append("</tbody></table>")
        if v.points is not None:
            p = v.points
            out.append(f"<p>Appendix II ({e(p.table)}): {p.scored} of {p.of} points, {p.needed} needed.</p>")
        if v.advice:
            out.append("<ul>" + "".join(f"<li>{e(a.message)}</li>" for a in v.advice) + "</ul>")
        out.append(f"<p><a href='{e(inst.source)}'>{e(inst.source)}</a></p></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def json_schema(which: str) -> dict[str, Any]:
    """The JSON Schema of the ``project`` input or the ``result`` output (shipped in the package)."""
    import json
    from importlib import resources

    if which not in ("project", "result"):
        raise ValueError("which must be 'project' or 'result'")
    text = (
        resources.files("korkyt.treaties").joinpath(f"data/{which}.schema.json").read_text(encoding="utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data
