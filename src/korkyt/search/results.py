"""Turn search hits into what pages and the API show: titles in the viewer's language and script.

Kept lean (one query for the films' titles, one for the people's names, no model instances): it runs on
every search request and every keystroke of the suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from korkyt.catalogue import selectors as catalogue
from korkyt.catalogue.models import FilmTitle, PersonName, TitleKind
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


def present(hits: list[Hit], *, language: str, script: str | None) -> list[Result]:
    film_ids = [h.id for h in hits if h.type == EntryType.FILM]
    person_ids = [h.id for h in hits if h.type == EntryType.PERSON]
    titles: dict[int, list[_Row]] = {}
    years: dict[int, int | None] = {}
    if film_ids:
        rows = FilmTitle.objects.filter(film_id__in=film_ids).order_by()
        fields = ("film_id", "film__year", "text", "language", "kind", "generated", "scheme", "position")
        for film_id, year, *values in rows.values_list(*fields):
            titles.setdefault(film_id, []).append(_Row(*values))
            years[film_id] = year
    names: dict[int, list[_Row]] = {}
    births: dict[int, int | None] = {}
    if person_ids:
        rows_p = PersonName.objects.filter(person_id__in=person_ids).order_by()
        person_fields = (
            "person_id",
            "person__birth_year",
            "text",
            "language",
            "generated",
            "scheme",
            "position",
        )
        for person_id, born, text, tag, generated, scheme, position in rows_p.values_list(*person_fields):
            names.setdefault(person_id, []).append(_Row(text, tag, "", generated, scheme, position))
            births[person_id] = born
    # one reverse() per kind, not per result: "/en/films/1/" → "/en/films/"
    film_url = reverse("catalogue:film_detail", args=[1]).removesuffix("1/")
    person_url = reverse("catalogue:person_detail", args=[1]).removesuffix("1/")
    results: list[Result] = []
    for hit in hits:
        if hit.type == EntryType.FILM and hit.id in titles:
            rows_f = titles[hit.id]
            entered = [r for r in rows_f if not r.generated]
            originals = [r for r in entered if r.kind == TitleKind.ORIGINAL] or entered or rows_f
            first = min(originals, key=lambda r: (r.generated, r.position))
            original = Text(first.text, first.language)
            title = catalogue.pick_text(rows_f, language, script, original.lang) or original
            results.append(Result("film", hit.id, title, original, years[hit.id], f"{film_url}{hit.id}/"))
        elif hit.type == EntryType.PERSON and hit.id in names:
            rows_n = names[hit.id]
            entered = [r for r in rows_n if not r.generated] or rows_n
            first = min(entered, key=lambda r: r.position)
            original = Text(first.text, first.language)
            name = catalogue.pick_text(rows_n, language, script, original.lang) or original
            results.append(Result("person", hit.id, name, original, births[hit.id], f"{person_url}{hit.id}/"))
    return results
