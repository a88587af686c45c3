"""Uzbek: 1995 Latin alphabet, both directions."""

from __future__ import annotations

import pytest

from korkyt.translit import transliterate

UZ_TABLE = [
    ("а", "a"), ("б", "b"), ("в", "v"), ("г", "g"), ("д", "d"), ("ж", "j"), ("з", "z"), ("и", "i"),
    ("й", "y"), ("к", "k"), ("л", "l"), ("м", "m"), ("н", "n"), ("о", "o"), ("п", "p"), ("р", "r"),
    ("с", "s"), ("т", "t"), ("у", "u"), ("ф", "f"), ("х", "x"), ("ч", "ch"), ("ш", "sh"),
    ("ъ", "\u02bc"), ("ь", ""), ("э", "e"), ("ю", "yu"), ("я", "ya"), ("ё", "yo"),
    ("ў", "o\u02bb"), ("қ", "q"), ("ғ", "g\u02bb"), ("ҳ", "h"),
]  # fmt: skip


@pytest.mark.parametrize(("cyr", "lat"), UZ_TABLE)
def test_uzbek_letter_table_inside_a_word(cyr: str, lat: str) -> None:
    # between consonant and vowel so that no context rule applies
    assert transliterate(f"б{cyr}а", "uz", "Latn") == f"b{lat}a"


@pytest.mark.parametrize(
    ("cyr", "lat"),
    [("ер", "yer"), ("поезд", "poyezd"), ("съезд", "s\u02bcyezd"), ("белги", "belgi"), ("Ер", "Yer")],
)
def test_uzbek_ye_at_word_start_after_vowel_and_signs(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "uz", "Latn") == lat


@pytest.mark.parametrize(
    ("cyr", "lat"), [("цирк", "sirk"), ("абзац", "abzas"), ("лицей", "litsey"), ("акция", "aksiya")]
)
def test_uzbek_ts_after_vowel_inside_word_else_s(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "uz", "Latn") == lat


def test_uzbek_s_h_gets_tutuq() -> None:
    assert transliterate("Исҳоқ", "uz", "Latn") == "Is\u02bchoq"


def test_uzbek_hard_sign_is_modifier_apostrophe() -> None:
    assert transliterate("маъно", "uz", "Latn") == "ma\u02bcno"


def test_uzbek_o_and_g_use_turned_comma() -> None:
    assert transliterate("Ўзбекистон ғалаба", "uz", "Latn") == "O\u02bbzbekiston g\u02bbalaba"


@pytest.mark.parametrize(
    ("cyr", "lat"),
    [("ШАҲАР", "SHAHAR"), ("Шаҳар", "Shahar"), ("Ш", "Sh"), ("Ш. Рашидов", "Sh. Rashidov"),
     ("ТОШ", "TOSH"), ("ЎЗБЕК", "O\u02bbZBEK"), ("ЕР", "YER"), ("ЧОЙ", "CHOY")],
)  # fmt: skip
def test_uzbek_case_patterns(cyr: str, lat: str) -> None:
    assert transliterate(cyr, "uz", "Latn") == lat


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "`", "ʻ", "ʼ"])
def test_uzbek_latin_input_accepts_every_apostrophe_variant(apostrophe: str) -> None:
    tutuq = transliterate(f"ma{apostrophe}no", "uz", "Cyrl")
    assert tutuq == "маъно"
    if apostrophe != "ʼ":
        assert transliterate(f"O{apostrophe}zbekiston bog{apostrophe}", "uz", "Cyrl") == "Ўзбекистон боғ"


@pytest.mark.parametrize(
    ("lat", "cyr"),
    [("yoʻl", "йўл"), ("ekran", "экран"), ("poet", "поэт"), ("yer", "ер"), ("Isʼhoq", "Исҳоқ"),
     ("SHAHAR", "ШАҲАР"), ("Shahar", "Шаҳар"), ("choy", "чой"), ("yangi", "янги"), ("ketsa", "кетса")],
)  # fmt: skip
def test_uzbek_latin_to_cyrillic(lat: str, cyr: str) -> None:
    assert transliterate(lat, "uz", "Cyrl") == cyr


@pytest.mark.parametrize(
    ("lat", "cyr"),
    [
        ("'Bobo' dedi", "'Бобо' деди"),
        ("‘Bobo’ dedi", "‘Бобо’ деди"),
        ("`Bobo' dedi", "`Бобо' деди"),
        ("U 'Tog' dedi", "У 'Тог' деди"),  # a matching opening quote: the apostrophe closes it
        ("'Salom' dedi, bog' yaqin", "'Салом' деди, боғ яқин"),  # that quote is already closed
        ("'Bu bog'' dedi", "'Бу боғ' деди"),  # two apostrophes: gʻ and the closing quote
        ("''Bobo'' dedi", "''Бобо'' деди"),
        ("'O'zbekiston' dedi", "'Ўзбекистон' деди"),  # o' before a letter is always ў
        ("'Boyo' dedi", "'Боё' деди"),
        ("'Salom,\nBobo' dedi", "'Салом,\nБобо' деди"),  # a quote spans the lines of a cue
        ("'Ona\n\nbog' yaqin", "'Она\n\nбоғ яқин"),  # an opening quote is forgotten at a blank line
        ("'Ona\r\n \r\nbog' yaqin", "'Она\r\n \r\nбоғ яқин"),
    ],
)
def test_uzbek_latin_closing_quote_after_o_or_g(lat: str, cyr: str) -> None:
    assert transliterate(lat, "uz", "Cyrl") == cyr


@pytest.mark.parametrize(
    ("lat", "cyr"),
    [
        ("bog' tog'da", "боғ тоғда"),
        ("Bu bog'", "Бу боғ"),  # no opening quote: word-final o'/g' keeps its letter reading
        ("'Boboʻ' dedi", "'Бобў' деди"),  # U+02BB is always the letter
        ("'Tog` dedi", "'Тоғ деди"),  # ` does not close a quote opened with '
        ("'Bobo’ dedi", "'Бобо’ деди"),
    ],
)
def test_uzbek_latin_word_final_o_and_g_apostrophe(lat: str, cyr: str) -> None:
    assert transliterate(lat, "uz", "Cyrl") == cyr


def test_uzbek_latin_quoted_text_round_trips_from_cyrillic() -> None:
    for cyr in ("'Бобў' деди", "«боғ»", "'тоғ ва боғ' деди"):
        assert transliterate(transliterate(cyr, "uz", "Latn"), "uz", "Cyrl") == cyr


@pytest.mark.parametrize(
    ("lat", "cyr"),
    [("qoʻe", "қўэ"), ("qo'e", "қўэ"), ("QOʻE", "ҚЎЭ"), ("qoʻye", "қўе"), ("bogʻe", "боғе"), ("oʻe", "ўэ")],
)
def test_uzbek_e_after_o_with_its_mark_is_e_reversed(lat: str, cyr: str) -> None:
    assert transliterate(lat, "uz", "Cyrl") == cyr
    if "'" not in lat:
        assert transliterate(cyr, "uz", "Latn") == lat
