"""Writes on background jobs: create, queue (by task name, on commit), claim, progress, finish, fail,
retry, and the periodic sweep of stale jobs and purge of old ones.

Only this module and the task base (:mod:`korkyt.core.jobs.task`) write ``Job`` rows.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor, saved_user
from korkyt.core.models import FAILURE_TEXT, Job, JobError, JobStatus
from korkyt.core.validation import require_perm

if TYPE_CHECKING:
    from korkyt.core.jobs.rows import BackgroundWork

logger = logging.getLogger(__name__)

#: One argument of a task, kept on its row (``Job.arguments``, JSON): ids mostly; a message to deliver keeps
#: its texts (and its attachments, base64) there until it is sent.
Argument = int | str | list[str] | dict[str, str] | list[dict[str, str]] | None
Ids = Mapping[str, Argument]


def job_create(
    *,
    kind: str,
    subject: Any = None,
    total: int = 0,
    created_by: Actor | None = None,
    file: File | None = None,
    file_name: str = "",
) -> Job:
    """A queued job row about ``subject`` (any saved model instance, or None); ``file`` is kept with it."""
    job = Job(kind=kind[:60], total=total, created_by=saved_user(created_by), language=_interface_language())
    if subject is not None:
        job.subject_type = ContentType.objects.get_for_model(subject)
        job.subject_id = subject.pk
    job.save()
    if file is not None:
        job.file.save(file_name or getattr(file, "name", "") or "upload", file, save=False)
        job.save(update_fields=["file"])
    return job


def _interface_language() -> str:
    """The interface language active now (the request's), when it is one of the site's."""
    active = translation.get_language() or ""
    return active if active in dict(settings.LANGUAGES) else ""


def job_language(job: Job) -> str:
    """The language a job's messages are written in: its request's, else its author's, else the site's."""
    languages = dict(settings.LANGUAGES)
    for candidate in (job.language, getattr(job.created_by, "language", "")):
        if candidate in languages:
            return str(candidate)
    return str(settings.LANGUAGE_CODE)


def job_start_for(
    row: BackgroundWork, *, kind: str, total: int, task: str, send: bool = True, **ids: int
) -> Job:
    """Give ``row`` (just created, with its ``requested_by``) the queued job doing it (``kind``, ``total``
    steps) and send the task named ``task`` with ``ids`` once the transaction commits; with ``send`` false
    the job stays unsent (the caller runs the work itself: a command, a test)."""
    row.background = job_create(kind=kind, subject=row, total=total, created_by=row.requested_by)
    row.save(update_fields=["background"])
    if send:
        enqueue(row.background, task, **ids)
    return row.background


def enqueue(job: Job, task: str, /, **ids: Argument) -> None:
    """Send the task named ``task`` for the job once the surrounding transaction commits; it runs with
    ``ids``.

    The arguments are stored on the row and the message carries only the job's id and a token: the worker
    reads them from the row (Celery logs a message's arguments; a mail's text and addresses must not reach
    the logs). :func:`job_retry` sends the job again with a new token: only the latest sending runs (a
    message from an earlier one finds another token and does nothing).
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    Job.objects.filter(pk=job.pk).update(
        task=task, arguments=dict(ids), token=token, status=JobStatus.QUEUED, queued_at=now, updated_at=now
    )
    job.task, job.arguments, job.token, job.status, job.queued_at = task, dict(ids), token, "queued", now
    job_id = job.pk
    transaction.on_commit(lambda: _send(task, job_id, token))


def _send(task: str, job_id: int, token: str) -> None:
    from celery import current_app

    kwargs = {"token": token}
    if current_app.conf.task_always_eager:  # tests and KORKYT_CELERY_EAGER: run here and now
        if task not in current_app.tasks:
            current_app.autodiscover_tasks(force=True)
        # Not ``throw=True``: Celery's eager retries need the retry to come back as a result.
        result = current_app.tasks[task].apply(args=(job_id,), kwargs=kwargs, throw=False)
        if current_app.conf.task_eager_propagates:
            result.maybe_throw()
        return
    try:
        current_app.send_task(task, args=(job_id,), kwargs=kwargs)
    except Exception:  # the broker is down: say so on the job now rather than leave it queued
        logger.exception("could not send %s for job %s", task, job_id)
        job = job_fail(job_id=job_id, error=JobError.NOT_PICKED_UP)
        if job is not None:
            _tell_failure(job.task, job.arguments, job.failure)


def _tell_failure(task: str, arguments: Any, message: str) -> None:
    """Call the ``on_failure`` hook of the task named ``task`` (as ``@job_task`` declared it) for a job that
    failed outside it (swept as stale, not taken by the broker), so that the app's row records the failure
    as when the task itself fails: a delivery keeps why it has no file."""
    from celery import current_app

    if not task:
        return
    if task not in current_app.tasks:
        current_app.autodiscover_tasks(force=True)
    hook = getattr(current_app.tasks.get(task), "job_on_failure", None)
    if hook is None:
        return
    try:
        hook(message, **(arguments if isinstance(arguments, dict) else {}))
    except Exception:  # one app's hook must not stop the sweep of the others
        logger.exception("the failure hook of %s failed", task)


def job_claim(*, job_id: int, token: str | None = None) -> Job | None:
    """Mark the job running for one more attempt; None when this message must do nothing: the row is
    gone, finished, failed, or was sent again since (another token), or another run is doing it.

    A running job is claimed again only by the message it was claimed with (the same token: a message given
    back to the broker when its worker died); that new attempt then fences off the earlier one's writes."""
    now = timezone.now()
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED):
            return None
        if token is not None and job.token and token != job.token:
            return None
        if job.status == JobStatus.RUNNING and (token is None or token != job.token):
            return None
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.error = JobError.NONE
        job.save(update_fields=["status", "attempts", "started_at", "heartbeat_at", "error", "updated_at"])
    return job


