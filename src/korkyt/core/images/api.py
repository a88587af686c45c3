"""The HTTP API of a record's images, the same for every app: ``register_image_routes(router, "/films/{id}",
find_owner)`` adds list, upload, alt text and removal under that path."""

from collections.abc import Callable

from django.db import models
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from korkyt.core.api_auth import api_writer
from korkyt.core.errors import ERRORS
from korkyt.core.http import get_visible_or_404
from korkyt.core.images import services
from korkyt.core.images.files import SIZES, thumbnail
from korkyt.core.images.services import ALT_MAX
from korkyt.core.languages import TAG_MAX_LENGTH
from korkyt.core.models import Image
from korkyt.core.schemas import InputSchema


class ImageOut(Schema):
    id: int
    kind: str
    width: int
    height: int
    thumbnails: dict[str, str]
    alt: dict[str, str] = Field(description="The image's description per language tag")


class AltIn(InputSchema):
    language: str = Field(max_length=TAG_MAX_LENGTH)
    text: str = Field("", max_length=ALT_MAX, description="Empty: remove the description in this language")


def image_out(image: Image) -> ImageOut:
    thumbs = {size: thumbnail(image, size) for size in SIZES}
    return ImageOut(
        id=image.pk,
        kind=image.kind,
        width=image.width,
        height=image.height,
        thumbnails={size: t.url for size, t in thumbs.items() if t},
        alt={a.language: a.text for a in image.alts.all()},
    )


def register_image_routes(
    router: Router,
    prefix: str,
    find_owner: Callable[..., models.Model],
    *,
    noun: str,
    id_type: type = int,
) -> None:
    """Add ``GET/POST {prefix}/images``, ``PUT {prefix}/images/{image_id}/alt`` and ``DELETE
    {prefix}/images/{image_id}``. ``prefix`` has one path parameter, ``owner_id``; ``find_owner(request,
    owner_id)`` returns the record or raises 404."""
    slug = noun.replace(" ", "_")

    def image_list(request: HttpRequest, owner_id: id_type) -> list[ImageOut]:  # type: ignore[valid-type]
        owner = find_owner(request, owner_id)
        return [image_out(i) for i in services.owner_images(owner)]

    def image_create(
        request: HttpRequest,
        owner_id: id_type,  # type: ignore[valid-type]
        file: File[UploadedFile],
        kind: Form[str] = "",
        language: Form[str] = "",
        alt: Form[str] = "",
    ) -> Status[ImageOut]:
        owner = find_owner(request, owner_id)
        image = services.image_add(
            actor=api_writer(request), owner=owner, upload=file, kind=kind, language=language, alt=alt
        )
        return Status(201, image_out(services.owner_images(owner).get(pk=image.pk)))

    def image_alt(
        request: HttpRequest,
        owner_id: id_type,  # type: ignore[valid-type]
        image_id: int,
        payload: AltIn,
    ) -> ImageOut:
        owner = find_owner(request, owner_id)
        image = get_visible_or_404(services.owner_images(owner), pk=image_id)
        services.image_alt_set(
            actor=api_writer(request), image=image, language=payload.language, text=payload.text
        )
        return image_out(services.owner_images(owner).get(pk=image.pk))

    def image_delete(request: HttpRequest, owner_id: id_type, image_id: int) -> Status[None]:  # type: ignore[valid-type]
        owner = find_owner(request, owner_id)
        image = get_visible_or_404(services.owner_images(owner), pk=image_id)
        services.image_delete(actor=api_writer(request), image=image)
        return Status(204, None)

    for view in (image_list, image_create, image_alt, image_delete):
        view.__name__ = f"{slug}_{view.__name__}"
    router.get(f"{prefix}/images", response={200: list[ImageOut], **ERRORS}, summary=f"Images of a {noun}")(
        image_list
    )
    router.post(
        f"{prefix}/images",
        response={201: ImageOut, **ERRORS},
        summary=f"Add an image to a {noun} (JPEG, PNG or WebP; EXIF is removed)",
    )(image_create)
    router.put(
        f"{prefix}/images/{{image_id}}/alt",
        response={200: ImageOut, **ERRORS},
        summary=f"Set the description of a {noun}'s image in one language",
    )(image_alt)
    router.delete(
        f"{prefix}/images/{{image_id}}",
        response={204: None, **ERRORS},
        summary=f"Remove an image of a {noun}",
    )(image_delete)
