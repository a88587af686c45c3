"""Turn search hits into what pages and the API show: titles in the viewer's language and script."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from korkyt.catalogue import selectors as catalogue
from korkyt.catalogue.models import Film, Person
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


def present(hits: list[Hit], *, language: str, script: str | None) -> list[Result]:
    film_ids = [h.id for h in hits if h.type == EntryType.FILM]
    person_ids = [h.id for h in hits if h.type == EntryType.PERSON]
    films = {f.pk: f for f in Film.objects.filter(pk__in=film_ids).prefetch_related("titles")}
    people = {p.pk: p for p in Person.objects.filter(pk__in=person_ids).prefetch_related("names")}
    results: list[Result] = []
    for hit in hits:
        if hit.type == EntryType.FILM and hit.id in films:
            film = films[hit.id]
            title = catalogue.film_title(film, language, script)
            original = catalogue.film_original_title(film) or title
            url = reverse("catalogue:film_detail", args=[film.pk])
            results.append(Result("film", film.pk, title, original, film.year, url))
        elif hit.type == EntryType.PERSON and hit.id in people:
            person = people[hit.id]
            name = catalogue.person_name(person, language, script)
            first = next((n for n in person.names.all() if not n.generated), None)
            original = Text(first.text, first.language) if first else name
            url = reverse("catalogue:person_detail", args=[person.pk])
            results.append(Result("person", person.pk, name, original, person.birth_year, url))
    return results
