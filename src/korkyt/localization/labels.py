"""How the workbench pages name a film and a language tag."""

from __future__ import annotations

from typing import Any

from korkyt.catalogue.selectors import film_original_title
from korkyt.core.languages import CONTENT_LANGUAGES, content_language_label


def _film_label(film: Any) -> str:
    title = film_original_title(film)
    return title.text if title else f"#{film.pk}"


def _label(tag: str) -> str:
    return str(content_language_label(tag)) if tag in CONTENT_LANGUAGES else tag
