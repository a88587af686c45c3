"""The one pager (core/pagination.html): its links change the page and keep the rest of the query."""

from __future__ import annotations

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.factories import InstitutionFactory, film

pytestmark = pytest.mark.django_db


def _links(html: str) -> dict[str, str]:
    return {rel: href.replace("&amp;", "&") for rel, href in re.findall(r'rel="(\w+)" href="([^"]*)"', html)}


def test_the_pager_keeps_filters_and_repeated_names_and_changes_only_the_page() -> None:
    request = RequestFactory().get(
        "/en/films/", {"q": "Қыз Жібек", "kind": ["feature", "animation"], "page": "2"}
    )
    page = Paginator(list(range(30)), 10).get_page(2)
    html = render_to_string("core/pagination.html", {"page": page}, request=request)
    links = _links(html)
    assert set(links) == {"prev", "next"}
    for rel, number in (("prev", "1"), ("next", "3")):
        assert links[rel].startswith("?") and links[rel].count("page=") == 1, links[rel]
        assert f"page={number}" in links[rel]
        assert "kind=feature" in links[rel] and "kind=animation" in links[rel]
        assert "q=%D2%9A%D1%8B%D0%B7" in links[rel]  # the search, encoded


def test_the_film_list_pages_forward_and_back_without_growing_its_query(client) -> None:  # type: ignore[no-untyped-def]
    owner = InstitutionFactory()
    for n in range(60):
        film(owner, (f"Film {n:02d}", "en"))
    first = client.get("/en/films/").content.decode()
    second = client.get("/en/films/" + _links(first)["next"]).content.decode()
    back = _links(second)["prev"]
    assert back == "?page=1", back  # before: "?2&page=1", and one more "&2" a page
