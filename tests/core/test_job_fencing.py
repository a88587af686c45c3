"""One run of a job at a time: every write of a run is fenced by the token (and attempt) it claimed the job
with, so a run that was only slow cannot fail, finish or requeue the run that replaced it after the stale
sweep and a retry; a running job is not claimed by another sending."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from korkyt.core.jobs import services as jobs
from korkyt.core.models import Job, JobError, JobStatus
from tests.factories import UserFactory
from tests.fakeapp.models import FakeActivity
from tests.fakeapp.tasks import touch

pytestmark = pytest.mark.django_db


def _sweep() -> int:
    return jobs.jobs_sweep_stale(now=timezone.now() + dt.timedelta(minutes=20))


def _queued(owner: Any, activity: FakeActivity | None = None) -> Job:
    job = jobs.job_create(kind="fake.touch", subject=activity, created_by=owner)
    jobs.enqueue(job, "fakeapp.touch", activity_id=activity.pk if activity else 0)  # not sent: no commit
    return Job.objects.get(pk=job.pk)


CLAIM = jobs.job_claim


def _swept_and_retried(owner: Any, job: Job) -> Job:
    """Run A claimed the job and went quiet: swept as stale, retried by its owner, claimed by run B."""
    assert _sweep() == 1
    jobs.job_retry(actor=owner, job=Job.objects.get(pk=job.pk))
    token_b = Job.objects.get(pk=job.pk).token
    run_b = CLAIM(job_id=job.pk, token=token_b)
    assert run_b is not None and run_b.attempts == 2
    return run_b


def test_a_stale_run_cannot_fail_the_run_that_replaced_it():
    owner = UserFactory()
    job = _queued(owner)
    run_a = jobs.job_claim(job_id=job.pk, token=job.token)
    assert run_a is not None
    run_b = _swept_and_retried(owner, job)
    # run A was only slow: its progress and its failure write nothing
    assert jobs.job_progress(job_id=job.pk, progress=7, token=run_a.token, attempt=run_a.attempts) is False
    assert (
        jobs.job_fail(job_id=job.pk, message="run A's error", token=run_a.token, attempt=run_a.attempts)
        is None
    )
    assert not jobs.job_requeue(job_id=job.pk, message="again", token=run_a.token, attempt=run_a.attempts)
    row = Job.objects.get(pk=job.pk)
    assert (row.status, row.message, row.progress) == (JobStatus.RUNNING, "", 0)
    # the job is running: no retry is offered, and no other sending claims it
    with pytest.raises(ValidationError):
        jobs.job_retry(actor=owner, job=row)
    assert jobs.job_claim(job_id=job.pk, token="c" * 32) is None
    assert jobs.job_claim(job_id=job.pk) is None
    # run B goes on and finishes
    assert jobs.job_progress(job_id=job.pk, progress=1, total=1, token=run_b.token, attempt=run_b.attempts)
    done = jobs.job_finish(job_id=job.pk, message="B", token=run_b.token, attempt=run_b.attempts)
    assert done is not None
    row = Job.objects.get(pk=job.pk)
    assert (row.status, row.message, row.progress, row.attempts) == (JobStatus.DONE, "B", 1, 2)


def test_a_late_finish_of_a_swept_run_leaves_the_job_failed():
    job = _queued(UserFactory())
    run_a = jobs.job_claim(job_id=job.pk, token=job.token)
    assert run_a is not None and _sweep() == 1
    assert jobs.job_finish(job_id=job.pk, message="A", token=run_a.token, attempt=run_a.attempts) is None
    row = Job.objects.get(pk=job.pk)
    assert row.status == JobStatus.FAILED and row.error == JobError.WORKER_STOPPED and row.message == ""


def test_a_message_given_back_to_the_broker_runs_again_and_fences_off_the_earlier_attempt():
    job = _queued(UserFactory())
    first = jobs.job_claim(job_id=job.pk, token=job.token)
    second = jobs.job_claim(job_id=job.pk, token=job.token)  # its worker died: the same message again
    assert first is not None and second is not None and second.attempts == first.attempts + 1
    assert jobs.job_finish(job_id=job.pk, message="1", token=first.token, attempt=first.attempts) is None
    assert jobs.job_finish(job_id=job.pk, message="2", token=second.token, attempt=second.attempts)
    assert Job.objects.get(pk=job.pk).message == "2"


def test_writes_without_a_token_update_the_job_by_id():
    """A command that runs the work itself (no message, no token) writes as before."""
    job = jobs.job_create(kind="demo")
    assert jobs.job_claim(job_id=job.pk) is not None
    assert jobs.job_progress(job_id=job.pk, progress=3, total=4)
    finished = jobs.job_finish(job_id=job.pk, message="made")
    assert finished is not None and finished.status == JobStatus.DONE and finished.progress == 4
    failed = jobs.job_fail(job_id=job.pk, message="no")
    assert failed is not None and failed.status == JobStatus.FAILED
    with pytest.raises(Job.DoesNotExist):
        jobs.job_fail(job_id=0)


def test_the_task_of_a_stale_run_stops_at_its_next_progress_and_leaves_the_new_run_alone(monkeypatch):
    owner = UserFactory()
    activity = FakeActivity.objects.create(name="a")
    job = _queued(owner, activity)
    real_progress = jobs.job_progress
    replaced: list[Job] = []

    def swept_meanwhile(**kwargs: Any) -> bool:
        # run A worked past the heartbeat window: swept, retried, and run B claimed the job
        if not replaced:
            replaced.append(_swept_and_retried(owner, job))
            FakeActivity.objects.filter(pk=activity.pk).update(name="a")  # the sweep's on_failure, undone
        return real_progress(**kwargs)

    monkeypatch.setattr(jobs, "job_progress", swept_meanwhile)
    touch(job.pk, token=job.token)  # run A
    assert replaced
    row = Job.objects.get(pk=job.pk)
    assert (row.status, row.token, row.attempts) == (JobStatus.RUNNING, replaced[0].token, 2)
    assert FakeActivity.objects.get().name == "a"  # stopped before its change; no failure recorded


def test_the_task_of_a_swept_run_does_not_mark_the_apps_row_failed_again(monkeypatch):
    """A run that fails after it was superseded calls no on_failure: the app's row is the new run's."""
    owner = UserFactory()
    activity = FakeActivity.objects.create(name="a")
    job = _queued(owner, activity)

    def claim_then_replaced(**kwargs: Any) -> Job | None:
        claimed = CLAIM(**kwargs)
        _swept_and_retried(owner, job)
        FakeActivity.objects.filter(pk=activity.pk).update(name="b running")
        return claimed

    monkeypatch.setattr(jobs, "job_claim", claim_then_replaced)
    touch(job.pk, token=job.token, fail_times=1, mode="invalid")  # run A: bad data, after the retry
    row = Job.objects.get(pk=job.pk)
    assert row.status == JobStatus.RUNNING and row.attempts == 2 and row.message == ""
    assert FakeActivity.objects.get().name == "b running"
