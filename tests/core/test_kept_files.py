"""The rows of background work and of the files it keeps (korkyt.core.jobs.rows), through a delivery of the
workbench: its job's state, keeping bytes or a rendered file, reading it back, the reason it failed."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from korkyt.core.jobs import rows
from korkyt.core.jobs import services as jobs
from korkyt.core.jobs.api import kept_file_out
from korkyt.core.jobs.rows import FileNotKept
from korkyt.core.models import Job, JobStatus
from korkyt.localization.models import Delivery, QualityCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery(job, world):
    return Delivery.objects.create(job=job, format="srt", requested_by=world["users"]["translator"])


def test_a_new_row_gets_its_job_from_the_one_who_asked_and_is_sent_on_commit(
    delivery, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as sent:
        job = jobs.job_start_for(
            delivery, kind="test.kept", total=3, task="test.render", delivery_id=delivery.pk
        )
    delivery.refresh_from_db()
    assert delivery.background == job and job.subject == delivery and job.total == 3
    assert job.created_by == world["users"]["translator"]
    assert job.task == "test.render" and job.arguments == {"delivery_id": delivery.pk} and len(sent) == 1
    unsent = jobs.job_start_for(delivery, kind="test.kept", total=1, task="test.render", send=False)
    assert unsent.task == "" and unsent.status == JobStatus.QUEUED


def test_the_state_follows_the_job_and_a_purged_job_reads_as_done_with_its_file_else_failed(delivery):
    jobs.job_start_for(delivery, kind="test.kept", total=4, task="test.render", send=False)
    assert delivery.background_state == ("queued", 0) and delivery.busy
    jobs.job_progress(job_id=delivery.background_id, progress=1)
    jobs.job_fail(job_id=delivery.background_id, message="no")
    delivery.refresh_from_db()
    assert delivery.background_state == ("failed", 25) and not delivery.busy
    Job.objects.filter(pk=delivery.background_id).delete()
    delivery.refresh_from_db()
    # The job is purged: without a file the work did not succeed, whether or not a reason was kept.
    assert delivery.background is None and delivery.background_state == ("failed", 0) and not delivery.busy
    assert kept_file_out(delivery)["status"] == "failed"
    assert render_to_string("core/_kept_file.html", {"f": delivery}).strip() == "failed"
    delivery.keep("film.srt", b"1\n")
    assert delivery.background_state == ("done", 100)
    # Work that keeps no file (a quality check) reads as done once its job is purged.
    check = QualityCheck.objects.create(job=delivery.job)
    assert check.background is None and check.background_state == ("done", 100)


def test_a_job_swept_as_stale_records_its_failure_on_the_row_that_keeps_the_file(
    delivery, settings, django_capture_on_commit_callbacks
):
    """A dead worker's delivery says why it has no file, as when the render itself fails; the page shows it."""
    settings.KORKYT_JOB_HEARTBEAT_MINUTES = 15
    with django_capture_on_commit_callbacks(execute=False):  # the worker took it, then died
        job = jobs.job_start_for(
            delivery,
            kind="localization.delivery",
            total=2,
            task="localization.render_delivery",
            delivery_id=delivery.pk,
        )
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(status="running", heartbeat_at=now - dt.timedelta(minutes=16))
    assert jobs.jobs_sweep_stale(now=now) == 1
    delivery.refresh_from_db()
    assert delivery.error == "The background worker stopped while doing this; retry."
    assert delivery.background_state[0] == "failed" and kept_file_out(delivery)["error"] == delivery.error
    Job.objects.filter(pk=job.pk).delete()  # purged after the retention
    delivery.refresh_from_db()
    assert delivery.background_state == ("failed", 0) and kept_file_out(delivery)["error"] == delivery.error
    page = render_to_string("core/_kept_file.html", {"f": delivery})
    assert "The background worker stopped while doing this; retry." in page


def test_kept_bytes_are_stored_under_the_models_path_and_clear_an_earlier_error(delivery, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Delivery.record_failure(delivery.pk, "the first try failed")
    delivery.refresh_from_db()
    with pytest.raises(FileNotKept) as not_yet:
        delivery.open_file()
    assert not_yet.value.code == "not_ready" and not delivery.ready and delivery.download_url is None
    delivery.keep("film.tr.srt", "Günaydın\n".encode())  # 9 characters, 11 bytes
    stored = Delivery.objects.get(pk=delivery.pk)
    assert stored.name == "film.tr.srt" and stored.size == 11 and stored.error == "" and stored.ready
    assert stored.file.name.startswith(f"deliveries/job-{delivery.job_id}/{delivery.pk}-")
    with stored.open_file() as handle:
        assert handle.read().decode() == "Günaydın\n"
    out = kept_file_out(stored)
    assert out["download_url"] == f"/en/localization/deliveries/{delivery.pk}/download"
    assert out["file_url"] == f"/api/localization/deliveries/{delivery.pk}/file"
    assert (out["file_name"], out["size"], out["status"], out["progress"]) == ("film.tr.srt", 11, "done", 100)
    os.remove(tmp_path / stored.file.name)
    with pytest.raises(FileNotKept) as gone:
        Delivery.objects.get(pk=delivery.pk).open_file()
    assert gone.value.code == "gone" and gone.value.message == "This file is no longer stored."


@pytest.mark.parametrize("link_works", [True, False])
def test_a_rendered_file_is_linked_into_the_storage_or_copied(
    link_works, delivery, settings, tmp_path, monkeypatch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    rendered = tmp_path / "work" / "film.tr.vtt"
    rendered.parent.mkdir()
    rendered.write_bytes(b"WEBVTT\n\n")

    def link(source, target):
        if not link_works:
            raise OSError(18, "Invalid cross-device link")
        os.link(source, target)

    monkeypatch.setattr(rows, "_link", link)
    delivery.keep_local(rendered)
    stored = Delivery.objects.get(pk=delivery.pk)
    path = tmp_path / "media" / stored.file.name
    assert stored.file.name.startswith(f"deliveries/job-{delivery.job_id}/{delivery.pk}-film.tr")
    assert path.read_bytes() == b"WEBVTT\n\n" and (stored.name, stored.size) == ("film.tr.vtt", 8)
    assert path.stat().st_nlink == (2 if link_works else 1)  # the same inode as the rendered file, or a copy


def test_the_failure_hook_keeps_a_short_reason_on_its_own_row(delivery, job, world):
    other = Delivery.objects.create(job=job, format="vtt")
    hook = Delivery.failure_hook("delivery_id")
    hook("x" * 400, delivery_id=delivery.pk)
    delivery.refresh_from_db()
    other.refresh_from_db()
    assert delivery.error == "x" * 300 and other.error == ""
