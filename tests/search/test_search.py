from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client

from korkyt.catalogue import services
from korkyt.config.demo import SYSTEM
from korkyt.search.models import SearchEntry
from korkyt.search.selectors import TYPO, allowed_edits, score, search
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, person

pytestmark = pytest.mark.django_db
ANON = AnonymousUser()


@pytest.fixture
def kz():
    return InstitutionFactory(code="KZ-A", country="KZ")


def _ids(q: str, **kwargs) -> list[int]:
    return [h.id for h in search(user=kwargs.pop("user", ANON), q=q, **kwargs)]


@pytest.mark.parametrize(
    "query", ["Қыз Жібек", "Qyz Jıbek", "Kyz-Zhibek", "Кыз Жибек", "Kız Jibek", "kyz zhibek"]
)
def test_every_script_and_spelling_finds_the_film(kz, query):
    f = film(kz, ("Қыз Жібек", "kk"), ("Kyz-Zhibek", "en"))
    film(kz, ("Қыз", "kk"))
    assert _ids(query)[0] == f.pk


def test_exact_beats_prefix_beats_words_beats_fuzzy(kz):
    exact = film(kz, ("Kelin", "en"))
    begins = film(kz, ("Kelinka", "en"))
    fuzzy = film(kz, ("Kelim", "en"))
    ids = _ids("kelin")
    assert ids.index(exact.pk) < ids.index(begins.pk) < ids.index(fuzzy.pk)
    words = film(kz, ("Sweet Kelin Story", "en"))
    typo = film(kz, ("Sweet Kelim Story", "en"))
    ids = _ids("story kelin")
    assert ids.index(words.pk) < ids.index(typo.pk)
    prefix = film(kz, ("Kelin and the Wolf", "en"))
    # the whole word before a word that only begins so; enough good answers: no corrections
    assert _ids("kelin")[:4] == [exact.pk, prefix.pk, words.pk, begins.pk]


def test_typo_allowance_grows_with_word_length():
    assert [allowed_edits("x" * n) for n in (4, 5, 8, 9)] == [0, 1, 1, 2]
    assert score("tomirs", "tomiris", "original") is not None  # one edit in a 6-letter word
    assert score("anatoloa", "anatolia", "original")[0] == 2
    assert score("onse upon a time in anatolai", "once upon a time in anatolia", "original") is not None
    # a 5-letter word allows one edit: "kelen" is a typo of "kelin", "kalen" (two edits) matches nothing
    assert score("kelen", "kelin", "original")[:2] == (TYPO, -1)
    assert score("kalen", "kelin", "original") is None


def test_one_typo_finds_the_film(kz):
    f = film(kz, ("Томирис", "kk"), ("Tomiris", "en"))
    film(kz, ("Томи", "kk"))
    assert _ids("Tomirs")[0] == f.pk
    assert _ids("Pomegranate Orcard") == []  # nothing near it yet
    orchard = film(kz, ("Nar bağı", "az-Latn"), ("Pomegranate Orchard", "en"))
    assert _ids("Pomegranate Orcard")[0] == orchard.pk


def test_a_word_too_short_for_typos_is_found_by_the_others(kz):
    f = film(kz, ("Ақ кеме", "kk"))
    film(kz, ("Ақ бала", "kk"))
    assert _ids("Ок кеме")[0] == f.pk  # "ок" allows no typo: the key has every word but that one


def test_prefix_in_any_script(kz):
    tokyo = film(kz, ("東京物語", "en"))
    film(kz, ("東京", "en"))
    assert _ids("東京物")[0] == tokyo.pk
    assert set(_ids("東京")) >= {tokyo.pk}


def test_people_are_found_and_filtered_by_type(kz):
    director = person(("Ермек Тұрсынов", "kk"), ("Ermek Tursunov", "en"))
    f = film(kz, ("Келін", "kk"))
    services.credit_create(actor=SYSTEM, film=f, role="director", person=director)
    hits = search(user=ANON, q="Ermek Tursunov")
    assert (hits[0].type, hits[0].id) == ("person", director.pk)
    assert ("film", f.pk) in [(h.type, h.id) for h in hits]  # films of a director are found by the name
    assert {h.type for h in search(user=ANON, q="Тұрсынов", type="film")} == {"film"}
    assert {h.type for h in search(user=ANON, q="Tursunov", type="person")} == {"person"}


