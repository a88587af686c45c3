"""Periodic work: a registry where apps add jobs for Celery beat, and the beat scheduler that reads it.

An app registers its periodic jobs in its ``AppConfig.ready()``::

    from datetime import timedelta
    from korkyt.core.jobs import periodic

    periodic.register("events.expire_offers", every=timedelta(minutes=10))
    periodic.register("festival.deadline_reminders", cron="0 7 * * *")  # every day at 07:00 UTC

The task itself is an ordinary Celery task of that name in the app's tasks.py (``@shared_task(name=...)``),
idempotent, calling a service. ``korkyt serve`` starts beat beside the worker; in production run one
``celery -A korkyt.config.celery beat`` (settings pick :class:`Scheduler`; the schedule file is kept
under var/).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from celery.beat import PersistentScheduler
from celery.schedules import crontab


@dataclass(frozen=True)
class PeriodicJob:
    """``task`` run ``every`` interval, or on a ``cron`` line (minute hour day month weekday, UTC)."""

    name: str
    task: str
    every: dt.timedelta | None = None
    cron: str | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)

    def schedule(self) -> dt.timedelta | crontab:
        if self.every is not None:
            return self.every
        assert self.cron is not None
        minute, hour, day, month, weekday = self.cron.split()
        return crontab(minute=minute, hour=hour, day_of_month=day, month_of_year=month, day_of_week=weekday)


_REGISTRY: dict[str, PeriodicJob] = {}


def register(
    name: str,
    *,
    task: str | None = None,
    every: dt.timedelta | None = None,
    cron: str | None = None,
    kwargs: dict[str, Any] | None = None,
) -> PeriodicJob:
    """Run the task ``task`` (default: ``name``) periodically; registering a name again replaces it."""
    if (every is None) == (cron is None):
        raise ValueError(f"periodic job {name!r}: give either every= or cron=")
    if cron is not None and len(cron.split()) != 5:
        raise ValueError(f"periodic job {name!r}: cron needs 5 fields (minute hour day month weekday)")
    if every is not None and every.total_seconds() < 1:
        raise ValueError(f"periodic job {name!r}: every= must be at least a second")
    job = PeriodicJob(name=name, task=task or name, every=every, cron=cron, kwargs=dict(kwargs or {}))
    _REGISTRY[name] = job
    return job


def registered() -> list[PeriodicJob]:
    return sorted(_REGISTRY.values(), key=lambda j: j.name)


def beat_schedule() -> dict[str, dict[str, Any]]:
    """The registry as Celery's ``beat_schedule``. A run that is not picked up within its interval (or
    an hour, for cron lines) expires rather than piling up behind a stopped worker."""
    out = {}
    for job in registered():
        expires = job.every.total_seconds() if job.every is not None else 3600.0
        out[job.name] = {
            "task": job.task,
            "schedule": job.schedule(),
            "kwargs": job.kwargs,
            "options": {"expires": expires},
        }
    return out


class Scheduler(PersistentScheduler):  # type: ignore[misc]
    """Celery beat's file-backed scheduler, with the registry's jobs added to ``beat_schedule``."""

    def setup_schedule(self) -> None:
        import django

        django.setup()  # beat imports the apps; registration happens in their ready()
        configured = dict(self.app.conf.beat_schedule or {})
        self.app.conf.beat_schedule = {**beat_schedule(), **configured}
        super().setup_schedule()
