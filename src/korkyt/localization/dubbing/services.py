"""Every write about dubbing jobs: ordering, characters and casting, approval, outputs.

Keyword-only, inside ``transaction.atomic``; bad input raises ``ValidationError`` naming the field, a
missing right ``PermissionDenied``. The adapted text is edited with the workbench's own cue services
(``cue_save``, ``cue_review``): the adaptation is a translation job of kind ``adaptation``."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role, User
from korkyt.catalogue.models import Company, Film, Person, TrackKind, TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.jobs import services as jobs
from korkyt.core.languages import language_of
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import Errors, add_error, clean_tag, raise_errors, require_perm
from korkyt.core.workflow import transition_apply
from korkyt.dubbing import DubbingError, ToolMissingError, extract_lines, get_language, group_loops
from korkyt.dubbing.engines import EspeakEngine
from korkyt.institutions.models import Institution, Memorandum
from korkyt.localization.dubbing import fits, selectors
from korkyt.localization.dubbing.models import (
    OUTPUT_FORMATS,
    DubbingCharacter,
    DubbingJob,
    DubbingLine,
    DubbingOutput,
    DubbingStatus,
    OutputKind,
    VoiceScript,
    output_path,
)
from korkyt.localization.models import (
    CueState,
    JobKind,
    JobStatus,
    SourceCue,
    SubtitleTrack,
    TargetCue,
    TranslationJob,
)
from korkyt.localization.services._common import AREA
from korkyt.localization.services.jobs import _holds
from korkyt.localization.services.tracks import _catalogue_track

OUTPUT_KIND = "localization.dubbing_output"
NAME_MAX = 100


def _script_of(tag: str) -> str:
    """The script espeak-ng reads for the language of ``tag`` (docs/dubbing.md)."""
    try:
        return EspeakEngine().script_for(get_language(language_of(tag)))
    except DubbingError:
        return VoiceScript.LATIN


def _track_from_job(actor: Actor, job: TranslationJob) -> SubtitleTrack:
    """The approved translation's target cues as a source track of the film (the original beside the
    adaptation); made once per translation job."""
    name = f"job-{job.pk}.{job.target_language}"
    track = SubtitleTrack.objects.filter(film=job.film, file_name=name, language=job.target_language).first()
    if track is not None:
        return track
    track = SubtitleTrack.objects.create(
        film=job.film,
        language=job.target_language,
        catalogue_track=job.catalogue_track,
        file_name=name,
        format="korkyt",
        video_url=job.source.video_url,
        uploaded_by=saved_user(actor),
    )
    SourceCue.objects.bulk_create(
        [
            SourceCue(track=track, position=c.position, start_ms=c.start_ms, end_ms=c.end_ms, text=c.text)
            for c in job.cues.order_by("position")
        ],
        batch_size=1000,
    )
    return track


@transaction.atomic
def dubbing_order(
    *,
    actor: Actor,
    film: Film,
    target_language: str,
    adapter: User | None,
    director: User | None,
    source_job: TranslationJob | None = None,
    source_track: SubtitleTrack | None = None,
    voice_script: str = "",
    studio_institution: Institution | None = None,
    studio_company: Company | None = None,
    deadline: dt.date | None = None,
    memorandum: Memorandum | None = None,
    enqueue: bool = True,
) -> DubbingJob:
    """Order the dubbing of ``film`` into ``target_language`` from an approved translation of the workbench
    (``source_job``) or an uploaded subtitle track (``source_track``). The adaptation starts from the source
    text when it is in the target language, otherwise it is pre-translated in the background like a
    translation job; characters are detected and loops numbered at once; the film's dub track in that
    language goes "in progress"."""
    require_perm(actor, "localization.order_job", film)
    errors: Errors = {}
    target = clean_tag(target_language, "target_language", errors) or ""
    if (source_job is None) == (source_track is None):
        add_error(errors, "source", _("Choose either an approved translation or an uploaded track."))
    if source_job is not None and (source_job.film_id != film.pk or source_job.status != JobStatus.APPROVED):
        add_error(errors, "source", _("The translation must be an approved job of this film."))
    if source_job is not None and source_job.kind == JobKind.ADAPTATION:
        add_error(errors, "source", _("The translation must be an approved job of this film."))
    if source_track is not None and source_track.film_id != film.pk:
        add_error(errors, "source", _("The track belongs to another film."))
    if target:
        try:
            get_language(language_of(target))
        except DubbingError:
            add_error(errors, "target_language", _("The voice engine does not speak this language."))
    if adapter is None:
        add_error(errors, "adapter", _("A dubbing job needs an adapter."))
    elif not _holds(adapter, Role.TRANSLATOR):
        add_error(errors, "adapter", _("The adapter must hold the translator role."))
    if director is None:
        add_error(errors, "director", _("A dubbing job needs a director."))
    elif not _holds(director, Role.REVIEWER):
        add_error(errors, "director", _("The director must hold the reviewer role."))
    script = voice_script or (_script_of(target) if target else VoiceScript.LATIN)
    if script not in VoiceScript.values:
        add_error(errors, "voice_script", _("The voice reads Latin or Cyrillic letters."))
    if deadline is not None and deadline < timezone.localdate():
        add_error(errors, "deadline", _("The deadline is in the past."))
    if memorandum is not None and not memorandum.areas.filter(code=AREA).exists():
        add_error(errors, "memorandum", _("This memorandum does not cover translation and dubbing."))
    raise_errors(errors)
    assert adapter is not None and director is not None
    prefill: dict[int, str] = {}
    if source_job is not None and source_job.target_language == target:
        # the original beside the adaptation, which starts from the approved translation
        source = source_job.source
        prefill = dict(source_job.cues.values_list("position", "text"))
    elif source_job is not None:
        source = _track_from_job(actor, source_job)  # the translation is the text to adapt from
    else:
        assert source_track is not None
        source = source_track
    same = bool(prefill) or source.language == target
    if not prefill and same:
        prefill = {c.position: c.text for c in SourceCue.objects.filter(track=source)}
    adaptation = TranslationJob.objects.create(
        kind=JobKind.ADAPTATION,
        source=source,
        film=film,
        institution_id=film.owner_id,
        source_language=source.language,
        target_language=target,
        assignee=adapter,
        reviewer=director,
        ordered_by=saved_user(actor),
        deadline=deadline,
        status=JobStatus.IN_PROGRESS if same else JobStatus.PREPARING,
    )
    source_cues = list(SourceCue.objects.filter(track=source).order_by("position"))
    cues = TargetCue.objects.bulk_create(
        [
            TargetCue(
                job=adaptation,
                source=c,
                position=c.position,
                start_ms=c.start_ms,
                end_ms=c.end_ms,
                text=prefill.get(c.position, ""),
                state=CueState.DRAFT if prefill.get(c.position) else CueState.UNTRANSLATED,
            )
            for c in source_cues
        ],
        batch_size=1000,
    )
    job = DubbingJob.objects.create(
        film=film,
        institution_id=film.owner_id,
        adaptation=adaptation,
        source_job=source_job,
        source_track=source_track,
        target_language=target,
        voice_script=script,
        studio_institution=studio_institution,
        studio_company=studio_company,
        adapter=adapter,
        director=director,
        ordered_by=saved_user(actor),
        deadline=deadline,
        memorandum=memorandum,
        catalogue_track=_catalogue_track(actor, film, target, TrackStatus.IN_PROGRESS, kind=TrackKind.DUB),
    )
    _detect(job, source.language, source_cues, cues, target)
    if any(c.text for c in cues):  # the starting text's fits, so the editor's first page reads them stored
        fits.line_fits(target, list(selectors.adaptation_cues(job)))
    if not same:
        row = jobs.job_create(
            kind="localization.prepare", subject=adaptation, total=len(cues), created_by=actor
        )
        adaptation.background = row
        adaptation.save(update_fields=["background"])
        if enqueue:
            jobs.enqueue(row, "localization.prepare_job", translation_job_id=adaptation.pk)
    return job


def _detect(
    job: DubbingJob, source_language: str, source_cues: list[SourceCue], cues: list[TargetCue], target: str
) -> None:
    """Characters (korkyt.dubbing.speakers) and loops (korkyt.dubbing.script), read from the source text, or
    from the adaptation's starting text when the source names no speaker."""
    language = get_language(language_of(source_language)) if _speaks(source_language) else get_language("en")
    lines = extract_lines(
        [selectors.CueLine(c.start_ms, max(c.end_ms, c.start_ms + 1), c.text) for c in source_cues], language
    )
    if not any(line.character for line in lines) and any(c.text for c in cues):
        from_target = extract_lines(
            [selectors.CueLine(c.start_ms, max(c.end_ms, c.start_ms + 1), c.text) for c in cues],
            get_language(language_of(target)),
        )
        if any(line.character for line in from_target):
            lines = from_target
    group_loops(lines)
    names: dict[str, DubbingCharacter] = {}
    first: dict[int, tuple[str | None, int]] = {}
    for line in lines:
        if line.character and line.character not in names:
            names[line.character] = DubbingCharacter(
                job=job, name=line.character[:NAME_MAX], position=len(names)
            )
        current = first.get(line.cue_index)
        if current is None or (current[0] is None and line.character):
            first[line.cue_index] = (line.character, line.loop)
    DubbingCharacter.objects.bulk_create(names.values())
    saved = {c.name: c for c in job.characters.all()}
    rows = []
    last_loop = 0
    for index, cue in enumerate(cues):
        character, loop = first.get(index, (None, last_loop))
        last_loop = loop or last_loop
        rows.append(
            DubbingLine(job=job, cue=cue, character=saved.get(character or ""), loop=loop or last_loop)
        )
    DubbingLine.objects.bulk_create(rows, batch_size=1000)


