"""Base model shared by every app, background jobs and the audit log."""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from korkyt.core.translations import LanguageTagField


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ImageKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    STILL = "still", _("Still")
    PORTRAIT = "portrait", _("Portrait")
    LOGO = "logo", _("Logo")


class Image(models.Model):
    """A picture of any record that declares an ``ImageRelation`` (a film's poster or still, a person's
    portrait, an institution's logo), stored EXIF-free under ``MEDIA_ROOT/images/`` (see korkyt.core.images).
    Its alt text is kept per language in ``ImageAlt``."""

    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    kind = models.CharField(_("kind"), max_length=8, choices=ImageKind.choices, default=ImageKind.POSTER)
    file = models.FileField(_("file"), upload_to="images/", max_length=200)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    position = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ImageKind.values), name="image_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.owner_type_id}:{self.owner_id} · {self.kind}"


class ImageAlt(models.Model):
    """The text that stands for an image, in one language (what a screen reader says)."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="alts")
    language = LanguageTagField(_("language"))
    text = models.CharField(_("alternative text"), max_length=300)

    class Meta:
        verbose_name = _("alternative text")
        verbose_name_plural = _("alternative texts")
        constraints = [models.UniqueConstraint(fields=["image", "language"], name="image_alt_unique")]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


class ImageRelation(GenericRelation):
    """Declared on every model that has pictures::

        images = ImageRelation(kinds=[ImageKind.POSTER, ImageKind.STILL], perm="catalogue.change_film")

    ``kinds`` are the kinds it accepts (the first is the one shown for it), ``perm`` the ``rules`` permission
    on the record that lets an actor add, describe and remove them."""

    def __init__(self, *, kinds: list[str], perm: str, **kwargs: Any) -> None:
        self.image_kinds = tuple(str(k) for k in kinds)
        self.image_perm = perm
        kwargs.setdefault("content_type_field", "owner_type")
        kwargs.setdefault("object_id_field", "owner_id")
        super().__init__("core.Image", **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kinds"] = list(self.image_kinds)
        kwargs["perm"] = self.image_perm
        return name, path, args, kwargs


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
    #: the interface language of the request that started the work: the worker writes the job's messages
    #: (and any note the work leaves) in it, not in its own
    language = models.CharField(_("language"), max_length=16, blank=True, default="")

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


class AuditAction(models.IntegerChoices):
    """django-auditlog's actions (field changes it records by itself) and the platform's own events."""

    CREATE = 0, _("created")
    UPDATE = 1, _("changed")
    DELETE = 2, _("deleted")
    ACCESS = 3, _("viewed")
    EVENT = 9, pgettext_lazy("audit", "event")


#: What an audit entry says instead of a person who deleted their account (actor and object text, values).
ERASED = "[erased]"

#: Ids of users being deleted in this process: entries written while their rows go (their own account
#: deletion) keep their name but no foreign key to the row that is about to disappear.
DELETED_USERS: set[int] = set()


def _recorded(instance: Any, name: str) -> bool:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool((field.concrete or field.many_to_many) and not getattr(field, "primary_key", False))


def _with_root(instance: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` plus the object whose history shows changes of ``instance`` (itself or its parent)."""
    if "root_type" not in kwargs:
        from korkyt.core.audit.registry import root_of

        root = root_of(instance)
        if root is not None:
            kwargs["root_type"] = ContentType.objects.get_for_model(root[0])
            kwargs["root_id"] = root[1]
    return kwargs


class AuditEntryManager(LogEntryManager):
    def log_create(self, instance: Any, force_log: bool = False, **kwargs: Any) -> Any:
        """django-auditlog's writer, plus the root object whose history shows the entry. Its field changes
        keep the model's own columns and many-to-many fields (not the primary key nor reverse relations,
        which django-auditlog lists on creation)."""
        changes = kwargs.get("changes")
        if isinstance(changes, dict) and not kwargs.get("action_type"):
            kwargs["changes"] = {
                name: change for name, change in changes.items() if _recorded(instance, name)
            }
        return super().log_create(instance, force_log=force_log, **_with_root(instance, kwargs))

    def log_m2m_changes(
        self, changed_queryset: Any, instance: Any, operation: str, field_name: str, **kwargs: Any
    ) -> Any:
        return super().log_m2m_changes(
            changed_queryset, instance, operation, field_name, **_with_root(instance, kwargs)
        )


class AuditEntry(AbstractLogEntry):
    """One line of the audit log: who (a user, or the platform itself), when, which object, which fields
    changed (before → after) or which event (a workflow transition), from which request or task.

    django-auditlog writes the field changes of the registered models here (AUDITLOG_LOGENTRY_MODEL);
    :func:`korkyt.core.audit.audit_log` writes the platform's events. ``root_*`` is the object whose history
    shows the entry: the object itself, or its parent for a dependent row (a memorandum's translation).
    """

    # Annotated: the base class comes from an untyped library, so django-stubs cannot infer these.
    action: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("action"), choices=AuditAction.choices, db_index=True
    )
    action_type: models.CharField[str, str] = models.CharField(
        _("event"), max_length=100, blank=True, db_index=True
    )
    actor_label: models.CharField[str, str] = models.CharField(_("actor name"), max_length=150, blank=True)
    request_id: models.CharField[str, str] = models.CharField(
        _("request id"), max_length=64, blank=True, db_index=True
    )
    task_id: models.CharField[str, str] = models.CharField(
        _("task id"), max_length=64, blank=True, db_index=True
    )
    task_name: models.CharField[str, str] = models.CharField(_("task"), max_length=200, blank=True)
    root_type: models.ForeignKey[ContentType | None, ContentType | None] = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    root_id: models.BigIntegerField[int | None, int | None] = models.BigIntegerField(null=True, blank=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["root_type", "root_id", "timestamp"], name="audit_root_time")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.action_type or ''} {self.object_repr}".replace("  ", " ")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            self._fill_origin()
        super().save(*args, **kwargs)

    def _fill_origin(self) -> None:
        """The request or task this entry comes from, and its user when no actor was given."""
        from korkyt.core.audit.context import current_origin

        origin = current_origin()
        self.request_id = self.request_id or origin.request_id
        self.task_id = self.task_id or origin.task_id
        self.task_name = self.task_name or origin.task_name
        if self.actor_id is None and not self.action_type:  # events name their actor themselves
            user = origin.current_user()
            if user is not None and user.pk in DELETED_USERS:  # deleting their own account: name only
                self.actor_label = self.actor_label or str(getattr(user, "username", "") or "")[:150]
            elif user is not None:
                self.actor = user
        if self.actor_id is not None and not self.actor_label:
            self.actor_label = str(getattr(self.actor, "username", "") or "")[:150]

    @property
    def actor_display(self) -> str:
        """The user's name, or "system" (with the task) when the platform acted by itself."""
        if self.actor_label == ERASED:
            return "erased account"
        if self.actor_label:
            return self.actor_label
        return f"system · {self.task_name}" if self.task_name else "system"


class SentForm(models.Model):
    """A form that creates something, sent by ``user`` with its one-time ``key``
    (:mod:`korkyt.core.once`): sent again (the browser's Back, then Send) it leads to what the first sending
    made, at ``location``, instead of making it twice."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="sent_form_once")]
        indexes = [models.Index(fields=["user", "created_at"], name="sent_form_age")]

    def __str__(self) -> str:
        return f"{self.key} → {self.location}"
