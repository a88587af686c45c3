"""The task framework: work queued by task name on commit, one Job row per piece of work with subject,
progress, result, attempts and a failure reason for the user; retries with backoff, stale jobs swept to
failed and retried, finished jobs purged with their files; the periodic registry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from korkyt.accounts.services import token_create
from korkyt.core.jobs import periodic, selectors, services
from korkyt.core.models import Job, JobError, JobStatus
from tests.factories import UserFactory
from tests.fakeapp.models import FakeActivity
from tests.fakeapp.tasks import touch

pytestmark = pytest.mark.django_db


def _queue(capture, activity, user=None, **ids) -> Job:
    with capture(execute=True):
        job = services.job_create(kind="fake.touch", subject=activity, created_by=user)
        services.enqueue(job, "fakeapp.touch", activity_id=activity.pk, **ids)
    job.refresh_from_db()
    return job


def test_work_queued_by_name_runs_after_commit_and_keeps_the_row(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.job_create(kind="fake.touch", subject=activity)
        services.enqueue(job, "fakeapp.touch", activity_id=activity.pk)
        assert FakeActivity.objects.get().name == "a"  # nothing sent before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1 and job.progress == job.total == 1
    assert job.result == {"name": "a+"} and job.message == "touched a+"
    assert (
        job.subject == activity
        and job.task == "fakeapp.touch"
        and job.arguments == {"activity_id": activity.pk}
    )
    assert job.started_at and job.finished_at and job.heartbeat_at and not job.error


def test_a_message_runs_once_finished_jobs_and_earlier_sendings_do_nothing(
    django_capture_on_commit_callbacks,
):
    activity = FakeActivity.objects.create(name="a")
    job = _queue(django_capture_on_commit_callbacks, activity)
    touch(job.pk, token=job.token, activity_id=activity.pk)  # redelivered after it finished
    assert FakeActivity.objects.get().name == "a+"
    other = services.job_create(kind="fake.touch", subject=activity)
    with django_capture_on_commit_callbacks(execute=False):
        services.enqueue(other, "fakeapp.touch", activity_id=activity.pk)
        first_token = Job.objects.get(pk=other.pk).token
        services.enqueue(other, "fakeapp.touch", activity_id=activity.pk)  # sent again
    touch(other.pk, token=first_token, activity_id=activity.pk)  # the earlier sending: nothing
    assert FakeActivity.objects.get().name == "a+" and Job.objects.get(pk=other.pk).status == JobStatus.QUEUED


def test_bad_data_fails_the_job_with_its_reason_and_no_retry(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    job = _queue(django_capture_on_commit_callbacks, activity, fail_times=9, mode="invalid")
    assert job.status == JobStatus.FAILED and job.error == JobError.INVALID and job.attempts == 1
    assert job.failure == "The name is not valid."
    assert FakeActivity.objects.get().name == "failed: The name is not valid."  # the app's on_failure


def test_an_unreachable_service_is_retried_with_backoff_until_it_answers(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    job = _queue(django_capture_on_commit_callbacks, activity, fail_times=2)
    assert job.status == JobStatus.DONE and job.attempts == 3 and FakeActivity.objects.get().name == "a+"
    assert touch.autoretry_for and touch.retry_backoff and touch.max_retries == 3
    assert touch.acks_late and touch.reject_on_worker_lost


def test_a_service_that_never_answers_fails_the_job_after_the_last_retry(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    job = _queue(django_capture_on_commit_callbacks, activity, fail_times=99)
    assert job.status == JobStatus.FAILED and job.error == JobError.EXTERNAL and job.attempts == 4
    assert job.failure == "Gave up after 4 attempts: Unreachable: connection refused by mt.example.org"


def test_an_unexpected_error_fails_the_job_with_a_plain_message_never_the_traceback(
    django_capture_on_commit_callbacks,
):
    activity = FakeActivity.objects.create(name="a")
    with pytest.raises(ZeroDivisionError):  # raised for the worker's log
        _queue(django_capture_on_commit_callbacks, activity, fail_times=1, mode="bug")
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.error == JobError.UNEXPECTED
    assert job.failure == "This stopped on an unexpected error; retry, or tell an administrator."
    assert "secret.py" not in job.message and "Traceback" not in job.failure


def test_stale_jobs_are_swept_to_failed_with_a_reason_their_app_is_told_and_can_be_retried(
    django_capture_on_commit_callbacks, settings
):
    settings.KORKYT_JOB_QUEUED_MINUTES, settings.KORKYT_JOB_HEARTBEAT_MINUTES = 30, 15
    activity, other, third = (FakeActivity.objects.create(name=name) for name in "abc")
    owner = UserFactory()
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=False):  # the broker never delivers these
        waiting = services.job_create(kind="fake.touch", subject=activity, created_by=owner)
        services.enqueue(waiting, "fakeapp.touch", activity_id=activity.pk)
        fresh = services.job_create(kind="fake.touch", subject=third)
        services.enqueue(fresh, "fakeapp.touch", activity_id=third.pk)
        silent = services.job_create(kind="fake.touch", subject=other)
        services.enqueue(silent, "fakeapp.touch", activity_id=other.pk)
    Job.objects.filter(pk=waiting.pk).update(queued_at=now - dt.timedelta(minutes=31))
    Job.objects.filter(pk=silent.pk).update(status="running", heartbeat_at=now - dt.timedelta(minutes=16))
    assert services.jobs_sweep_stale(now=now) == 2
    waiting.refresh_from_db()
    silent.refresh_from_db()
    assert (
        waiting.status == JobStatus.FAILED
        and waiting.failure == "The background worker did not pick this up; retry."
    )
    assert silent.failure == "The background worker stopped while doing this; retry."
    assert Job.objects.get(pk=fresh.pk).status == JobStatus.QUEUED
    # The task's on_failure hook marks the app's own row, as when the task itself fails.
    names = dict(FakeActivity.objects.values_list("pk", "name"))
    assert names == {
        activity.pk: "failed: The background worker did not pick this up; retry.",
        other.pk: "failed: The background worker stopped while doing this; retry.",
        third.pk: "c",
    }
    assert services.jobs_sweep_stale(now=now) == 0  # swept once
    old_token = waiting.token
    touch(waiting.pk, token=old_token, activity_id=activity.pk)  # the old message arriving late: nothing
    assert FakeActivity.objects.get(pk=activity.pk).name == names[activity.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.job_retry(actor=owner, job=waiting)
    waiting.refresh_from_db()
    assert (
        waiting.status == JobStatus.DONE
        and waiting.token != old_token
        and FakeActivity.objects.get(pk=activity.pk).name == names[activity.pk] + "+"
    )


def test_a_job_the_broker_did_not_take_fails_at_once_and_tells_its_app(
    django_capture_on_commit_callbacks, monkeypatch
):
    from celery import current_app

    def down(*_args, **_kwargs):
        raise ConnectionRefusedError("broker unreachable")

    activity = FakeActivity.objects.create(name="a")
    monkeypatch.setitem(current_app.conf, "task_always_eager", False)
    monkeypatch.setattr(current_app, "send_task", down)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_create(kind="fake.touch", subject=activity)
        services.enqueue(job, "fakeapp.touch", activity_id=activity.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == JobError.NOT_PICKED_UP
    assert FakeActivity.objects.get().name == "failed: The background worker did not pick this up; retry."


def test_only_a_failed_job_is_retried_and_only_by_who_may_see_it(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    owner = UserFactory()
    job = _queue(django_capture_on_commit_callbacks, activity, user=owner)
    with pytest.raises(ValidationError) as info:
        services.job_retry(actor=owner, job=job)
    assert info.value.message_dict == {"job": ["Only a failed job can be retried."]}
    services.job_fail(job_id=job.pk)
    with pytest.raises(PermissionDenied):
        services.job_retry(actor=UserFactory(), job=job)
    assert selectors.job_get(user=UserFactory(), pk=job.pk) is None
    assert selectors.job_get(user=owner, pk=job.pk) == job


def test_finished_jobs_past_the_retention_are_deleted_with_their_files(settings):
    settings.KORKYT_JOB_RETENTION_DAYS = 30
    now = timezone.now()
    old = services.job_create(kind="x", file=ContentFile(b"<tmx/>"), file_name="old.tmx")
    recent = services.job_create(kind="x")
    running = services.job_create(kind="x")
    for job in (old, recent):
        services.job_finish(job_id=job.pk)
    Job.objects.filter(pk=old.pk).update(finished_at=now - dt.timedelta(days=31))
    Job.objects.filter(pk=running.pk).update(status="running", created_at=now - dt.timedelta(days=90))
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    assert services.jobs_purge(now=now) == 1
    assert not storage.exists(name)
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}


def test_apps_register_periodic_jobs_for_beat(tmp_path):
    from celery import current_app

    schedule = periodic.beat_schedule()
    assert schedule["core.sweep_stale_jobs"]["schedule"] == dt.timedelta(minutes=5)
    assert schedule["core.purge_finished_jobs"]["schedule"].hour == {3}
    periodic.register("fakeapp.remind", task="fakeapp.touch", cron="0 7 * * 1", kwargs={"activity_id": 1})
    try:
        scheduler = periodic.Scheduler(
            app=current_app, schedule_filename=str(tmp_path / "schedule"), lazy=True
        )
        scheduler.setup_schedule()
        assert {"core.sweep_stale_jobs", "core.purge_finished_jobs", "fakeapp.remind"} <= set(
            scheduler.schedule
        )
        assert scheduler.schedule["fakeapp.remind"].task == "fakeapp.touch"
        scheduler.close()
    finally:
        periodic._REGISTRY.pop("fakeapp.remind")
    with pytest.raises(ValueError, match="either every= or cron="):
        periodic.register("bad", every=dt.timedelta(minutes=1), cron="* * * * *")
    with pytest.raises(ValueError, match="5 fields"):
        periodic.register("bad", cron="* * *")


def test_api_shows_a_job_to_who_may_see_it_and_retries_a_failed_one(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    owner = UserFactory()
    job = _queue(django_capture_on_commit_callbacks, activity, user=owner, fail_times=1, mode="invalid")
    _, secret = token_create(user=owner, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    body = client.get(f"/api/jobs/{job.pk}", **auth).json()
    assert body["status"] == "failed" and body["failure"] == "The name is not valid." and body["can_retry"]
    assert body["subject"] == {"type": "fakeapp.fakeactivity", "id": activity.pk} and body["attempts"] == 1
    _, other = token_create(user=UserFactory(), name="o")
    assert client.get(f"/api/jobs/{job.pk}", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    assert client.post(f"/api/jobs/{job.pk}/retry").status_code == 401  # writes need a token or a session
    assert client.get(f"/api/jobs/{10**30}", **auth).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(f"/api/jobs/{job.pk}/retry", **auth)
    assert retried.status_code == 202 and retried.json()["status"] == "queued"
    done = client.get(f"/api/jobs/{job.pk}", **auth).json()
    assert done["status"] == "done" and done["attempts"] == 2
    assert done["result"] == {"name": "failed: The name is not valid.+"}  # on_failure renamed it first
    again = client.post(f"/api/jobs/{job.pk}/retry", **auth)
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "job"


def test_the_retry_page_queues_a_failed_job_again_and_goes_back(django_capture_on_commit_callbacks):
    activity = FakeActivity.objects.create(name="a")
    owner = UserFactory()
    job = _queue(django_capture_on_commit_callbacks, activity, user=owner, fail_times=1, mode="invalid")
    client = Client()
    client.force_login(UserFactory())
    assert client.post(f"/en/jobs/{job.pk}/retry", {"next": "/en/"}).status_code == 404
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/jobs/{job.pk}/retry", {"next": "https://evil.example/x"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert Job.objects.get(pk=job.pk).status == JobStatus.DONE


def test_the_worker_writes_a_jobs_messages_in_the_language_of_the_request_that_started_it(
    django_capture_on_commit_callbacks,
):
    """A worker runs in the site's language; what it writes for people is in the requester's."""
    from django.utils import translation

    activity = FakeActivity.objects.create(name="a")
    # translation.override("kk"): the page the work was started from
    with django_capture_on_commit_callbacks(execute=False) as callbacks, translation.override("kk"):
        job = services.job_create(kind="fake.touch", subject=activity)
        services.enqueue(job, "fakeapp.touch", activity_id=activity.pk, fail_times=99)
    assert Job.objects.get(pk=job.pk).language == "kk"
    with translation.override("en"):  # the worker
        callbacks[0]()
    job.refresh_from_db()
    with translation.override("kk"):
        kazakh = translation.gettext("Gave up after %(n)s attempts: %(reason)s") % {
            "n": 4,
            "reason": "Unreachable: connection refused by mt.example.org",
        }
    assert kazakh.startswith("Gave up") is False  # the catalogue has it in Kazakh
    assert job.failure == kazakh
    # Work started outside a request (a command, a periodic job) speaks its author's language, else the
    # site's.
    author = UserFactory(username="kyrgyz", language="ky")
    with translation.override(None):
        by_author = services.job_create(kind="fake.touch", subject=activity, created_by=author)
        nobody = services.job_create(kind="fake.touch", subject=activity)
    assert services.job_language(by_author) == "ky" and services.job_language(nobody) == "en"
