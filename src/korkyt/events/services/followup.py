"""Answers after registering: the follow-up form (confirmed participants: travel, visa letter, dietary
needs), the feedback survey (those checked in), and files given as answers (stored with the
registration, within the one upload limit of core.uploads)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.images.files import image_extension
from korkyt.core.uploads import DOCUMENT_TYPES, max_upload_bytes, sniff_document, too_large_message
from korkyt.core.validation import Errors, add_error, raise_errors
from korkyt.events.models import (
    AnswerFile,
    CheckIn,
    Event,
    FormKind,
    QuestionKind,
    Registration,
    RegistrationStatus,
)


def answer_file_extension(upload: UploadedFile) -> str | None:
    """The extension an answer file is kept under, judged by its content (never its name or the browser's
    content type): a document of core.uploads.DOCUMENT_TYPES or a JPEG, PNG or WebP image; None otherwise."""
    kind = sniff_document(upload)
    return DOCUMENT_TYPES[kind][0] if kind else image_extension(upload)


def answer_file_types_message() -> str:
    return _(
        "The file must be a PDF, a Word or OpenDocument text, a spreadsheet, plain UTF-8 text, or a JPEG, "
        "PNG or WebP image."
    )


def check_files(event: Event, files: Mapping[str, UploadedFile], form: str, errors: Errors) -> None:
    """Each file answers a file question of ``form``, is within the upload limit and is of an accepted
    type by its content."""
    file_questions = {
        str(q.pk) for q in event.questions.all() if q.form == form and q.kind == QuestionKind.FILE
    }
    for key, upload in files.items():
        if key not in file_questions:
            add_error(errors, f"answers.{key}", _("No such question in this form."))
        elif upload.size is not None and upload.size > max_upload_bytes():
            add_error(errors, f"answers.{key}", too_large_message())
        elif not upload.size:
            add_error(errors, f"answers.{key}", _("The file is empty."))
        elif answer_file_extension(upload) is None:
            add_error(errors, f"answers.{key}", answer_file_types_message())


def files_store(*, registration: Registration, files: Mapping[str, UploadedFile]) -> None:
    """Keep the uploaded files (inside the caller's transaction; a later answer replaces an earlier one)."""
    for key, upload in files.items():
        for old in registration.files.filter(question_id=int(key)):
            old.file.delete(save=False)
            old.delete()
        name = (PurePath(upload.name or "").name or "file")[:255]
        extension = answer_file_extension(upload) or "bin"  # checked by check_files before
        row = AnswerFile(registration=registration, question_id=int(key), name=name, size=upload.size or 0)
        row.file.save(f"answer.{extension}", upload, save=False)  # the name shown is kept, not stored
        row.save()


def files_delete(*, registration: Registration) -> int:
    """Remove the registration's files from storage and their rows (retention, erasure)."""
    count = 0
    for row in registration.files.all():
        row.file.delete(save=False)
        row.delete()
        count += 1
    return count


def form_open(registration: Registration, form: str) -> bool:
    """The follow-up form is open to confirmed participants; the feedback survey to those checked in."""
    if registration.status != RegistrationStatus.CONFIRMED or registration.answers_erased_at is not None:
        return False
    if form == FormKind.FEEDBACK:
        return CheckIn.objects.filter(registration=registration).exists()
    return form == FormKind.FOLLOWUP


def form_answer(
    *,
    actor: Actor,
    registration: Registration,
    form: str,
    answers: Mapping[str, Any],
    files: Mapping[str, UploadedFile] | None = None,
) -> Registration:
    """The participant answers the follow-up form or the feedback survey (again: the new answers replace
    the old). Refused unless the form is open to them."""
    from korkyt.events.services.registrations import _clean_answers

    if registration.user_id is None or registration.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("You may not do this."))
    if form not in (FormKind.FOLLOWUP, FormKind.FEEDBACK):
        raise ValidationError({"form": [_("Unknown form.")]})
    if not form_open(registration, form):
        if form == FormKind.FEEDBACK:
            raise ValidationError({"form": [_("The feedback survey opens once you are checked in.")]})
        raise ValidationError({"form": [_("This form is open to confirmed participants.")]})
    event = registration.bookable.event
    errors: Errors = {}
    given = {**answers, **{k: f.name for k, f in (files or {}).items()}}
    clean, _country = _clean_answers(event, given, errors, form=form)
    check_files(event, files or {}, form, errors)
    raise_errors(errors)
    field = "followup_answers" if form == FormKind.FOLLOWUP else "feedback_answers"
    with transaction.atomic():
        setattr(registration, field, clean)
        registration.save(update_fields=[field, "updated_at"])
        files_store(registration=registration, files=files or {})
        audit_log(obj=registration, action=f"events.registration.{form}", actor=actor)
    return registration