def _run_rows(job_id: int, token: str | None, attempt: int | None) -> QuerySet[Job]:
    """The job's row, if it is still the run's that claimed it with ``token`` (its ``attempt``): running,
    with that token and that attempt. Without a token (a command doing the work itself): the row by id."""
    rows = Job.objects.filter(pk=job_id)
    if token is None:
        return rows
    rows = rows.filter(token=token, status=JobStatus.RUNNING)
    return rows if attempt is None else rows.filter(attempts=attempt)


def _superseded(job_id: int, what: str) -> None:
    logger.warning(
        "job %s: %s dropped: this run was superseded (swept as stale, retried or run again)", job_id, what
    )


def job_progress(
    *,
    job_id: int,
    progress: int,
    total: int | None = None,
    message: str | None = None,
    checkpoint: Mapping[str, Any] | None = None,
    token: str | None = None,
    attempt: int | None = None,
) -> bool:
    """Record progress (and a sign of life). ``checkpoint`` is merged into the result: a task that works in
    committed batches writes it in each batch's transaction and resumes from it when run again.

    ``token`` and ``attempt`` are the run's (as claimed): when the job is no longer that run's (swept as
    stale, retried, claimed again), nothing is written and the answer is False."""
    now = timezone.now()
    rows = _run_rows(job_id, token, attempt)
    values: dict[str, Any] = {"progress": max(progress, 0), "heartbeat_at": now, "updated_at": now}
    if total is not None:
        values["total"] = max(total, 0)
    if message is not None:
        values["message"] = message[:500]
    if checkpoint:
        job = rows.only("result").first()
        if job is None:
            if token is not None:
                _superseded(job_id, "progress")
            return False
        values["result"] = {**(job.result if isinstance(job.result, dict) else {}), **checkpoint}
    if rows.update(**values):
        return True
    if token is not None:
        _superseded(job_id, "progress")
    return False


def job_forget_arguments(
    *, job_id: int, keep: tuple[str, ...] = (), checkpoint: Mapping[str, Any] | None = None
) -> None:
    """Drop what the task runs with (but the ``keep`` keys) once it is no longer needed: the text of a
    delivered message, with its links, does not stay in the database. ``checkpoint`` is merged into the
    result in the same short transaction (a message's ``sent``: a later run of the task must not send it
    again)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).only("arguments", "result").first()
        if job is None:
            return
        values: dict[str, Any] = {"updated_at": timezone.now()}
        if isinstance(job.arguments, dict):
            values["arguments"] = {key: value for key, value in job.arguments.items() if key in keep}
        if checkpoint:
            values["result"] = {**(job.result if isinstance(job.result, dict) else {}), **checkpoint}
        Job.objects.filter(pk=job_id).update(**values)


def job_requeue(*, job_id: int, message: str, token: str | None = None, attempt: int | None = None) -> bool:
    """The attempt failed on an error worth another try: queued again until the retry runs. False when the
    job is no longer the run's that claimed it with ``token`` (its ``attempt``): nothing is written."""
    now = timezone.now()
    if _run_rows(job_id, token, attempt).update(
        status=JobStatus.QUEUED, queued_at=now, message=message[:500], updated_at=now
    ):
        return True
    if token is not None:
        _superseded(job_id, "requeue")
    return False


def _locked_run(job_id: int, token: str | None, attempt: int | None, what: str) -> Job | None:
    """The job's row locked for the run's write, or None (logged) when another run has it since; without
    a token (work run by a command), the row by its id."""
    job = _run_rows(job_id, token, attempt).select_for_update().first()
    if job is None:
        if token is None:
            raise Job.DoesNotExist(f"no job {job_id}")
        _superseded(job_id, what)
    return job


