"""Catalogue facets follow the filters: each facet counts the films matching every other filter, and a
filtered list offers to clear the filters."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from korkyt.catalogue import selectors
from korkyt.catalogue.models import Film, FilmCountry, FilmKind, FilmStatus, FilmTitle
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def films():
    owner = InstitutionFactory(code="KZ-F", country="KZ")
    rows = [
        (FilmKind.FEATURE, "KZ", 1995),
        (FilmKind.FEATURE, "TR", 2015),
        (FilmKind.DOCUMENTARY, "KZ", 2012),
        (FilmKind.DOCUMENTARY, "KZ", 2018),
    ]
    for i, (kind, country, year) in enumerate(rows):
        film = Film.objects.create(owner=owner, status=FilmStatus.PUBLISHED, kind=kind, year=year)
        FilmTitle.objects.create(film=film, text=f"Фильм {i}", language="kk-Cyrl")
        FilmCountry.objects.create(film=film, country=country)


def test_facet_counts_follow_the_other_filters(films):
    anyone = AnonymousUser()
    everything = selectors.film_facets(user=anyone)
    assert dict(everything["kind"]) == {"feature": 2, "documentary": 2}
    kazakh = selectors.film_facets(user=anyone, country="KZ")
    assert dict(kazakh["kind"]) == {"feature": 1, "documentary": 2}
    assert dict(kazakh["country"]) == {"KZ": 3, "TR": 1}  # the chosen facet keeps its siblings
    documentaries_2010s = selectors.film_facets(user=anyone, kind="documentary", year_from=2010, year_to=2019)
    assert dict(documentaries_2010s["country"]) == {"KZ": 2}
    assert dict(documentaries_2010s["decade"]) == {"2010": 2}
    assert dict(documentaries_2010s["kind"]) == {"documentary": 2, "feature": 1}


def test_a_filtered_list_offers_to_clear_the_filters(films):
    page = Client().get("/en/films/?country=KZ").content.decode()
    assert 'class="clear-filters" href="/en/films/"' in page
    assert ">Feature film (1)<" in page and ">Documentary (2)<" in page
    assert "clear-filters" not in Client().get("/en/films/").content.decode()


def test_the_country_filter_is_in_the_alphabetical_order_of_the_readers_language():
    """Turkish puts Çekya between C and D, not after every unaccented letter as code points do."""
    owner = InstitutionFactory(code="TR-F", country="TR")
    for i, country in enumerate(("TR", "CZ", "DK")):
        film = Film.objects.create(owner=owner, status=FilmStatus.PUBLISHED, kind=FilmKind.FEATURE, year=2020)
        FilmTitle.objects.create(film=film, text=f"Film {i}", language="tr")
        FilmCountry.objects.create(film=film, country=country)
    page = Client().get("/tr/films/").content.decode()
    assert page.index(">Çekya (1)<") < page.index(">Danimarka (1)<") < page.index(">Türkiye (1)<")
