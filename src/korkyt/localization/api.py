"""API: subtitle tracks, translation jobs and their cues, review, exports and coverage."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from korkyt.accounts.auth import actor
from korkyt.accounts.models import User
from korkyt.catalogue.selectors import film_original_title, film_visible
from korkyt.core.api_auth import api_writer
from korkyt.core.concurrency import version_of
from korkyt.core.errors import ERRORS, STALE, ErrorOut, MappedPage
from korkyt.core.http import get_visible_or_404
from korkyt.core.jobs.api import kept_file_out
from korkyt.core.jobs.rows import FileNotKept
from korkyt.core.pagination import MAX_ID, MAX_OFFSET, Pagination
from korkyt.core.uploads import max_upload_bytes
from korkyt.institutions.selectors import memorandum_visible
from korkyt.localization import coverage as coverage_selectors
from korkyt.localization import exports, selectors, services
from korkyt.localization.models import Delivery, QualityCheck, SubtitleTrack, TargetCue, TranslationJob
from korkyt.localization.schemas import (
    CheckOut,
    CountryPairCoverageOut,
    CoverageCellOut,
    CoverageOut,
    CoverageRowOut,
    CueIn,
    CueOut,
    CueReviewIn,
    DeliveryIn,
    DeliveryOut,
    ExportOut,
    FindingOut,
    JobIn,
    JobOut,
    MemorandumCoverageOut,
    TrackCurrentIn,
    TrackOut,
    TrackWithdrawIn,
)

router = Router(tags=["localization"])


def _track_out(track: SubtitleTrack) -> TrackOut:
    return TrackOut(
        id=track.pk,
        film=track.film_id,
        language=track.language,
        file_name=track.file_name,
        format=track.format,
        encoding=track.encoding,
        cues=track.cues.count(),
        summary=track.summary,
        findings=[
            FindingOut(**{k: f.get(k) for k in ("cue", "code", "severity", "message")})
            for f in track.findings
        ],
        video_url=track.video_url,
        url=reverse("localization:track_detail", args=[track.pk]),
        state=track.state,
        version=track.version,
        replaces=track.replaces_id,
        fps=track.fps,
    )


def _job_out(job: TranslationJob) -> JobOut:
    background = job.background
    return JobOut(
        id=job.pk,
        kind=job.kind,
        film=job.film_id,
        source_track=job.source_id,
        source_language=job.source_language,
        target_language=job.target_language,
        scheme=job.scheme,
        status=job.status,
        assignee=job.assignee.username if job.assignee else None,
        reviewer=job.reviewer.username if job.reviewer else None,
        deadline=job.deadline,
        qa_profile=job.qa_profile,
        memorandum=job.memorandum_id,
        machine_translation=job.mt_note,
        counts=selectors.job_counts(job),
        progress=background.percent if background else None,
        url=reverse("localization:job_editor", args=[job.pk]),
    )


def _cue_out(cue: TargetCue, findings: list[dict[str, Any]] | None = None) -> CueOut:
    return CueOut(
        id=cue.pk,
        position=cue.position,
        start_ms=cue.start_ms,
        end_ms=cue.end_ms,
        source_text=cue.source.text,
        speaker=cue.source.speaker,
        text=cue.text,
        state=cue.state,
        origin=cue.origin,
        score=cue.score,
        engine=cue.engine,
        comment=cue.comment,
        comment_outdated=cue.comment_outdated,
        findings=[FindingOut(cue=cue.position, **f) for f in findings or []],
        version=version_of(cue),
    )


def _job(request: HttpRequest, pk: int) -> TranslationJob:
    return get_visible_or_404(selectors.job_visible(actor(request)), pk=pk)


def _cue(request: HttpRequest, pk: int) -> TargetCue:
    return get_visible_or_404(selectors.cue_visible(actor(request)), pk=pk)


def _user(username: str | None, field: str) -> Any:
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({field: [_("No active user has this name.")]})
    return user


# Tracks ------------------------------------------------------------------------------------------


@router.post(
    "/localization/tracks", response={201: TrackOut, **ERRORS}, summary="Upload a subtitle track for a film"
)
def track_upload(
    request: HttpRequest,
    file: File[UploadedFile],
    film: Form[int],
    language: Form[str],
    video_url: Form[str] = "",
    fps: Form[str] = "",
) -> Status[TrackOut]:
    """A file that counts frames without saying its rate (MicroDVD) needs ``fps``: 23.976, 24, 25, 29.97,
    30, 48, 50, 59.94 or 60 (422 on ``fps`` otherwise)."""
    user = api_writer(request)
    film_obj = get_visible_or_404(film_visible(user), pk=film)
    track = services.track_upload(
        actor=user,
        film=film_obj,
        language=language,
        data=file.read(max_upload_bytes() + 1),
        file_name=file.name or "",
        video_url=video_url,
        fps=fps,
    )
    return Status(201, _track_out(track))


@router.get("/localization/tracks/{track_id}", response={200: TrackOut, **ERRORS}, summary="One source track")
def track_detail(request: HttpRequest, track_id: int) -> TrackOut:
    track = get_visible_or_404(selectors.track_list(user=actor(request)), pk=track_id)
    return _track_out(track)


@router.get(
    "/localization/tracks/{track_id}/versions",
    response={200: list[TrackOut], **ERRORS},
    summary="Every version of the film's track in this track's language, newest first",
)
def track_versions(request: HttpRequest, track_id: int) -> list[TrackOut]:
    rows = selectors.track_list(user=actor(request))
    track = get_visible_or_404(rows, pk=track_id)
    return [_track_out(t) for t in rows.filter(film=track.film, language=track.language).order_by("-version")]


@router.post(
    "/localization/tracks/{track_id}/make-current",
    response={200: TrackOut, **ERRORS},
    summary="Make this version the one the catalogue uses (a version with errors needs accept_errors)",
)
def track_make_current(request: HttpRequest, track_id: int, payload: TrackCurrentIn) -> TrackOut:
    user = api_writer(request)
    track = get_visible_or_404(selectors.track_list(user=user), pk=track_id)
    return _track_out(
        services.track_make_current(actor=user, track=track, accept_errors=payload.accept_errors)
    )


@router.post(
    "/localization/tracks/{track_id}/withdraw",
    response={200: TrackOut, **ERRORS},
    summary="Withdraw a version: kept in the history, no longer public",
)
def track_withdraw(request: HttpRequest, track_id: int, payload: TrackWithdrawIn) -> TrackOut:
    user = api_writer(request)
    track = get_visible_or_404(selectors.track_list(user=user), pk=track_id)
    return _track_out(services.track_withdraw(actor=user, track=track, reason=payload.reason))


# Jobs --------------------------------------------------------------------------------------------


class JobFilters(Schema):
    status: str | None = None
    film: int | None = Field(None, ge=1, le=MAX_ID)


class CoveragePage(Schema):
    limit: int = Field(200, ge=1, le=500, description="How many films to return.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many films to skip.")


@router.get(
    "/localization/jobs",
    response={200: list[JobOut], **ERRORS},
    summary="Jobs you order, translate or review",
)
@paginate(Pagination)
def job_list(request: HttpRequest, filters: Query[JobFilters]) -> MappedPage:
    rows = selectors.with_job_counts(selectors.job_list(user=actor(request), status=filters.status))
    if filters.film:
        rows = rows.filter(film_id=filters.film)
    return MappedPage(rows, _job_out)


@router.post("/localization/jobs", response={201: JobOut, **ERRORS}, summary="Order a translation job")
def job_order(request: HttpRequest, payload: JobIn) -> Status[JobOut]:
    user = api_writer(request)
    track = get_visible_or_404(selectors.track_list(user=user), pk=payload.source_track)
    memorandum = None
    if payload.memorandum is not None:
        memorandum = get_visible_or_404(memorandum_visible(user), pk=payload.memorandum)
    job = services.job_order(
        actor=user,
        source=track,
        target_language=payload.target_language,
        kind=payload.kind,
        assignee=_user(payload.assignee, "assignee"),
        reviewer=_user(payload.reviewer, "reviewer"),
        deadline=payload.deadline,
        qa_profile=payload.qa_profile,
        memorandum=memorandum,
    )
    return Status(201, _job_out(_job(request, job.pk)))


@router.get("/localization/jobs/{job_id}", response={200: JobOut, **ERRORS}, summary="One job")
def job_detail(request: HttpRequest, job_id: int) -> JobOut:
    return _job_out(_job(request, job_id))


@router.get(
    "/localization/jobs/{job_id}/cues",
    response={200: list[CueOut], **ERRORS},
    summary="The cues of a job with their states, origins and check findings",
)
@paginate(Pagination)
def job_cues(request: HttpRequest, job_id: int) -> list[CueOut]:
    job = _job(request, job_id)
    cues = list(selectors.job_cues(job))
    findings = selectors.findings_by_cue(job, cues, selectors.glossary_concepts())
    return [_cue_out(cue, findings.get(i)) for i, cue in enumerate(cues)]


@router.post("/localization/jobs/{job_id}/approve", response={200: JobOut, **ERRORS}, summary="Approve a job")
def job_approve(request: HttpRequest, job_id: int) -> JobOut:
    job = _job(request, job_id)
    services.job_approve(actor=api_writer(request), job=job)
    return _job_out(_job(request, job_id))


@router.get(
    "/localization/jobs/{job_id}/export",
    response={200: ExportOut, **ERRORS},
    summary="The job's current target in a subtitle format (srt, vtt, ass, ssa, ttml, microdvd, mpl2, "
    "dcp-interop, dcp-smpte)",
)
def job_export(request: HttpRequest, job_id: int, format: str = "srt") -> ExportOut:
    job = _job(request, job_id)
    name, text = exports.job_export(job, format)
    return ExportOut(file_name=name, format=format, text=text)


# Deliveries and whole-job checks (background work) ------------------------------------------------


def _delivery_out(delivery: Delivery) -> DeliveryOut:
    return DeliveryOut(id=delivery.pk, job=delivery.job_id, format=delivery.format, **kept_file_out(delivery))


def _check_out(check: QualityCheck) -> CheckOut:
    status, progress = check.background_state
    return CheckOut(
        id=check.pk, job=check.job_id, status=status, progress=progress, summary=check.summary,
        created_at=check.created_at,
    )  # fmt: skip


def _delivery(request: HttpRequest, pk: int) -> Delivery:
    return get_visible_or_404(selectors.delivery_visible(actor(request)), pk=pk)


@router.post(
    "/localization/jobs/{job_id}/deliveries",
    response={202: DeliveryOut, **ERRORS},
    summary="Export the job's target in a subtitle format, in the background (poll the delivery)",
)
def delivery_create(request: HttpRequest, job_id: int, payload: DeliveryIn) -> Status[DeliveryOut]:
    job = _job(request, job_id)
    delivery = services.delivery_request(actor=api_writer(request), job=job, fmt=payload.format)
    delivery.refresh_from_db()
    return Status(202, _delivery_out(delivery))


@router.get(
    "/localization/deliveries/{delivery_id}", response={200: DeliveryOut, **ERRORS}, summary="A delivery"
)
def delivery_detail(request: HttpRequest, delivery_id: int) -> DeliveryOut:
    return _delivery_out(_delivery(request, delivery_id))


@router.get(
    "/localization/deliveries/{delivery_id}/file",
    response={200: ExportOut, **ERRORS, 409: ErrorOut},
    url_name="delivery_file",
    summary="The file of a finished delivery",
)
def delivery_file(request: HttpRequest, delivery_id: int) -> Status[ErrorOut] | ExportOut:
    delivery = _delivery(request, delivery_id)
    try:
        with delivery.open_file() as handle:
            text = handle.read().decode("utf-8")
    except FileNotKept as exc:
        return Status(409, ErrorOut(detail=exc.message, code=exc.code))
    return ExportOut(file_name=delivery.name, format=delivery.format, text=text)


@router.post(
    "/localization/jobs/{job_id}/checks",
    response={202: CheckOut, **ERRORS},
    summary="Check every cue of a job against its QA profile and the glossary, in the background",
)
def check_create(request: HttpRequest, job_id: int) -> Status[CheckOut]:
    job = _job(request, job_id)
    check = services.check_request(actor=api_writer(request), job=job)
    check.refresh_from_db()
    return Status(202, _check_out(check))


@router.get(
    "/localization/checks/{check_id}", response={200: CheckOut, **ERRORS}, summary="A whole-job check"
)
def check_detail(request: HttpRequest, check_id: int) -> CheckOut:
    return _check_out(get_visible_or_404(selectors.check_visible(actor(request)), pk=check_id))


# Cues --------------------------------------------------------------------------------------------


@router.patch(
    "/localization/cues/{cue_id}", response={200: CueOut, **ERRORS, **STALE}, summary="Save a cue's text"
)
def cue_save(request: HttpRequest, cue_id: int, payload: CueIn) -> CueOut:
    cue = _cue(request, cue_id)
    services.cue_save(
        actor=api_writer(request), cue=cue, text=payload.text, submit=payload.submit, version=payload.version
    )
    return _cue_out(cue, selectors.cue_findings(cue.job, cue, selectors.glossary_concepts()))


@router.post(
    "/localization/cues/{cue_id}/review",
    response={200: CueOut, **ERRORS, **STALE},
    summary="Approve or return a cue",
)
def cue_review(request: HttpRequest, cue_id: int, payload: CueReviewIn) -> CueOut:
    cue = _cue(request, cue_id)
    services.cue_review(
        actor=api_writer(request),
        cue=cue,
        approve=payload.approve,
        comment=payload.comment,
        version=payload.version,
    )
    return _cue_out(cue)


# Coverage ----------------------------------------------------------------------------------------


@router.get(
    "/localization/coverage",
    response={200: CoverageOut, **ERRORS},
    summary="Films × languages (available, in progress, missing), per country pair and per memorandum",
)
def coverage(request: HttpRequest, page: Query[CoveragePage]) -> CoverageOut:
    from korkyt.catalogue.models import Film
    from korkyt.catalogue.selectors import film_visibility

    user = actor(request)
    films = Film.objects.filter(film_visibility(user)).order_by("-year", "pk")[
        page.offset : page.offset + page.limit
    ]
    data = coverage_selectors.coverage(
        user=user, films=Film.objects.filter(pk__in=[f.pk for f in films]).prefetch_related("titles")
    )
    return CoverageOut(
        languages=list(data.languages),
        films=[
            CoverageRowOut(
                film=row.film.pk,
                title=(t.text if (t := film_original_title(row.film)) else ""),
                cells=[
                    CoverageCellOut(language=lang, status=s, job=j, dub=dub)
                    for (lang, s, j), dub in zip(row.cells, row.dubs, strict=True)
                ],
            )
            for row in data.rows
        ],
        totals=data.totals,
        country_pairs=[
            CountryPairCoverageOut(
                source_country=p["from"],
                target_country=p["to"],
                available=p["available"],
                in_progress=p["in_progress"],
                missing=p["missing"],
            )
            for p in data.pairs
        ],
        memoranda=[
            MemorandumCoverageOut(memorandum=m["memorandum_id"], jobs=m["jobs"], approved=m["approved"])
            for m in data.memoranda
        ],
    )
