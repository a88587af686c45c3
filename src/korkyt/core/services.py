"""Writes on background jobs: create, advance, finish. Tasks call these; pages poll the job row."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from korkyt.core.actors import Actor, saved_user
from korkyt.core.models import Job, JobStatus


def job_create(*, kind: str, total: int = 0, created_by: Actor | None = None) -> Job:
    return Job.objects.create(kind=kind, total=total, created_by=saved_user(created_by))


def job_start(*, job_id: int, total: int | None = None) -> Job:
    job = Job.objects.get(pk=job_id)
    job.status = JobStatus.RUNNING
    job.started_at = job.started_at or timezone.now()
    if total is not None:
        job.total = total
    job.save(update_fields=["status", "started_at", "total", "updated_at"])
    return job


def job_progress(*, job_id: int, progress: int, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(progress=progress, message=message[:500], updated_at=timezone.now())


def job_finish(*, job_id: int, message: str = "", failed: bool = False) -> Job:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        job.status = JobStatus.FAILED if failed else JobStatus.DONE
        job.finished_at = timezone.now()
        if not failed:
            job.progress = job.total or job.progress
        job.message = message[:500]
        job.save()
    return job


def job_enqueue(*, job: Job, task: Any, **kwargs: Any) -> None:
    """Queue ``task`` with the job id once the surrounding transaction commits."""
    transaction.on_commit(lambda: task.delay(job.pk, **kwargs))


def mail_queue(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send a rendered message in the background (task ``core.send_mail``) once the transaction commits."""
    from celery import current_app
    from django.core.mail import make_msgid

    headers = {"Message-ID": make_msgid(domain="korkyt"), **(headers or {})}
    if "core.send_mail" not in current_app.tasks:
        current_app.loader.import_default_modules()  # finds every app's tasks.py (autodiscovery)
    task = current_app.tasks["core.send_mail"]  # queued by name: services never import tasks
    kwargs = {"subject": subject, "body": body, "to": to, "from_email": from_email, "html": html}
    transaction.on_commit(lambda: task.delay(**kwargs, headers=headers))
