"""What a page draws for an image: its thumbnail at a size, a ``srcset`` for dense screens, and the alt text
in the best language (the editors' text along the fallback chain, else the page's own description)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from korkyt.core.images.files import DOUBLE, thumbnail
from korkyt.core.models import Image
from korkyt.core.translations import Text, translated


@dataclass(frozen=True)
class Picture:
    url: str
    width: int
    height: int
    srcset: str
    alt: str
    #: the language of ``alt`` (empty: the page's own language)
    lang: str
    size: str
    image: Image


def alt_text(image: Image, language: str) -> Text | None:
    """The editors' alt text of ``image`` in the best language (from prefetched ``alts``), or None."""
    return translated(image.alts.all(), language, field="text")


def picture(image: Image, size: str, *, language: str, default_alt: str) -> Picture | None:
    """``image`` drawn at ``size``; None when its file cannot be read (the page shows its stand-in)."""
    thumb = thumbnail(image, size)
    if thumb is None:
        return None
    srcset = ""
    if size in DOUBLE:
        double = thumbnail(image, DOUBLE[size])
        if double is not None and double.width > thumb.width:
            srcset = f"{thumb.url} 1x, {double.url} 2x"
    alt = alt_text(image, language)
    return Picture(
        url=thumb.url,
        width=thumb.width,
        height=thumb.height,
        srcset=srcset,
        alt=alt.text if alt else default_alt,
        lang=alt.lang if alt else "",
        size=size,
        image=image,
    )


def first_picture(
    images: Iterable[Image], size: str, *, kinds: Iterable[str], language: str, default_alt: str
) -> Picture | None:
    """The first readable image of the first of ``kinds`` that has one (from prefetched images)."""
    order = {kind: index for index, kind in enumerate(kinds)}
    for image in sorted(
        (i for i in images if i.kind in order), key=lambda i: (order[i.kind], i.position, i.pk)
    ):
        drawn = picture(image, size, language=language, default_alt=default_alt)
        if drawn is not None:
            return drawn
    return None
