"""The editors' page of a record's pictures (upload, alt text per language, removal), one for every app:
each app's view finds the record (404 when it may not be seen, 403 when it may not be changed) and calls
:func:`manage_images`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, id_from
from korkyt.core.images import services
from korkyt.core.images.present import picture
from korkyt.core.images.services import ALT_MAX
from korkyt.core.languages import (
    DEFAULT_TAG,
    content_language_choices,
    content_language_label,
    request_language,
)
from korkyt.core.models import ImageKind
from korkyt.core.translations import Text
from korkyt.core.uploads import max_upload_mb


def _default_language() -> str:
    return DEFAULT_TAG.get(request_language(), "en")


class ImageUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Image file"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"))
    language = forms.ChoiceField(label=gettext_lazy("Language of the description"))
    alt = forms.CharField(
        label=gettext_lazy("Description for people who cannot see the image"),
        max_length=ALT_MAX,
        required=False,
    )

    def __init__(self, *args: Any, kinds: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, ImageKind(k).label) for k in kinds]  # type: ignore[attr-defined]
        self.fields["language"].choices = content_language_choices()  # type: ignore[attr-defined]
        self.fields["language"].initial = _default_language()
        self.fields["file"].help_text = _(
            "JPEG, PNG or WebP, at most %(limit)d MB. Location and camera data are removed."
        ) % {"limit": max_upload_mb()}
        self.fields["file"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"


def manage_images(
    request: HttpRequest,
    *,
    owner: models.Model,
    heading: Text,
    back_url: str,
    default_alt: str,
) -> HttpResponse:
    """GET: the owner's images with their alt texts and the upload form. POST ``action``: ``upload``,
    ``alt`` (``image``, ``language``, ``text``; empty text removes it) or ``delete`` (``image``)."""
    relation = services.relation_of(owner)
    rows = services.owner_images(owner)
    form = ImageUploadForm(kinds=relation.image_kinds)
    alt_errors: dict[int, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "upload":
                form = ImageUploadForm(request.POST, request.FILES, kinds=relation.image_kinds)
                if form.is_valid():
                    data = form.cleaned_data
                    services.image_add(
                        actor=request.user,
                        owner=owner,
                        upload=data["file"],
                        kind=data["kind"],
                        language=data["language"],
                        alt=data["alt"],
                    )
                    messages.success(request, _("The image was added."))
                    return redirect(request.path)
            elif action in ("alt", "delete"):
                image = get_visible_or_404(rows, pk=id_from(request.POST.get("image")) or 0)
                if action == "alt":
                    try:
                        services.image_alt_set(
                            actor=request.user,
                            image=image,
                            language=request.POST.get("language", ""),
                            text=request.POST.get("text", ""),
                        )
                    except ValidationError as exc:
                        alt_errors[image.pk] = exc.messages
                    else:
                        messages.success(request, _("The description was saved."))
                        return redirect(request.path)
                else:
                    services.image_delete(actor=request.user, image=image)
                    messages.success(request, _("The image was removed."))
                    return redirect(request.path)
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as exc:
            add_service_errors(form, exc)
    language = request_language()
    items = []
    for image in rows:
        drawn = picture(image, "card", language=language, default_alt=default_alt)
        items.append(
            {
                "obj": image,
                "picture": drawn,
                "kind": ImageKind(image.kind).label,
                "alts": [
                    {"lang": a.language, "label": content_language_label(a.language), "text": a.text}
                    for a in sorted(image.alts.all(), key=lambda a: a.language)
                ],
                "errors": alt_errors.get(image.pk, []),
            }
        )
    return render(
        request,
        "core/images.html",
        {
            "heading": heading,
            "back_url": back_url,
            "form": form,
            "items": items,
            "languages": content_language_choices(),
            "default_language": _default_language(),
        },
        status=400 if request.method == "POST" else 200,
    )
