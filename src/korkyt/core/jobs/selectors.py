"""Reads of background jobs, scoped to the user (a job one may not see is not found)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from korkyt.core.models import Job


def job_get(*, user: Any, pk: int) -> Job | None:
    job = Job.objects.select_related("subject_type").filter(pk=pk).first()
    if job is None or user is None or not user.has_perm("core.view_job", job):
        return None
    return job


def jobs_started_by(*, user: Any, kinds: Iterable[str]) -> QuerySet[Job]:
    """The user's own jobs of these kinds (every one for a platform administrator), newest first."""
    rows = Job.objects.filter(kind__in=list(kinds))
    if not (user and user.is_authenticated and user.is_superuser):
        if not (user and user.is_authenticated):
            return Job.objects.none()
        rows = rows.filter(created_by=user)
    return rows.order_by("-created_at", "-pk")
