"""Festival names as readers expect them: an edition in the reader's language, the festival's name as each
language writes it and the host city as the catalogue knows it ("Қорқыт Ата 6 · Ақтау 2027"; a city the
catalogue does not know stays as entered), and projection formats as the trade writes them."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from korkyt.festival.selectors import edition_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Korkyt Ata 6 · Aktau {year}"),
        ("kk", "Қорқыт Ата 6 · Ақтау {year}"),
        ("ru", "Коркыт Ата 6 · Актау {year}"),
        ("tr", "Korkut Ata 6 · Aktav {year}"),
        ("uz", "Qoʻrqut Ota 6 · Oqtov {year}"),
    ],
)
def test_the_name_in_each_language(edition, language, expected):
    with translation.override(language):
        assert edition_name(edition) == expected.format(year=edition.starts_on.year)


def test_a_city_the_catalogue_does_not_know_stays_as_entered(edition):
    edition.city = "Shusha"
    with translation.override("kk"):
        assert edition_name(edition) == f"Қорқыт Ата 6 · Shusha {edition.starts_on.year}"


def test_the_activity_title_is_in_the_language_asked_for_and_tagged_with_it(edition):
    with translation.override("en"):
        title = edition.activity_title("ky")
        assert (title.text, title.lang) == (f"Коркут Ата 6 · Актау {edition.starts_on.year}", "ky")
        assert translation.get_language() == "en"  # the page's language is left as it was


def test_the_edition_page_names_it_in_the_page_language(client: Client, edition):
    html = client.get(f"/kk/festival/{edition.number}/").content.decode()
    assert f"Қорқыт Ата 6 · Ақтау {edition.starts_on.year}" in html
    assert "Korkyt Ata 6" not in html
    assert "· Ақтау, Қазақстан" in html  # the host city in the facts line
    listing = client.get("/ru/festival/").content.decode()
    assert "· Актау, Казахстан" in listing and "Aktau," not in listing


def test_an_entry_page_names_its_edition_in_the_page_language(
    client: Client, feature, agency_kg, kg_editor, kg_head, staff
):
    from tests.festival.conftest import eligible_entry

    sub = eligible_entry(feature, agency_kg, kg_editor, kg_head)
    client.force_login(staff)
    html = client.get(f"/tr/festival/submissions/{sub.pk}/").content.decode()
    assert f"Korkut Ata 6 · Aktav {feature.edition.starts_on.year}" in html
    assert "Korkyt Ata 6 (" not in html


def test_projection_formats_are_written_as_the_trade_writes_them():
    from korkyt.festival.templatetags.festival_names import projection_formats

    assert projection_formats(["DCP", "PRORES", "H264"]) == "DCP, ProRes, H.264"
    assert projection_formats(["IMAX"]) == "IMAX" and projection_formats(None) == ""


def test_the_api_names_the_edition_in_the_requests_language(client: Client, edition):
    kk = client.get(f"/api/festival/editions/{edition.number}", headers={"Accept-Language": "kk"}).json()
    en = client.get(f"/api/festival/editions/{edition.number}").json()
    year = edition.starts_on.year
    assert (kk["name"], kk["city"]) == (f"Қорқыт Ата 6 · Ақтау {year}", "Aktau")
    assert en["name"] == f"Korkyt Ata 6 · Aktau {year}"
