from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.catalogue import services
from korkyt.config.demo import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def kz():
    return InstitutionFactory(code="KZ-A", country="KZ")


@pytest.fixture
def headers(kz):
    user = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_create_film_generates_titles_and_is_searchable(client: Client, kz, headers):
    body = {
        "owner": "KZ-A",
        "titles": [
            {"text": "Қыз Жібек", "language": "kk"},
            {"text": "Kyz-Zhibek", "language": "en", "kind": "translated"},
        ],
        "kind": "feature",
        "year": 1970,
        "countries": [{"country": "KZ"}],
        "original_languages": ["kk"],
        "synopses": [{"language": "en", "text": "A love story of the steppe."}],
        "source_urls": ["https://example.org/kyz-zhibek"],
        "status": "published",
        "wikidata_id": "Q4063395",
    }
    response = client.post("/api/films", body, content_type="application/json", headers=headers)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["original_title"] == "Қыз Жібек" and data["original_title_lang"] == "kk-Cyrl"
    assert {(t["language"], t["text"]) for t in data["titles"] if t["generated"]} >= {
        ("kk-Latn", "Qyz Jıbek"),
        ("kk-Latn", "Qyz Zhibek"),
    }
    assert data["original_languages"] == ["kk-Cyrl"]
    found = client.get("/api/search?q=Kız Jibek").json()
    assert found["results"][0]["id"] == data["id"]


def test_validation_errors_name_the_field(client: Client, kz, headers):
    body = {
        "owner": "KZ-A",
        "titles": [{"text": "X", "language": "xx"}],
        "imdb_id": "123",
        "countries": [{"country": "ZZ"}],
    }
    response = client.post("/api/films", body, content_type="application/json", headers=headers)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"titles[0].language", "imdb_id", "countries[0].country"} <= fields
    too_old = client.post(
        "/api/films", {**body, "year": 1500}, content_type="application/json", headers=headers
    )
    assert too_old.status_code == 422 and too_old.json()["errors"][0]["field"] == "year"
    assert client.get("/api/films/99999999999999999999").status_code in (404, 422)


def test_film_list_filters_and_title_language(client: Client, kz):
    a = film(kz, ("Келін", "kk"), ("Kelin", "en"), year=2009, kind="feature", countries=["KZ"])
    b = film(kz, ("Мұзбалақ", "kk"), year=2018, kind="animation", countries=["KZ", "KG"])
    services.track_create(actor=SYSTEM, film=b, kind="dub", language="ky", status="available")
    assert [f["id"] for f in client.get("/api/films?kind=animation").json()["items"]] == [b.pk]
    assert [f["id"] for f in client.get("/api/films?country=kg").json()["items"]] == [b.pk]
    assert [f["id"] for f in client.get("/api/films?year_to=2010").json()["items"]] == [a.pk]
    assert [f["id"] for f in client.get("/api/films?language=ky").json()["items"]] == [b.pk]
    en = client.get(f"/api/films/{a.pk}", headers={"Accept-Language": "en"}).json()
    assert (en["title"], en["title_lang"]) == ("Kelin", "en")
    kk = client.get(f"/api/films/{a.pk}", headers={"Accept-Language": "kk"}).json()
    assert (kk["title"], kk["title_lang"]) == ("Келін", "kk-Cyrl")
    kk_latn = client.get(f"/api/films/{a.pk}?script=Latn", headers={"Accept-Language": "kk"}).json()
    assert (kk_latn["title"], kk_latn["title_lang"]) == ("Kelın", "kk-Latn")


