"""The application file: one document per kind, uploaded by the producers while they may change the
project, checked by size and by content (korkyt.core.uploads), stored under a name the platform chooses."""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from korkyt.coproduction.models import DocumentKind, Project, ProjectDocument
from korkyt.coproduction.services.editing import lock_project
from korkyt.core.actors import Actor, saved_user
from korkyt.core.uploads import DOCUMENT_TYPES, document_types_message, max_upload_bytes, sniff_document
from korkyt.core.uploads import too_large_message as _too_large
from korkyt.core.validation import require_perm


def _refuse(message: str, field: str = "file") -> ValidationError:
    return ValidationError({field: [message]})


def _current(project: Project, kind: str) -> ProjectDocument | None:
    return ProjectDocument.objects.filter(project=project, kind=kind).first()


def _save_or_forget_file(document: ProjectDocument) -> None:
    """Save the row of a file just written; when the row cannot be saved the file is deleted (no record
    would name it). A document of the kind written meanwhile (an upload the lock could not hold back) is
    refused with a reason."""
    name, storage = document.file.name, document.file.storage
    try:
        with transaction.atomic():
            document.save()
    except Exception as exc:
        storage.delete(name)
        if isinstance(exc, IntegrityError):
            message = _(
                "Another file of this kind was uploaded at the same moment: look at it, then upload yours "
                "again to replace it."
            )
            raise _refuse(message) from exc
        raise


@transaction.atomic
def document_upload(*, actor: Actor, project: Project, kind: str, upload: UploadedFile) -> ProjectDocument:
    """Attach ``upload`` as the project's document of ``kind``, replacing the one before."""
    require_perm(actor, "coproduction.change_project", project)
    if kind not in DocumentKind.values:
        raise _refuse(_("Choose which document this is."), "kind")
    if upload.size is not None and upload.size > max_upload_bytes():
        raise _refuse(_too_large())
    if not upload.size:
        raise _refuse(_("The file is empty."))
    file_type = sniff_document(upload)
    if file_type is None:
        raise _refuse(document_types_message())
    extension = DOCUMENT_TYPES[file_type][0]
    filename = PurePath(upload.name or "").name[:150] or f"{kind}.{extension}"
    # one upload to the project at a time: the second of two sent together replaces the first's document
    lock_project(project)
    old = _current(project, kind)
    old_name = old.file.name if old else None
    document = old or ProjectDocument(project=project, kind=kind)
    document.filename = filename
    document.file_type = file_type
    document.extension = extension
    document.size = upload.size
    document.token = secrets.token_hex(8)
    document.uploaded_by = saved_user(actor)
    document.file.save("upload", upload, save=False)
    _save_or_forget_file(document)
    if old_name and old_name != document.file.name:
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return document


@transaction.atomic
def document_remove(*, actor: Actor, document: ProjectDocument) -> None:
    require_perm(actor, "coproduction.change_project", document.project)
    name, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
