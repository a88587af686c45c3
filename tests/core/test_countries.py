"""Country names come from CLDR in every interface language, through django-countries itself: the model
field, form choices and ``country.name`` alike (django-countries has no kk, az, ky, tk or uz catalogue)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_countries import countries
from django_countries.fields import Country

from korkyt.core.countries import country_name


@pytest.mark.parametrize(
    ("language", "france", "kazakhstan"),
    [
        ("en", "France", "Kazakhstan"),
        ("ru", "Франция", "Казахстан"),
        ("kk", "Франция", "Қазақстан"),
        ("az", "Fransa", "Qazaxıstan"),
        ("ky", "Франция", "Казакстан"),
        ("tk", "Fransiýa", "Gazagystan"),
        ("tr", "Fransa", "Kazakistan"),
        ("uz", "Fransiya", "Qozogʻiston"),
    ],
)
def test_country_names_are_in_the_interface_language(language, france, kazakhstan):
    with translation.override(language):
        assert Country("FR").name == france
        assert Country("KZ").name == kazakhstan
        assert dict(countries)["FR"] == france  # the choices of every country field and filter


def test_a_language_cldr_does_not_know_keeps_django_countries_name():
    with translation.override("xx"):
        assert country_name("FR") == "France"
    with translation.override("kk"):
        assert country_name("Q1") == "Q1"  # neither CLDR nor django-countries: the code


def test_kyrgyzstan_keeps_its_own_russian_name():
    from django.utils import translation

    from korkyt.core.countries import country_name

    with translation.override("ru"):
        assert country_name("KG") == "Кыргызстан"
        assert country_name("KZ") == "Казахстан"
