"""``korkyt translit``: convert a file or standard input between Turkic scripts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from korkyt.translit.schemes import LANGUAGES, supported_schemes, transliterate

#: Inputs at least this large show a progress bar on standard error.
PROGRESS_FROM_BYTES = 2_000_000


def _fail(message: str) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(2)


def _print_list() -> None:
    typer.echo(f"{'lang':<5} {'from':<5} {'to':<5} {'scheme':<9} description")
    for s in supported_schemes():
        mark = "*" if s.default else " "
        typer.echo(f"{s.lang:<5} {s.source:<5} {s.target:<5} {s.name:<9}{mark}{s.description}")
    typer.echo("* default scheme for the language and target script")


def translit_command(
    file: Annotated[
        Path | None, typer.Argument(help="Text file to convert (UTF-8); standard input if omitted or -.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help=f"Language: {', '.join(LANGUAGES)}.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Target script: Latn or Cyrl.")] = None,
    scheme: Annotated[str | None, typer.Option("--scheme", help="Scheme name (see --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List supported languages and schemes.")] = False,
) -> None:
    """Transliterate Turkic text between Cyrillic and Latin, keeping line endings."""
    if list_:
        _print_list()
        return
    if not lang or not to:
        _fail("--lang and --to are required (or use --list)")
    assert lang is not None and to is not None
    try:
        transliterate("", lang, to, scheme=scheme)
    except ValueError as exc:
        _fail(str(exc))
    if file is None or str(file) == "-":
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        try:
            data = file.read_bytes()
        except OSError as exc:
            _fail(f"cannot read {file}: {exc.strerror or exc}")
        name = str(file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail(f"{name} is not UTF-8 (byte {exc.start}); convert it first, e.g. with iconv -f CP1251")
    # Convert line by line so \r\n, \n and \r endings are written back exactly as read.
    out = sys.stdout.buffer
    lines = text.splitlines(keepends=True)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=len(data) < PROGRESS_FROM_BYTES,
    ) as progress:
        task = progress.add_task(f"Transliterating {name}", total=len(lines))
        for i, line in enumerate(lines):
            body = line.rstrip("\r\n")
            ending = line[len(body) :]
            out.write((transliterate(body, lang, to, scheme=scheme) + ending).encode("utf-8"))
            if i % 1000 == 999:
                progress.advance(task, 1000)
    out.flush()


def register(app: typer.Typer) -> None:
    """Add the ``translit`` command to the ``korkyt`` app."""
    app.command("translit")(translit_command)
