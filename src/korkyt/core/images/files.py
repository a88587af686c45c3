"""Image files: checked by content, stored without EXIF, thumbnails made once and cached.

An upload is decoded by Pillow (JPEG, PNG or WebP only, whatever its name says), refused when it is larger
than KORKYT_MAX_UPLOAD_MB or has more than ``MAX_PIXELS`` pixels (a decompression bomb), turned upright
from its EXIF orientation and saved again without any metadata (``services.image_add`` stores it as
``MEDIA_ROOT/images/<sha256>.<ext>``).

Thumbnails (``SIZES``: ``small`` for faces in credits and logos in lists, ``card`` for lists, ``page`` for
a record's own page, ``share`` for Open Graph cards) are made on first use by sorl-thumbnail (its Pillow
engine: JPEG, quality 85, progressive, never enlarged) and written on the media storage (the disk's
``MEDIA_ROOT`` or the S3 bucket) as ``thumbs/xx/yy/<hash>.jpg``; sorl's key-value store (database and cache)
remembers them, so a later page neither opens nor looks for a file. Their pixel size follows from the
stored width and height, so a page gives ``width``/``height`` without opening a file. They are served at
``MEDIA_URL`` + their name by :func:`serve_thumbnail` (or nginx, from disk). A source that cannot be read
any more yields no thumbnail (the page shows its stand-in), never a 500.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from sorl.thumbnail import default as sorl
from sorl.thumbnail import delete as sorl_delete
from sorl.thumbnail import get_thumbnail
from sorl.thumbnail.images import ImageFile

from korkyt.core.models import Image as ImageRow
from korkyt.core.uploads import file_too_large_message, max_upload_bytes, too_large_message

log = logging.getLogger(__name__)

#: The most pixels an image may have (a 8000 × 5000 still); Pillow's own bomb guard is twice as large.
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: Bounding boxes (width, height) of the thumbnails.
SIZES: dict[str, tuple[int, int]] = {
    "small": (96, 128),
    "card": (240, 360),
    "page": (400, 600),
    "share": (1200, 1200),
}
#: The size drawn on screens with twice the pixel density (``srcset`` … 2x).
DOUBLE = {"small": "card", "card": "page", "page": "share"}
#: sorl-thumbnail's options for every thumbnail (with THUMBNAIL_PREFIX = "thumbs/" in the settings).
THUMB_OPTIONS: dict[str, Any] = {"format": "JPEG", "quality": 85, "progressive": True, "upscale": False}
#: A thumbnail's name under ``thumbs/``: sorl's ``xx/yy/<md5 of the source name and options>.jpg``.
_THUMB_NAME = re.compile(r"^([0-9a-f]{2})/([0-9a-f]{2})/(\1\2[0-9a-f]{28})\.jpg$")


class ImageError(ValidationError):
    """An image that cannot be used, with a message naming the problem."""


@dataclass(frozen=True)
class Thumb:
    url: str
    width: int
    height: int


def _decode(data: bytes) -> Image.Image:
    """The decoded image, or ImageError: not an image, an unsupported format, too many pixels, damaged."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format or ""
            width, height = probe.size
            if fmt not in FORMATS:
                raise ImageError(
                    _("Only JPEG, PNG and WebP images are accepted (this file is %(format)s).")
                    % {"format": fmt or "?"},
                    code="image_format",
                )
            if width * height > MAX_PIXELS:
                raise ImageError(
                    _(
                        "The image is %(width)d × %(height)d pixels; "
                        "at most %(limit)d million pixels are accepted."
                    )
                    % {"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000},
                    code="image_too_large",
                )
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except ImageError:
        raise
    except Image.DecompressionBombError:  # past Pillow's own limit, met before the size is counted above
        raise ImageError(
            _("The image has too many pixels; at most %(limit)d million pixels are accepted.")
            % {"limit": MAX_PIXELS // 1_000_000},
            code="image_too_large",
        ) from None
    except UnidentifiedImageError:
        raise ImageError(_("The file is not an image that can be read."), code="image_unreadable") from None
    except (OSError, SyntaxError, ValueError):
        raise ImageError(_("The image is damaged or cut short."), code="image_damaged") from None
    return image


def _clean(image: Image.Image, fmt: str) -> bytes:
    """The image upright, in RGB(A), saved again with no EXIF or other metadata."""
    upright = ImageOps.exif_transpose(image)
    keep_alpha = fmt in ("PNG", "WEBP") and upright.mode in ("RGBA", "LA", "P")
    pixels = upright.convert("RGBA" if keep_alpha else "RGB")
    out = io.BytesIO()
    if fmt == "JPEG":
        pixels.save(out, "JPEG", quality=90, optimize=True)
    else:
        pixels.save(out, fmt)
    return out.getvalue()


def read_upload(upload: UploadedFile) -> tuple[bytes, str, int, int]:
    """(clean bytes, extension, width, height) of an uploaded image; ImageError when it cannot be used."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ImageError(file_too_large_message(upload.size), code="file_too_large")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImageError(too_large_message(), code="file_too_large")
    image = _decode(data)
    fmt = image.format or "JPEG"
    clean = _clean(image, fmt)
    width, height = ImageOps.exif_transpose(image).size
    return clean, FORMATS[fmt], width, height


def image_extension(upload: UploadedFile) -> str | None:
    """``jpg``, ``png`` or ``webp`` when the upload decodes as such an image (by content, whatever its name),
    else None; the file is rewound. For other apps' attachments that may be pictures."""
    try:
        return read_upload(upload)[1]
    except ImageError:
        return None
    finally:
        upload.seek(0)


def thumb_size(width: int, height: int, size: str) -> tuple[int, int]:
    """The pixel size of the ``size`` thumbnail of a width × height image (never enlarged)."""
    box_w, box_h = SIZES[size]
    scale = min(box_w / width, box_h / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def thumbnail(image: ImageRow, size: str) -> Thumb | None:
    """The ``size`` thumbnail of ``image``, made on first use; None when the source cannot be read."""
    width, height = thumb_size(image.width, image.height, size)
    box_w, box_h = SIZES[size]
    try:
        # raise_errors: sorl raises what stops it reading the source (its 14.0 default) rather than return a
        # thumbnail it never wrote; it is not an option of the thumbnail, so the names stay as they were
        made = get_thumbnail(image.file, f"{box_w}x{box_h}", raise_errors=True, **THUMB_OPTIONS)
    except Exception as exc:  # a damaged source must not take the page down
        log.warning("no thumbnail for image %s (%s): %s", image.pk, image.file.name, exc)
        return None
    return Thumb(f"{settings.MEDIA_URL}{made.name}", width, height)


def forget_thumbnails(name: str, storage: Storage) -> None:
    """Remove the thumbnails of the stored file ``name`` (the files and sorl's records of them)."""
    sorl_delete(ImageFile(name, storage), delete_file=False)


def serve_thumbnail(request: HttpRequest, name: str) -> Any:
    """A thumbnail by its name under ``thumbs/`` (a hash: it cannot be guessed from a record's id), read from
    the media storage; anything else under ``thumbs/`` is a 404."""
    if not _THUMB_NAME.match(name):
        raise Http404
    storage = sorl.storage
    path = f"thumbs/{name}"
    if not storage.exists(path):
        raise Http404
    response = FileResponse(storage.open(path, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
