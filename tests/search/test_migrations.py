from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from korkyt.search.models import SearchEntry
from tests.factories import InstitutionFactory, film, person

BEFORE = [("search", "0006_word_variants")]
AFTER = [("search", "0007_entry_public")]


def _migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_entry_public_column_is_filled_from_the_film_status():
    kz = InstitutionFactory(code="KZ-M", country="KZ")
    draft = film(kz, ("Жасырын", "kk"), status="draft")
    published = film(kz, ("Ашық", "kk"))
    someone = person(("Ermek Tursunov", "en"))
    _migrate(BEFORE)
    try:
        with connection.cursor() as cursor:
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, "search_searchentry")
            ]
        assert "public" not in columns
    finally:
        _migrate(AFTER)
    assert set(SearchEntry.objects.filter(film=draft).values_list("public", flat=True)) == {False}
    assert set(SearchEntry.objects.filter(film=published).values_list("public", flat=True)) == {True}
    assert set(SearchEntry.objects.filter(person=someone).values_list("public", flat=True)) == {True}
    # the word index (SQLite: FTS5 kept by triggers) still follows the table
    from django.contrib.auth.models import AnonymousUser

    from korkyt.search.selectors import search

    assert [h.id for h in search(user=AnonymousUser(), q="Ashyq")] == [published.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_index_gets_the_keys_of_the_current_folding():
    from django.contrib.auth.models import AnonymousUser

    from korkyt.search.models import SearchWord
    from korkyt.search.selectors import search

    kz = InstitutionFactory(code="KZ-R", country="KZ")
    ice = film(kz, ("Лёд", "ru"))
    split = film(kz, ("Ke\u200blin", "en"))
    someone = person(("Пётр Тодоровский", "ru"))
    from korkyt.catalogue.models import Person, PersonName

    around = Person.objects.create()  # written around the catalogue's services: never indexed
    PersonName.objects.create(person=around, text="Rəşad Əliyev", language="az-Latn")
    # the index as the folding of before left it: one key per text, a format character splitting a word
    SearchEntry.objects.filter(key__in=["led", "petr todorovski"]).delete()
    SearchEntry.objects.filter(film=split).update(key="ke lin")
    SearchWord.objects.filter(word__in=["led", "petr"]).delete()
    SearchWord.objects.create(word="ke")
    _migrate([("search", "0008_language_tag_field")])
    _migrate([("search", "0009_rekey")])
    anyone = AnonymousUser()
    assert [h.id for h in search(user=anyone, q="Лед")] == [ice.pk]
    assert [h.id for h in search(user=anyone, q="Kelin")] == [split.pk]
    assert [h.id for h in search(user=anyone, q="Петр Тодоровский", type="person")] == [someone.pk]
    assert [h.id for h in search(user=anyone, q="Rasad Aliyev", type="person")] == [around.pk]
    assert SearchWord.objects.filter(word__in=["led", "petr", "kelin", "rasad"]).count() == 4
    assert not SearchWord.objects.filter(word="ke").exists()
    assert set(SearchEntry.objects.filter(film=ice).values_list("key", flat=True)) >= {"liod", "led"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_index_gets_the_schwa_read_as_e():
    from django.contrib.auth.models import AnonymousUser

    from korkyt.search.models import SearchWord
    from korkyt.search.selectors import search

    kz = InstitutionFactory(code="KZ-S", country="KZ")
    future = film(kz, ("Gələcək", "az-Latn"))
    # the index as the folding of before left it: no key with ə read as e
    SearchEntry.objects.filter(key="gelejek").delete()
    SearchWord.objects.filter(word="gelejek").delete()
    anyone = AnonymousUser()
    assert [h.id for h in search(user=anyone, q="Gelecek")] == []
    _migrate([("search", "0009_rekey")])
    _migrate([("search", "0010_rekey_schwa")])
    assert [h.id for h in search(user=anyone, q="Gelecek")] == [future.pk]
    assert set(SearchEntry.objects.filter(film=future).values_list("key", flat=True)) == {
        "galajak",
        "gelejek",
    }
