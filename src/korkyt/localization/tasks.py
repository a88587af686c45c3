"""Thin Celery tasks: they take ids, keep progress on the core Job row and call the services."""

from __future__ import annotations

from celery import shared_task

from korkyt.core import services as core_services
from korkyt.core.models import Job, JobStatus
from korkyt.localization import services


@shared_task(name="localization.prepare_job", ignore_result=True)
def prepare_job(job_id: int, translation_job_id: int) -> None:
    """Pre-translate (memory, then machine translation) or transliterate a job's empty cues."""
    if Job.objects.filter(pk=job_id, status=JobStatus.DONE).exists():
        return  # idempotent: a redelivered message changes nothing
    core_services.job_start(job_id=job_id)

    def progress(done: int, total: int) -> None:
        core_services.job_progress(job_id=job_id, progress=done)

    try:
        stats = services.job_prepare(job_id=translation_job_id, progress=progress)
    except Exception as exc:
        core_services.job_finish(job_id=job_id, message=str(exc), failed=True)
        raise
    core_services.job_finish(
        job_id=job_id,
        message=(
            f"exact {stats['exact']} · fuzzy {stats['fuzzy']} · MT {stats['mt']} · "
            f"transliterated {stats['translit']} of {stats['todo']}"
        ),
    )
