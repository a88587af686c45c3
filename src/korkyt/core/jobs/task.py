"""The base of every background task: ``@job_task(name)`` turns a function of ``(job, progress, **ids)``
into a Celery task that keeps the ``Job`` row.

    @job_task("localization.render_delivery")
    def render_delivery(job: Job, progress: Progress, delivery_id: int) -> Done:
        delivery = services.delivery_render(delivery_id=delivery_id, progress=progress)
        return Done(delivery.name, {"delivery": delivery.pk})

What the decorator does, so that each app's task stays a thin call of a service:

* the message carries the job id and a token; the ids are read from the row (``Job.arguments``, stored by
  ``enqueue``), so that nothing else reaches the broker or the worker's log; a message of an earlier sending
  (another token), or for a job already done or failed, does nothing (run once);
* start: the row becomes running, ``attempts`` counts up, ``heartbeat_at`` is set; ``progress(done,
  total=None, checkpoint=None)`` records progress and a sign of life;
* one run at a time: a running job is not claimed by another sending, and every write of a run (progress,
  finish, failure, requeue) is fenced by the token and attempt it claimed the job with: once the job was
  swept as stale and retried (or its message run again), the earlier run's writes do nothing and its work
  stops at its next progress report (:class:`Superseded`, swallowed here);
* finish: the function's return value (``Done``, a message string, a result dict or None) becomes the row's
  message and result;
* fail: a ``ValidationError`` fails the job with its messages (bad data: no retry); an exception listed in
  ``retry_on`` is retried with exponential backoff (``autoretry_for``/``retry_backoff``) up to
  ``max_retries`` times, the row queued again meanwhile, then fails; anything else fails the job with a
  plain message (the traceback goes to the worker's log, never to the user) and is re-raised;
* ``repeatable=True`` (the default) means the function is safe to run twice: the message is acknowledged
  after the run (``acks_late``) and given back to the broker if the worker dies (``reject_on_worker_lost``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.core.jobs import services
from korkyt.core.models import Job, JobError

logger = logging.getLogger(__name__)

OnFailure = Callable[..., None]


@dataclass(frozen=True)
class Done:
    """What a finished job tells the user (``message``) and keeps (``result``, JSON)."""

    message: str = ""
    result: Mapping[str, Any] = field(default_factory=dict)


class Progress(Protocol):
    def __call__(
        self, done: int, total: int | None = None, checkpoint: Mapping[str, Any] | None = None
    ) -> None: ...


class Superseded(Exception):
    """Raised by a run's progress when the job is no longer that run's (swept as stale, retried, claimed
    again): the run stops there, writing nothing more. The task base swallows it."""


class JobProgress:
    """Progress of one run of a job: each call writes the row (and proves the worker alive), as long as
    the job is still this run's; else it raises :class:`Superseded`."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.total = job.total
        self.token = job.token
        self.attempt = job.attempts
        self.superseded = False

    def __call__(
        self, done: int, total: int | None = None, checkpoint: Mapping[str, Any] | None = None
    ) -> None:
        if self.superseded:  # the work went on after it was told to stop
            raise Superseded(self.job_id)
        if total is not None:
            self.total = total
        written = services.job_progress(
            job_id=self.job_id,
            progress=done,
            total=total,
            checkpoint=checkpoint,
            token=self.token,
            attempt=self.attempt,
        )
        if written is False:
            self.superseded = True
            raise Superseded(self.job_id)


class JobTask(Task):  # type: ignore[misc]
    """Defaults of every job task (each may override them in ``@job_task``)."""

    acks_late = True
    reject_on_worker_lost = True
    ignore_result = True
    max_retries = 5
    retry_backoff = 5  # seconds, doubled each retry
    retry_backoff_max = 600
    retry_jitter = True
    #: When the row cannot be marked done after the work returned (the database failing), the task is run
    #: again (its work is idempotent); false for work that must not be repeated (a sent message): the row is
    #: left running for the stale sweep, the error logged.
    rerun_unfinished = True
    #: The ``on_failure`` given to ``@job_task``: also called when the job fails outside the task.
    job_on_failure: OnFailure | None = None

    def apply(self, *args: Any, throw: bool | None = None, **options: Any) -> Any:
        """Run here and now (eager mode: tests, KORKYT_CELERY_EAGER). Errors come back in the result rather
        than raised, so that Celery's eager retries (which apply the task again) reach the next attempt;
        :func:`korkyt.core.jobs.services.enqueue` raises a final error where settings ask for it."""
        return super().apply(*args, throw=bool(throw), **options)


#: Errors worth another attempt in every job task: the database was locked or briefly unreachable.
TRANSIENT: tuple[type[BaseException], ...] = (OperationalError,)

Work = Callable[..., Any]


