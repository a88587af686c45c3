"""Turn search hits into what pages and the API show: titles in the viewer's language and script.

Kept lean (one statement for the films' titles and the people's names, no model instances, the detail URLs
resolved once per language): it runs on every search request and every keystroke of the suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from korkyt.catalogue import selectors as catalogue
from korkyt.catalogue.models import Film, FilmTitle, Person, PersonName, TitleKind
from korkyt.institutions.selectors import Text
from korkyt.search.models import EntryType
from korkyt.search.selectors import Hit


@dataclass(frozen=True)
class Result:
    type: str
    id: int
    title: Text
    original_title: Text
    year: int | None
    url: str


@dataclass(frozen=True)
class _Row:
    """The fields of a title or name that the choice of what to show looks at."""

    text: str
    language: str
    kind: str
    generated: bool
    scheme: str
    position: int


_FILM_COLUMNS = "'film', t.film_id, f.year, t.text, t.language, t.kind, t.generated, t.scheme, t.position"
_PERSON_COLUMNS = (
    "'person', n.person_id, p.birth_year, n.text, n.language, '', n.generated, n.scheme, n.position"
)


def _names_sql(films: int, people: int) -> str:
    """Titles of ``films`` films and names of ``people`` people (placeholders for their ids)."""
    quote = connection.ops.quote_name
    parts = []
    if films:
        title, film = quote(FilmTitle._meta.db_table), quote(Film._meta.db_table)
        ids = ", ".join(["%s"] * films)
        join = f"{title} t JOIN {film} f ON f.id = t.film_id"
        parts.append(f"SELECT {_FILM_COLUMNS} FROM {join} WHERE t.film_id IN ({ids})")  # noqa: S608
    if people:
        name, person = quote(PersonName._meta.db_table), quote(Person._meta.db_table)
        ids = ", ".join(["%s"] * people)
        join = f"{name} n JOIN {person} p ON p.id = n.person_id"
        parts.append(f"SELECT {_PERSON_COLUMNS} FROM {join} WHERE n.person_id IN ({ids})")  # noqa: S608
    return " UNION ALL ".join(parts)


@lru_cache(maxsize=64)
def _detail_urls(language: str | None, urlconf: str | None, prefix: str) -> tuple[str, str]:
    """The film and person page URLs without the id: "/en/films/1/" → "/en/films/"."""
    film_url = reverse("catalogue:film_detail", args=[1]).removesuffix("1/")
    person_url = reverse("catalogue:person_detail", args=[1]).removesuffix("1/")
    return film_url, person_url


def present(hits: list[Hit], *, language: str, script: str | None) -> list[Result]:
    film_ids = [h.id for h in hits if h.type == EntryType.FILM]
    person_ids = [h.id for h in hits if h.type == EntryType.PERSON]
    if not film_ids and not person_ids:
        return []
    rows: dict[tuple[str, int], list[_Row]] = {}
    years: dict[tuple[str, int], int | None] = {}
    with connection.cursor() as cursor:
        cursor.execute(_names_sql(len(film_ids), len(person_ids)), [*film_ids, *person_ids])
        for kind, target, year, text, tag, title_kind, generated, scheme, position in cursor.fetchall():
            rows.setdefault((kind, target), []).append(
                _Row(text, tag, title_kind, bool(generated), scheme, position)
            )
            years[(kind, target)] = year
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
