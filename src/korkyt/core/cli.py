"""`korkyt audit export`: the audit log as CSV or JSON, on standard output or into a file.

    korkyt audit export [--since 2026-12-01] [--format csv|json] [--output audit.csv]

``--since`` takes a date (from its midnight, UTC) or an ISO 8601 date and time. Bad input prints a message
and exits with code 2.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True)
audit_app = typer.Typer(help="The audit log: who changed what, when, from which request or task.")


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    import django

    try:
        django.setup()
    except Exception as exc:  # configuration errors: a message, not a traceback
        err.print(f"[red]Configuration error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def parse_since(value: str) -> dt.datetime:
    """A date (its midnight, UTC) or an ISO 8601 date and time (UTC when it names no offset)."""
    text = value.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"--since: not a date (YYYY-MM-DD) or an ISO 8601 date and time: {value!r}"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


@audit_app.command("export")
def export(
    since: Annotated[
        str | None, typer.Option(help="Only entries from this date (YYYY-MM-DD) or ISO date and time on.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    output: Annotated[
        Path | None, typer.Option(help="Write into this file (default: standard output).")
    ] = None,
) -> None:
    """Export the audit log (oldest first). CSV cells that look like formulas are prefixed with '."""
    _django()  # before anything that imports models
    from korkyt.core.audit import audit_entries
    from korkyt.core.audit.export import FORMATS, write_entries

    if fmt not in FORMATS:
        err.print(f"[red]--format: use one of {', '.join(FORMATS)}, not {escape(repr(fmt))}.[/red]")
        raise typer.Exit(2)
    try:
        start = parse_since(since) if since else None
    except ValueError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from None
    rows = audit_entries(since=start).iterator(chunk_size=2000)
    if output is None:
        count = write_entries(rows, sys.stdout, fmt)
    else:
        try:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = write_entries(rows, out, fmt)
        except OSError as exc:
            err.print(f"[red]Cannot write {escape(str(output))}: {escape(str(exc.strerror))}[/red]")
            raise typer.Exit(2) from None
    err.print(f"{count} entries exported.")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