def test_credits_tracks_and_people_round_trip(client: Client, kz, headers):
    f = film(kz, ("Келін", "kk"))
    p = client.post(
        "/api/people",
        {"names": [{"text": "Ермек Тұрсынов", "language": "kk"}], "owner": "KZ-A"},
        content_type="application/json",
        headers=headers,
    ).json()
    assert any(n["generated"] and n["text"] == "Ermek Tūrsynov" for n in p["names"])
    credit = client.post(
        f"/api/films/{f.pk}/credits",
        {"role": "director", "person": p["id"]},
        content_type="application/json",
        headers=headers,
    )
    assert credit.status_code == 201 and credit.json()["name"] == "Ермек Тұрсынов"
    assert client.get(f"/api/films/{f.pk}/credits").json()[0]["person"] == p["id"]
    track = client.post(
        f"/api/films/{f.pk}/tracks",
        {"kind": "sdh", "language": "kk-Latn", "status": "in_progress"},
        content_type="application/json",
        headers=headers,
    )
    assert track.status_code == 201
    assert client.get(f"/api/films/{f.pk}").json()["tracks"][0]["kind"] == "sdh"
    bad = client.post(
        f"/api/films/{f.pk}/credits", {"role": "director"}, content_type="application/json", headers=headers
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "person"


def test_film_page_titles_carry_lang_and_json_ld(client: Client, kz):
    f = film(kz, ("Қыз Жібек", "kk"), ("Kyz-Zhibek", "en"), year=1970, source_urls=["https://example.org/k"])
    director = person(("Sultan-Akhmet Khodzhikov", "en"))
    services.credit_create(actor=SYSTEM, film=f, role="director", person=director)
    page = client.get(f"/en/films/{f.pk}/").content.decode()
    assert '<h1 lang="en">Kyz-Zhibek</h1>' in page
    assert '<span lang="kk-Cyrl">Қыз Жібек</span>' in page
    assert '<span lang="kk-Latn">Qyz Jıbek</span>' in page
    assert "<dt>Kazakh (Latin)</dt>" in page
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Movie" and data["name"] == "Kyz-Zhibek"
    assert data["director"][0]["name"] == "Sultan-Akhmet Khodzhikov"
    assert "https://example.org/k" in data["sameAs"]
    kk = client.get(f"/kk/films/{f.pk}/").content.decode()
    assert '<h1 lang="kk-Cyrl">Қыз Жібек</h1>' in kk
    client.cookies["korkyt_script"] = "Latn"
    assert '<h1 lang="kk-Latn">Qyz Jıbek</h1>' in client.get(f"/kk/films/{f.pk}/").content.decode()


def test_json_ld_cannot_be_closed_by_a_title(client: Client, kz):
    f = film(kz, ("</script><script>alert(1)</script>", "en"))
    page = client.get(f"/en/films/{f.pk}/").content.decode()
    assert "<script>alert(1)" not in page


def test_script_switch_sets_cookie_and_refuses_foreign_redirects(client: Client):
    response = client.post("/en/script/", {"script": "Latn", "next": "/en/films/"})
    assert response.status_code == 302 and response["Location"] == "/en/films/"
    assert response.cookies["korkyt_script"].value == "Latn"
    evil = client.post("/en/script/", {"script": "Cyrl", "next": "https://evil.example/"})
    assert evil["Location"] == "/"


def test_browse_page_facets_and_pagination(client: Client, kz):
    for i in range(30):
        film(kz, (f"Фильм {i}", "kk"), year=1990 + i, countries=["KZ"])
    page = client.get("/en/films/").content.decode()
    assert "30 films" in page and 'rel="next"' in page
    assert "Kazakhstan (30)" in page
    second = client.get("/en/films/?page=2&decade=2010").content.decode()
    assert "10 films" in second


@pytest.mark.parametrize(
    ("query", "who"),
    [("YILMAZ", "guney"), ("Yilmaz Guney", "guney"), ("şerif", "goren"), ("SERIF", "goren"), ("Ермек", "ermek"),
     ("Tursynov", "ermek"), ("Zzyzx", None)],
)  # fmt: skip
def test_people_are_listed_by_name_in_any_case_spelling_and_script(client: Client, query, who):
    people = {
        "guney": person(("Yılmaz Güney", "tr")),
        "goren": person(("Şerif Gören", "tr")),
        "ermek": person(("Ермек Тұрсынов", "kk")),
    }
    found = client.get("/api/people", {"q": query}).json()
    assert [p["id"] for p in found["items"]] == ([people[who].pk] if who else [])
