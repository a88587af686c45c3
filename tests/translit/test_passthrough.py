"""What transliteration must leave alone, and Unicode normalisation."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.translit import transliterate


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("<i>ер</i>", "<i>yer</i>"),
        ("{\\i1}Шаҳар{\\i0}", "{\\i1}Shahar{\\i0}"),
        ("ер\\Nшаҳар", "yer\\Nshahar"),
        ("Сайт: https://kino.uz/ер?q=шаҳар, ер", "Sayt: https://kino.uz/ер?q=шаҳар, yer"),
        ("Почта: ер@шаҳар.уз ер", "Pochta: ер@шаҳар.уз yer"),
        ("2024 йил, 15:30 — «ер»!", "2024 yil, 15:30 — «yer»!"),
        ("Netflix ва ер", "Netflix va yer"),
        ("&amp; ер", "&amp; yer"),
    ],
)
def test_uzbek_cyrillic_keeps_markup_urls_digits_and_latin_words(text: str, want: str) -> None:
    assert transliterate(text, "uz", "Latn") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("<i>shahar</i>", "<i>шаҳар</i>"),
        ("{\\an8}shahar\\Nyer", "{\\an8}шаҳар\\Nер"),
        ("www.kino.uz shahar", "www.kino.uz шаҳар"),
        ("info@kino.uz shahar", "info@kino.uz шаҳар"),
        ("Шаҳар shahar", "Шаҳар шаҳар"),
    ],
)
def test_uzbek_latin_keeps_markup_urls_and_cyrillic_words(text: str, want: str) -> None:
    assert transliterate(text, "uz", "Cyrl") == want


def test_kazakh_text_with_latin_words_and_punctuation() -> None:
    assert transliterate("Фильм «Қыз Жібек» (1970), реж. S. Qojyqov", "kk", "Latn") == (
        "Film «Qyz Jıbek» (1970), rej. S. Qojyqov"
    )


def test_input_is_nfc_normalised_and_output_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Йўл ёз")  # й ў ё decompose
    out = transliterate(decomposed, "uz", "Latn")
    assert out == "Yoʻl yoz"
    assert unicodedata.is_normalized("NFC", out)


def test_no_combining_dot_artefacts_in_turkic_output() -> None:
    for lang in ("kk", "az"):
        out = transliterate("ИИ Ии ии ИЫ", lang, "Latn")
        assert "\u0307" not in out
        assert unicodedata.is_normalized("NFC", out)


def test_stress_marks_survive_and_are_composed() -> None:
    assert transliterate("за́мок", "ru", "Latn") == "zámok"


def test_empty_and_ascii_text() -> None:
    assert transliterate("", "kk", "Latn") == ""
    assert transliterate("Hello, 2024!", "kk", "Latn") == "Hello, 2024!"


def test_crlf_and_lone_cr_are_kept() -> None:
    assert transliterate("ер\r\nер\rер\n", "uz", "Latn") == "yer\r\nyer\ryer\n"


@pytest.mark.parametrize("lang", ["kk", "uz", "az", "tk", "ky", "ru"])
def test_text_outside_the_fast_code_page_converts_the_same(lang: str) -> None:
    # ☃ and ✓ are outside every converter's private code page, forcing the str.translate path
    text = "Қазақ тілі, Ўзбекистон ШАҲАР цирк Ёлка — «ер» № 5…"
    assert transliterate(text + " ☃✓", lang, "Latn") == transliterate(text, lang, "Latn") + " ☃✓"


@given(
    st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіўҳҷјҝҹАЕЁИОУЦШЧЯЮЎҲ «»—.,'ʼ☃✓", max_size=40)
)
@settings(max_examples=100)
def test_fast_and_fallback_paths_agree_on_any_text(text: str) -> None:
    for lang in ("kk", "uz", "tk"):
        assert transliterate(text + "☃", lang, "Latn") == transliterate(text, lang, "Latn") + "☃"
