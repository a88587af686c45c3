"""The programmer's country filter: each country its entries represent, once, in the alphabetical order of
the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.festival import selectors
from korkyt.festival.models import Section, Submission
from tests.festival.conftest import eligible_entry, make_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(feature: Section, agency_kg: Any, kg_editor: Any, kg_head: Any) -> None:
    first = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    for number, country in enumerate(("TR", "TR", "AZ", "TR", "TM", "KG")):
        Submission.objects.create(
            section=feature,
            film=make_film(agency_kg, f"Film {number}"),
            country=country,
            route="direct",
            submitted_by=first.submitted_by,
        )


def test_each_country_is_offered_once_in_the_readers_alphabetical_order(
    feature: Section, entries: None
) -> None:
    from django.utils import translation

    with translation.override("tr"):
        assert selectors.submission_countries(feature.edition) == [
            ("AZ", "Azerbaycan"),
            ("KG", "Kırgızistan"),
            ("TR", "Türkiye"),
            ("TM", "Türkmenistan"),
        ]
    with translation.override("ru"):
        assert [name for _code, name in selectors.submission_countries(feature.edition)] == [
            "Азербайджан",
            "Кыргызстан",
            "Туркменистан",
            "Турция",
        ]


def test_the_programme_page_offers_each_country_once(feature: Section, entries: None, staff: Any) -> None:
    client = Client()
    client.force_login(staff)
    page = client.get(f"/tr/festival/{feature.edition.number}/programme/").content.decode()
    options = page.split('<select name="country">', 1)[1].split("</select>", 1)[0]
    assert options.count('value="TR"') == 1
    assert options.index("Kırgızistan") < options.index("Türkiye") < options.index("Türkmenistan")
