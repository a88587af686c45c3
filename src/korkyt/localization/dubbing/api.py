"""API of dubbing jobs: order, read, the adaptation lines, characters and casting, the recording plan and
outputs rendered in the background (202, then poll the output, as deliveries do)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from korkyt.accounts.auth import actor
from korkyt.catalogue.models import Person
from korkyt.catalogue.selectors import film_visible
from korkyt.core.api_auth import api_writer
from korkyt.core.concurrency import version_of
from korkyt.core.errors import ERRORS, STALE, ErrorOut, MappedPage
from korkyt.core.http import get_visible_or_404, private_download
from korkyt.core.jobs.api import kept_file_out
from korkyt.core.jobs.rows import FileNotKept
from korkyt.core.pagination import MAX_ID, Pagination
from korkyt.core.schemas import InputSchema
from korkyt.institutions.models import Institution
from korkyt.institutions.selectors import memorandum_visible
from korkyt.localization import selectors as l10n
from korkyt.localization import services as l10n_services
from korkyt.localization.api import _user
from korkyt.localization.dubbing import fits, selectors, services
from korkyt.localization.dubbing.models import DubbingCharacter, DubbingJob, DubbingOutput

router = Router(tags=["dubbing"])


class DubbingIn(InputSchema):
    film: int = Field(..., ge=1, le=MAX_ID)
    target_language: str
    source_job: int | None = Field(None, ge=1, le=MAX_ID, description="an approved translation job")
    source_track: int | None = Field(None, ge=1, le=MAX_ID, description="an uploaded subtitle track")
    voice_script: str = ""
    studio_institution: str | None = Field(None, description="institution code")
    adapter: str
    director: str
    deadline: dt.date | None = None
    memorandum: int | None = Field(None, ge=1, le=MAX_ID)


class DubbingOut(Schema):
    id: int
    film: int
    target_language: str
    voice_script: str
    status: str
    adaptation: int
    source_job: int | None
    source_track: int | None
    studio_institution: str | None
    adapter: str
    director: str
    deadline: dt.date | None
    memorandum: int | None
    lines: int
    approved_lines: int
    characters: int
    created_at: dt.datetime


class LineOut(Schema):
    id: int = Field(..., description="the adaptation cue's id (PATCH /api/dubbing/lines/{id})")
    number: int
    start_ms: int
    end_ms: int
    original: str
    text: str
    state: str
    character: str | None
    loop: int
    ratio: float | None
    fit: str
    version: str = Field(..., description="the line's version: send it back with the next save of its text")


class LineIn(InputSchema):
    text: str | None = Field(None, max_length=2000)
    submit: bool = False
    character: str | None = Field(None, max_length=100, description="a character's name; empty: nobody")
    version: str | None = Field(
        None,
        max_length=64,
        description="the `version` of the line you read: a line whose text someone changed since is not "
        "written (409 `stale`, with the line as it is now); without it nothing is checked",
    )


class CharacterOut(Schema):
    id: int
    name: str
    voice_actor: int | None = Field(..., description="the catalogue person cast as the voice")
    voice_actor_name: str | None
    lines: int
    words: int
    loops: int
    studio_minutes: int


class ActorOut(Schema):
    voice_actor: int = Field(..., description="a catalogue person's id")
    name: str
    characters: list[str]
    lines: int
    words: int
    loops: int
    studio_minutes: int


class CharacterIn(InputSchema):
    name: str = Field(..., max_length=200)


class CharacterPatch(InputSchema):
    name: str | None = Field(None, max_length=200)
    voice_actor: int | None = Field(None, ge=0, le=MAX_ID, description="a person's id; 0 uncasts")
    merge_into: int | None = Field(None, ge=1, le=MAX_ID)


class SessionOut(Schema):
    day: int
    order: int
    voice_actor: int
    name: str
    loops: list[int]
    minutes: int


class PlanOut(Schema):
    day_minutes: int
    days: int
    actor_days: int
    sessions: list[SessionOut]


class OutputIn(InputSchema):
    kind: str
    format: str
    fps: str = Field(
        "",
        max_length=20,
        description="a script's frame rate: 23.976, 24, 25, 29.97 (drop-frame) or 30; empty for the job's "
        "default (its film's video's rate, else 24). Read for scripts only.",
    )
    start_timecode: str = Field(
        "",
        max_length=20,
        description="a script's first timecode, HH:MM:SS:FF at that rate (e.g. 01:00:00:00); empty for "
        "00:00:00:00. Read for scripts only.",
    )


class OutputOut(Schema):
    id: int
    job: int
    kind: str
    format: str
    fps: str = Field(description="the frame rate a script is timed at; empty for the other kinds")
    start_timecode: str = Field(description="a script's first timecode; empty for 00:00:00:00")
    status: str
    progress: int
    file_name: str
    size: int
    error: str
    download_url: str | None = Field(None, description="the file on the web (signed in)")
    file_url: str | None = Field(None, description="the file through the API (a token)")
    created_at: dt.datetime


def _job(request: HttpRequest, pk: int) -> DubbingJob:
    return get_visible_or_404(selectors.dubbing_visible(actor(request)), pk=pk)


def _job_out(job: DubbingJob) -> DubbingOut:
    # counted with the list (selectors.dubbing_counted), else now
    counts = l10n.job_counts(job.adaptation, counted=job)
    characters = job.character_count if hasattr(job, "character_count") else job.characters.count()
    return DubbingOut(
        id=job.pk,
        film=job.film_id,
        target_language=job.target_language,
        voice_script=job.voice_script,
        status=job.status,
        adaptation=job.adaptation_id,
        source_job=job.source_job_id,
        source_track=job.source_track_id,
        studio_institution=job.studio_institution.code if job.studio_institution_id else None,  # type: ignore[union-attr]
        adapter=job.adapter.username,
        director=job.director.username,
        deadline=job.deadline,
        memorandum=job.memorandum_id,
        lines=counts["total"],
        approved_lines=counts["approved"],
        characters=characters,
        created_at=job.created_at,
    )


@router.get(
    "/dubbing/jobs",
    response={200: list[DubbingOut], **ERRORS},
    summary="Dubbing jobs you order, adapt, direct or record",
)
@paginate(Pagination)
def dubbing_list(request: HttpRequest) -> MappedPage:
    """The newest first, paginated (`limit`, `offset`)."""
    rows = selectors.dubbing_counted(selectors.dubbing_list(user=actor(request)))
    return MappedPage(rows, _job_out)


@router.post("/dubbing/jobs", response={201: DubbingOut, **ERRORS}, summary="Order a dubbing job")
def dubbing_order(request: HttpRequest, payload: DubbingIn) -> Status[DubbingOut]:
    user = api_writer(request)
    film = get_visible_or_404(film_visible(user), pk=payload.film)
    source_job = source_track = None
    if payload.source_job is not None:
        source_job = get_visible_or_404(l10n.job_visible(user), pk=payload.source_job)
    if payload.source_track is not None:
        source_track = get_visible_or_404(l10n.track_visible(user), pk=payload.source_track)
    studio = None
    if payload.studio_institution:
        studio = Institution.objects.filter(code=payload.studio_institution).first()
        if studio is None:
            raise ValidationError({"studio_institution": [_("No institution has this code.")]})
    memorandum = None
    if payload.memorandum is not None:
        memorandum = get_visible_or_404(memorandum_visible(user), pk=payload.memorandum)
    job = services.dubbing_order(
        actor=user,
        film=film,
        target_language=payload.target_language,
        source_job=source_job,
        source_track=source_track,
        voice_script=payload.voice_script,
        studio_institution=studio,
        adapter=_user(payload.adapter, "adapter"),
        director=_user(payload.director, "director"),
        deadline=payload.deadline,
        memorandum=memorandum,
    )
    return Status(201, _job_out(_job(request, job.pk)))


@router.get("/dubbing/jobs/{job_id}", response={200: DubbingOut, **ERRORS}, summary="One dubbing job")
def dubbing_detail(request: HttpRequest, job_id: int) -> DubbingOut:
    return _job_out(_job(request, job_id))


def _line_out(index: int, cue: Any, fit: Any) -> LineOut:
    line = selectors.line_of(cue)
    return LineOut(
        id=cue.pk,
        number=index + 1,
        start_ms=cue.start_ms,
        end_ms=cue.end_ms,
        original=cue.source.text,
        text=cue.text,
        state=cue.state,
        character=line.speaker or None,
        loop=line.loop,
        ratio=fit.ratio if fit is not None and fit.ratio is not None and fit.ratio < 999 else None,
        fit=fit.status if fit is not None else "",
        version=version_of(cue),
    )


@router.get(
    "/dubbing/jobs/{job_id}/lines",
    response={200: list[LineOut], **ERRORS},
    summary="The adaptation, line by line",
)
def dubbing_lines(request: HttpRequest, job_id: int) -> list[LineOut]:
    job = _job(request, job_id)
    cues = list(selectors.adaptation_cues(job))
    stored = fits.line_fits(job.target_language, cues)
    return [_line_out(index, cue, stored[cue.pk]) for index, cue in enumerate(cues)]


@router.patch(
    "/dubbing/lines/{line_id}",
    response={200: LineOut, **ERRORS, **STALE},
    summary="Save an adapted line or its character",
)
def dubbing_line_save(request: HttpRequest, line_id: int, payload: LineIn) -> LineOut:
    user = api_writer(request)
    line = get_visible_or_404(selectors.line_visible(user), cue_id=line_id)
    cue = line.cue
    cue.job = line.job.adaptation
    if payload.text is not None or payload.submit:
        l10n_services.cue_save(
            actor=user,
            cue=cue,
            text=payload.text,  # None: the text as it is under the row's lock
            submit=payload.submit,
            version=payload.version,
        )
    if payload.character is not None:
        name = " ".join(payload.character.split())
        character = None
        if name:
            character = selectors.character_named(line.job, name) or services.character_create(
                actor=user, job=line.job, name=name
            )
        services.line_set_character(actor=user, line=line, character=character)
    fit = selectors.cue_fit(
        text=cue.text,
        start_ms=cue.start_ms,
        end_ms=cue.end_ms,
        language=line.job.target_language,
        speaker=line.character.name if line.character_id else None,  # type: ignore[union-attr]
    )
    return _line_out(cue.position, cue, fit)


def _characters_out(job: DubbingJob) -> list[CharacterOut]:
    return [
        CharacterOut(
            id=row.character.pk,
            name=row.character.name,
            voice_actor=row.character.voice_actor_id,
            voice_actor_name=selectors.person_name(row.character.voice_actor)
            if row.character.voice_actor is not None
            else None,
            lines=row.lines,
            words=row.words,
            loops=row.loops,
            studio_minutes=row.minutes,
        )
        for row in selectors.character_stats(job)
    ]


@router.get(
    "/dubbing/jobs/{job_id}/characters",
    response={200: list[CharacterOut], **ERRORS},
    summary="Characters, their casting and figures",
)
def dubbing_characters(request: HttpRequest, job_id: int) -> list[CharacterOut]:
    return _characters_out(_job(request, job_id))


@router.post(
    "/dubbing/jobs/{job_id}/characters",
    response={201: list[CharacterOut], **ERRORS},
    summary="Add a character",
)
def dubbing_character_create(
    request: HttpRequest, job_id: int, payload: CharacterIn
) -> Status[list[CharacterOut]]:
    job = _job(request, job_id)
    services.character_create(actor=api_writer(request), job=job, name=payload.name)
    return Status(201, _characters_out(job))


@router.patch(
    "/dubbing/characters/{character_id}",
    response={200: list[CharacterOut], **ERRORS},
    summary="Rename, cast (a catalogue person) or merge a character",
)
def dubbing_character_update(
    request: HttpRequest, character_id: int, payload: CharacterPatch
) -> list[CharacterOut]:
    """Each change goes through its service; a casting change is kept in the job's audit history (who,
    when, the voice actor before → after)."""
    with transaction.atomic():  # a name, a casting and a merge in one request: all or nothing
        user = api_writer(request)
        character: DubbingCharacter = get_visible_or_404(
            DubbingCharacter.objects.filter(
                job__in=selectors.dubbing_visible(user).values("pk")
            ).select_related("job"),
            pk=character_id,
        )
        job = character.job
        if payload.name is not None:
            services.character_rename(actor=user, character=character, name=payload.name)
        if payload.voice_actor is not None:
            person = Person.objects.filter(pk=payload.voice_actor).first() if payload.voice_actor else None
            if payload.voice_actor and person is None:
                raise ValidationError({"voice_actor": [_("Choose a person of the catalogue.")]})
            services.character_cast(actor=user, character=character, person=person)
        if payload.merge_into is not None:
            into = job.characters.filter(pk=payload.merge_into).first()
            if into is None:
                raise ValidationError({"merge_into": [_("Choose another character of the same job.")]})
            services.character_merge(actor=user, character=character, into=into)
    return _characters_out(job)


@router.get(
    "/dubbing/jobs/{job_id}/casting",
    response={200: list[ActorOut], **ERRORS},
    summary="The cast: per voice actor the characters, lines, words, loops and studio time",
)
def dubbing_casting(request: HttpRequest, job_id: int) -> list[ActorOut]:
    job = _job(request, job_id)
    return [
        ActorOut(
            voice_actor=row.actor.pk,
            name=row.name,
            characters=row.characters,
            lines=row.lines,
            words=row.words,
            loops=row.loops,
            studio_minutes=row.minutes,
        )
        for row in selectors.actor_stats(job)
    ]


@router.get("/dubbing/jobs/{job_id}/plan", response={200: PlanOut, **ERRORS}, summary="The recording plan")
def dubbing_plan(request: HttpRequest, job_id: int, day_minutes: int = 360) -> PlanOut:
    job = _job(request, job_id)
    if not 30 <= day_minutes <= 24 * 60:
        raise ValidationError({"day_minutes": [_("A studio day lasts from 30 minutes to 24 hours.")]})
    plan, names = selectors.recording_plan(job, day_minutes=day_minutes)
    return PlanOut(
        day_minutes=day_minutes,
        days=plan.days,
        actor_days=plan.total_actor_days,
        sessions=[
            SessionOut(
                day=s.day,
                order=s.order,
                voice_actor=int(s.actor),
                name=names.get(s.actor, s.actor),
                loops=list(s.loops),
                minutes=s.minutes,
            )
            for s in plan.sessions
        ],
    )


@router.post(
    "/dubbing/jobs/{job_id}/approve", response={200: DubbingOut, **ERRORS}, summary="Approve the dubbing"
)
def dubbing_approve(request: HttpRequest, job_id: int) -> DubbingOut:
    job = services.dubbing_approve(actor=api_writer(request), job=_job(request, job_id))
    return _job_out(_job(request, job.pk))


def _output_out(output: DubbingOutput) -> OutputOut:
    return OutputOut(
        id=output.pk,
        job=output.job_id,
        kind=output.kind,
        format=output.format,
        fps=output.fps,
        start_timecode=output.start_timecode,
        **kept_file_out(output),
    )


@router.post(
    "/dubbing/jobs/{job_id}/outputs",
    response={202: OutputOut, **ERRORS},
    summary="Make a script (pdf, docx, csv), isochrony report (html, json), temp track (wav, flac) or MKV, "
    "in the background (poll the output)",
)
def output_create(request: HttpRequest, job_id: int, payload: OutputIn) -> Status[OutputOut]:
    job = _job(request, job_id)
    output = services.output_request(
        actor=api_writer(request),
        job=job,
        kind=payload.kind,
        fmt=payload.format,
        fps=payload.fps,
        start_timecode=payload.start_timecode,
    )
    output.refresh_from_db()
    return Status(202, _output_out(output))


@router.get("/dubbing/outputs/{output_id}", response={200: OutputOut, **ERRORS}, summary="An output")
def output_detail(request: HttpRequest, output_id: int) -> OutputOut:
    return _output_out(get_visible_or_404(selectors.output_visible(actor(request)), pk=output_id))


@router.get(
    "/dubbing/outputs/{output_id}/file",
    response={200: None, **ERRORS, 409: ErrorOut},
    url_name="dubbing_output_file",
    summary="The file of a finished output (its own content type)",
)
def output_file(request: HttpRequest, output_id: int) -> Any:
    output = get_visible_or_404(selectors.output_visible(actor(request)), pk=output_id)
    try:
        handle = output.open_file()
    except FileNotKept as exc:
        return Status(409, ErrorOut(detail=exc.message, code=exc.code))
    from korkyt.localization.dubbing.views import CONTENT_TYPES

    return private_download(
        handle,
        output.name,
        CONTENT_TYPES.get(output.format, "application/octet-stream"),
        request=request,
    )


__all__ = ["router"]