def _speaks(tag: str) -> bool:
    try:
        get_language(language_of(tag))
    except DubbingError:
        return False
    return True


# Characters and casting --------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": [_("Give the character a name.")]})
    if len(name) > NAME_MAX:
        raise ValidationError({"name": [_("A name holds at most 100 characters.")]})
    return name


def _open(job: DubbingJob) -> None:
    if job.status == DubbingStatus.APPROVED:
        raise ValidationError({"job": [_("This dubbing job is approved; it no longer changes.")]})


@transaction.atomic
def character_create(*, actor: Actor, job: DubbingJob, name: str) -> DubbingCharacter:
    require_perm(actor, "localization.adapt_dubbing", job)
    _open(job)
    name = _clean_name(name)
    if selectors.character_named(job, name) is not None:
        raise ValidationError({"name": [_("This job already has a character of that name.")]})
    position = (job.characters.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    return DubbingCharacter.objects.create(job=job, name=name, position=position)


@transaction.atomic
def character_rename(*, actor: Actor, character: DubbingCharacter, name: str) -> DubbingCharacter:
    job = character.job
    require_perm(actor, "localization.adapt_dubbing", job)
    _open(job)
    name = _clean_name(name)
    if (same := selectors.character_named(job, name)) is not None and same.pk != character.pk:
        raise ValidationError(
            {"name": [_("This job already has a character of that name; merge them instead.")]}
        )
    character.name = name
    character.save(update_fields=["name"])
    return character


@transaction.atomic
def character_merge(*, actor: Actor, character: DubbingCharacter, into: DubbingCharacter) -> DubbingCharacter:
    """Give ``character``'s lines to ``into`` and remove ``character`` (its casting goes with it)."""
    job = character.job
    require_perm(actor, "localization.adapt_dubbing", job)
    _open(job)
    if into.job_id != job.pk or into.pk == character.pk:
        raise ValidationError({"into": [_("Choose another character of the same job.")]})
    DubbingLine.objects.filter(character=character).update(character=into)
    if into.voice_actor_id is None and character.voice_actor_id is not None:
        into.voice_actor_id = character.voice_actor_id
        into.save(update_fields=["voice_actor"])
    character.delete()
    return into


@transaction.atomic
def character_cast(*, actor: Actor, character: DubbingCharacter, person: Person | None) -> DubbingCharacter:
    """Cast ``person`` (a catalogue person) as the voice of ``character``; None uncasts."""
    require_perm(actor, "localization.cast_dubbing", character.job)
    _open(character.job)
    character.voice_actor = person
    character.save(update_fields=["voice_actor"])
    return character


@transaction.atomic
def line_set_character(*, actor: Actor, line: DubbingLine, character: DubbingCharacter | None) -> DubbingLine:
    require_perm(actor, "localization.adapt_dubbing", line.job)
    _open(line.job)
    if character is not None and character.job_id != line.job_id:
        raise ValidationError({"character": [_("Choose a character of this job.")]})
    line.character = character
    line.save(update_fields=["character"])
    return line


# Approval ----------------------------------------------------------------------------------------


@transaction.atomic
def dubbing_approve(*, actor: Actor, job: DubbingJob) -> DubbingJob:
    """The director approves the job (every adapted line approved, every speaking character cast): the
    adaptation is approved with it and the film's dub track becomes available in the catalogue."""
    transition_apply(actor=actor, obj=job, name="approve", values={"approved_at": timezone.now()})
    adaptation = job.adaptation
    if adaptation.status != JobStatus.APPROVED:
        # the adaptation's own workflow (its reviewer is the director)
        transition_apply(actor=actor, obj=adaptation, name="approve", values={"approved_at": job.approved_at})
    job.catalogue_track = _catalogue_track(
        SYSTEM, job.film, job.target_language, TrackStatus.AVAILABLE, kind=TrackKind.DUB
    )
    job.save(update_fields=["catalogue_track"])
    return job


# Outputs -----------------------------------------------------------------------------------------


def _check_output(kind: object, fmt: object) -> tuple[str, str]:
    if kind not in OUTPUT_FORMATS:
        raise ValidationError(
            {"kind": [_("Unknown output; use one of: %(k)s.") % {"k": ", ".join(OUTPUT_FORMATS)}]}
        )
    formats = OUTPUT_FORMATS[str(kind)]
    if fmt not in formats:
        raise ValidationError(
            {"format": [_("Unknown format; use one of: %(f)s.") % {"f": ", ".join(formats)}]}
        )
    return str(kind), str(fmt)


@transaction.atomic
def output_request(
    *, actor: Actor, job: DubbingJob, kind: str, fmt: str, enqueue: bool = True
) -> DubbingOutput:
    """Queue an output of ``job`` (anyone who sees the job may ask for one, as for deliveries)."""
    require_perm(actor, "localization.view_dubbing", job)
    kind, fmt = _check_output(kind, fmt)
    if kind == OutputKind.MKV and not _video(job):
        raise ValidationError({"kind": [_("This film has no video file to put the temp track beside.")]})
    user = saved_user(actor)
    output = DubbingOutput.objects.create(job=job, kind=kind, format=fmt, requested_by=user)
    total = job.lines.count() if kind in (OutputKind.TEMP_TRACK, OutputKind.MKV) else 2
    output.background = jobs.job_create(kind=OUTPUT_KIND, subject=output, total=total, created_by=user)
    output.save(update_fields=["background"])
    if enqueue:
        jobs.enqueue(output.background, "localization.render_dubbing_output", output_id=output.pk)
    return output


#: Containers a film's video may be uploaded in (ffmpeg reads them; the MKV/MP4 output copies their streams).
VIDEO_EXTENSIONS = (".mkv", ".mp4", ".mov", ".webm")
#: The largest video accepted (bytes); a feature film at delivery quality fits.
VIDEO_MAX_BYTES = 8 * 1024**3


@transaction.atomic
def video_attach(*, actor: Actor, job: DubbingJob, upload: Any) -> DubbingJob:
    """Keep ``upload`` (a Django ``UploadedFile``) as the film's video for this job, after ffprobe has read a
    video stream from it; it replaces an earlier one. Refused with a clear message otherwise."""
    from korkyt.dubbing.audio import probe

    require_perm(actor, "localization.cast_dubbing", job)
    _open(job)
    name = Path(str(getattr(upload, "name", "") or "")).name
    suffix = Path(name).suffix.lower()
    if suffix not in VIDEO_EXTENSIONS:
        raise ValidationError(
            {"video": [_("Upload the video as %(kinds)s.") % {"kinds": ", ".join(VIDEO_EXTENSIONS)}]}
        )
    if not getattr(upload, "size", 0) or upload.size > VIDEO_MAX_BYTES:
        raise ValidationError(
            {
                "video": [
                    _("The video must not be empty nor larger than %(gb)s GB.")
                    % {"gb": VIDEO_MAX_BYTES // 1024**3}
                ]
            }
        )
    with tempfile.TemporaryDirectory(prefix="korkyt-video-", dir=_work_dir_of(job)) as tmp:
        local = Path(tmp, f"upload{suffix}")
        with local.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        try:
            info = probe(local)
        except ToolMissingError as exc:
            raise ValidationError({"video": [str(exc)]}) from exc
        except DubbingError as exc:
            raise ValidationError({"video": [_("ffmpeg cannot read this file as a video.")]}) from exc
        streams = info.get("streams") if isinstance(info, dict) else None
        if not isinstance(streams, list) or not any(
            isinstance(st, dict) and st.get("codec_type") == "video" for st in streams
        ):
            raise ValidationError({"video": [_("This file has no video stream.")]})
        old = job.video.name if job.video else ""
        with local.open("rb") as handle:
            job.video.save(
                re.sub(r"[^\w.\-]+", "_", name)[-120:] or f"video{suffix}", File(handle), save=False
            )
    job.save(update_fields=["video", "updated_at"])
    if old and old != job.video.name:
        job.video.storage.delete(old)
    return job


def _work_dir_of(job: DubbingJob) -> str | None:
    storage = job.video.storage
    if not isinstance(storage, FileSystemStorage):
        return None
    work = Path(storage.location, "dubbing", ".work")
    work.mkdir(parents=True, exist_ok=True)
    return str(work)


def _video(job: DubbingJob) -> str:
    """A local video file of the film: the one uploaded to the job, else a file path or file:// address on
    the source track; or ""."""
    if job.video:
        try:
            path = job.video.path
        except NotImplementedError:  # a remote storage: ffmpeg reads local files only
            path = ""
        if path and Path(path).is_file():
            return path
    url = job.adaptation.source.video_url or ""
    path = url.removeprefix("file://") if url.startswith("file://") else ""
    return path if path and Path(path).is_file() else ""


def _work_dir(output: DubbingOutput) -> str | None:
    """Where an output is rendered: beside the media files when they are on this machine, so the finished
    file is linked into place rather than copied (a 90-minute WAV is a quarter of a gigabyte)."""
    storage = output.file.storage
    if not isinstance(storage, FileSystemStorage):
        return None
    work = Path(storage.location, "dubbing", ".work")
    work.mkdir(parents=True, exist_ok=True)
    return str(work)


def _link(source: Path, target: Path) -> None:
    os.link(source, target)


def _keep(output: DubbingOutput, path: Path) -> None:
    """Store the rendered file as the output's: a hard link on the local storage, a copy otherwise."""
    output.name = path.name
    output.size = path.stat().st_size
    output.error = ""
    storage = output.file.storage
    if isinstance(storage, FileSystemStorage):
        name = storage.get_available_name(output_path(output, path.name), max_length=300)
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            _link(path, target)  # never replaces a file; same filesystem as _work_dir
        except OSError:
            pass
        else:
            if storage.file_permissions_mode is not None:
                target.chmod(storage.file_permissions_mode)
            output.file.name = name
            return
    with path.open("rb") as handle:
        output.file.save(path.name, File(handle), save=False)


def output_render(*, output_id: int, progress: Any = None) -> DubbingOutput:
    """Render and keep an output's file (does nothing if it already has one). A missing espeak-ng or
    ffmpeg fails with a message naming the Debian package to install."""
    from korkyt.catalogue.selectors import film_original_title
    from korkyt.dubbing import build_script, check_isochrony, mux_track, synthesize_track, write_script

    output = DubbingOutput.objects.select_related("job", "job__film", "job__adaptation").get(pk=output_id)
    if output.file:
        return output
    job = output.job
    cues = list(selectors.adaptation_cues(job))
    lines = selectors.script_cues(job, cues)
    lang = language_of(job.target_language)
    title_text = film_original_title(job.film)
    title = title_text.text if title_text else f"#{job.film_id}"
    base = f"dub-{job.pk}-{lang}"
    try:
        with tempfile.TemporaryDirectory(prefix="korkyt-dub-", dir=_work_dir(output)) as tmp:
            if output.kind == OutputKind.SCRIPT:
                path = Path(tmp, f"{base}-script.{output.format}")
                script = build_script(
                    lines,
                    lang,
                    source=selectors.source_cues(job, cues),
                    source_lang=language_of(job.adaptation.source_language)
                    if _speaks(job.adaptation.source_language)
                    else None,
                    title=title,
                )
                if progress:
                    progress(1)
                write_script(script, path)
            elif output.kind == OutputKind.ISOCHRONY:
                path = Path(tmp, f"{base}-isochrony.{output.format}")
                report = check_isochrony(lines, lang)
                path.write_text(report.render(output.format), encoding="utf-8")
            else:
                voice = Path(
                    tmp, f"{base}-temp.{output.format if output.kind == OutputKind.TEMP_TRACK else 'flac'}"
                )

                last = [0.0]

                def step(done: int, total: int) -> None:
                    # a row write per spoken line costs more than the speech on SQLite: one a second
                    now = time.monotonic()
                    if progress and (done == total or now - last[0] >= 1.0):
                        last[0] = now
                        progress(done, total)

                synthesize_track(lines, lang, voice, progress=step)
                path = voice
                if output.kind == OutputKind.MKV:
                    path = Path(tmp, f"{base}-temp.{output.format}")
                    mux_track(_video(job), voice, path, lang)
            _keep(output, path)
    except ToolMissingError as exc:
        raise ValidationError(str(exc)) from exc
    except DubbingError as exc:
        raise ValidationError(str(exc)) from exc
    output.save(update_fields=["name", "size", "error", "file", "updated_at"])
    if progress:
        progress(output.background.total if output.background_id else 2)  # type: ignore[union-attr]
    return output


def output_fail(*, output_id: int, message: str) -> None:
    DubbingOutput.objects.filter(pk=output_id).update(error=message[:300])


__all__ = [
    "character_cast",
    "character_create",
    "character_merge",
    "character_rename",
    "dubbing_approve",
    "dubbing_order",
    "line_set_character",
    "output_fail",
    "output_render",
    "output_request",
    "video_attach",
]
