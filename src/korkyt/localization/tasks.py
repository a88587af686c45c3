"""Thin Celery tasks: they take ids, keep progress on the core Job row and call the services."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.core.exceptions import ValidationError

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
            + (f" · kept {stats['kept']} edited by a person" if stats.get("kept") else "")
        ),
    )


def _run_tracked(job_id: int, work: Any, fail: Any = None) -> None:
    """Start the core job, run ``work(progress)``, finish it (failed with the reason on an error)."""
    if Job.objects.filter(pk=job_id, status=JobStatus.DONE).exists():
        return  # idempotent: a redelivered message changes nothing
    core_services.job_start(job_id=job_id)

    def progress(done: int) -> None:
        core_services.job_progress(job_id=job_id, progress=done)

    try:
        message = work(progress)
    except ValidationError as exc:  # bad data: the job fails with the reason, the worker carries on
        reason = " ".join(exc.messages)
        if fail is not None:
            fail(reason)
        core_services.job_finish(job_id=job_id, message=reason, failed=True)
        return
    except Exception as exc:
        if fail is not None:
            fail(str(exc))
        core_services.job_finish(job_id=job_id, message=str(exc), failed=True)
        raise
    core_services.job_finish(job_id=job_id, message=message)


@shared_task(name="localization.render_delivery", ignore_result=True)
def render_delivery(job_id: int, delivery_id: int) -> None:
    """Render a delivery's file (an export of the job's target in one format) and keep it."""
    _run_tracked(
        job_id,
        lambda progress: services.delivery_render(delivery_id=delivery_id, progress=progress).name,
        lambda reason: services.delivery_fail(delivery_id=delivery_id, message=reason),
    )


@shared_task(name="localization.run_check", ignore_result=True)
def run_check(job_id: int, check_id: int) -> None:
    """Check every cue of a job against its QA profile and the glossary; keep the summary."""

    def work(progress: Any) -> str:
        summary = services.check_run(check_id=check_id, progress=progress).summary
        return f"{summary['errors']} errors · {summary['warnings']} warnings"

    _run_tracked(job_id, work)
