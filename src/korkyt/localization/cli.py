"""`korkyt l10n …`, `korkyt tm …` and `korkyt glossary …`: the localization workbench from the command line.

Django is set up lazily (only when a command runs). Commands act as the platform itself; bad input
prints a message naming the problem and exits with code 2.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console(markup=False)  # ids, counts, file and character names: text, not markup
err = Console(stderr=True)

l10n_app = typer.Typer(
    help="Subtitle localization: import tracks, pre-translate jobs, export.", no_args_is_help=True
)
tm_app = typer.Typer(help="The shared translation memory (TMX 1.4).", no_args_is_help=True)
glossary_app = typer.Typer(help="The shared glossary (TBX).", no_args_is_help=True)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    import django

    try:
        django.setup()
    except Exception as exc:  # configuration errors: a message, not a traceback
        err.print(f"[red]Configuration error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc


def _system() -> Any:
    from korkyt.core.permissions import SYSTEM

    return SYSTEM


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]{escape(message)}[/red]", soft_wrap=True)  # a message's brackets are text, not markup
    return typer.Exit(2)


def _read(path: Path) -> bytes:
    if path.is_dir():
        raise _fail(f"Cannot read {path}: it is a directory")
    if not path.is_file():
        raise _fail(f"No such file: {path}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _fail(f"Cannot read {path}: {exc.strerror or exc}") from exc


def _writable(path: Path) -> None:
    """Exit 2 naming the problem when ``path`` cannot be written (before any work is done)."""
    from korkyt.core.files import output_problem

    problem = output_problem(path)
    if problem:
        raise _fail(problem)


def _write(path: Path, data: str | bytes) -> None:
    """Write the file completely or not at all; exit 2 with "cannot write PATH: reason" otherwise."""
    from korkyt.core.files import OutputError, write_output

    try:
        write_output(path, data)
    except OutputError as exc:
        raise _fail(str(exc)) from exc


def _validation(exc: Exception) -> typer.Exit:
    from django.core.exceptions import ValidationError

    def once(messages: list[str]) -> str:  # each distinct message once, in order
        return " ".join(dict.fromkeys(messages))

    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        lines = [f"{field}: {once(messages)}" for field, messages in exc.message_dict.items()]
        return _fail("\n".join(lines))
    if isinstance(exc, ValidationError):
        return _fail(once(exc.messages))  # not the list's repr
    return _fail(str(exc))


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err
    )


@l10n_app.command("import-track")
def import_track(
    file: Annotated[
        Path, typer.Argument(help="Subtitle file (SRT, WebVTT, ASS/SSA, TTML, MicroDVD, MPL2, DCP).")
    ],
    film: Annotated[int, typer.Option(help="Film id in the catalogue.")],
    language: Annotated[str, typer.Option(help="Language tag with script, e.g. kk-Cyrl, uz-Latn, tr.")],
    video_url: Annotated[str, typer.Option(help="Address of a video for the editor's preview.")] = "",
    fps: Annotated[
        str, typer.Option(help="Frame rate of a MicroDVD file that does not state it (23.976, 24, 25 ...).")
    ] = "",
) -> None:
    """Import a subtitle track for a film: read, check and store its cues."""
    data = _read(file)
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.catalogue.models import Film
    from korkyt.localization import services

    film_obj = Film.objects.filter(pk=film).first()
    if film_obj is None:
        raise _fail(f"No film with id {film}")
    try:
        track = services.track_upload(
            actor=_system(),
            film=film_obj,
            language=language,
            data=data,
            file_name=file.name,
            video_url=video_url,
            fps=fps,
        )
    except ValidationError as exc:
        raise _validation(exc) from exc
    summary = ", ".join(f"{k} {v}" for k, v in track.summary.items()) or "no findings"
    kind = f"{track.format} at {track.fps:g} fps" if track.fps else track.format
    console.print(f"Track {track.pk}: {track.cues.count()} cues, {kind}, {track.encoding}; check: {summary}")


@l10n_app.command("pretranslate")
def pretranslate(
    job: Annotated[int, typer.Argument(help="Translation job id.")],
) -> None:
    """Fill a job's empty cues from translation memory, then the configured MT engine (or transliterate)."""
    _django()
    from korkyt.localization import services
    from korkyt.localization.models import TranslationJob

    if not TranslationJob.objects.filter(pk=job).exists():
        raise _fail(f"No job with id {job}")
    with _progress() as progress:
        task = progress.add_task(f"job {job}", total=None)

        def step(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        stats = services.job_prepare(job_id=job, progress=step)
    note = TranslationJob.objects.get(pk=job).mt_note
    console.print(
        f"{stats['todo']} empty cues of {stats['cues']}: memory exact {stats['exact']}, "
        f"fuzzy {stats['fuzzy']}, machine translation {stats['mt']}, transliterated {stats['translit']}"
        + (f"; {stats['kept']} left as a person edited them meanwhile" if stats["kept"] else "")
    )
    if note:
        console.print(note)


@l10n_app.command("export")
def export(
    job: Annotated[int, typer.Argument(help="Translation job id.")],
    output: Annotated[Path, typer.Argument(help="File to write; the format follows the extension.")],
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="srt, vtt, ass, ssa, ttml, microdvd, mpl2, dcp-interop, dcp-smpte"
        ),
    ] = None,
) -> None:
    """Export a job's target in a subtitle format (DCP XML included)."""
    _writable(output)
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.localization import exports
    from korkyt.localization.models import TranslationJob
    from korkyt.subtitles.formats import from_extension

    job_obj = TranslationJob.objects.select_related("film").filter(pk=job).first()
    if job_obj is None:
        raise _fail(f"No job with id {job}")
    fmt = format or from_extension(output.name)
    if fmt is None:
        raise _fail("Give --format: the extension does not say which format to write")
    try:
        _name, text = exports.job_export(job_obj, fmt)
    except ValidationError as exc:
        raise _validation(exc) from exc
    _write(output, text)
    console.print(f"Wrote {output} ({fmt})")


