"""Workflows (korkyt.core.workflow): the translation job's transitions are declared once, each one is a
service call that checks the permission and the current state, saves, and writes one audit entry with the
actor, the fields before → after and the request or task it came from."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.core.audit import audit_log
from korkyt.core.models import AuditAction, AuditEntry
from korkyt.core.permissions import SYSTEM
from korkyt.core.workflow import (
    Transition,
    declare_workflow,
    transition_apply,
    transitions_available,
    workflow_of,
)
from korkyt.localization import services
from korkyt.localization.models import CueState, JobStatus, TranslationJob
from korkyt.localization.workflows import JOB_WORKFLOW

pytestmark = pytest.mark.django_db

APPROVE = "localization.translationjob.approve"
START = "localization.translationjob.start"


def _headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _approve_every_cue(job) -> None:
    job.cues.update(text="Metin", state=CueState.APPROVED)


def _events(job, action: str | None = None):
    rows = AuditEntry.objects.filter(action=AuditAction.EVENT, object_id=job.pk)
    return rows.filter(action_type=action) if action else rows


def test_the_translation_job_workflow_is_declared_once_with_labels_and_permissions():
    flow = workflow_of(TranslationJob)
    assert flow is JOB_WORKFLOW and flow.field == "status"
    approve = flow.get("approve")
    assert approve is not None and approve.target == JobStatus.APPROVED
    assert set(approve.sources) == {JobStatus.PREPARING, JobStatus.IN_PROGRESS}
    assert approve.permission == "localization.review_job" and str(approve.label) == "Approve the job"
    assert flow.get("start").permission is None  # taken by the platform (the preparation task) only
    assert [t.name for t in flow.from_state(JobStatus.APPROVED)] == []


def test_approval_through_the_api_is_audited_with_the_reviewer_before_after_and_the_request_id(world, job):
    reviewer = world["users"]["reviewer"]
    services.job_prepare(job_id=job.pk)  # preparing → in progress, by the platform
    _approve_every_cue(job)
    response = Client().post(f"/api/localization/jobs/{job.pk}/approve", headers=_headers(reviewer))
    assert response.status_code == 200 and response.json()["status"] == "approved"
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    entry = _events(job, APPROVE).get()
    assert entry.actor == reviewer and entry.actor_label == "reviewer"
    assert entry.changes["status"] == ["in_progress", "approved"]
    assert entry.changes["approved_at"][0] == "None" and entry.changes["approved_at"][1] != "None"
    assert entry.request_id == request_id and entry.task_id == ""
    assert entry.additional_data == {"transition": "approve"}
    start = _events(job, START).get()
    assert start.actor is None and start.actor_display == "system"
    assert start.changes == {"status": ["preparing", "in_progress"]}


def test_approval_from_the_editor_page_is_audited_with_that_request(world, job):
    client = Client()
    client.force_login(world["users"]["reviewer"])
    _approve_every_cue(job)
    response = client.post(f"/en/localization/jobs/{job.pk}/approve")
    assert response.status_code == 302
    entry = _events(job, APPROVE).get()
    assert entry.request_id == response["X-Request-ID"]
    assert entry.changes["status"] == ["preparing", "approved"]


def test_the_preparation_task_starts_the_job_as_the_platform_with_its_task_id(world, job):
    from korkyt.localization.tasks import prepare_job

    result = prepare_job.apply(args=(job.background_id,), kwargs={"translation_job_id": job.pk})
    job.refresh_from_db()
    assert job.status == JobStatus.IN_PROGRESS
    entry = _events(job, START).get()
    assert entry.actor is None and entry.task_id == result.id
    assert entry.task_name == "localization.prepare_job"
    assert entry.actor_display == "system · localization.prepare_job"


def test_a_forbidden_transition_is_refused_and_writes_nothing(world, job):
    _approve_every_cue(job)
    before = AuditEntry.objects.count()
    for user in ("translator", "kz_editor", "other_reviewer"):
        with pytest.raises(PermissionDenied):
            services.job_approve(actor=world["users"][user], job=job)
    with pytest.raises(PermissionDenied):  # the platform's own transition is not a person's
        transition_apply(actor=world["users"]["admin"], obj=job, name="start")
    response = Client().post(
        f"/api/localization/jobs/{job.pk}/approve", headers=_headers(world["users"]["translator"])
    )
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == JobStatus.PREPARING
    assert AuditEntry.objects.exclude(content_type__model="apitoken").count() == before


def test_a_transition_the_current_state_does_not_allow_is_a_validation_error_on_the_state_field(world, job):
    reviewer = world["users"]["reviewer"]
    _approve_every_cue(job)
    services.job_approve(actor=reviewer, job=job)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.job_approve(actor=reviewer, job=job)
    assert list(refused.value.message_dict) == ["status"]
    assert refused.value.error_dict["status"][0].code == "transition_not_allowed"
    assert "Approved" in refused.value.message_dict["status"][0]
    stale = TranslationJob.objects.get(pk=job.pk)
    stale.status = JobStatus.IN_PROGRESS  # a stale copy: the state is read from the database
    with pytest.raises(ValidationError):
        transition_apply(actor=reviewer, obj=stale, name="approve")
    assert stale.status == JobStatus.APPROVED
    response = Client().post(f"/api/localization/jobs/{job.pk}/approve", headers=_headers(reviewer))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "status"
    assert AuditEntry.objects.exclude(content_type__model="apitoken").count() == before


def test_a_transition_whose_check_fails_writes_nothing(world, job):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.job_approve(actor=world["users"]["reviewer"], job=job)
    assert "4 cues are not approved yet." in refused.value.message_dict["job"]
    job.refresh_from_db()
    assert job.status == JobStatus.PREPARING and job.approved_at is None
    assert AuditEntry.objects.count() == before


def test_an_unknown_transition_is_a_validation_error(world, job):
    with pytest.raises(ValidationError) as refused:
        transition_apply(actor=world["users"]["reviewer"], obj=job, name="publish")
    assert "transition" in refused.value.message_dict


def test_the_transitions_an_actor_may_take_now_are_listed_for_the_pages(world, job):
    u = world["users"]
    assert [t.name for t in transitions_available(actor=u["reviewer"], obj=job)] == ["approve"]
    assert [t.name for t in transitions_available(actor=u["admin"], obj=job)] == ["approve"]
    assert transitions_available(actor=u["translator"], obj=job) == []
    assert transitions_available(actor=u["kz_editor"], obj=job) == []
    # with check: only those the record is ready for (its cues are not approved yet)
    assert transitions_available(actor=u["reviewer"], obj=job, check=True) == []
    _approve_every_cue(job)
    assert [t.name for t in transitions_available(actor=u["reviewer"], obj=job, check=True)] == ["approve"]
    services.job_approve(actor=u["reviewer"], job=job)
    assert transitions_available(actor=u["reviewer"], obj=job) == []


def test_the_editor_shows_the_approve_button_to_whoever_may_take_the_transition(world, job):
    client = Client()
    for user, shown in (("reviewer", True), ("translator", False), ("kz_editor", False)):
        client.force_login(world["users"][user])
        page = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
        assert ("Approve the job" in page) is shown, user


def test_a_workflow_naming_a_state_its_field_does_not_have_is_refused_at_declaration():
    with pytest.raises(ValueError, match="not states"):
        declare_workflow(
            TranslationJob,
            transitions=[Transition("publish", sources=("approved",), target="published", label="Publish")],
        )
    with pytest.raises(ValueError, match="unique"):
        declare_workflow(
            TranslationJob,
            transitions=[
                Transition("a", sources=("approved",), target="in_progress", label="A"),
                Transition("a", sources=("preparing",), target="in_progress", label="A"),
            ],
        )
    assert workflow_of(TranslationJob) is JOB_WORKFLOW  # a refused declaration replaces nothing


def test_system_actor_may_take_every_transition(world, job):
    _approve_every_cue(job)
    transition_apply(actor=SYSTEM, obj=job, name="approve")
    entry = _events(job, APPROVE).get()
    assert entry.actor is None and entry.actor_label == ""


def test_audit_log_is_the_one_writer_of_events_and_keeps_data_as_json(world, job):
    import datetime as dt

    entry = audit_log(
        obj=job,
        action="localization.translationjob.remind",
        actor=world["users"]["kz_editor"],
        data={"deadline": dt.date(2026, 12, 31), "count": 2},
    )
    entry.refresh_from_db()
    assert entry.action == AuditAction.EVENT and entry.actor == world["users"]["kz_editor"]
    assert entry.additional_data == {"deadline": "2026-12-31", "count": 2}
    assert (entry.root_type.model, entry.root_id) == ("translationjob", job.pk)
