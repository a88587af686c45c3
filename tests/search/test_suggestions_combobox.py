"""The header's search field is a WAI-ARIA combobox of the suggestions list: the field names the list it
controls and says whether it is open; each suggestion is an option with an id (for aria-activedescendant),
not selected and out of the Tab order (the arrow keys reach it, search/suggestions.js)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import InstitutionFactory, film

pytestmark = pytest.mark.django_db


def _attrs(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def test_the_header_search_field_is_a_combobox(client: Client):
    page = client.get("/en/films/").content.decode()
    field = _attrs(re.search(r'<input id="site-q"[^>]*>', page, re.S).group(0))
    assert field["role"] == "combobox"
    assert field["aria-expanded"] == "false"
    assert field["aria-autocomplete"] == "list"
    assert field["aria-controls"] == "site-suggestions-list"
    assert 'src="/static/search/suggestions.js"' in page or "search/suggestions" in page


def test_each_suggestion_is_an_option_the_field_can_point_at(client: Client):
    kz = InstitutionFactory(code="KZ-TEST", country="KZ")
    film(kz, ("Көшпенділер", "kk"), ("Nomad", "en"))
    fragment = client.get(
        "/en/search/suggest/", {"q": "nomad"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'id="site-suggestions-list"' in fragment and 'role="listbox"' in fragment
    options = re.findall(r'<a role="option"[^>]*>', fragment)
    assert len(options) == 2  # the film and "All results"
    ids = [_attrs(o)["id"] for o in options]
    assert len(set(ids)) == 2
    for option in options:
        attrs = _attrs(option)
        assert attrs["aria-selected"] == "false" and attrs["tabindex"] == "-1" and attrs["href"]
    assert '<span lang="en">Nomad</span>' in fragment
    # nothing but options (or their presentational items) inside the listbox
    assert all('role="none"' in li or 'role="option"' in li for li in re.findall(r"<li[^>]*>", fragment))
    empty = client.get(
        "/en/search/suggest/", {"q": "zzzqqq"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert 'aria-disabled="true"' in empty and "Nothing found." in empty