def job_finish(
    *,
    job_id: int,
    message: str = "",
    result: Mapping[str, Any] | None = None,
    token: str | None = None,
    attempt: int | None = None,
) -> Job | None:
    """The job is done: its progress full, ``message`` for the user, ``result`` kept. None when the job is
    no longer the run's that claimed it with ``token`` (its ``attempt``): nothing is written."""
    with transaction.atomic():
        job = _locked_run(job_id, token, attempt, "finish")
        if job is None:
            return None
        job.status = JobStatus.DONE
        job.finished_at = timezone.now()
        job.progress = job.total or job.progress
        job.message = message[:500]
        job.error = JobError.NONE
        if result is not None:
            job.result = dict(result)
        job.save()
    return job


def job_fail(
    *,
    job_id: int,
    message: str = "",
    error: str = JobError.UNEXPECTED,
    token: str | None = None,
    attempt: int | None = None,
) -> Job | None:
    """The job failed; ``message`` is what the user reads (never a traceback), ``error`` why. None when the
    job is no longer the run's that claimed it with ``token`` (its ``attempt``): nothing is written."""
    with transaction.atomic():
        job = _locked_run(job_id, token, attempt, "failure")
        if job is None:
            return None
        job.status = JobStatus.FAILED
        job.finished_at = timezone.now()
        job.message = message[:500]
        job.error = error
        job.save()
    return job


@transaction.atomic
def job_retry(*, actor: Actor, job: Job) -> Job:
    """Send a failed job's task again (same arguments, new token); its progress starts again. A result
    kept by the failed run (a checkpoint) stays, so work done in committed batches is not done twice."""
    require_perm(actor, "core.retry_job", job)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.FAILED:
        raise ValidationError({"job": [_("Only a failed job can be retried.")]})
    if not job.task:
        raise ValidationError({"job": [_("This job cannot be retried.")]})
    job.progress, job.message, job.error, job.finished_at = 0, "", JobError.NONE, None
    job.save(update_fields=["progress", "message", "error", "finished_at", "updated_at"])
    enqueue(job, job.task, **job.arguments)
    return job


def _minutes(name: str, default: int) -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, name, default)))


def jobs_sweep_stale(*, now: dt.datetime | None = None) -> int:
    """Fail the jobs no worker is doing: queued longer than ``KORKYT_JOB_QUEUED_MINUTES``, or running with
    no sign of life for ``KORKYT_JOB_HEARTBEAT_MINUTES``. Each can then be retried, and its task's
    ``on_failure`` hook is called as when the task fails (the app's row keeps the reason). Returns how
    many."""
    now = now or timezone.now()
    queued_before = now - _minutes("KORKYT_JOB_QUEUED_MINUTES", 30)
    silent_before = now - _minutes("KORKYT_JOB_HEARTBEAT_MINUTES", 15)
    swept = 0
    stale_queued = Q(status=JobStatus.QUEUED) & (
        Q(queued_at__lt=queued_before) | Q(queued_at__isnull=True, created_at__lt=queued_before)
    )
    stale_running = Q(status=JobStatus.RUNNING) & (
        Q(heartbeat_at__lt=silent_before) | Q(heartbeat_at__isnull=True, updated_at__lt=silent_before)
    )
    for condition, error in (
        (stale_queued, JobError.NOT_PICKED_UP),
        (stale_running, JobError.WORKER_STOPPED),
    ):
        failure = str(FAILURE_TEXT[error])
        for pk, task, arguments in Job.objects.filter(condition).values_list("pk", "task", "arguments")[
            :1000
        ]:
            # Conditional on the same state: a job that moved on meanwhile is left alone.
            if Job.objects.filter(condition, pk=pk).update(
                status=JobStatus.FAILED, error=error, finished_at=now, updated_at=now, message=""
            ):
                swept += 1
                _tell_failure(task, arguments, failure)
    if swept:
        logger.warning("swept %s stale background jobs to failed", swept)
    return swept


def jobs_purge(*, now: dt.datetime | None = None) -> int:
    """Delete finished (done or failed) jobs older than ``KORKYT_JOB_RETENTION_DAYS`` and their files.
    Returns how many rows were deleted."""
    now = now or timezone.now()
    days = int(getattr(settings, "KORKYT_JOB_RETENTION_DAYS", 30))
    before = now - dt.timedelta(days=days)
    old = Job.objects.filter(status__in=(JobStatus.DONE, JobStatus.FAILED), finished_at__lt=before)
    deleted = 0
    for job in old.order_by("pk").iterator(chunk_size=500):
        if job.file:
            job.file.delete(save=False)
        deleted += job.delete()[1].get("core.Job", 0)
    return deleted


def job_drop_file(*, job_id: int) -> None:
    """Delete the input file kept with a job (after a successful import: nothing left to retry)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is not None and job.file:
        job.file.delete(save=False)
        Job.objects.filter(pk=job_id).update(file="")
