"""Turn search hits into what pages and the API show: titles in the viewer's language and script.

Kept lean (the films' titles and the people's names come with the search's first statement when it has
few answers, else in one statement; no model instances; the detail URLs resolved once per language): it
runs on every search request and every keystroke of the suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from korkyt.catalogue import selectors as catalogue
from korkyt.catalogue.models import TitleKind
from korkyt.core.actors import Actor
from korkyt.core.translations import Text
from korkyt.search import selectors
from korkyt.search.db import fetch
from korkyt.search.models import EntryType
from korkyt.search.names import NameRow, names_sql
from korkyt.search.selectors import Hit


class Result(NamedTuple):
    type: str
    id: int
    title: Text
    original_title: Text
    year: int | None
    url: str


class _Row(NamedTuple):
    """The fields of a title or name that the choice of what to show looks at."""

    text: str
    language: str
    kind: str
    generated: bool
    scheme: str
    position: int


def _marks(count: int) -> str | None:
    return ", ".join(["%s"] * count) if count else None


@lru_cache(maxsize=64)
def _detail_urls(language: str | None, urlconf: str | None, prefix: str) -> tuple[str, str]:
    """The film and person page URLs without the id: "/en/films/1/" → "/en/films/"."""
    film_url = reverse("catalogue:film_detail", args=[1]).removesuffix("1/")
    person_url = reverse("catalogue:person_detail", args=[1]).removesuffix("1/")
    return film_url, person_url


def present(
    hits: list[Hit], *, language: str, script: str | None, known: Sequence[NameRow] = ()
) -> list[Result]:
    """The results to show for ``hits``: titles in the viewer's language and script. ``known``: the name
    rows already read (with the search); the others are read here in one statement."""
    rows: dict[tuple[str, int], list[_Row]] = {}
    years: dict[tuple[str, int], int | None] = {}

    def take(found: Iterable[NameRow]) -> None:
        for kind, target, year, text, tag, title_kind, generated, scheme, position in found:
            rows.setdefault((kind, target), []).append(
                _Row(text, tag, title_kind, bool(generated), scheme, position)
            )
            years[(kind, target)] = year

    take(known)
    missing = [h for h in hits if (h.type, h.id) not in rows]
    film_ids = [h.id for h in missing if h.type == EntryType.FILM]
    person_ids = [h.id for h in missing if h.type == EntryType.PERSON]
    if film_ids or person_ids:
        take(fetch(names_sql(_marks(len(film_ids)), _marks(len(person_ids))), [*film_ids, *person_ids]))
    film_url, person_url = _detail_urls(get_language(), get_urlconf(), get_script_prefix())
    results: list[Result] = []
    for hit in hits:
        found = rows.get((hit.type, hit.id))
        if not found:
            continue
        entered = [r for r in found if not r.generated]
        if hit.type == EntryType.FILM:
            originals = [r for r in entered if r.kind == TitleKind.ORIGINAL] or entered or found
            first = min(originals, key=lambda r: (r.generated, r.position))
            kind, url = "film", film_url
        else:
            first = min(entered or found, key=lambda r: r.position)
            kind, url = "person", person_url
        original = Text(first.text, first.language)
        title = catalogue.pick_text(found, language, script, original.lang) or original
        results.append(Result(kind, hit.id, title, original, years[(hit.type, hit.id)], f"{url}{hit.id}/"))
    return results


def search_results(
    *, user: Actor, q: str, viewer_language: str, script: str | None, **options: Any
) -> list[Result]:
    """``selectors.search`` shown in ``viewer_language`` and ``script``: what the search page, the
    suggestions and the API answer (``options``: those of the search, the filters among them)."""
    found = selectors.find(user=user, q=q, **options)
    return present(found.hits, language=viewer_language, script=script, known=found.names)
