"""Every write to images: add, describe (alt text per language), remove. Keyword-only, atomic, checked
against the owner's ``ImageRelation`` permission."""

from __future__ import annotations

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.images.files import ImageError, forget_thumbnails, read_upload
from korkyt.core.languages import normalize_tag
from korkyt.core.models import Image, ImageAlt, ImageKind, ImageRelation
from korkyt.core.validation import require_perm

ALT_MAX = 300


def _owner(image: Image) -> models.Model:
    owner = image.owner
    if owner is None:  # its record was deleted: nobody may change it any more
        raise PermissionDenied(_("You may not do this."))
    return owner


def relation_of(owner: models.Model) -> ImageRelation:
    """The owner's ``ImageRelation`` (TypeError for a model that declares none: a programming error)."""
    for field in owner._meta.private_fields:
        if isinstance(field, ImageRelation):
            return field
    raise TypeError(f"{owner._meta.label} declares no ImageRelation")


def owner_images(owner: models.Model) -> models.QuerySet[Image]:
    return Image.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk
    ).prefetch_related("alts")


def _alt_clean(language: str, text: str) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    tag = ""
    try:
        tag = normalize_tag(language)
    except ValidationError as exc:
        errors["language"] = exc.messages
    text = " ".join(text.split())
    if len(text) > ALT_MAX:
        errors["alt"] = [_("At most %(limit)d characters.") % {"limit": ALT_MAX}]
    if errors:
        raise ValidationError(errors)
    return tag, text


@transaction.atomic
def image_add(
    *,
    actor: Actor,
    owner: models.Model,
    upload: UploadedFile | None,
    kind: str = "",
    language: str = "",
    alt: str = "",
) -> Image:
    """Attach an image of ``kind`` (default: the owner's first kind) to ``owner``, with its alt text in
    ``language`` when given. Errors name the field: ``file``, ``kind``, ``language``, ``alt``."""
    relation = relation_of(owner)
    require_perm(actor, relation.image_perm, owner)
    kind = kind or relation.image_kinds[0]
    if kind not in relation.image_kinds:
        raise ValidationError(
            {
                "kind": [
                    _("The kind must be one of: %(kinds)s.")
                    % {"kinds": ", ".join(str(ImageKind(k).label) for k in relation.image_kinds)}
                ]
            }
        )
    if upload is None:
        raise ValidationError({"file": [_("Choose an image file.")]})
    tag, text = _alt_clean(language or "en", alt) if alt.strip() else ("", "")
    try:
        data, ext, width, height = read_upload(upload)
    except ImageError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    digest = hashlib.sha256(data).hexdigest()
    existing = owner_images(owner)
    row = Image(
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
        kind=kind,
        width=width,
        height=height,
        position=existing.count(),
    )
    row.file.save(f"{digest}.{ext}", ContentFile(data), save=False)
    name, storage = row.file.name, row.file.storage
    try:
        row.save()
        if text:
            ImageAlt.objects.create(image=row, language=tag, text=text)
    except Exception:
        if not Image.objects.filter(file=name).exists():
            storage.delete(name)
        raise
    return row


@transaction.atomic
def image_alt_set(*, actor: Actor, image: Image, language: str, text: str) -> ImageAlt | None:
    """Set the alt text of ``image`` in ``language``; an empty text removes that language's text."""
    owner = _owner(image)
    require_perm(actor, relation_of(owner).image_perm, owner)
    tag, text = _alt_clean(language, text)
    if not text:
        ImageAlt.objects.filter(image=image, language=tag).delete()
        return None
    row, _created = ImageAlt.objects.update_or_create(image=image, language=tag, defaults={"text": text})
    return row


@transaction.atomic
def image_delete(*, actor: Actor, image: Image) -> None:
    owner = _owner(image)
    require_perm(actor, relation_of(owner).image_perm, owner)
    name = image.file.name
    storage = image.file.storage
    image.delete()

    def _remove() -> None:
        if not Image.objects.filter(file=name).exists():
            forget_thumbnails(name, storage)
            storage.delete(name)

    transaction.on_commit(_remove)
