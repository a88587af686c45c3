"""`korkyt catalogue …`: import and export films, rebuild the search index, make a synthetic catalogue."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

console = Console()
err = Console(stderr=True)

catalogue_app = typer.Typer(
    help="The film catalogue: import, export, search index, synthetic data.", no_args_is_help=True
)

#: The benchmarks' generator of a synthetic catalogue. It is not part of the application: ``synth`` runs it
#: from the source checkout (src/korkyt/catalogue/cli.py → the checkout's benchmarks/).
SYNTH_SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "catalogue_synth.py"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    import django

    try:
        django.setup()
    except Exception as exc:  # configuration errors: a message, not a traceback
        err.print(f"[red]Configuration error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _system() -> object:
    from korkyt.core.permissions import SYSTEM

    return SYSTEM


@catalogue_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV file in the format of the demo films.csv.")],
    strict: Annotated[bool, typer.Option(help="Save nothing when any row has an error.")] = False,
    owner: Annotated[
        str | None, typer.Option(help="Institution code that owns the films (default: national body).")
    ] = None,
    draft: Annotated[bool, typer.Option(help="Import as drafts instead of published films.")] = False,
) -> None:
    """Import films from CSV; rows with errors are reported by line and not saved (exit code 2)."""
    if file.is_dir():
        err.print(f"[red]Cannot read {escape(str(file))}:[/red] it is a directory", soft_wrap=True)
        raise typer.Exit(2)
    if not file.is_file():
        err.print(f"[red]No such file:[/red] {escape(str(file))}")
        raise typer.Exit(2)
    _django()
    from korkyt.catalogue import transfer
    from korkyt.institutions.models import Institution

    owner_obj = None
    if owner:
        owner_obj = Institution.objects.filter(code=owner.upper()).first()
        if owner_obj is None:
            err.print(f"[red]Unknown institution:[/red] {escape(owner)}")
            raise typer.Exit(2)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]Cannot read {escape(str(file))}:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    report = transfer.import_csv(
        text, actor=_system(), owner=owner_obj, strict=strict, status="draft" if draft else "published"
    )
    for error in report.errors:
        # values from the file are shown as written: Rich markup in them is escaped, never interpreted
        err.print(f"line {error.line}: [bold]{escape(error.field)}[/bold]: {escape(error.message)}")
    console.print(
        f"{len(report.created)} films imported ({report.people_created} people created), "
        f"{len(report.failed_lines)} rows refused."
    )
    if report.errors:
        raise typer.Exit(2)


@catalogue_app.command("export")
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv or json")] = "csv",
    output: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
) -> None:
    """Export the published films (CSV in the import format, or JSON with every title and track)."""
    if fmt not in ("csv", "json"):
        err.print("[red]--format must be csv or json[/red]")
        raise typer.Exit(2)
    from korkyt.core.files import OutputError, atomic_output, output_problem

    problem = output_problem(output) if output else None
    if problem:
        err.print(f"[red]{escape(problem)}[/red]", soft_wrap=True)
        raise typer.Exit(2)
    _django()
    from django.contrib.auth.models import AnonymousUser

    from korkyt.catalogue import selectors, transfer

    films = selectors.film_list(user=AnonymousUser()).order_by("pk")
    if output:
        try:
            with atomic_output(output) as handle:  # written as the films are read, in place at the end
                transfer.write_films(fmt, films, handle)
        except OutputError as exc:
            err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
            raise typer.Exit(2) from exc
        console.print(f"Wrote {escape(str(output))}")
    else:
        transfer.write_films(fmt, films, sys.stdout)


def _synth_module() -> Any:
    if not SYNTH_SCRIPT.is_file():
        err.print(
            f"[red]No {escape(str(SYNTH_SCRIPT))}:[/red] the synthetic catalogue is made by the benchmarks "
            "of a source checkout (git clone), which this installation does not have.",
            soft_wrap=True,
        )
        raise typer.Exit(2)
    spec = importlib.util.spec_from_file_location("korkyt_benchmarks_catalogue_synth", SYNTH_SCRIPT)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a loader
        raise typer.Exit(2)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while it is executed
    spec.loader.exec_module(module)
    return module


@catalogue_app.command("synth")
def synth(
    films: Annotated[int, typer.Option(min=1, max=1_000_000, help="Number of films.")] = 1000,
    people: Annotated[
        int | None, typer.Option(min=0, max=1_000_000, help="Number of people (default: as many as films).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (the same seed makes the same catalogue).")] = 15907,
) -> None:
    """Add a synthetic catalogue for benchmarks (benchmarks/catalogue_synth.py); rebuild the search index."""
    module = _synth_module()
    _django()
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("films", total=films)
        try:
            report = module.synth(
                films=films, people=people, seed=seed, progress=lambda n: progress.advance(task, n)
            )
        except ValueError as exc:  # no institution to own the films yet
            err.print(f"[red]{escape(str(exc))}[/red]", soft_wrap=True)
            raise typer.Exit(2) from exc
    console.print(
        f"{report.films} films ({report.titles} titles), {report.people} people; "
        f"search index: {report.entries} entries."
    )


@catalogue_app.command("reindex")
def reindex() -> None:
    """Rebuild the search index from the catalogue."""
    _django()
    from korkyt.catalogue.models import Film
    from korkyt.catalogue.signals import catalogue_reloaded

    total = 0
    for _receiver, response in catalogue_reloaded.send(sender=Film):
        value: object = response
        if isinstance(value, int):
            total += value
    console.print(f"Search index: {total} entries.")


def register(app: typer.Typer) -> None:
    app.add_typer(catalogue_app, name="catalogue")
