"""Writes on the search index. Called from the catalogue's signals (same transaction) and by ``rebuild``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from django.db import transaction

from korkyt.catalogue.models import CreditRole, Film, FilmStatus, FilmTitle, Person, PersonName, TitleKind
from korkyt.search.dictionary import forget, variants
from korkyt.search.models import EntrySource, EntryType, SearchEntry, SearchWord, SearchWordVariant
from korkyt.translit import search_keys

KEY_MAX = 300
T = TypeVar("T")


def _keys(text: str, language: str) -> list[str]:
    """The keys a title or name is found under (``search_keys``: «Лёд» under ``liod`` and ``led``)."""
    return list(dict.fromkeys(key[:KEY_MAX] for key in search_keys(text, language)))


def film_entries(film_ids: Sequence[int]) -> Iterator[SearchEntry]:
    hidden = set(
        Film.objects.filter(pk__in=film_ids).exclude(status=FilmStatus.PUBLISHED).values_list("pk", flat=True)
    )
    titles = FilmTitle.objects.filter(film_id__in=film_ids).values_list(
        "film_id", "text", "language", "kind", "generated"
    )
    names = PersonName.objects.filter(
        person__credits__film_id__in=film_ids, person__credits__role=CreditRole.DIRECTOR
    ).values_list("person__credits__film_id", "text", "language")
    rows = [
        *(
            (f, text, language, _title_source(kind, generated))
            for f, text, language, kind, generated in sorted(
                titles, key=lambda r: (r[3] != TitleKind.ORIGINAL or r[4], r[4])
            )
        ),
        *((f, text, language, EntrySource.CREDIT) for f, text, language in names),
    ]
    seen: set[tuple[int, str]] = set()
    for film_id, text, language, source in rows:
        for key in _keys(text, language):
            if (film_id, key) in seen:
                continue
            seen.add((film_id, key))
            yield SearchEntry(
                type=EntryType.FILM,
                film_id=film_id,
                key=key,
                text=text[:300],
                language=language,
                source=source,
                public=film_id not in hidden,
            )


def _title_source(kind: str, generated: bool) -> str:
    return EntrySource.ORIGINAL if kind == TitleKind.ORIGINAL and not generated else EntrySource.VARIANT


def person_entries(person_ids: Sequence[int]) -> Iterator[SearchEntry]:
    names = PersonName.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "text", "language", "generated", "position"
    )
    seen: set[tuple[int, str]] = set()
    for person_id, text, language, generated, position in sorted(names, key=lambda r: (r[3], r[4])):
        source = EntrySource.ORIGINAL if not generated and position == 0 else EntrySource.VARIANT
        for key in _keys(text, language):
            if (person_id, key) in seen:
                continue
            seen.add((person_id, key))
            yield SearchEntry(
                type=EntryType.PERSON,
                person_id=person_id,
                key=key,
                text=text[:300],
                language=language,
                source=source,
            )


WORD_MAX = 100


def _save(entries: Iterable[SearchEntry]) -> int:
    rows = SearchEntry.objects.bulk_create(list(entries), batch_size=2000)
    add_words({w for row in rows for w in row.key.split() if len(w) <= WORD_MAX})
    return len(rows)


def add_words(words: set[str]) -> None:
    """Put the words that are new in the dictionary, with their variants (typo corrections)."""
    known: set[str] = set()
    for chunk in _chunks(sorted(words), 500):
        known.update(SearchWord.objects.filter(word__in=chunk).values_list("word", flat=True))
    new = sorted(words - known)
    if new:
        forget()  # what this process remembers of the dictionary is out of date
    SearchWord.objects.bulk_create((SearchWord(word=w) for w in new), batch_size=2000, ignore_conflicts=True)
    SearchWordVariant.objects.bulk_create(
        (SearchWordVariant(variant=v, word=w) for w in new for v in sorted(variants(w))),
        batch_size=2000,
        ignore_conflicts=True,
    )


@transaction.atomic
def index_films(film_ids: Sequence[int]) -> int:
    SearchEntry.objects.filter(film_id__in=film_ids).delete()
    return _save(film_entries(film_ids))


@transaction.atomic
def index_people(person_ids: Sequence[int]) -> int:
    SearchEntry.objects.filter(person_id__in=person_ids).delete()
    return _save(person_entries(person_ids))


def unindex_film(film_id: int) -> None:
    SearchEntry.objects.filter(film_id=film_id).delete()


def unindex_person(person_id: int) -> None:
    SearchEntry.objects.filter(person_id=person_id).delete()


def _chunks(ids: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for value in ids:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rebuild(*, chunk: int = 2000) -> int:
    """Rebuild the whole index (after a bulk load). Returns the number of entries."""
    total = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for ids in _chunks(Film.objects.order_by("pk").values_list("pk", flat=True).iterator(), chunk):
            total += _save(film_entries(ids))
        for ids in _chunks(Person.objects.order_by("pk").values_list("pk", flat=True).iterator(), chunk):
            total += _save(person_entries(ids))
    return total
