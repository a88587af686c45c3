from __future__ import annotations

import pytest

from korkyt.core.models import Job, JobStatus
from korkyt.localization import services
from korkyt.localization.models import CueState
from korkyt.localization.tasks import prepare_job

pytestmark = pytest.mark.django_db


def test_ordering_queues_the_task_on_commit_and_it_keeps_progress_on_the_job_row(
    world, django_capture_on_commit_callbacks
):
    u = world["users"]
    with django_capture_on_commit_callbacks(execute=True):
        job = services.job_order(
            actor=u["kz_editor"], source=world["track"], target_language="kk-Latn", reviewer=u["reviewer"]
        )
    row = Job.objects.get(pk=job.background_id)
    assert row.status == JobStatus.DONE and row.progress == row.total == 4
    assert "transliterated 4" in row.message
    assert set(job.cues.values_list("state", flat=True)) == {CueState.WAITING_REVIEW}


def test_the_task_is_idempotent(job):
    prepare_job(job.background_id, translation_job_id=job.pk)
    job.cues.filter(position=0).update(text="edited", state=CueState.DRAFT)
    prepare_job(job.background_id, translation_job_id=job.pk)  # a redelivered message changes nothing
    assert job.cues.get(position=0).text == "edited"


def test_editor_shows_progress_while_preparing_and_a_video_preview(job, world):
    from django.test import Client

    services.track_update(
        actor=world["users"]["kz_editor"], track=world["track"], video_url="https://example.org/f.mp4"
    )
    client = Client()
    client.force_login(world["users"]["translator"])
    html = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert '<video id="preview"' in html and f"/en/localization/jobs/{job.pk}/preview.vtt" in html
    prepare_job(job.background_id, translation_job_id=job.pk)
    html = client.get(f"/en/localization/jobs/{job.pk}/progress").content.decode()
    assert "every 2s" not in html and "Done" in html
