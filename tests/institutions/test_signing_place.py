"""The place a memorandum was signed is content: given per language, shown with its `lang`, falling back like
any other text; the demo data gives it in the languages it is known in."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.config.demo import SYSTEM, load
from korkyt.core.translations import Text
from korkyt.institutions import selectors, services
from korkyt.institutions.models import Memorandum
from tests.factories import InstitutionFactory, MembershipFactory, memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo():
    kz, tr = InstitutionFactory(code="KZ-P", country="KZ"), InstitutionFactory(code="TR-P", country="TR")
    memo = memorandum(kz, tr, status="signed")
    services.memorandum_update(
        actor=SYSTEM,
        memorandum=memo,
        translations=[
            {"language": "en", "place": "Aktau"},
            {"language": "kk", "place": "Ақтау"},
        ],
    )
    return memo


def test_place_is_kept_per_language_and_falls_back(memo):
    assert selectors.memorandum_place(memo, "kk") == Text("Ақтау", "kk-Cyrl")
    # no Turkish place: English, marked as English
    assert selectors.memorandum_place(memo, "tr") == Text("Aktau", "en")
    # a place alone does not make a title: the title is still the one made of the parties
    assert "Memorandum of cooperation" in selectors.memorandum_title(memo, "en").text


def test_pages_mark_the_place_with_its_language(memo, client: Client):
    html = client.get(f"/kk/memoranda/{memo.pk}/").content.decode()
    assert '<span lang="kk-Cyrl">Ақтау</span>' in html
    html = client.get(f"/tr/memoranda/{memo.pk}/").content.decode()
    assert '<span lang="en">Aktau</span>' in html
    listing = client.get("/tr/memoranda/").content.decode()
    assert '<span lang="en">Aktau</span>' in listing


def test_api_gives_the_place_per_language_and_the_best_one(memo, client: Client):
    body = client.get(f"/api/memoranda/{memo.pk}", headers={"Accept-Language": "kk"}).json()
    assert (body["signed_at"], body["signed_at_lang"]) == ("Ақтау", "kk-Cyrl")
    assert {t["language"]: t["place"] for t in body["translations"]} == {"en": "Aktau", "kk-Cyrl": "Ақтау"}


def test_editor_writes_the_place_in_one_language_on_the_web(memo, client: Client):
    editor = MembershipFactory(institution=memo.party_links.first().institution).user
    client.force_login(editor)
    url = f"/en/staff/memoranda/{memo.pk}/edit/"
    page = client.get(url + "?language=ru").content.decode()
    assert 'name="place"' in page
    form = {
        "parties": [p.institution_id for p in memo.party_links.all()],
        "status": "signed",
        "signed_on": "2025-10-01",
        "signed_on_precision": "day",
        "language": "ru",
        "place": "Актау",
    }
    response = client.post(url, form)
    assert response.status_code == 302, re.findall(r"class=\"error[^>]*>([^<]*)", response.content.decode())
    places = dict(memo.translations.values_list("language", "place"))
    assert places == {"en": "Aktau", "kk-Cyrl": "Ақтау", "ru": "Актау"}


def test_demo_memoranda_give_the_place_in_the_languages_it_is_known_in():
    load()
    memo = Memorandum.objects.get(party_links__institution__code="TR-SGM")
    places = dict(memo.translations.values_list("language", "place"))
    assert set(places) == {"en", "kk-Cyrl", "ru", "tr"}
    assert places["en"] == "Aktau, Korkyt Ata Turkic World Film Festival"
    assert re.match(r"^Ақтау, ", places["kk-Cyrl"]) and places["tr"].startswith("Aktau, Korkut Ata")
    # Kyrgyz is not given: the page falls back on English and says so with lang
    html = Client().get(f"/ky/memoranda/{memo.pk}/").content.decode()
    assert '<span lang="en">Aktau, Korkyt Ata Turkic World Film Festival</span>' in html


@pytest.fixture
def api_editor():
    from korkyt.accounts.services import token_create

    kz, tr = InstitutionFactory(code="KZ-Q", country="KZ"), InstitutionFactory(code="TR-Q", country="TR")
    user = MembershipFactory(institution=kz).user
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}, kz, tr


def _places(memo_id: int) -> dict[str, str]:
    return dict(Memorandum.objects.get(pk=memo_id).translations.values_list("language", "place"))


def test_api_still_takes_a_top_level_signed_at_as_the_english_place(api_editor, client: Client):
    headers, _kz, _tr = api_editor
    created = client.post(
        "/api/memoranda",
        {"parties": ["KZ-Q", "TR-Q"], "status": "signed", "signed_on": "2025-10-01", "signed_at": " Aktau "},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["signed_at"], body["signed_at_lang"]) == ("Aktau", "en")
    assert _places(body["id"]) == {"en": "Aktau"}
    # a PATCH with signed_at changes the English place only; the other languages' places stay
    url = f"/api/memoranda/{body['id']}"
    both = {"signed_at": "Aktau city", "translations": [{"language": "kk", "place": "Ақтау қаласы"}]}
    changed = client.patch(url, both, content_type="application/json", headers=headers)
    assert changed.status_code == 200, changed.content
    assert _places(body["id"]) == {"en": "Aktau city", "kk-Cyrl": "Ақтау қаласы"}
    assert client.get(url, headers={"Accept-Language": "tr"}).json()["signed_at"] == "Aktau city"
    # a PATCH without it leaves the place alone
    unrelated = client.patch(url, {"status": "signed"}, content_type="application/json", headers=headers)
    assert unrelated.status_code == 200
    assert _places(body["id"])["en"] == "Aktau city"


def test_api_place_per_translation_is_the_preferred_way(api_editor, client: Client):
    headers, _kz, _tr = api_editor
    texts = [
        {"language": "en", "place": "Ankara"},
        {"language": "tr", "place": "Ankara", "title": "Mutabakat"},
    ]
    created = client.post(
        "/api/memoranda",
        {"parties": ["KZ-Q", "TR-Q"], "translations": texts},
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    memo_id = created.json()["id"]
    assert _places(memo_id) == {"en": "Ankara", "tr": "Ankara"}
    url = f"/api/memoranda/{memo_id}"
    # the same English place both ways is accepted; two different ones are an error naming signed_at
    same = {"signed_at": "Ankara", "translations": [{"language": "en", "place": "Ankara"}]}
    assert client.patch(url, same, content_type="application/json", headers=headers).status_code == 200
    clash = {"signed_at": "Aktau", "translations": [{"language": "en", "place": "Ankara"}]}
    refused = client.patch(url, clash, content_type="application/json", headers=headers)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "signed_at"
    assert _places(memo_id) == {"en": "Ankara", "tr": "Ankara"}
    too_long = client.patch(url, {"signed_at": "x" * 201}, content_type="application/json", headers=headers)
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "signed_at"


def test_service_takes_signed_at_as_the_english_place(memo):
    services.memorandum_update(actor=SYSTEM, memorandum=memo, signed_at="Aktau, Caspian coast")
    assert dict(memo.translations.values_list("language", "place")) == {
        "en": "Aktau, Caspian coast",
        "kk-Cyrl": "Ақтау",
    }
