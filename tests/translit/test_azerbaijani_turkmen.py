"""Azerbaijani 1991 and Turkmen national Latin alphabets, both directions."""

from __future__ import annotations

import pytest

from korkyt.translit import transliterate

AZ_TABLE = [
    ("А", "A"), ("Б", "B"), ("В", "V"), ("Г", "Q"), ("Ғ", "Ğ"), ("Д", "D"), ("Е", "E"), ("Ә", "Ə"),
    ("Ж", "J"), ("З", "Z"), ("И", "İ"), ("Ы", "I"), ("Ј", "Y"), ("К", "K"), ("Ҝ", "G"), ("Л", "L"),
    ("М", "M"), ("Н", "N"), ("О", "O"), ("Ө", "Ö"), ("П", "P"), ("Р", "R"), ("С", "S"), ("Т", "T"),
    ("У", "U"), ("Ү", "Ü"), ("Ф", "F"), ("Х", "X"), ("Һ", "H"), ("Ч", "Ç"), ("Ҹ", "C"), ("Ш", "Ş"),
]  # fmt: skip

TK_TABLE = [
    ("а", "a"), ("б", "b"), ("в", "w"), ("г", "g"), ("д", "d"), ("е", "e"), ("ж", "ž"), ("җ", "j"),
    ("з", "z"), ("и", "i"), ("й", "ý"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("ң", "ň"),
    ("о", "o"), ("ө", "ö"), ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"), ("ү", "ü"),
    ("ф", "f"), ("х", "h"), ("ч", "ç"), ("ш", "ş"), ("ы", "y"), ("э", "e"), ("ә", "ä"), ("ё", "ýo"),
    ("ю", "ýu"), ("я", "ýa"), ("ъ", ""), ("ь", ""),
]  # fmt: skip


@pytest.mark.parametrize(("cyr", "lat"), AZ_TABLE)
def test_azerbaijani_letter_table_both_cases(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "az", "Latn") == lat
    low = "ı" if lat == "I" else "i" if lat == "İ" else lat.lower()
    assert transliterate(cyr.lower(), "az", "Latn") == low


@pytest.mark.parametrize(("cyr", "lat"), AZ_TABLE)
def test_azerbaijani_latin_to_cyrillic_letter_table(cyr: str, lat: str) -> None:
    assert transliterate(lat, "az", "Cyrl") == cyr


@pytest.mark.parametrize(
    ("cyr", "lat"), [("Бакы", "Bakı"), ("Ҝәнҹә", "Gəncə"), ("Азәрбајҹан", "Azərbaycan"), ("ИЛЫҒ", "İLIĞ")]
)
def test_azerbaijani_words(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "az", "Latn") == lat
    assert transliterate(lat, "az", "Cyrl") == cyr


@pytest.mark.parametrize(
    ("cyr", "lat"),
    [("ёлка", "yolka"), ("цирк", "tsirk"), ("щётка", "şçyotka"), ("съезд", "sezd"), ("мэр", "mer"),
     ("юрист", "yurist"), ("заявка", "zayavka"), ("Йод", "Yod")],
)  # fmt: skip
def test_azerbaijani_russian_only_letters_policy(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "az", "Latn") == lat


@pytest.mark.parametrize(("cyr", "lat"), TK_TABLE)
def test_turkmen_letter_table_inside_a_word(cyr: str, lat: str) -> None:
    assert transliterate(f"б{cyr}а", "tk", "Latn") == f"b{lat}a"


def test_turkmen_ye_at_word_start_only() -> None:
    assert transliterate("ер", "tk", "Latn") == "ýer"
    assert transliterate("Ер", "tk", "Latn") == "Ýer"
    assert transliterate("ЕР", "tk", "Latn") == "ÝER"
    assert transliterate("гелен", "tk", "Latn") == "gelen"


def test_turkmen_published_example_and_reverse() -> None:
    assert transliterate("Ашгабат", "tk", "Latn") == "Aşgabat"
    assert transliterate("Aşgabat", "tk", "Cyrl") == "Ашгабат"
    assert transliterate("Türkmenistan", "tk", "Cyrl") == "Түркменистан"


def test_turkmen_latin_e_at_word_start_is_e_reversed() -> None:
    assert transliterate("ene", "tk", "Cyrl") == "эне"
    assert transliterate("ýer", "tk", "Cyrl") == "ер"
    assert transliterate("söýeg", "tk", "Cyrl") == "сөйег"
    assert transliterate("ýaş ýol ýurt", "tk", "Cyrl") == "яш ёл юрт"