def test_filters_kind_country_years_and_available_language(kz):
    az = InstitutionFactory(code="AZ-B", country="AZ")
    old = film(kz, ("Dala", "en"), year=1970, kind="documentary", countries=["KZ"])
    new = film(az, ("Dala", "en"), year=2020, kind="feature", countries=["AZ"])
    services.track_create(actor=SYSTEM, film=new, kind="subtitles", language="uz-Latn", status="available")
    services.track_create(actor=SYSTEM, film=old, kind="subtitles", language="uz-Latn", status="planned")
    assert _ids("dala", kind="documentary") == [old.pk]
    assert _ids("dala", country="az") == [new.pk]
    assert _ids("dala", year_from=2000) == [new.pk]
    assert _ids("dala", year_to=2000) == [old.pk]
    assert _ids("dala", language="uz") == [new.pk]


def test_drafts_are_found_only_by_their_institution(kz):
    draft = film(kz, ("Жасырын", "kk"), status="draft")
    editor = MembershipFactory(user=UserFactory(), institution=kz).user
    assert _ids("Jasyryn") == []
    assert _ids("Jasyryn", user=editor) == [draft.pk]
    assert _ids("Jasyryn", user=UserFactory(is_superuser=True)) == [draft.pk]


def test_index_follows_edits_in_the_same_transaction(kz):
    f = film(kz, ("Алтын адам", "kk"))
    services.film_update(actor=SYSTEM, film=f, titles=[{"text": "Golden Man", "language": "en"}])
    assert _ids("Altyn adam") == []
    assert _ids("golden man") == [f.pk]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.title_save(actor=SYSTEM, film=f, text="Күлтегін", language="kk")
        assert _ids("Kultegin") == [f.pk]
        raise RuntimeError
    assert _ids("Kultegin") == []
    p = person(("Akan Satayev", "en"))
    services.person_update(actor=SYSTEM, person=p, names=["Акан Сатаев"])
    assert [h.id for h in search(user=ANON, q="Satayev", type="person")] == [p.pk]
    services.person_delete(actor=SYSTEM, person=p)
    assert not SearchEntry.objects.filter(type="person").exists()


def test_empty_and_punctuation_only_queries_return_nothing(kz):
    f = film(kz, ("Film", "en"))
    tomiris = film(kz, ("Tomiris", "en"))
    assert _ids("") == []
    assert _ids("  -- ") == []
    # FTS syntax is never passed through raw: operators are words, quotes and brackets are ignored
    assert _ids("'\"*() OR AND NEAR") == []
    assert _ids('"Film" OR "Tomiris"') == []  # every word must match: no title has both
    assert _ids("NEAR(Film Tomiris)") == []
    assert _ids('"Tomiris"') == [tomiris.pk]
    operators = film(kz, ("Or and near", "en"))
    assert _ids("'\"*() OR AND NEAR") == [operators.pk]
    assert _ids("Fil*") == [f.pk]  # the star is not a wildcard: "fil" is the beginning of a word


