"""``korkyt treaties``: check a co-production project against the rule sets, list the instruments."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from .advice import evaluate
from .errors import ProjectError, TreatiesError
from .parse import MAX_BYTES, loads, parse_date
from .report import render_html, render_text, to_json
from .rules import load_rulebook

treaties_app = typer.Typer(
    name="treaties",
    help="Co-production eligibility: check a project against conventions, treaties and national rules.",
    no_args_is_help=True,
)

err = Console(stderr=True, soft_wrap=True, highlight=False)
out = Console(soft_wrap=True, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``treaties`` command group to the main ``korkyt`` app."""
    app.add_typer(treaties_app, name="treaties")


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False)
    return typer.Exit(2)


def _read(path: Path) -> bytes:
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _fail(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _fail(f"{path}: larger than {MAX_BYTES:,} bytes")
    return data


@treaties_app.command("check")
def check_cmd(
    project: Annotated[
        Path, typer.Argument(help="The project as JSON (see docs/coproduction.md); - for stdin.")
    ],
    format: Annotated[str, typer.Option("--format", help="Output: text, json or html.")] = "text",
    on: Annotated[
        str | None,
        typer.Option("--date", help="Evaluate at this date (YYYY-MM-DD; default: the project's date)."),
    ] = None,
) -> None:
    """Evaluate a project: exit 0 when an instrument confers status (a basis), 1 when none, 2 on bad input."""
    if format not in ("text", "json", "html"):
        raise _fail(f"--format must be text, json or html, not {format!r}")
    when = None
    if on is not None:
        try:
            when = parse_date(on, "--date")
        except ProjectError as exc:
            raise _fail(f"--date: {exc.message}") from None
    book = load_rulebook()
    data = _read(project)
    try:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ProjectError("(file)", "not UTF-8 text") from None
        parsed = loads(text, known_instruments=book.ids)
        result = evaluate(parsed, on=when, rulebook=book)
    except ProjectError as exc:
        raise _fail(f"{project}: {exc.field}: {exc.message}") from None
    except TreatiesError as exc:
        raise _fail(str(exc)) from None
    if format == "json":
        sys.stdout.write(json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n")
    elif format == "html":
        sys.stdout.write(render_html(result, book))
    else:
        sys.stdout.write(render_text(result, book))
    raise typer.Exit(0 if result.basis else 1)


@treaties_app.command("list")
def list_cmd(
    format: Annotated[str, typer.Option("--format", help="Output: text or json.")] = "text",
) -> None:
    """List the instruments: id, kind, dates, parties and source."""
    if format not in ("text", "json"):
        raise _fail(f"--format must be text or json, not {format!r}")
    book = load_rulebook()
    if format == "json":
        rows = [
            {
                "id": i.id,
                "title": i.title,
                "kind": i.kind,
                "confers_status": i.confers_status,
                "effective_from": i.effective_from.isoformat(),
                "effective_to": i.effective_to.isoformat() if i.effective_to else None,
                "source": i.source,
                "parties": [
                    {
                        "country": p.country,
                        "joined": p.joined.isoformat(),
                        "left": p.left.isoformat() if p.left else None,
                    }
                    for p in i.parties
                ],
                "summary": i.summary,
                "note": i.note,
            }
            for i in book.instruments
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for i in book.instruments:
        status = "confers status" if i.confers_status else "confers no status"
        parties = " ".join(p.country for p in i.parties) or "-"
        out.print(
            f"[bold]{i.id:<11}[/] {i.kind:<11} {status:<18} "
            f"from {i.effective_from.isoformat()}  parties: {parties}"
        )
        out.print(f"{'':<12}{i.title}", markup=False)
        out.print(f"{'':<12}source: {i.source}", markup=False)
