"""What the platform calls an object on pages about it (its history, the roles held on it, a person's list of
roles): the film's title, the memorandum's, the event's, a person's name, in the reader's language and with
the language tag it is written in.

Each app registers its models in its AppConfig.ready()::

    from korkyt.core.titles import register_title
    register_title(Film, film_title, prefetch=("titles",))  # film_title(film, language) -> Text

``prefetch``: the relations the title reads (``prefetch_related`` lookups). Pages naming many rows at once
read them with :func:`titled` (a film's history, the activities under a memorandum), so the number of
queries does not grow with the rows. A model without one is called by ``str(obj)``, in no particular
language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.html import format_html
from django.utils.safestring import SafeString

from korkyt.core.languages import request_language
from korkyt.core.translations import Text

_TITLES: dict[type[Model], Callable[[Any, str], Text]] = {}


_QUALIFIERS: dict[type[Model], Callable[[Any], str]] = {}


_PREFETCH: dict[type[Model], tuple[str, ...]] = {}


def register_title(
    model: type[Model],
    title: Callable[[Any, str], Text],
    qualifier: Callable[[Any], str] | None = None,
    prefetch: Iterable[str] = (),
) -> None:
    """``qualifier(obj)``: words in the reader's language that tell apart objects of one title (a film's
    dubbing jobs: "dubbing → Azerbaijani (Latin)"), shown after it on the object's own pages.
    ``prefetch``: the relations ``title`` (and ``qualifier``) read, for :func:`titled`."""
    _TITLES[model] = title
    if qualifier is not None:
        _QUALIFIERS[model] = qualifier
    _PREFETCH[model] = tuple(prefetch)


def titled(model: type[Model]) -> QuerySet[Any]:
    """``model``'s rows with what their titles read (the ``prefetch`` it registered): filter it, or
    ``in_bulk(ids)``, to name many rows in a fixed number of queries."""
    return model._default_manager.prefetch_related(*_PREFETCH.get(model, ()))


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