def job_task(
    name: str,
    *,
    retry_on: tuple[type[BaseException], ...] = (),
    max_retries: int = 5,
    repeatable: bool = True,
    on_failure: OnFailure | None = None,
    rerun_unfinished: bool = True,
    **options: Any,
) -> Callable[[Work], Any]:
    """Declare the task ``name`` ("<app>.<verb_noun>") doing ``work(job=, progress=, **ids)`` on a Job row.

    ``retry_on``: exceptions of external calls worth retrying (timeouts, refused connections); they are
    retried with backoff besides the database's transient errors. ``on_failure(message, **ids)`` lets the
    app mark its own row (a delivery's error: ``KeptFile.failure_hook``) when the job fails for good.
    ``rerun_unfinished=False``: the work is not run again when its row cannot be marked done afterwards
    (see :attr:`JobTask.rerun_unfinished`). ``options`` go to Celery (``time_limit``,
    ``soft_time_limit``, ``queue``…).
    """
    retryable = (*TRANSIENT, *retry_on)

    def decorate(work: Work) -> Any:
        def run(self: JobTask, job_id: int, token: str | None = None, **ids: Any) -> None:
            _run(self, work, job_id, token, ids, retryable, on_failure)

        run.__name__ = work.__name__
        run.__qualname__ = work.__qualname__
        run.__doc__ = work.__doc__
        run.__module__ = work.__module__
        return shared_task(
            bind=True,
            base=JobTask,
            name=name,
            autoretry_for=retryable,
            max_retries=max_retries,
            acks_late=repeatable,
            reject_on_worker_lost=repeatable,
            rerun_unfinished=rerun_unfinished,
            # Kept on the task for a failure found outside it (the stale sweep, an unreachable broker).
            job_on_failure=staticmethod(on_failure) if on_failure is not None else None,
            **options,
        )(run)

    return decorate


def _fail(job: Job, message: str, error: str, on_failure: OnFailure | None, ids: dict[str, Any]) -> None:
    failed = services.job_fail(
        job_id=job.pk, message=message, error=error, token=job.token, attempt=job.attempts
    )
    if failed is not None and on_failure is not None:  # a superseded run leaves the app's row alone too
        on_failure(failed.failure, **ids)


def _run(
    task: JobTask,
    work: Work,
    job_id: int,
    token: str | None,
    ids: dict[str, Any],
    retryable: tuple[type[BaseException], ...],
    on_failure: OnFailure | None,
) -> None:
    job = services.job_claim(job_id=job_id, token=token)
    if job is None:
        logger.info("job %s: nothing to do (finished, failed, running or sent again since)", job_id)
        return
    # What the work writes for people (its messages, notes it leaves on objects) is in the language of the
    # request that started it, not the worker's.
    with translation.override(services.job_language(job)):
        _run_claimed(task, work, job, ids, retryable, on_failure)


def _run_claimed(
    task: JobTask,
    work: Work,
    job: Job,
    ids: dict[str, Any],
    retryable: tuple[type[BaseException], ...],
    on_failure: OnFailure | None,
) -> None:
    """Run the work for the run that claimed ``job``; every write on the row is this run's (its token and
    attempt): once the job is another run's (swept as stale, then retried), they do nothing, and the work
    stops at its next progress report."""
    job_id = job.pk
    # The row keeps what the task runs with; ids in the message itself (one sent by an earlier version, or
    # a direct call) are taken as given.
    ids = {**(job.arguments if isinstance(job.arguments, dict) else {}), **ids}
    logger.info("job %s (%s) started, attempt %s", job_id, task.name, job.attempts)
    try:
        outcome = work(job=job, progress=JobProgress(job), **ids)
    except Superseded:
        logger.warning("job %s (%s): attempt %s stopped, superseded", job_id, task.name, job.attempts)
        return
    except ValidationError as exc:  # bad data: the reason is for the user; retrying would not help
        _fail(job, " ".join(exc.messages), JobError.INVALID, on_failure, ids)
        return
    except SoftTimeLimitExceeded:
        _fail(
            job,
            _("This took longer than the time allowed and was stopped."),
            JobError.UNEXPECTED,
            on_failure,
            ids,
        )
        return
    except retryable as exc:
        attempt = task.request.retries + 1
        if task.request.retries < task.max_retries:
            if services.job_requeue(
                job_id=job_id,
                message=_("Attempt %(n)s failed (%(reason)s); trying again shortly.")
                % {"n": attempt, "reason": _reason(exc)},
                token=job.token,
                attempt=job.attempts,
            ):
                raise  # autoretry_for sends it again after the backoff
            return  # superseded: another run does the job
        logger.warning("job %s gave up after %s attempts: %r", job_id, attempt, exc)
        _fail(
            job,
            _("Gave up after %(n)s attempts: %(reason)s") % {"n": attempt, "reason": _reason(exc)},
            JobError.EXTERNAL,
            on_failure,
            ids,
        )
        return
    except Exception:
        logger.exception("job %s (%s) failed", job_id, task.name)
        _fail(job, "", JobError.UNEXPECTED, on_failure, ids)
        raise
    try:
        _finish(job, outcome)
    except Exception:
        if task.rerun_unfinished:
            raise  # a transient error: retried, the work runs again
        logger.exception(
            "job %s (%s) did its work but could not be marked done; not run again", job_id, task.name
        )


def _finish(job: Job, outcome: Any) -> None:
    run: dict[str, Any] = {"job_id": job.pk, "token": job.token, "attempt": job.attempts}
    if isinstance(outcome, Done):
        services.job_finish(**run, message=outcome.message, result=outcome.result)
    elif isinstance(outcome, Mapping):
        services.job_finish(**run, result=outcome)
    else:
        services.job_finish(**run, message=str(outcome or ""))


def _reason(exc: BaseException) -> str:
    """One line about an external error, for the user: its kind and first line, never a traceback."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}"[:200] if text else type(exc).__name__
