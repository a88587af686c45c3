"""Image files: checked by content, stored without EXIF, thumbnails made once and cached.

An upload is decoded by Pillow (JPEG, PNG or WebP only, whatever its name says), refused when it is larger
than KORKYT_MAX_UPLOAD_MB or has more than ``MAX_PIXELS`` pixels (a decompression bomb), turned upright
from its EXIF orientation and saved again without any metadata (``services.image_add`` stores it as
``MEDIA_ROOT/images/<sha256>.<ext>``).

Thumbnails (``SIZES``: ``small`` for faces in credits and logos in lists, ``card`` for lists, ``page`` for
a record's own page, ``share`` for Open Graph cards) are
written on first use under ``MEDIA_ROOT/thumbs/`` and served by :func:`serve_thumbnail`; their pixel size
follows from the stored width and height, so a page gives ``width``/``height`` without opening a file. A
source that cannot be read any more yields no thumbnail (the page shows its stand-in), never a 500.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from korkyt.core.models import Image as ImageRow
from korkyt.core.uploads import max_upload_bytes, max_upload_mb

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
_THUMB_NAME = re.compile(r"^[0-9a-f]{64}-(small|card|page|share)\.jpg$")


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
    except (UnidentifiedImageError, Image.DecompressionBombError):
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
        raise ImageError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": max_upload_mb()},
            code="file_too_large",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ImageError(
            _("Files over %(limit)d MB are refused.") % {"limit": max_upload_mb()}, code="file_too_large"
        )
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


def _thumb_name(source: str, size: str) -> str:
    stem = hashlib.sha256(source.encode()).hexdigest()
    return f"{stem}-{size}.jpg"


def thumb_path(source: str, size: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "thumbs" / _thumb_name(source, size)


def thumbnail(image: ImageRow, size: str) -> Thumb | None:
    """The ``size`` thumbnail of ``image``, made on first use; None when the source cannot be read."""
    path = thumb_path(image.file.name, size)
    width, height = thumb_size(image.width, image.height, size)
    if not path.exists():
        try:
            with image.file.open("rb") as fh:
                source = _decode(fh.read())
            small = source.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".part")
            small.save(tmp, "JPEG", quality=85, optimize=True, progressive=True)
            tmp.replace(path)
        except (ImageError, OSError) as exc:
            log.warning("no thumbnail for image %s (%s): %s", image.pk, image.file.name, exc)
            return None
    return Thumb(f"{settings.MEDIA_URL}thumbs/{path.name}", width, height)


def serve_thumbnail(request: HttpRequest, name: str) -> Any:
    """A cached thumbnail by its name (a hash: it cannot be guessed from a record's id)."""
    if not _THUMB_NAME.match(name):
        raise Http404
    path = Path(settings.MEDIA_ROOT) / "thumbs" / name
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
