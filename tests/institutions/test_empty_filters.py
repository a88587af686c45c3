"""A filter of the institutions or memoranda list that matches nothing says so and offers to clear it (as the
films list does); the unfiltered empty list has nothing to clear."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

CLEAR = "Clear filters</a>"


def test_institutions_matching_nothing_offer_to_clear_the_filters() -> None:
    InstitutionFactory(code="KZ-SCSNC", country="KZ")
    client = Client()
    nothing = client.get("/en/institutions/", {"q": "no such institution"}).content.decode()
    assert "No institution matches." in nothing
    assert f'<a class="clear-filters" href="/en/institutions/">{CLEAR}' in nothing
    partial = client.get("/en/institutions/", {"q": "no such institution"}, headers={"HX-Request": "true"})
    assert CLEAR in partial.content.decode()  # the results htmx swaps in carry it too
    assert CLEAR not in client.get("/en/institutions/").content.decode()


def test_memoranda_matching_nothing_offer_to_clear_the_filters() -> None:
    client = Client()
    nothing = client.get("/en/memoranda/", {"status": "terminated"}).content.decode()
    assert "No memorandum matches." in nothing
    assert f'<a class="clear-filters" href="/en/memoranda/">{CLEAR}' in nothing
    assert CLEAR not in client.get("/en/memoranda/").content.decode()
