"""The coverage page as people read it: a film counts once per country pair whichever script its subtitles
are in, the heatmap names the countries and its steps can be told apart, languages are named (not tagged),
memoranda are named (not numbered), and the film table is paged."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
from korkyt.localization import coverage, services
from korkyt.localization.views import HEATMAP_STEPS, _heatmap, _heatmap_step
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def turkish_film_in_kazakh(world):
    film = Film.objects.create(owner=world["tr"], status=FilmStatus.PUBLISHED, year=2020)
    FilmTitle.objects.create(film=film, text="Bozkır", language="tr")
    services.track_upload(
        actor=world["users"]["tr_editor"], film=film, language="kk-Cyrl", data=KK_SRT, file_name="b.kk.srt"
    )
    return film


def test_a_film_counts_once_per_country_pair_whatever_the_script(world, turkish_film_in_kazakh):
    data = coverage.coverage(user=world["users"]["admin"])
    pairs = {(p["from"], p["to"]): p for p in data.pairs}
    # kk-Cyrl available, kk-Latn missing: one film, available (not two films, half of them missing)
    assert pairs[("TR", "KZ")] == {"from": "TR", "to": "KZ", "available": 1, "in_progress": 0, "missing": 0}
    # uz-Latn and uz-Cyrl both missing for both films: still one film each
    assert sum(pairs[("KZ", "UZ")][k] for k in ("available", "in_progress", "missing")) == 1


def test_heatmap_steps_tell_zero_from_a_few_percent():
    assert _heatmap_step(0)[0] != _heatmap_step(8)[0]
    fills = [fill for _floor, fill, _ink in HEATMAP_STEPS]
    assert len(set(fills)) == len(fills)
    assert _heatmap_step(100)[1] == "#ffffff"  # the darkest step carries white figures


def test_heatmap_names_countries_in_the_interface_language(world, turkish_film_in_kazakh, settings):
    from django.utils import translation

    data = coverage.coverage(user=world["users"]["admin"])
    with translation.override("kk"):
        heatmap = _heatmap(data.pairs)
    names = [c["name"] for c in heatmap["countries"]]
    assert "Қазақстан" in names and "KZ" not in names
    assert any("Түркия → Қазақстан: 100%" in str(c["title"]) for c in heatmap["cells"])


@pytest.mark.parametrize("lang", ["kk", "tr", "ru"])
def test_coverage_page_shows_names_not_codes(world, job, turkish_film_in_kazakh, lang):
    html = _client(world["users"]["kz_editor"]).get(f"/{lang}/localization/coverage/").content.decode()
    head = re.search(r"<thead>(.*?)</thead>", html, re.S).group(1)
    assert "kk-Cyrl" not in head and ">tr<" not in head
    assert ">KZ<" not in html and ">TR<" not in html
    memo_link = re.search(rf'href="/{lang}/memoranda/\d+/"[^>]*>([^<]+)</a>', html).group(1)
    assert not memo_link.startswith("#")
    # on a phone the map scrolls inside its own box, which the keyboard can reach and which is named
    assert '<div class="hm-scroll" tabindex="0" role="region" aria-labelledby="heatmap-title">' in html


def test_coverage_table_is_paged_and_in_the_navigation(world):
    owner = world["kz"]
    for i in range(55):
        film = Film.objects.create(owner=owner, status=FilmStatus.PUBLISHED, year=1990 + i % 30)
        FilmTitle.objects.create(film=film, text=f"Фильм {i}", language="kk-Cyrl")
    client = _client(world["users"]["kz_editor"])
    first = client.get("/en/localization/coverage/").content.decode()
    assert 'rel="next"' in first and "Page 1 of 2" in first
    assert first.count('<th scope="row">') == 50
    second = client.get("/en/localization/coverage/?page=2").content.decode()
    assert second.count('<th scope="row">') == 6
    assert client.get("/en/localization/coverage/?page=abc").status_code == 200
    assert 'href="/en/localization/coverage/"' in Client().get("/en/films/").content.decode()