def test_http_contract(kz, client: Client):
    f = film(kz, ("Қыз Жібек", "kk"), ("Kyz-Zhibek", "en"), year=1970)
    p = person(("Sultan-Akhmet Khodzhikov", "en"))
    services.credit_create(actor=SYSTEM, film=f, role="director", person=p)
    body = client.get("/api/search", {"q": "Kız Jibek"}, headers={"Accept-Language": "en"}).json()
    assert body["count"] == len(body["results"]) >= 1
    first = body["results"][0]
    assert first == {
        "type": "film",
        "id": f.pk,
        "title": "Kyz-Zhibek",
        "title_lang": "en",
        "original_title": "Қыз Жібек",
        "original_title_lang": "kk-Cyrl",
        "year": 1970,
        "url": f"/en/films/{f.pk}/",
    }
    kk_latin = client.get(
        "/api/search", {"q": "kyz zhibek", "script": "Latn"}, headers={"Accept-Language": "kk"}
    )
    assert kk_latin.json()["results"][0]["title"] == "Qyz Jıbek"
    assert kk_latin.json()["results"][0]["title_lang"] == "kk-Latn"
    client.cookies["korkyt_script"] = "Cyrl"
    kk = client.get("/api/search", {"q": "kyz zhibek"}, headers={"Accept-Language": "kk"}).json()
    assert kk["results"][0]["title"] == "Қыз Жібек"
    people = client.get("/api/search", {"q": "khodzhikov", "type": "person", "limit": 1}).json()
    assert people["count"] == 1 and people["results"][0]["type"] == "person"
    assert people["results"][0]["url"] == f"/en/people/{p.pk}/"
    bad = client.get("/api/search", {"q": "x", "type": "song"})
    assert bad.status_code == 422
    assert set(bad.json()) == {"detail", "code", "errors"}
    assert client.get("/api/search", {"q": "x", "limit": 1000}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_http_contract_result_fields_for_people_and_films_without_a_year(kz, client: Client):
    """`{"type", "id", "title", "original_title", "year": int|null, "url"}` for every result (the catalogue
    issue's contract; `title_lang` and `original_title_lang` are additions)."""
    undated = film(kz, ("Ақбоз ат", "kk"), year=None)
    p = person(("Ақбоз Ахметов", "kk"))
    body = client.get("/api/search", {"q": "Ақбоз"}, headers={"Accept-Language": "en"}).json()
    assert body["count"] == len(body["results"]) == 2
    by_type = {r["type"]: r for r in body["results"]}
    contract = {"type", "id", "title", "original_title", "year", "url"}
    for result in body["results"]:
        assert contract <= set(result) <= contract | {"title_lang", "original_title_lang"}
    assert by_type["film"]["id"] == undated.pk and by_type["film"]["year"] is None
    assert by_type["person"]["id"] == p.pk and by_type["person"]["year"] is None
    assert by_type["person"]["title"] and by_type["person"]["url"] == f"/en/people/{p.pk}/"
    films_only = client.get("/api/search", {"q": "Ақбоз", "type": "film", "limit": 5}).json()
    assert [r["type"] for r in films_only["results"]] == ["film"]


def test_title_shown_in_other_script_is_transliterated_when_missing(kz):
    from korkyt.catalogue.models import Film
    from korkyt.catalogue.selectors import film_title

    uz = InstitutionFactory(code="UZ-A", country="UZ")
    f = film(uz, ("Issiq non", "uz-Latn"))
    f = Film.objects.prefetch_related("titles").get(pk=f.pk)
    assert film_title(f, "uz", "Cyrl").text == "Иссиқ нон"
    assert film_title(f, "uz", "Cyrl").lang == "uz-Cyrl"
    # a title entered only in Latin, with no generated forms at all, is converted on display
    f.titles.filter(generated=True).delete()
    f = Film.objects.prefetch_related("titles").get(pk=f.pk)
    assert film_title(f, "uz", "Cyrl").text == "Иссиқ нон"
    assert film_title(f, "ru").text == "Issiq non"


def test_suggestions_fragment_and_search_page(kz, client: Client):
    f = film(kz, ("Көшпенділер", "kk"), ("Nomad", "en"))
    page = client.get("/en/search/", {"q": "nomad"})
    assert page.status_code == 200
    assert f"/en/films/{f.pk}/" in page.content.decode()
    fragment = client.get("/en/search/suggest/", {"q": "kochpen"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert 'lang="en">Nomad' in fragment.content.decode()


def test_public_flag_of_the_entries_follows_the_film_status(kz):
    f = film(kz, ("Жасырын", "kk"), status="draft")
    director = person(("Ermek Tursunov", "en"))
    services.credit_create(actor=SYSTEM, film=f, role="director", person=director)
    assert set(SearchEntry.objects.filter(film=f).values_list("public", flat=True)) == {False}
    assert set(SearchEntry.objects.filter(person=director).values_list("public", flat=True)) == {True}
    assert _ids("Jasyryn") == []
    services.film_update(actor=SYSTEM, film=f, status="published")
    assert set(SearchEntry.objects.filter(film=f).values_list("public", flat=True)) == {True}
    assert _ids("Jasyryn") == [f.pk]
    services.film_update(actor=SYSTEM, film=f, status="draft")
    assert _ids("Jasyryn") == []
    assert _ids("Tursunov", type="film") == []  # the director's name no longer finds the draft
    assert _ids("Tursunov", type="person") == [director.pk]


def test_dictionary_words_are_remembered_until_the_index_changes(kz, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.search import dictionary

    tomiris = film(kz, ("Tomiris", "en"))

    def statements(q: str) -> tuple[list[int], int]:
        with CaptureQueriesContext(connection) as captured:
            ids = _ids(q)
        return ids, len(captured.captured_queries)

    first, looked_up = statements("Tomirs")
    again, remembered = statements("Tomirs")
    assert first == again == [tomiris.pk]
    assert remembered < looked_up  # the typo's corrections came from memory
    # a new word in the index is a correction at once: this process forgot what it remembered
    tomirus = film(kz, ("Tomirus", "en"))
    assert set(_ids("Tomirs")) == {tomiris.pk, tomirus.pk}
    # remembered words expire
    monkeypatch.setattr(dictionary, "WORD_CACHE_SECONDS", -1.0)
    _ids("Tomirs")
    assert statements("Tomirs")[1] == looked_up


def test_a_last_word_of_one_or_two_letters_is_left_to_the_ranking(kz):
    f = film(kz, ("Qyz Jibek", "kk-Latn"))
    film(kz, ("Jibek Joly", "kk-Latn"))
    assert _ids("jibek q")[0] == f.pk  # found by "jibek", ranked by "q" as the beginning of a word
    assert _ids("qy")[0] == f.pk  # alone: the keys beginning so


def test_few_answers_bring_what_they_show_in_the_same_statement(kz, django_assert_num_queries):
    from korkyt.search.results import present, search_results
    from korkyt.search.selectors import find

    f = film(kz, ("Томирис", "kk"), ("Tomiris", "en"), year=2019)
    found = find(user=ANON, q="Томирис", limit=5)
    assert [h.id for h in found.hits] == [f.pk]
    assert {row[3] for row in found.names} >= {"Томирис", "Tomiris"}
    with django_assert_num_queries(0):  # nothing left to read
        shown = present(found.hits, language="en", script=None, known=found.names)
    assert (shown[0].title.text, shown[0].original_title.text, shown[0].year) == ("Tomiris", "Томирис", 2019)
    # more films than results wanted: the titles are read for the hits only, afterwards
    for n in range(4):
        film(kz, (f"Tomiris {n}", "en"))
    crowded = find(user=ANON, q="Tomiris", limit=2)
    assert len(crowded.hits) == 2 and crowded.names == []
    shown = search_results(user=ANON, q="Tomiris", limit=2, viewer_language="en", script=None)
    assert [r.id for r in shown] == [h.id for h in crowded.hits]
    assert shown[0].title.text == "Tomiris"


def test_search_statements_are_prepared_on_postgresql(kz, settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL feature (this run is on SQLite)")
    f = film(kz, ("Tomiris", "en"), ("Kelin", "en"))

    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql")
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(8):  # psycopg prepares a statement from its sixth run on a connection
        assert _ids("Tomiris") == [f.pk]
    assert prepared() > before
    settings.KORKYT_DB_PREPARED = False  # behind a transaction-pooling PgBouncer: nothing prepared
    now = prepared()
    for _ in range(8):
        assert _ids("Kelin", type="film") == [f.pk]
    assert prepared() == now


def test_an_expired_word_is_remembered_again(kz, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.search import dictionary

    film(kz, ("Tomiris", "en"))

    def statements() -> int:
        with CaptureQueriesContext(connection) as captured:
            _ids("Tomirs")
        return len(captured.captured_queries)

    looked_up = statements()
    later = dictionary.time.monotonic() + dictionary.WORD_CACHE_SECONDS + 60
    monkeypatch.setattr(dictionary.time, "monotonic", lambda: later)
    assert statements() == looked_up  # expired: asked again
    assert statements() < looked_up  # and remembered from then on


@pytest.mark.parametrize(
    ("title", "query"), [("Лёд", "Лед"), ("Зелёный фургон", "Зеленый"), ("Зелёный фургон", "Zelenyy furgon")]
)
def test_russian_e_typed_for_yo_finds_the_title(kz, title, query):
    f = film(kz, (title, "ru"))
    assert _ids(query) == [f.pk]
    assert _ids(title) == [f.pk]  # as written, too


@pytest.mark.parametrize(
    ("title", "query"), [("Gələcək", "Gelecek"), ("Gələcək", "Galacak"), ("Demo səs", "Demo ses")]
)
def test_azerbaijani_e_typed_for_schwa_finds_the_title(kz, title, query):
    f = film(kz, (title, "az-Latn"))
    assert _ids(query) == [f.pk]
    assert _ids(title) == [f.pk]


def test_yo_written_as_e_finds_a_person_by_the_exact_name():
    from korkyt.search.selectors import people_named

    p = person(("Пётр Тодоровский", "ru"))
    assert people_named("Петр Тодоровский") == people_named("Пётр Тодоровский") == [p.pk]


def test_the_last_resort_keeps_what_it_found_as_typos(kz):
    f = film(kz, ("Marmaris", "tr"))
    # two edits in an 8-letter word (one allowed): only the last resort finds it, and it is kept
    assert _ids("Marmeres") == [f.pk]
    # what it finds is ranked by those edits, a nearly equal title first
    near = film(kz, ("Dala kyzy ai", "kk-Latn"))
    film(kz, ("Tau kyzy", "kk-Latn"))
    assert _ids("Dal kyzy ai")[0] == near.pk


def test_a_plain_c_is_read_both_as_c_and_as_turkic_c(kz):
    colcu = film(kz, ("Çölçü", "az-Latn"))
    javad = film(kz, ("Cavad xan", "az-Latn"))
    assert _ids("Colcu") == [colcu.pk]  # ç typed without its cedilla
    assert _ids("Colc") == [colcu.pk]  # being typed
    assert _ids("Colcu", type="film") == [colcu.pk]
    assert _ids("Cavad xan") == _ids("Javad khan") == [javad.pk]  # c = j (Azerbaijani, Turkish)


def test_a_whole_word_ranks_above_a_word_that_only_begins_so(kz):
    road = film(kz, ("Анаға апарар жол", "kk"))
    colourless = film(kz, ("Colourless Dreams", "en"))  # key "jolourles dreams": begins with "jol"
    assert _ids("Jol")[:2] == [road.pk, colourless.pk]
    island = film(kz, ("Daxildəki ada", "az-Latn"))
    for title in ("Adam", "Adalet", "Adamlar"):
        film(kz, (title, "tr"))
    assert _ids("Ada")[0] == island.pk
    # whole words at the beginning of a key still make it a prefix: above the same words elsewhere
    start = film(kz, ("Ada Kaleleri", "tr"))
    assert _ids("Ada")[:2] == [start.pk, island.pk]


def test_people_are_not_narrowed_by_film_filters(kz, client: Client):
    director = person(("Akan Satayev", "en"))
    f = film(kz, ("Tomiris", "en"), kind="feature", countries=["KZ"])
    services.credit_create(actor=SYSTEM, film=f, role="director", person=director)
    hits = search(user=ANON, q="Akan Satayev", type="person", kind="feature", country="KZ")
    assert [(h.type, h.id) for h in hits] == [("person", director.pk)]
    # the API says the combination makes no sense, naming the film filters given
    answer = client.get(
        "/api/search", {"q": "Akan Satayev", "type": "person", "country": "KZ", "kind": "feature"}
    )
    assert answer.status_code == 422
    assert sorted(e["field"] for e in answer.json()["errors"]) == ["country", "kind"]
    assert (
        client.get("/api/search", {"q": "Akan Satayev", "type": "film", "country": "KZ"}).status_code == 200
    )
    # the page shows the people and says the kind was not used
    page = client.get(
        "/en/search/", {"q": "Akan Satayev", "type": "person", "kind": "feature"}
    ).content.decode()
    assert f"/en/people/{director.pk}/" in page and f"/en/films/{f.pk}/" not in page
    assert "applies to films only" in page
    assert (
        "applies to films only"
        not in client.get("/en/search/", {"q": "Akan", "kind": "feature"}).content.decode()
    )


def test_a_letter_typed_over_and_over_finds_nothing(kz):
    """ "zzzz" folds to the key "z" (a repeated letter is kept once, as "Anna" is "ana"): it must not list
    every name that begins with z."""
    zaur = person(("Zaur Qasımlı", "az"))
    film(kz, ("Qala", "kk"))
    assert _ids("Zaur", type="person") == [zaur.pk]
    for nonsense in ("zzzz", "qqqq", "ққққ", "zzz"):
        assert _ids(nonsense) == [], nonsense
    assert Client().get("/en/search/?q=zzzz").status_code == 200
    assert "Zaur" not in Client().get("/en/search/?q=zzzz").content.decode()
