"""`korkyt festival …`: import submissions from CSV, export an edition's reviews (CSV or XLSX)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err = Console(stderr=True)

festival_app = typer.Typer(help="The festival: submissions and reviews.", no_args_is_help=True)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    import django

    try:
        django.setup()
    except Exception as exc:  # configuration errors: a message, not a traceback
        err.print(f"[red]Configuration error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


@festival_app.command("import-submissions")
def import_submissions(
    file: Annotated[Path, typer.Argument(help="CSV file (columns: docs/festival.md).")],
    strict: Annotated[bool, typer.Option(help="Save nothing when any row has an error.")] = False,
) -> None:
    """Import submissions and nominations; rows with errors are reported by line and not saved (exit 2)."""
    if file.is_dir():
        err.print(f"[red]Cannot read {escape(str(file))}:[/red] it is a directory")
        raise typer.Exit(2)
    if not file.is_file():
        err.print(f"[red]No such file:[/red] {escape(str(file))}")
        raise typer.Exit(2)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]Cannot read {escape(str(file))}:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    _django()
    from korkyt.festival.transfer import import_csv

    report = import_csv(text, strict=strict)
    for error in report.errors:
        err.print(f"line {error.line}: [bold]{escape(error.field)}[/bold]: {escape(error.message)}")
    made, refused = len(report.created), len(report.failed_lines)
    console.print(
        f"{made} submission{'' if made == 1 else 's'} imported, {refused} row{'' if refused == 1 else 's'} "
        "refused" + (" (--strict: nothing saved)." if strict and report.errors else ".")
    )
    if report.errors:
        raise typer.Exit(2)


def _to_terminal() -> bool:
    return sys.stdout.isatty()


@festival_app.command("export-reviews")
def export_reviews(
    edition: Annotated[int, typer.Argument(help="Edition number.")],
    format: Annotated[str, typer.Option("--format", help="csv or xlsx")] = "csv",
    output: Annotated[
        Path | None,
        typer.Option(
            help="File to write (default: standard output; an xlsx export to a terminal goes to "
            "reviews-EDITION.xlsx in the current directory)."
        ),
    ] = None,
) -> None:
    """Every submitted review of an edition, one row per review (private notes are not exported)."""
    if format not in ("csv", "xlsx"):
        err.print("[red]--format is csv or xlsx[/red]")
        raise typer.Exit(2)
    if format == "xlsx" and output is None and _to_terminal():  # no workbook bytes on a screen
        output = Path(f"reviews-{edition}.xlsx")
    from korkyt.core.files import OutputError, atomic_output, output_problem

    problem = output_problem(output) if output is not None else None
    if problem:
        err.print(f"[red]{escape(problem)}[/red]", soft_wrap=True)
        raise typer.Exit(2)
    _django()
    from korkyt.festival.exports import write_reviews
    from korkyt.festival.models import Edition

    found = Edition.objects.filter(number=edition).first()
    if found is None:
        err.print(f"[red]No edition {edition}.[/red]")
        raise typer.Exit(2)
    if output is None:
        write_reviews(found, format, sys.stdout.buffer)
        return
    try:
        with atomic_output(output, binary=True) as handle:
            write_reviews(found, format, handle)
    except OutputError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
        raise typer.Exit(2) from exc
    console.print(f"Reviews of edition {edition} written to {escape(str(output))}.")


def register(app: typer.Typer) -> None:
    app.add_typer(festival_app, name="festival")
