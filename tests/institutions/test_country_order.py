"""Countries on the institutions' pages and the home page's table of country pairs are in the alphabetical
order of the reader's language (Azerbaijani Q after K; pairs not in the order of their ISO codes)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from korkyt.core.permissions import SYSTEM
from korkyt.institutions import selectors
from tests.factories import InstitutionFactory, memorandum

pytestmark = pytest.mark.django_db


def test_the_institutions_country_filter_follows_the_readers_alphabet():
    for code, country in (("PL-A", "PL"), ("KZ-A", "KZ"), ("CU-A", "CU")):
        InstitutionFactory(code=code, country=country)
    page = Client().get("/az/institutions/").content.decode()
    options = page.split('id="f-country"', 1)[1].split("</select>", 1)[0]
    assert options.index(">Kuba<") < options.index(">Qazaxıstan<") < options.index(">Polşa<")


def test_country_pairs_are_named_and_listed_in_alphabetical_order():
    kz, kg, az = (InstitutionFactory(code=f"{c}-P", country=c) for c in ("KZ", "KG", "AZ"))
    memorandum(kz, kg)
    memorandum(kg, az)
    memorandum(az, kz)
    with translation.override("en"):
        rows = selectors.country_pair_report(user=SYSTEM)
    assert [row.names for row in rows] == [
        ("Azerbaijan", "Kazakhstan"),
        ("Azerbaijan", "Kyrgyzstan"),
        ("Kazakhstan", "Kyrgyzstan"),
    ]
    assert [row.countries for row in rows] == [("AZ", "KZ"), ("AZ", "KG"), ("KZ", "KG")]
    with translation.override("kk"):
        rows = selectors.country_pair_report(user=SYSTEM)
    assert [row.names for row in rows] == [
        ("Әзірбайжан", "Қазақстан"),
        ("Әзірбайжан", "Қырғызстан"),
        ("Қазақстан", "Қырғызстан"),
    ]
