"""Base model shared by every app."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class JobError(models.TextChoices):
    """Why a job failed, so that the page can say it in the reader's language."""

    NONE = "", _("No error")
    INVALID = "invalid", _("The data was not valid")
    EXTERNAL = "external", _("An outside service did not answer")
    UNEXPECTED = "unexpected", _("Unexpected error")
    NOT_PICKED_UP = "not_picked_up", _("Not picked up")
    WORKER_STOPPED = "worker_stopped", _("Worker stopped")


def job_file_path(instance: Job, filename: str) -> str:
    return f"jobs/{instance.created_at:%Y/%m}/{instance.pk or 'new'}-{filename}"


class Job(TimeStampedModel):
    """A piece of background work and its progress, shown to users while it runs (tasks take its id).

    ``task`` and ``arguments`` are what was sent to the broker (a retry sends them again); ``token`` changes
    with every sending, so a stale message of an earlier sending does nothing. ``subject`` is the object the
    work is about (a delivery, a translation job, …); ``file`` an input the task reads (an uploaded TMX) and
    that is deleted with the row. ``heartbeat_at`` moves with every progress report: a running job whose
    heartbeat stops is swept to failed.
    """

    kind = models.CharField(_("kind"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveIntegerField(_("progress"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    error = models.CharField(_("error"), max_length=20, choices=JobError.choices, default="", blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    task = models.CharField(_("task"), max_length=150, blank=True)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    token = models.CharField(max_length=32, blank=True, editable=False)
    subject_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    file = models.FileField(_("file"), upload_to=job_file_path, blank=True, max_length=300)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "queued_at"], name="core_job_status_queued"),
            models.Index(fields=["subject_type", "subject_id"], name="core_job_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def percent(self) -> int:
        return int(100 * self.progress / self.total) if self.total else (100 if self.status == "done" else 0)

    @property
    def active(self) -> bool:
        """Queued or running: a page showing it keeps polling; done or failed: it stops."""
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def failure(self) -> str:
        """What to tell the user about a failed job, in the current language (never a traceback)."""
        if self.status != JobStatus.FAILED:
            return ""
        fixed = FAILURE_TEXT.get(self.error)
        if fixed is not None:
            return str(fixed)
        return self.message or str(FAILURE_TEXT[JobError.UNEXPECTED])


FAILURE_TEXT: dict[str, str | Promise] = {
    JobError.NOT_PICKED_UP: _("The background worker did not pick this up; retry."),
    JobError.WORKER_STOPPED: _("The background worker stopped while doing this; retry."),
    JobError.UNEXPECTED: _("This stopped on an unexpected error; retry, or tell an administrator."),
}
