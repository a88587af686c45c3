"""What the platform calls an object on pages about it (its history, the roles held on it, a person's list of
roles): the film's title, the memorandum's, the event's, a person's name, in the reader's language and with
the language tag it is written in.

Each app registers its models in its AppConfig.ready()::

    from korkyt.core.titles import register_title
    register_title(Film, film_title)  # film_title(film, language) -> Text

A model without one is called by ``str(obj)``, in no particular language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import SafeString

from korkyt.core.languages import request_language
from korkyt.core.translations import Text

_TITLES: dict[type[Model], Callable[[Any, str], Text]] = {}


_QUALIFIERS: dict[type[Model], Callable[[Any], str]] = {}


def register_title(
    model: type[Model], title: Callable[[Any, str], Text], qualifier: Callable[[Any], str] | None = None
) -> None:
    """``qualifier(obj)``: words in the reader's language that tell apart objects of one title (a film's
    dubbing jobs: "dubbing → Azerbaijani (Latin)"), shown after it on the object's own pages."""
    _TITLES[model] = title
    if qualifier is not None:
        _QUALIFIERS[model] = qualifier


def qualifier_of(obj: Model) -> str:
    found = _QUALIFIERS.get(obj._meta.concrete_model or type(obj))
    return found(obj) if found is not None else ""


def has_title(model: type[Model]) -> bool:
    return model in _TITLES


def title_of(obj: Model, language: str | None = None) -> Text:
    """``obj``'s title in ``language`` (the reader's when None), with its tag; ``str(obj)`` untagged."""
    found = _TITLES.get(obj._meta.concrete_model or type(obj))
    if found is None:
        return Text(str(obj), "")
    return found(obj, language or request_language())


def title_html(obj: Model, language: str | None = None) -> SafeString:
    """The title as HTML: a ``span`` marked with its language (plain, escaped text when it has none)."""
    return text_html(title_of(obj, language))


def text_html(title: Text) -> SafeString:
    """A ``Text`` as HTML: a ``span`` marked with its language (plain, escaped text when it has none)."""
    if not title.lang:
        return format_html("{}", title.text)
    return format_html('<span lang="{}">{}</span>', title.lang, title.text)
