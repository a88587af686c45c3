"""Platform tasks: ``ping`` checks the chain broker → worker → database (tests and `korkyt check`); the
periodic sweep of stale jobs and purge of old ones (registered in apps.py)."""

from __future__ import annotations

from celery import shared_task

from korkyt.core.jobs import services
from korkyt.core.jobs.task import Done, Progress, job_task
from korkyt.core.models import Job


@job_task("core.ping")
def ping(job: Job, progress: Progress) -> Done:
    progress(1, total=1)
    return Done("pong", {"pong": True})


@shared_task(name="core.sweep_stale_jobs", ignore_result=True, acks_late=True)
def sweep_stale_jobs() -> int:
    """Jobs queued or running with no worker on them become failed, with a reason and a retry."""
    return services.jobs_sweep_stale()


@shared_task(name="core.purge_finished_jobs", ignore_result=True, acks_late=True)
def purge_finished_jobs() -> int:
    """Finished jobs older than the retention setting are deleted with their files."""
    return services.jobs_purge()
