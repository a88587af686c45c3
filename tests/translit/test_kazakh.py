"""Kazakh: 2021 Latin alphabet, both directions."""

from __future__ import annotations

import pytest

from korkyt.translit import transliterate

KK_TABLE = [
    ("А", "A"), ("а", "a"), ("Ә", "Ä"), ("ә", "ä"), ("Б", "B"), ("б", "b"), ("В", "V"), ("в", "v"),
    ("Г", "G"), ("г", "g"), ("Ғ", "Ğ"), ("ғ", "ğ"), ("Д", "D"), ("д", "d"), ("Е", "E"), ("е", "e"),
    ("Ж", "J"), ("ж", "j"), ("З", "Z"), ("з", "z"), ("И", "İ"), ("и", "i"), ("Й", "İ"), ("й", "i"),
    ("К", "K"), ("к", "k"), ("Қ", "Q"), ("қ", "q"), ("Л", "L"), ("л", "l"), ("М", "M"), ("м", "m"),
    ("Н", "N"), ("н", "n"), ("Ң", "Ñ"), ("ң", "ñ"), ("О", "O"), ("о", "o"), ("Ө", "Ö"), ("ө", "ö"),
    ("П", "P"), ("п", "p"), ("Р", "R"), ("р", "r"), ("С", "S"), ("с", "s"), ("Т", "T"), ("т", "t"),
    ("У", "U"), ("у", "u"), ("Ұ", "Ū"), ("ұ", "ū"), ("Ү", "Ü"), ("ү", "ü"), ("Ф", "F"), ("ф", "f"),
    ("Х", "H"), ("х", "h"), ("Һ", "H"), ("һ", "h"), ("Ш", "Ş"), ("ш", "ş"), ("Ы", "Y"), ("ы", "y"),
    ("І", "I"), ("і", "ı"), ("Э", "E"), ("э", "e"),
]  # fmt: skip


@pytest.mark.parametrize(("cyr", "lat"), KK_TABLE)
def test_kazakh_official_letter_table(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "kk", "Latn") == lat


def test_kazakh_published_sentence_vector() -> None:
    src = "Қазақстан Республикасы — Шығыс Еуропа мен Орталық Азияда орналасқан мемлекет."
    want = "Qazaqstan Respublikasy — Şyğys Europa men Ortalyq Aziiada ornalasqan memleket."
    assert transliterate(src, "kk", "Latn") == want


@pytest.mark.parametrize(("cyr", "lat"), [("Қазақстан", "Qazaqstan"), ("қазақ тілі", "qazaq tılı")])
def test_kazakh_published_word_vectors(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "kk", "Latn") == lat


def test_kazakh_dotted_and_dotless_i_use_turkish_capitals() -> None:
    assert transliterate("ІЛИЯС", "kk", "Latn") == "ILİİAS"
    assert transliterate("Иіс", "kk", "Latn") == "İıs"
    out = transliterate("ИЙИ", "kk", "Latn")
    assert out == "İİİ"
    assert "\u0307" not in out


def test_kazakh_russian_only_letters_policy() -> None:
    assert transliterate("цирк", "kk", "Latn") == "tsirk"
    assert transliterate("чай", "kk", "Latn") == "chai"
    assert transliterate("щётка", "kk", "Latn") == "şşiotka"
    assert transliterate("юрта", "kk", "Latn") == "iurta"
    assert transliterate("подъезд", "kk", "Latn") == "podezd"
    assert transliterate("пальто", "kk", "Latn") == "palto"
    assert transliterate("Яблоко", "kk", "Latn") == "İabloko"
    assert transliterate("ЯБЛОКО", "kk", "Latn") == "İABLOKO"


def test_kazakh_latin_to_cyrillic_published_sentence() -> None:
    lat = "Qazaqstan Respublikasy — Şyğys Europa men Ortalyq Aziiada ornalasqan memleket."
    want = "Қазақстан Республикасы — Шығыс Еуропа мен Орталық Азияда орналасқан мемлекет."
    assert transliterate(lat, "kk", "Cyrl") == want


def test_kazakh_latin_i_after_vowel_becomes_short_i() -> None:
    assert transliterate("qaida", "kk", "Cyrl") == "қайда"
    assert transliterate("kiım", "kk", "Cyrl") == "киім"
    assert transliterate("aiaq", "kk", "Cyrl") == "аяқ"
    assert transliterate("İIS", "kk", "Cyrl") == "ИІС"
