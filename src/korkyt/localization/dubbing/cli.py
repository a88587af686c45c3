"""`korkyt dub job create|render|status`: dubbing jobs of the workbench from the command line.

Added under the pure package's `korkyt dub` group (korkyt.dubbing.cli), which stays free of Django; Django
is set up only when one of these commands runs. Commands act as the platform itself; bad input prints a
message naming the problem and exits with code 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from korkyt.localization.cli import (
    _django,
    _fail,
    _progress,
    _system,
    _validation,
    _writable,
    _write,
    console,
)

job_app = typer.Typer(help="Dubbing jobs of the localization workbench.", no_args_is_help=True)


def _dubbing(pk: int) -> Any:
    from korkyt.localization.dubbing.models import DubbingJob

    job = DubbingJob.objects.select_related("film", "adaptation", "adapter", "director").filter(pk=pk).first()
    if job is None:
        raise _fail(f"No dubbing job with id {pk}")
    return job


@job_app.command("create")
def create(
    film: Annotated[int, typer.Option(help="Film id in the catalogue.")],
    lang: Annotated[str, typer.Option(help="Language of the dub, e.g. az-Latn, kk-Cyrl, tr.")],
    adapter: Annotated[str, typer.Option(help="Username of the adapter (a translator).")],
    director: Annotated[str, typer.Option(help="Username of the dubbing director (a reviewer).")],
    from_job: Annotated[int | None, typer.Option(help="An approved translation job to adapt.")] = None,
    from_track: Annotated[int | None, typer.Option(help="An uploaded subtitle track to adapt.")] = None,
    studio: Annotated[str, typer.Option(help="Code of the studio's institution.")] = "",
    deadline: Annotated[str, typer.Option(help="YYYY-MM-DD.")] = "",
    memorandum: Annotated[int | None, typer.Option(help="Memorandum id (recorded as an activity).")] = None,
) -> None:
    """Order a dubbing job: the adaptation starts, characters are detected and loops numbered."""
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.accounts.models import User
    from korkyt.catalogue.models import Film
    from korkyt.institutions.models import Institution, Memorandum
    from korkyt.localization.dubbing import services
    from korkyt.localization.models import SubtitleTrack, TranslationJob

    film_row = Film.objects.filter(pk=film).first()
    if film_row is None:
        raise _fail(f"No film with id {film}")
    source_job = TranslationJob.objects.filter(pk=from_job).first() if from_job is not None else None
    if from_job is not None and source_job is None:
        raise _fail(f"No translation job with id {from_job}")
    source_track = SubtitleTrack.objects.filter(pk=from_track).first() if from_track is not None else None
    if from_track is not None and source_track is None:
        raise _fail(f"No subtitle track with id {from_track}")
    when = None
    if deadline:
        try:
            when = dt.date.fromisoformat(deadline)
        except ValueError as exc:
            raise _fail(f"deadline: {deadline!r} is not a date (YYYY-MM-DD)") from exc
    people = {}
    for option, name in (("adapter", adapter), ("director", director)):
        people[option] = User.objects.filter(username=name, is_active=True).first()
        if people[option] is None:
            raise _fail(f"--{option}: no active user {name!r}")
    studio_row = Institution.objects.filter(code=studio).first() if studio else None
    if studio and studio_row is None:
        raise _fail(f"--studio: no institution with code {studio!r}")
    memorandum_row = Memorandum.objects.filter(pk=memorandum).first() if memorandum else None
    if memorandum and memorandum_row is None:
        raise _fail(f"--memorandum: no memorandum with id {memorandum}")
    try:
        job = services.dubbing_order(
            actor=_system(),
            film=film_row,
            target_language=lang,
            source_job=source_job,
            source_track=source_track,
            adapter=people["adapter"],
            director=people["director"],
            studio_institution=studio_row,
            deadline=when,
            memorandum=memorandum_row,
        )
    except ValidationError as exc:
        raise _validation(exc) from exc
    console.print(
        f"Dubbing job {job.pk}: {job.lines.count()} lines, {job.characters.count()} characters "
        f"({', '.join(job.characters.values_list('name', flat=True)) or 'none detected'})"
    )


@job_app.command("render")
def render(
    job: Annotated[int, typer.Argument(help="Dubbing job id.")],
    kind: Annotated[str, typer.Option(help="script, isochrony, temp_track or mkv.")] = "temp_track",
    format: Annotated[
        str, typer.Option("--format", "-f", help="pdf/docx/csv, html/json, wav/flac, mkv/mp4.")
    ] = "wav",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also copy the file here.")] = None,
    queue: Annotated[bool, typer.Option(help="Queue it for the worker instead of rendering here.")] = False,
    fps: Annotated[
        str, typer.Option(help="A script's frame rate: 23.976, 24, 25, 29.97 or 30 (default: the source's).")
    ] = "",
    start_timecode: Annotated[
        str, typer.Option("--start-timecode", help="A script's first timecode, e.g. 01:00:00:00.")
    ] = "",
) -> None:
    """Render an output of a dubbing job (kept with the job, like one asked for on its page)."""
    if output is not None:
        if queue:
            raise _fail("--output cannot be used with --queue: the worker makes the file later")
        if output.suffix.lower() != f".{format.lower()}":
            raise _fail(f"--output {output} does not end in .{format}, the format asked for (--format)")
        _writable(output)
    _django()
    from django.core.exceptions import ValidationError

    from korkyt.core.jobs import services as jobs
    from korkyt.localization.dubbing import services
    from korkyt.localization.dubbing.models import DubbingOutput

    row = _dubbing(job)
    try:
        made = services.output_request(
            actor=_system(),
            job=row,
            kind=kind,
            fmt=format,
            enqueue=queue,
            fps=fps,
            start_timecode=start_timecode,
        )
    except ValidationError as exc:
        raise _validation(exc) from exc
    if queue:
        console.print(
            f"Output {made.pk} queued (background job {made.background_id}); see: korkyt dub job status {job}"
        )
        return
    background = made.background
    assert background is not None  # output_request made it
    jobs.job_claim(job_id=background.pk)
    with _progress() as progress:
        task = progress.add_task(f"{kind}.{format}", total=background.total or None)

        def step(done: int, total: int | None = None, checkpoint: Any = None) -> None:
            progress.update(task, completed=done, total=total or background.total or None)
            jobs.job_progress(job_id=background.pk, progress=done, total=total)

        try:
            made = services.output_render(output_id=made.pk, progress=step)
        except ValidationError as exc:
            jobs.job_fail(job_id=background.pk, message=" ".join(exc.messages))
            DubbingOutput.record_failure(made.pk, " ".join(exc.messages))
            raise _validation(exc) from exc
    jobs.job_finish(job_id=background.pk, message=made.name)
    if output is not None:
        with made.file.open("rb") as handle:
            _write(output, handle.read())
    console.print(f"{made.name} ({made.size} bytes){' → ' + str(output) if output else ''}")


@job_app.command("status")
def status(job: Annotated[int, typer.Argument(help="Dubbing job id.")]) -> None:
    """The job's state, lines, characters and casting, and its outputs."""
    _django()
    from rich.table import Table

    from korkyt.localization import selectors as l10n
    from korkyt.localization.dubbing import selectors

    row = _dubbing(job)
    counts = l10n.job_counts(row.adaptation)
    console.print(
        f"Dubbing job {row.pk} · film {row.film_id} → {row.target_language} · {row.status} · "
        f"{counts['approved']} of {counts['total']} lines approved · adapter {row.adapter.username}, "
        f"director {row.director.username}"
    )
    table = Table("character", "lines", "words", "loops", "studio min", "voice actor")
    for stats in selectors.character_stats(row):
        person = stats.character.voice_actor
        figures = (stats.lines, stats.words, stats.loops, str(stats.minutes))
        actor = selectors.person_name(person) if person else "—"
        table.add_row(stats.character.name, *(str(f) for f in figures), actor)
    console.print(table)
    outputs = Table("output", "kind", "format", "status", "file")
    for out in row.outputs.select_related("background"):
        outputs.add_row(
            str(out.pk), out.kind, out.format, out.background_state[0], out.name or out.error or ""
        )
    console.print(outputs)


def register(app: typer.Typer) -> None:
    from korkyt.dubbing.cli import dub_app

    dub_app.add_typer(job_app, name="job")
