"""An app's row for work a user asked for and a background job does, and the file such work makes.

``BackgroundWork`` is the row's side of the job: the ``core.Job`` that does it (``background``), who asked
(``requested_by``), and what pages and the API show while it runs (:attr:`~BackgroundWork.background_state`,
:attr:`~BackgroundWork.busy`). ``KeptFile`` is work that makes a file kept to download (a delivery of a
translation job, a dubbing output): its name, size and the reason it could not be made, stored once
rendered (:meth:`~KeptFile.keep`, :meth:`~KeptFile.keep_local`) and read back (:meth:`~KeptFile.open_file`).

The app's model adds what the work is about (its ``job``, ``format``…), may redeclare ``file`` with its own
``upload_to`` and ``size`` with its own integer field, and names the views that serve the file::

    class Delivery(KeptFile):
        job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="deliveries")
        file = models.FileField(_("file"), upload_to=delivery_path, blank=True, max_length=300)
        download_view = "localization:delivery_download"
        api_file_view = "api:delivery_file"

        class Meta(KeptFile.Meta):
            verbose_name = _("delivery")

The service that asks for the work gives the new row its job with
:func:`korkyt.core.jobs.services.job_start_for`; the task passes
``on_failure=Delivery.failure_hook("delivery_id")`` to ``@job_task``, so that the row keeps why its job
failed for good.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.core.models import Job, TimeStampedModel

#: The longest reason kept on a row whose file could not be made.
ERROR_LENGTH = 300


class BackgroundWork(TimeStampedModel):
    """Work a user asked for, done by the background job ``background`` (None once that job is purged:
    finished jobs are deleted after ``KORKYT_JOB_RETENTION_DAYS``). Newest first."""

    background = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def background_state(self) -> tuple[str, int]:
        """The job's status and progress in percent, as the API gives them: ("done", 100) once it is gone."""
        job = self.background
        return (job.status, job.percent) if job is not None else ("done", 100)

    @property
    def busy(self) -> bool:
        """Queued or running: a page showing the row keeps polling."""
        job = self.background
        return job is not None and job.active


def kept_file_path(instance: KeptFile, filename: str) -> str:
    """Where a kept file is stored unless its model says otherwise: ``<app>/<model>/<pk>-<name>``."""
    return f"{instance._meta.app_label}/{instance._meta.model_name}/{instance.pk or 'new'}-{filename}"


def _link(source: Path, target: Path) -> None:
    os.link(source, target)


class FileNotKept(Exception):
    """A kept file that cannot be read: not made yet (``code`` "not_ready") or no longer stored ("gone").
    ``message`` says so to the user, in the current language."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class KeptFile(BackgroundWork):
    """A file made in the background and kept to download."""

    name = models.CharField(_("file name"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=kept_file_path, blank=True, max_length=300)
    # Typed as their common base: a model may keep a smaller column (a subtitle file is never 2 GB).
    size: models.IntegerField[int, int] = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    error = models.CharField(_("error"), max_length=ERROR_LENGTH, blank=True)

    #: URL names, taking the row's pk: the page that downloads the file, the API operation that sends it.
    download_view: ClassVar[str] = ""
    api_file_view: ClassVar[str] = ""

    class Meta(BackgroundWork.Meta):
        abstract = True

    @property
    def background_state(self) -> tuple[str, int]:
        """As for any background work, but once the job is purged the row reads ("done", 100) only with its
        file kept, ("failed", 0) otherwise (also when its job failed without a reason kept on the row)."""
        if self.background is None and not self.file:
            return ("failed", 0)
        return super().background_state

    @property
    def ready(self) -> bool:
        """The file is made and kept."""
        return bool(self.file)

    @property
    def download_url(self) -> str | None:
        return reverse(self.download_view, args=[self.pk]) if self.ready and self.download_view else None

    @property
    def file_url(self) -> str | None:
        return reverse(self.api_file_view, args=[self.pk]) if self.ready and self.api_file_view else None

    def keep(self, name: str, data: bytes) -> None:
        """Keep ``data`` as the file, named ``name``: stored, the row saved with its name and size and no
        error."""
        self.file.save(name, ContentFile(data), save=False)
        self._kept(name, len(data))

    def keep_local(self, path: Path) -> None:
        """Keep the file rendered at ``path`` as this row's: a hard link when the media storage is on this
        machine and the same filesystem (a film-length WAV is not copied; render beside the media files), a
        copy otherwise. The row is saved as by :meth:`keep`."""
        size = path.stat().st_size
        storage = self.file.storage
        if isinstance(storage, FileSystemStorage):
            field = self.file.field
            name = storage.get_available_name(
                field.generate_filename(self, path.name), max_length=field.max_length
            )
            target = Path(storage.path(name))
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                _link(path, target)  # never replaces a file
            except OSError:
                pass
            else:
                if storage.file_permissions_mode is not None:
                    target.chmod(storage.file_permissions_mode)
                self.file.name = name
                self._kept(path.name, size)
                return
        with path.open("rb") as handle:
            self.file.save(path.name, File(handle), save=False)
        self._kept(path.name, size)

    def _kept(self, name: str, size: int) -> None:
        self.name = name[:255]
        self.size = size
        self.error = ""
        self.save(update_fields=["name", "size", "error", "file", "updated_at"])

    def open_file(self) -> File:
        """The kept file, opened for reading (the caller closes it); :class:`FileNotKept` otherwise."""
        if not self.file:
            raise FileNotKept("not_ready", gettext("This file is not ready yet."))
        try:
            return self.file.open("rb")
        except OSError as exc:
            raise FileNotKept("gone", gettext("This file is no longer stored.")) from exc

    @classmethod
    def record_failure(cls, pk: int, message: str) -> None:
        """Keep on the row why its file could not be made (what its page and the API show)."""
        cls._default_manager.filter(pk=pk).update(error=message[:ERROR_LENGTH])

    @classmethod
    def failure_hook(cls, id_name: str) -> Callable[..., None]:
        """The ``on_failure`` of the task that makes the file, sent the row's id as ``id_name``."""

        def hook(message: str, **ids: Any) -> None:
            cls.record_failure(ids[id_name], message)

        return hook
