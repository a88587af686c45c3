"""Platform tasks. ``ping`` checks the chain broker → worker → database (tests and `korkyt check`)."""

from __future__ import annotations

from celery import shared_task

from korkyt.core import services
from korkyt.core.models import Job, JobStatus


@shared_task(name="core.ping", ignore_result=True)
def ping(job_id: int) -> None:
    if Job.objects.filter(pk=job_id, status=JobStatus.DONE).exists():
        return  # idempotent: a redelivered message changes nothing
    services.job_start(job_id=job_id, total=1)
    services.job_finish(job_id=job_id, message="pong")