@tm_app.command("import")
def tm_import(
    file: Annotated[Path, typer.Argument(help="TMX file.")],
    film: Annotated[int | None, typer.Option(help="Film id the units come from.")] = None,
) -> None:
    """Add the units of a TMX file to the shared translation memory."""
    data = _read(file)
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.catalogue.models import Film
    from korkyt.localization import services

    film_obj = Film.objects.filter(pk=film).first() if film else None
    if film and film_obj is None:
        raise _fail(f"No film with id {film}")
    skipped: Counter[str] = Counter()
    with _progress() as progress:
        progress.add_task(f"reading {file.name}", total=None)
        try:
            count = services.memory_import(actor=_system(), data=data, film=film_obj, skipped=skipped)
        except ValidationError as exc:
            raise _validation(exc) from exc
    said = services.skipped_text(skipped)
    console.print(f"Imported {count} units" + (f". {said}" if said else ""))


@tm_app.command("export")
def tm_export(
    file: Annotated[Path, typer.Argument(help="TMX file to write.")],
    source: Annotated[str | None, typer.Option(help="Only this source language, e.g. kk-Cyrl.")] = None,
    target: Annotated[str | None, typer.Option(help="Only this target language, e.g. tr.")] = None,
) -> None:
    """Write the shared translation memory (or one pair of it) as TMX 1.4."""
    _writable(file)
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.core.languages import normalize_tag
    from korkyt.localization import selectors

    tags: dict[str, str | None] = {}
    for option, value in (("--source", source), ("--target", target)):
        try:
            # the registry's spelling, as the memory stores it ("kk" is kk-Cyrl); an unknown tag is refused
            tags[option] = normalize_tag(value) if value is not None else None
        except ValidationError as exc:
            raise _fail(f"{option}: {' '.join(exc.messages)}") from None
    from korkyt.core.files import OutputError, atomic_output
    from korkyt.localization.selectors import memory_tmx_chunks

    # written as the units are read, into a file beside FILE that takes its place at the end
    try:
        with atomic_output(file, binary=True) as handle:
            for chunk in memory_tmx_chunks(source=tags["--source"], target=tags["--target"]):
                handle.write(chunk)
    except OutputError as exc:
        raise _fail(str(exc)) from exc
    units = selectors.memory_units(source=tags["--source"], target=tags["--target"]).count()
    console.print(f"Wrote {units} units to {file}")


@glossary_app.command("import")
def glossary_import(file: Annotated[Path, typer.Argument(help="TBX file (v2 Basic, TBX-Min, v3).")]) -> None:
    """Add the concepts of a TBX file to the shared glossary; one with an identifier it has is updated."""
    data = _read(file)
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.localization import services

    skipped: Counter[str] = Counter()
    try:
        added, updated = services.glossary_import_counts(actor=_system(), data=data, skipped=skipped)
    except ValidationError as exc:
        raise _validation(exc) from exc
    said = services.skipped_text(skipped)
    console.print(f"Imported {added} concepts, updated {updated}" + (f". {said}" if said else ""))


@glossary_app.command("export")
def glossary_export(
    file: Annotated[Path, typer.Argument(help="TBX file to write.")],
    dialect: Annotated[str, typer.Option(help="TBX-Basic or TBX-Min.")] = "TBX-Basic",
) -> None:
    """Write the shared glossary as TBX."""
    if dialect not in ("TBX-Basic", "TBX-Min"):
        raise _fail("--dialect must be TBX-Basic or TBX-Min")
    _writable(file)
    _django()
    from korkyt.localization import selectors
    from korkyt.mt.memory import tbx_bytes

    concepts = selectors.glossary_concepts()
    _write(file, tbx_bytes(concepts, dialect="TBX-Min" if dialect == "TBX-Min" else "TBX-Basic"))
    console.print(f"Wrote {len(concepts)} concepts to {file}")


def register(app: typer.Typer) -> None:
    app.add_typer(l10n_app, name="l10n")
    app.add_typer(tm_app, name="tm")
    app.add_typer(glossary_app, name="glossary")
