"""Deliveries (exports rendered in the background and kept) and whole-job checks: services, tasks, pages
and API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.core.models import Job, JobStatus
from korkyt.localization import services
from korkyt.localization.models import CueState, Delivery, QualityCheck
from korkyt.localization.tasks import render_delivery, run_check

pytestmark = pytest.mark.django_db


def _translate(job) -> None:
    texts = ["Merhaba dostum!", "Bugün hava sıcak.", "Korkut Ata bozkırda yürüyor.", ""]
    for cue, text in zip(job.cues.order_by("position"), texts, strict=True):
        cue.text, cue.state = text, CueState.DRAFT if text else CueState.UNTRANSLATED
        cue.save()


def test_a_delivery_is_rendered_by_its_task_with_progress_and_kept(
    job, world, django_capture_on_commit_callbacks
):
    _translate(job)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.delivery_request(actor=world["users"]["translator"], job=job, fmt="srt")
    delivery.refresh_from_db()
    row = Job.objects.get(pk=delivery.background_id)
    assert (
        row.status == JobStatus.DONE
        and row.progress == row.total == 2
        and row.kind == "localization.delivery"
    )
    assert delivery.name.endswith(".tr.srt") and delivery.size > 0 and not delivery.error
    text = delivery.file.read().decode()
    assert "Merhaba dostum!" in text and "00:00:01,000 --> 00:00:03,500" in text
    assert delivery.requested_by == world["users"]["translator"]


def test_the_delivery_task_is_idempotent(job, world):
    _translate(job)
    delivery = services.delivery_request(actor=world["users"]["kz_editor"], job=job, fmt="vtt", enqueue=False)
    render_delivery(delivery.background_id, delivery_id=delivery.pk)
    first = Delivery.objects.get(pk=delivery.pk).file.name
    job.cues.filter(position=0).update(text="changed later")
    render_delivery(delivery.background_id, delivery_id=delivery.pk)  # redelivered: nothing again
    again = Delivery.objects.get(pk=delivery.pk)
    assert again.file.name == first and "changed later" not in again.file.read().decode()


@pytest.mark.parametrize("fmt", ["docx", "", "../../etc/passwd", None])
def test_a_delivery_in_an_unknown_format_is_refused_and_nothing_is_saved(job, world, fmt):
    with pytest.raises(ValidationError) as info:
        services.delivery_request(actor=world["users"]["kz_editor"], job=job, fmt=fmt)
    assert "format" in info.value.message_dict
    assert not Delivery.objects.exists() and not Job.objects.filter(kind="localization.delivery").exists()


def test_only_those_who_see_the_job_may_ask_for_a_delivery_or_a_check(job, world):
    for name in ("stranger", "tr_editor", "other_translator"):
        with pytest.raises(PermissionDenied):
            services.delivery_request(actor=world["users"][name], job=job, fmt="srt")
        with pytest.raises(PermissionDenied):
            services.check_request(actor=world["users"][name], job=job)
    assert not Delivery.objects.exists() and not QualityCheck.objects.exists()


def test_a_delivery_that_cannot_be_rendered_fails_with_its_reason(job, world):
    delivery = services.delivery_request(actor=world["users"]["kz_editor"], job=job, fmt="srt", enqueue=False)
    Delivery.objects.filter(pk=delivery.pk).update(format="nonsense")  # e.g. a format since withdrawn
    render_delivery(delivery.background_id, delivery_id=delivery.pk)  # does not raise: the job fails
    delivery.refresh_from_db()
    row = Job.objects.get(pk=delivery.background_id)
    assert row.status == JobStatus.FAILED and "Unknown format" in row.message
    assert "Unknown format" in delivery.error and not delivery.file


def test_a_check_of_every_cue_keeps_a_summary(job, world, django_capture_on_commit_callbacks):
    _translate(job)
    job.cues.filter(position=1).update(
        text="Bugün hava sıcak sıcak sıcak sıcak sıcak sıcak sıcak sıcak sıcak."
    )
    with django_capture_on_commit_callbacks(execute=True):
        check = services.check_request(actor=world["users"]["reviewer"], job=job)
    check.refresh_from_db()
    row = Job.objects.get(pk=check.background_id)
    assert row.status == JobStatus.DONE and row.progress == row.total == 4
    summary = check.summary
    assert summary["checked"] == 3 and summary["cues"] >= 1
    assert summary["errors"] + summary["warnings"] + summary["infos"] == sum(summary["codes"].values())
    assert summary["codes"]  # the over-long line is reported
    run_check(check.background_id, check_id=check.pk)  # idempotent
    assert QualityCheck.objects.get(pk=check.pk).summary == summary


def test_pages_queue_deliveries_and_checks_and_offer_the_file(job, world, django_capture_on_commit_callbacks):
    _translate(job)
    client = Client()
    client.force_login(world["users"]["translator"])
    editor = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert 'id="background-work"' in editor and "No exports yet" in editor
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/localization/jobs/{job.pk}/deliveries", {"format": "dcp-interop"})
    assert response.status_code == 302 and response["Location"].endswith("#background-work")
    delivery = Delivery.objects.get()
    panel = client.get(f"/en/localization/jobs/{job.pk}/background").content.decode()
    assert f"/en/localization/deliveries/{delivery.pk}/download" in panel and "every 2s" not in panel
    download = client.get(f"/en/localization/deliveries/{delivery.pk}/download")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"DCSubtitle" in b"".join(download.streaming_content)
    bad = client.post(f"/en/localization/jobs/{job.pk}/deliveries", {"format": "pdf"}, follow=True)
    assert "Unknown format" in bad.content.decode() and Delivery.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        htmx = client.post(f"/en/localization/jobs/{job.pk}/checks", HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200 and "Last check of every cue" in htmx.content.decode()
    panel = client.get(f"/en/localization/jobs/{job.pk}/background").content.decode()
    assert "errors" in panel and "translated cues" in panel
    stranger = Client()
    stranger.force_login(world["users"]["stranger"])
    assert stranger.get(f"/en/localization/deliveries/{delivery.pk}/download").status_code == 404
    assert stranger.post(f"/en/localization/jobs/{job.pk}/deliveries", {"format": "srt"}).status_code == 404


def test_the_panel_polls_while_work_is_queued(job, world):
    services.delivery_request(actor=world["users"]["kz_editor"], job=job, fmt="srt", enqueue=False)
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    panel = client.get(f"/en/localization/jobs/{job.pk}/background").content.decode()
    assert 'hx-trigger="every 2s"' in panel and "<progress" in panel
    delivery = Delivery.objects.get()
    assert client.get(f"/en/localization/deliveries/{delivery.pk}/download").status_code == 404  # not ready


def test_api_deliveries_and_checks(job, world, django_capture_on_commit_callbacks):
    _translate(job)
    _, secret = token_create(user=world["users"]["reviewer"], name="ci")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    url = f"/api/localization/jobs/{job.pk}/deliveries"
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(url, {"format": "vtt"}, content_type="application/json", **auth)
    assert created.status_code == 202, created.content
    body = created.json()
    assert body["status"] == "queued" and body["file_url"] is None  # accepted; the task runs after
    detail = client.get(f"/api/localization/deliveries/{body['id']}", **auth).json()
    assert detail["status"] == "done" and detail["progress"] == 100 and detail["file_name"].endswith(".vtt")
    assert detail["download_url"].endswith(f"/localization/deliveries/{body['id']}/download")
    file = client.get(detail["file_url"], **auth)
    assert file.status_code == 200 and file.json()["text"].startswith("WEBVTT")
    bad = client.post(url, {"format": "doc"}, content_type="application/json", **auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "format"
    with django_capture_on_commit_callbacks(execute=True):
        check = client.post(f"/api/localization/jobs/{job.pk}/checks", **auth)
    assert check.status_code == 202 and check.json()["summary"] == {}
    done = client.get(f"/api/localization/checks/{check.json()['id']}", **auth).json()
    assert done["status"] == "done" and done["summary"]["checked"] == 3
    _, other = token_create(user=world["users"]["stranger"], name="x")
    stranger = {"HTTP_AUTHORIZATION": f"Bearer {other}"}
    assert client.get(f"/api/localization/deliveries/{body['id']}", **stranger).status_code == 404
    assert client.get(f"/api/localization/checks/{check.json()['id']}", **stranger).status_code == 404
    pending = services.delivery_request(actor=world["users"]["reviewer"], job=job, fmt="srt", enqueue=False)
    not_ready = client.get(f"/api/localization/deliveries/{pending.pk}/file", **auth)
    assert not_ready.status_code == 409 and not_ready.json()["code"] == "not_ready"


def test_work_no_worker_picked_up_is_shown_failed_with_a_retry_that_completes_it(
    job, world, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from korkyt.core.jobs import services as jobs

    _translate(job)
    with django_capture_on_commit_callbacks(execute=False):  # the worker is down: nothing runs
        jobs.enqueue(job.background, "localization.prepare_job", translation_job_id=job.pk)
        delivery = services.delivery_request(actor=world["users"]["translator"], job=job, fmt="srt")
    Job.objects.filter(pk=job.background_id).update(queued_at=timezone.now() - dt.timedelta(hours=2))
    Job.objects.filter(pk=delivery.background_id).update(queued_at=timezone.now() - dt.timedelta(hours=2))
    assert jobs.jobs_sweep_stale() == 2
    client = Client()
    client.force_login(world["users"]["translator"])
    editor = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert "Preparing the cues" in editor and "The background worker did not pick this up; retry." in editor
    assert f'action="/en/jobs/{job.background_id}/retry"' in editor
    panel = client.get(f"/en/localization/jobs/{job.pk}/background").content.decode()
    assert f'action="/en/jobs/{delivery.background_id}/retry"' in panel and "every 2s" not in panel
    progress = client.get(f"/en/localization/jobs/{job.pk}/progress").content.decode()
    assert "every 2s" not in progress  # a failed job is not polled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/jobs/{delivery.background_id}/retry",
            {"next": f"/en/localization/jobs/{job.pk}/#background-work"},
        )
    assert (
        response.status_code == 302
        and response["Location"] == f"/en/localization/jobs/{job.pk}/#background-work"
    )
    delivery.refresh_from_db()
    assert delivery.file and Job.objects.get(pk=delivery.background_id).status == JobStatus.DONE
    stranger = Client()
    stranger.force_login(world["users"]["stranger"])
    assert stranger.post(f"/en/jobs/{job.background_id}/retry").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/jobs/{job.background_id}/retry", {"next": f"/en/localization/jobs/{job.pk}/"})
    assert Job.objects.get(pk=job.background_id).status == JobStatus.DONE
