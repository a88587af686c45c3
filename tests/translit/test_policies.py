"""Project policies that have no official rule (docs/transliteration.md)."""

from __future__ import annotations

import pytest

from korkyt.translit import transliterate


@pytest.mark.parametrize(
    ("lang", "lat", "cyr"),
    [("kk", "xat Cola wifi", "хат Цола уифи"), ("az", "wagon", "ваҝон"),
     ("tk", "Xerox cola qala", "Херох цола кала"), ("uz", "cola wifi", "цола вифи")],
)  # fmt: skip
def test_latin_letters_outside_the_alphabet_become_cyrillic(lang: str, lat: str, cyr: str) -> None:
    assert transliterate(lat, lang, "Cyrl") == cyr


def test_uzbek_letters_outside_the_alphabet() -> None:
    assert transliterate("щи ыс", "uz", "Latn") == "shchi is"


def test_turkmen_russian_only_letters() -> None:
    assert transliterate("цирк щи", "tk", "Latn") == "tsirk şçi"


def test_bgn_capitals_follow_icu_case_rule() -> None:
    assert transliterate("Ш", "ky", "Latn") == "SH"
    assert transliterate("Шаршен", "ky", "Latn") == "Sharshen"
    assert transliterate("ЩУКА", "ru", "Latn") == "SHCHUKA"


def test_national_scheme_lone_capital_is_title_case() -> None:
    assert transliterate("Ш", "uz", "Latn") == "Sh"
    assert transliterate("Ч. Айтматов", "kk", "Latn") == "Ch. Aitmatov"


def test_kazakh_h_and_e_are_read_as_x_and_ye_in_cyrillic() -> None:
    assert transliterate("Gauhar ekran", "kk", "Cyrl") == "Гаухар екран"
