"""``sort_key``: names in the alphabetical order of each interface language (CLDR's collation), not by code
point nor by the names stripped to ASCII (which put Ç among the C and the Cyrillic names in English order)."""

from __future__ import annotations

import pytest
from django.utils import translation

from korkyt.core.collation import sort_by_name, sort_key
from korkyt.core.languages import UI_LANGUAGES


@pytest.mark.parametrize(
    ("language", "ordered"),
    [
        ("tr", ["Cezayir", "Cibuti", "Çad", "Danimarka", "Hindistan", "Irak", "İran"]),
        ("az", ["Haiti", "Xorvatiya", "İsrail", "Kuba", "Qazaxıstan", "Latviya", "Polşa"]),
        ("ru", ["Азербайджан", "Казахстан", "Кыргызстан", "Турция", "Zebra"]),
        (
            "kk",
            [
                "Бельгия",
                "Біріккен Араб Әмірліктері",
                "Оман",
                "Өзбекстан",
                "Уганда",
                "Ұлыбритания",
                "Үндістан",
            ],
        ),
        ("ky", ["Оман", "Өзбекстан", "Тунис", "Түркия"]),
        ("uz", ["Daniya", "Zambiya", "Oʻzbekiston", "Gʻarbiy Sahroi Kabir", "Shvetsiya", "Chad"]),
        ("tk", ["Çad", "Kuba", "Sudan", "Şri-Lanka", "Yrak", "Ýaponiýa", "Zambiýa"]),
        ("en", ["Afghanistan", "Åland Islands", "Albania"]),
    ],
)
def test_each_language_puts_its_letters_where_its_alphabet_has_them(language, ordered):
    assert sorted(reversed(ordered), key=lambda name: sort_key(name, language)) == ordered


def test_the_spellings_of_a_letter_sort_alike_and_case_comes_after_the_letters():
    assert sort_key("O‘zbekiston", "uz") == sort_key("Oʻzbekiston", "uz")  # either apostrophe
    assert sort_key("Çad", "tr") > sort_key("çad", "tr")
    assert sort_key("Çad", "tr") < sort_key("çae", "tr")


def test_the_interface_language_orders_by_default():
    names = ["Polşa", "Qazaxıstan", "Kuba"]
    with translation.override("az"):
        assert sort_by_name(names) == ["Kuba", "Qazaxıstan", "Polşa"]
    with translation.override("en"):
        assert sort_by_name(names) == ["Kuba", "Polşa", "Qazaxıstan"]
    with translation.override("az-Latn"):
        assert sort_by_name(names, name=str.upper) == ["Kuba", "Qazaxıstan", "Polşa"]


def test_every_country_is_where_icu_puts_it_in_every_language():
    """ICU (PyICU, a development dependency) reads the same CLDR collations: the whole list of countries
    agrees in each interface language."""
    icu = pytest.importorskip("icu")
    from babel import Locale
    from django_countries.data import COUNTRIES

    for language in UI_LANGUAGES:
        names = [name for code, name in Locale.parse(language).territories.items() if code in COUNTRIES]
        collator = icu.Collator.createInstance(icu.Locale(language))
        expected = sorted(names, key=collator.getSortKey)
        assert sorted(names, key=lambda name, lang=language: sort_key(name, lang)) == expected, language
