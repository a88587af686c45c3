"""lint findings (one test per code at least) and fix."""

from __future__ import annotations

import dataclasses

import pytest

from korkyt.translit import Finding, fix, lint


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_finding_is_the_agreed_frozen_dataclass() -> None:
    names = [f.name for f in dataclasses.fields(Finding)]
    assert names == ["code", "start", "end", "message", "suggestion", "safe"]
    f = Finding("mixed-script", 0, 1, "m", None, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.code = "x"  # type: ignore[misc]


def test_mixed_script_latin_homoglyph_in_cyrillic_word() -> None:
    text = "Қала Алмaты"  # Latin a
    (f,) = lint(text, "kk", "Cyrl")
    assert (f.code, f.start, f.end, f.suggestion, f.safe) == ("mixed-script", 5, 11, "Алматы", True)
    assert fix(text, "kk", "Cyrl") == "Қала Алматы"


def test_mixed_script_cyrillic_homoglyph_in_latin_word() -> None:
    (f,) = lint("Bakı Gаnja", "az", "Latn")  # Cyrillic а
    assert f.code == "mixed-script" and f.suggestion == "Ganja" and f.safe


def test_mixed_script_without_look_alikes_is_reported_but_not_fixed() -> None:
    (f,) = lint("Қазақstan", "kk", "Cyrl")
    assert f.code == "mixed-script" and f.suggestion is None and not f.safe
    assert fix("Қазақstan", "kk", "Cyrl") == "Қазақstan"


def test_foreign_letter_latin_schwa_in_kazakh_cyrillic() -> None:
    findings = lint("Алəм", "kk", "Cyrl")
    assert [(f.code, f.start, f.suggestion, f.safe) for f in findings] == [("foreign-letter", 2, "ә", True)]
    assert fix("Алəм ə", "kk", "Cyrl") == "Аләм ә"


def test_foreign_letter_cyrillic_schwa_in_azerbaijani_latin() -> None:
    assert fix("Azәrbaycan", "az", "Latn") == "Azərbaycan"


def test_foreign_letter_outside_the_alphabet_is_reported_not_fixed() -> None:
    findings = lint("Gänjä", "az", "Latn")
    assert _codes(findings) == ["foreign-letter", "foreign-letter"]
    assert findings[0].suggestion == "ə" and not findings[0].safe
    assert _codes(lint("Ўзбек", "kk", "Cyrl")) == ["foreign-letter"]
    assert lint("Ўзбек", "uz", "Cyrl") == []


def test_whole_words_of_the_other_script_are_not_findings() -> None:
    assert lint("Фильм Netflix-те", "kk", "Cyrl") == []


@pytest.mark.parametrize("apostrophe", ["'", "’", "‘", "`"])
def test_uz_apostrophe_variants_for_o_and_g(apostrophe: str) -> None:
    text = f"O{apostrophe}zbekiston bog{apostrophe}i"
    findings = lint(text, "uz", "Latn")
    assert _codes(findings) == ["uz-apostrophe", "uz-apostrophe"]
    assert all(f.safe and f.suggestion == "\u02bb" for f in findings)
    assert fix(text, "uz", "Latn") == "Oʻzbekiston bogʻi"


def test_uz_apostrophe_for_tutuq_belgisi() -> None:
    (f,) = lint("ma'no", "uz", "Latn")
    assert (f.code, f.start, f.suggestion) == ("uz-apostrophe", 2, "\u02bc")
    assert fix("ma'no, sanʻat", "uz", "Latn") == "maʼno, sanʼat"


def test_uz_correct_apostrophes_have_no_findings() -> None:
    assert lint("Oʻzbekiston maʼno bogʻ", "uz", "Latn") == []


def test_combining_dot_i() -> None:
    text = "i\u0307stanbul"
    (f,) = lint(text, "tr", "Latn")
    assert (f.code, f.start, f.end, f.suggestion, f.safe) == ("combining-dot-i", 0, 2, "i", True)
    assert fix(text, "tr", "Latn") == "istanbul"


def test_kk_i_variant_latin_i_in_cyrillic_word() -> None:
    findings = lint("тiлi", "kk", "Cyrl")
    assert _codes(findings) == ["kk-i-variant", "kk-i-variant"]
    assert [f.start for f in findings] == [1, 3]
    assert fix("тiлi Iлияс", "kk", "Cyrl") == "тілі Ілияс"


def test_kk_i_variant_ukrainian_yi_in_kazakh() -> None:
    (f,) = lint("тїл", "kk", "Cyrl")
    assert f.code == "kk-i-variant" and f.suggestion == "і"


def test_kk_i_variant_cyrillic_i_in_kazakh_latin() -> None:
    assert fix("qazaq tіlі", "kk", "Latn") == "qazaq tılı"


def test_spans_refer_to_the_nfc_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Қала Алмaты")
    (f,) = lint(text, "kk", "Cyrl")
    assert unicodedata.normalize("NFC", text)[f.start : f.end] == "Алмaты"


def test_lint_rejects_unknown_language_and_script() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        lint("x", "xx", "Latn")
    with pytest.raises(ValueError, match="script must be"):
        lint("x", "kk", "Arab")


def test_clean_texts_have_no_findings() -> None:
    assert lint("Қазақстан Республикасы — Шығыс Еуропа мен Орталық Азияда.", "kk", "Cyrl") == []
    assert lint("Qazaqstan Respublikasy — Şyğys Europa men Ortalyq Aziiada.", "kk", "Latn") == []
    assert lint("Azərbaycan Respublikası, Bakı şəhəri.", "az", "Latn") == []
    assert lint("Türkmenistan, Aşgabat şäheri.", "tk", "Latn") == []


def test_markup_and_urls_are_not_linted() -> None:
    assert lint("{\\i1}тілі{\\i0}\\Nтілі <i>тілі</i> https://kino.kz/tili", "kk", "Cyrl") == []
    (f,) = lint("\\Nтiлi", "kk", "Cyrl")[:1]
    assert f.code == "kk-i-variant" and f.start == 3


@pytest.mark.parametrize(
    ("garbled", "original", "script"),
    [
        ("Салом дунё".encode().decode("cp1252"), "Салом дунё", "Cyrl"),
        ("Қазақстан тілі".encode().decode("cp1251"), "Қазақстан тілі", "Cyrl"),
        ("Салом".encode("cp1251").decode("cp1252"), "Салом", "Cyrl"),
        ("Işık İstanbul".encode().decode("cp1252"), "Işık İstanbul", "Latn"),
    ],
)
def test_mojibake_is_reported_with_the_repaired_text(garbled: str, original: str, script: str) -> None:
    findings = lint(garbled, "kk", script)
    assert findings and all(f.code == "mojibake" and not f.safe for f in findings)
    repaired = garbled
    for f in sorted(findings, key=lambda f: -f.start):
        repaired = repaired[: f.start] + (f.suggestion or "") + repaired[f.end :]
    assert repaired == original
    assert fix(garbled, "kk", script) == garbled  # never applied automatically


def test_real_words_are_not_mojibake() -> None:
    assert lint("Рёв Сёмга Ёлка", "ru", "Cyrl") == []
    assert all(f.code != "mojibake" for f in lint("Üçü été café", "tr", "Latn"))


def test_uz_apostrophe_that_may_close_a_quote_is_not_fixed() -> None:
    for text in ("'Bobo' dedi", "‘Bobo’ dedi", "U 'bog' dedi"):
        (f,) = lint(text, "uz", "Latn")
        assert f.code == "uz-apostrophe" and f.suggestion == "\u02bb" and not f.safe
        assert "quote" in f.message
        assert fix(text, "uz", "Latn") == text
    assert fix("'Bu bog'' dedi", "uz", "Latn") == "'Bu bogʻ' dedi"
    assert fix("'Salom' dedi, bog' yaqin", "uz", "Latn") == "'Salom' dedi, bogʻ yaqin"
    assert lint("'Salom' dedi", "uz", "Latn") == []


@pytest.mark.parametrize(
    ("original", "lang", "script"),
    [
        ("Gəncə şəhəri", "az", "Latn"),  # ə is C9 99: «GÉ™ncÉ™»
        ("ƏLİ", "az", "Latn"),  # Ə is C6 8F
        ("Oʻzbekiston", "uz", "Latn"),  # ʻ is CA BB
        ("ғ", "kk", "Cyrl"),  # ғ is D2 93
        ("әлем", "kk", "Cyrl"),  # ә is D3 99
    ],
)
def test_mojibake_of_schwa_okina_and_kazakh_letters(original: str, lang: str, script: str) -> None:
    garbled = original.encode().decode("latin-1")
    findings = lint(garbled, lang, script)
    assert findings and all(f.code == "mojibake" and not f.safe for f in findings)
    repaired = garbled
    for f in sorted(findings, key=lambda f: -f.start):
        repaired = repaired[: f.start] + (f.suggestion or "") + repaired[f.end :]
    assert repaired == original


def test_mojibake_gence_read_as_cp1252() -> None:
    (f,) = lint("GÉ™ncÉ™", "az", "Latn")
    assert (f.code, f.start, f.end, f.suggestion, f.safe) == ("mojibake", 0, 7, "Gəncə", False)


@pytest.mark.parametrize("lang", ["tr", "az", "kk"])
def test_mojibake_cp1254_read_as_latin1(lang: str) -> None:
    text = "Ýstanbul'da þehir ýðdýr"  # «İstanbul'da şehir ığdır» in CP1254, read as Latin-1
    findings = lint(text, lang, "Latn")
    assert len(findings) == 3 and all(f.code == "mojibake" and not f.safe for f in findings)
    repaired = text
    for f in sorted(findings, key=lambda f: -f.start):
        repaired = repaired[: f.start] + (f.suggestion or "") + repaired[f.end :]
    assert repaired == "İstanbul'da şehir ığdır"
    assert fix(text, lang, "Latn") == text
    assert lint("Çağrı DİZİ".encode("cp1254").decode("latin-1"), "tr", "Latn")[-1].suggestion == "DİZİ"


def test_mojibake_cp1254_in_turkmen_only_where_the_repair_is_turkmen() -> None:
    # ý is a Turkmen letter, and ğ is not one: only «þehir» → «şehir» is offered
    findings = lint("Ýstanbul'da þehir ýðdýr", "tk", "Latn")
    assert [(f.code, f.suggestion) for f in findings] == [("mojibake", "şehir"), ("foreign-letter", None)]


def test_icelandic_names_are_not_cp1254_mojibake() -> None:
    assert all(f.code != "mojibake" for f in lint("Þór Guðrún Björk", "tr", "Latn"))
    assert all(f.code != "mojibake" for f in lint("Þór Eiður Ýr", "uz", "Latn"))
    assert all(f.code != "mojibake" for f in lint("ýol ýaşaýar", "tk", "Latn"))


def test_capital_e_acute_before_a_guillemet_is_not_mojibake() -> None:
    assert all(f.code != "mojibake" for f in lint("Kafe CAFÉ» Gəncə", "az", "Latn"))


def test_kazakh_typed_on_a_russian_keyboard_is_reported_once_long_enough() -> None:
    russian_keys = "казак тили жана адабияты туралы кызыкты китап емес, бирак жаксы болды, рахмет"
    [finding] = lint(russian_keys, "kk", "Cyrl")
    assert (finding.code, finding.start, finding.end, finding.safe) == (
        "missing-letters",
        0,
        len(russian_keys),
        False,
    )
    assert "ә ғ қ ң ө ұ ү һ і" in finding.message
    assert lint("казак тили", "kk", "Cyrl") == []  # too short to tell
    assert (
        lint("қазақ тілі мен әдебиеті туралы қызықты кітап емес, бірақ жақсы болды, рахмет", "kk", "Cyrl")
        == []
    )
    assert lint(russian_keys, "ru", "Cyrl") == [] and lint(russian_keys, "ky", "Cyrl") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ozbek tili, gozal", [("ozbek", "oʻzbek"), ("gozal", "goʻzal")]),
        ("Yoq, bu togri emas", [("Yoq", "Yoʻq"), ("togri", "toʻgʻri")]),
        ("OZBEKISTON", [("OZBEKISTON", "OʻZBEKISTON")]),
        ("oʻzbek tili, goʻzal, yoʻq", []),
        ("kopir, yoqimli, bolalar", []),  # other words that begin the same way
    ],
)
def test_common_uzbek_words_without_their_mark(text: str, expected: list[tuple[str, str]]) -> None:
    found = [f for f in lint(text, "uz", "Latn") if f.code == "uz-missing-mark"]
    assert [(text[f.start : f.end], f.suggestion) for f in found] == expected
    assert all(not f.safe for f in found)


