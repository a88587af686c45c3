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
