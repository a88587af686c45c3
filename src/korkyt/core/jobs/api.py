"""API: a background job's state (for polling) and the retry of a failed one; the fields of a kept file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from korkyt.core.errors import ErrorOut
from korkyt.core.jobs import selectors, services
from korkyt.core.jobs.rows import KeptFile
from korkyt.core.models import Job
from korkyt.core.pagination import check_id

router = Router(tags=["jobs"])
ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class JobSubjectOut(Schema):
    type: str
    id: int


class BackgroundJobOut(Schema):
    id: int
    kind: str
    status: str
    progress: int
    done: int
    total: int
    message: str
    error: str
    failure: str
    result: dict[str, Any]
    attempts: int
    subject: JobSubjectOut | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    can_retry: bool


def _user(request: HttpRequest) -> Any:
    return getattr(request, "auth", None)


def _job(request: HttpRequest, pk: int) -> Job:
    job = selectors.job_get(user=_user(request), pk=check_id(pk))
    if job is None:
        raise Http404
    return job


def job_out(job: Job) -> BackgroundJobOut:
    subject = None
    kind = job.subject_type
    if kind is not None and job.subject_id:
        subject = JobSubjectOut(type=f"{kind.app_label}.{kind.model}", id=job.subject_id)
    return BackgroundJobOut(
        id=job.pk,
        kind=job.kind,
        status=job.status,
        progress=job.percent,
        done=job.progress,
        total=job.total,
        message=job.message,
        error=job.error,
        failure=job.failure,
        result=job.result if isinstance(job.result, dict) else {},
        attempts=job.attempts,
        subject=subject,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        can_retry=job.status == "failed" and bool(job.task),
    )


def kept_file_out(row: KeptFile) -> dict[str, Any]:
    """The fields every API schema of a kept file has (a delivery, a dubbing output) besides its own:
    ``XOut(id=row.pk, job=row.job_id, format=row.format, **kept_file_out(row))``."""
    status, progress = row.background_state
    return {
        "status": status,
        "progress": progress,
        "file_name": row.name,
        "size": row.size,
        "error": row.error,
        "download_url": row.download_url,
        "file_url": row.file_url,
        "created_at": row.created_at,
    }


@router.get(
    "/jobs/{job_id}",
    response={200: BackgroundJobOut, **ERRORS},
    summary="A background job: status, progress, result, the failure reason (poll until done or failed)",
)
def job_detail(request: HttpRequest, job_id: int):  # type: ignore[no-untyped-def]
    return job_out(_job(request, job_id))


@router.post(
    "/jobs/{job_id}/retry",
    response={202: BackgroundJobOut, **ERRORS},
    summary="Queue a failed background job again",
)
def job_retry(request: HttpRequest, job_id: int):  # type: ignore[no-untyped-def]
    user = _user(request)
    if user is None or not user.is_authenticated:
        raise PermissionDenied
    job = services.job_retry(actor=user, job=_job(request, job_id))
    job.refresh_from_db()
    return Status(202, job_out(job))
