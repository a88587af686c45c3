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


@pytest.mark.parametrize(
    ("language", "network", "before", "after"),
    [
        (
            "tr",
            ["Azerbaycan", "Kazakistan", "Kırgızistan", "Özbekistan", "Türkiye", "Türkmenistan"],
            "Cibuti",
            "Çad",
        ),
        (
            "az",
            ["Azərbaycan", "Qazaxıstan", "Qırğızıstan", "Özbəkistan", "Türkiyə", "Türkmənistan"],
            "Kuba",
            "Qabon",
        ),
        (
            "ru",
            ["Азербайджан", "Казахстан", "Кыргызстан", "Туркменистан", "Турция", "Узбекистан"],
            "Австрия",
            "Багамы",
        ),
        (
            "kk",
            ["Әзірбайжан", "Қазақстан", "Қырғызстан", "Өзбекстан", "Түркия", "Түрікменстан"],
            "Бельгия",
            "Бенин",
        ),
        (
            "ky",
            ["Азербайжан", "Казакстан", "Кыргызстан", "Өзбекстан", "Түркия", "Түркмөнстан"],
            "Чад",
            "Чехия",
        ),
    ],
)
def test_country_choices_follow_the_alphabet_of_the_interface_language(language, network, before, after):
    """Each group in the language's alphabetical order: django-countries sorted the names stripped to ASCII
    (Çad among the C in Turkish, Russian names in the order of their English ones)."""
    from korkyt.core.collation import sort_key
    from korkyt.core.countries import country_choices

    with translation.override(language):
        empty, (_label, ours), (_label2, theirs) = country_choices()
    others = [name for _code, name in theirs]
    assert empty == ("", "—")
    assert [name for _code, name in ours] == network
    assert others.index(before) < others.index(after)
    assert others == sorted(others, key=lambda name: sort_key(name, language))
