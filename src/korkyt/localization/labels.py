"""How the workbench pages name a film and a language tag."""

from __future__ import annotations

from typing import Any

from korkyt.catalogue.selectors import film_original_title
from korkyt.core.languages import CONTENT_LANGUAGES, content_language_label
from korkyt.core.translations import Text


def _film_label(film: Any) -> Text:
    """The film's original title with the language it is written in (``{{ film }}`` shows the text,
    ``lang="{{ film.lang }}"`` marks it); ``#id`` in no language when the film has no title."""
    return film_original_title(film) or Text(f"#{film.pk}", "")


def _label(tag: str) -> str:
    return str(content_language_label(tag)) if tag in CONTENT_LANGUAGES else tag
