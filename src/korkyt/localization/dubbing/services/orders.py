"""Ordering a dubbing job (the adaptation, its characters and loops) and approving it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role, User
from korkyt.catalogue.models import Company, Film, TrackKind, TrackStatus
from korkyt.core.actors import Actor, saved_user
from korkyt.core.jobs import services as jobs
from korkyt.core.languages import language_of
from korkyt.core.permissions import SYSTEM
from korkyt.core.validation import Errors, add_error, clean_tag, raise_errors, require_perm
from korkyt.core.workflow import transition_apply
from korkyt.dubbing import DubbingError, extract_lines, get_language, group_loops
from korkyt.institutions.models import Institution, Memorandum
from korkyt.institutions.services import check_activity_link
from korkyt.localization.dubbing import fits, selectors
from korkyt.localization.dubbing.models import (
    DubbingCharacter,
    DubbingJob,
    DubbingLine,
    VoiceScript,
)
from korkyt.localization.dubbing.services._common import NAME_MAX, _speaks, voice_scripts
from korkyt.localization.models import (
    CueState,
    JobKind,
    JobStatus,
    SourceCue,
    SubtitleTrack,
    TargetCue,
    TrackState,
    TranslationJob,
)
from korkyt.localization.services._common import AREA
from korkyt.localization.services.jobs import _holds, check_source_version
from korkyt.localization.services.tracks import _catalogue_track


def _track_from_job(actor: Actor, job: TranslationJob) -> SubtitleTrack:
    """The approved translation's target cues as a source track of the film (the original beside the
    adaptation), at the frame rate of the job's source, each cue speaking as its source cue; made once per
    translation job."""
    # two orders from one translation at once: the second waits here, then finds the first's track
    TranslationJob.objects.select_for_update().filter(pk=job.pk).exists()
    name = f"job-{job.pk}.{job.target_language}"
    versions = SubtitleTrack.objects.select_for_update().filter(film=job.film, language=job.target_language)
    track = versions.filter(file_name=name).first()
    if track is not None:
        return track
    latest = versions.order_by("-version").first()
    # A language that has a current track (uploaded) keeps it for the public: the translation's track is kept
    # beside it as a version not in use, the adaptation's source only.
    in_use = versions.filter(state=TrackState.CURRENT).exists()
    track = SubtitleTrack.objects.create(
        film=job.film,
        language=job.target_language,
        state=TrackState.SUPERSEDED if in_use else TrackState.CURRENT,
        version=(latest.version + 1) if latest is not None else 1,
        catalogue_track=job.catalogue_track,
        file_name=name,
        format="korkyt",
        fps=job.source.fps,
        video_url=job.source.video_url,
        uploaded_by=saved_user(actor),
    )
    SourceCue.objects.bulk_create(
        [
            SourceCue(
                track=track,
                position=c.position,
                start_ms=c.start_ms,
                end_ms=c.end_ms,
                text=c.text,
                speaker=c.source.speaker,
            )
            for c in job.cues.select_related("source").order_by("position")
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
    if source_job is not None and (
        source_job.film_id != film.pk
        or source_job.status != JobStatus.APPROVED
        or source_job.kind == JobKind.ADAPTATION
    ):
        add_error(errors, "source", _("The translation must be an approved job of this film."))
    if source_track is not None and source_track.film_id != film.pk:
        add_error(errors, "source", _("The track belongs to another film."))
    if source_track is not None:
        check_source_version(source_track, errors, "source")  # as translation orders
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
    readable = voice_scripts(target) if target else ()
    script = voice_script or (readable[0] if readable else VoiceScript.LATIN)
    if script not in VoiceScript.values:
        add_error(errors, "voice_script", _("The voice reads Latin or Cyrillic letters."))
    elif readable and script not in readable:
        names = " / ".join(str(VoiceScript(s).label) for s in readable)
        add_error(
            errors,
            "voice_script",
            _("The voice engine reads this language only in %(script)s letters.") % {"script": names},
        )
    if deadline is not None and deadline < timezone.localdate():
        add_error(errors, "deadline", _("The deadline is in the past."))
    if memorandum is not None and not memorandum.areas.filter(code=AREA).exists():
        add_error(errors, "memorandum", _("This memorandum does not cover translation and dubbing."))
    check_activity_link(actor, memorandum, errors)  # the job is counted in its public report
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
    """Characters (korkyt.dubbing.speakers) and loops (korkyt.dubbing.script), read from the source: the
    speaker its file named for a cue (a WebVTT voice, the ASS Name field), else its text; or from the
    adaptation's starting text when the source names no speaker."""
    language = get_language(language_of(source_language)) if _speaks(source_language) else get_language("en")
    lines = extract_lines(
        [
            selectors.CueLine(c.start_ms, max(c.end_ms, c.start_ms + 1), c.text, c.speaker or None)
            for c in source_cues
        ],
        language,
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