@pytest.mark.parametrize("lang", ["kk", "tr"])
def test_mojibake_spans_the_whole_token_wherever_its_marker_is(lang: str) -> None:
    """A garbled word is reported from the white space before it to the one after, with the marker at its
    start, its middle or its end, in a cue of one 2,000-character token or after other words."""
    garbled = "Салом".encode().decode("cp1252")  # «Ð¡Ð°Ð»Ð¾Ð¼»
    long_word = "x" * 1990
    for text, start in (
        (long_word + garbled, 0),
        (garbled + long_word, 0),
        ("ab " + long_word + garbled + long_word, 3),
        ("Ýstanbul  " + long_word + garbled, 10),
    ):
        (f,) = [f for f in lint(text, lang, "Latn") if f.start == start]
        assert (f.code, f.end) == ("mojibake", len(text))


def test_mojibake_marker_with_a_no_break_space_is_one_finding() -> None:
    """CP1251-read UTF-8 «Р\u00a0» holds a no-break space (white space to the regex): the token runs on
    through it, and the next word is a finding of its own."""
    text = "abcР\u00a0Р\u00a0def Ýstanbul"
    spans = [(f.code, f.start, f.end, f.suggestion) for f in lint(text, "tr", "Latn")]
    assert spans == [("mojibake", 0, 10, "abcРРdef"), ("mojibake", 11, 19, "İstanbul")]
