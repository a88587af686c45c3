"""Turkic checks, fixes and transliteration with the real korkyt.translit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.subtitles import SubtitleError, check, fix, ops

from .conftest import make


def turkic(doc, **kw):
    return [(f.cue, f.code) for f in check(doc, **kw).findings if f.code.startswith("turkic.")]


@pytest.mark.parametrize(
    ("text", "lang", "script", "code"),
    [
        ("Сәлем, <i>Қaлай</i> жүрсің?", "kk", "Cyrl", "turkic.mixed-script"),
        ("O'zbekiston gʻalaba", "uz", "Latn", "turkic.uz-apostrophe"),
        ("İstanbul'da i\u0307yi günler", "tr", "Latn", "turkic.combining-dot-i"),
        ("Бул қазақша, ал ə латын", "kk", "Cyrl", "turkic.foreign-letter"),
        ("Мен бiлiм аламын", "kk", "Cyrl", "turkic.kk-i-variant"),
    ],
)
def test_turkic_problem_is_found_in_its_cue(text, lang, script, code):
    doc = make((0, 2000, "Дұрыс мәтін." if script == "Cyrl" else "Ok."), (2083, 5000, text))
    found = turkic(doc, lang=lang, script=script)
    assert (1, code) in found
    assert all(cue == 1 for cue, _ in found)


@pytest.mark.parametrize(
    ("text", "lang", "script"),
    [
        ("Сәлем, қалай жүрсің?", "kk", "Cyrl"),
        ("Oʻzbekiston gʻalaba qozondi", "uz", "Latn"),
        ("İstanbul'da iyi günler, Işıl", "tr", "Latn"),
        ("Салам, кандайсың?", "ky", "Cyrl"),
        ("Мен білім аламын", "kk", "Cyrl"),
    ],
)
def test_clean_turkic_text_passes(text, lang, script):
    assert turkic(make((0, 3000, text)), lang=lang, script=script) == []


def test_findings_after_non_nfc_text_land_on_the_right_cue():
    decomposed = "Сә\u0301лем"  # a combining accent makes NFC and the raw text differ in length
    doc = make((0, 2000, decomposed), (2083, 4000, "Қaлай"))
    assert (1, "turkic.mixed-script") in turkic(doc, lang="kk", script="Cyrl")


def test_fix_applies_real_safe_fixes_and_keeps_tags():
    doc = make((0, 2000, "<i>Қaлай</i> жүрсің?"), (2083, 4000, "O'zbekiston"))
    assert fix(doc, ["turkic"], lang="kk", script="Cyrl").cues[0].text == "<i>Қалай</i> жүрсің?"
    assert fix(doc, ["turkic"], lang="uz", script="Latn").cues[1].text == "Oʻzbekiston"


def test_english_profile_runs_no_turkic_checks_and_bad_script_is_refused():
    assert turkic(make((0, 2000, "Қaлай")), profile="en") == []
    with pytest.raises(SubtitleError, match="Cyrl or Latn"):
        check(make((0, 2000, "x")), lang="kk", script="Arab")


def test_transliterate_whole_document_keeps_markup_and_times():
    doc = make((1000, 3000, "<i>Қазақстан</i> Республикасы"), (3500, 5000, "қазақ тілі"))
    out = ops.transliterate(doc, "kk", "Latn")
    assert [c.text for c in out.cues] == ["<i>Qazaqstan</i> Respublikasy", "qazaq tılı"]
    assert [(c.start_ms, c.end_ms) for c in out.cues] == [(1000, 3000), (3500, 5000)]
    with pytest.raises(SubtitleError, match="xx"):
        ops.transliterate(doc, "xx", "Latn")


_MIXED = st.text(
    st.sampled_from(list("қазақ тілі сәлем ҚАЗАҚ aeopxci ıİ ə 'ʻ’ ў ё ї \u0307 .,!?«»—12")),
    min_size=1,
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_MIXED, min_size=1, max_size=8),
    st.sampled_from([("kk", "Cyrl"), ("uz", "Latn"), ("tr", "Latn")]),
)
def test_prescreen_finds_exactly_what_linting_every_cue_finds(texts, lang_script):
    import korkyt.translit as translit

    lang, script = lang_script
    doc = make(*[(n * 1000, n * 1000 + 900, t) for n, t in enumerate(texts)])
    via_check = sorted(
        (f.cue, f.code) for f in check(doc, lang=lang, script=script).findings if f.code.startswith("turkic.")
    )
    direct = sorted(
        (n, "turkic." + f.code) for n, t in enumerate(texts) for f in translit.lint(t, lang, script)
    )
    assert via_check == direct


def test_fix_repairs_kazakh_i_typed_as_latin():
    doc = make((0, 2000, "Мен <i>бiлiм</i> аламын"))
    fixed = fix(doc, ["turkic"], lang="kk", script="Cyrl")
    assert fixed.cues[0].text == "Мен <i>білім</i> аламын"
    assert not [f for f in check(fixed, lang="kk", script="Cyrl").findings if f.code.startswith("turkic.")]


def test_kazakh_typed_on_a_russian_keyboard_is_one_finding_for_the_whole_document():
    russian_keys = [
        "Казак тили жана адабияты туралы.",
        "Кызыкты китап емес, бирак жаксы болды.",
        "Рахмет, ертен кездескенше.",
    ]
    doc = make(*[(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(russian_keys)])
    assert turkic(doc, lang="kk", script="Cyrl") == [(None, "turkic.missing-letters")]
    # One Kazakh letter anywhere in the document: nothing, though each cue alone has none.
    doc = make(*[(i * 3000, i * 3000 + 2500, t) for i, t in enumerate([*russian_keys, "Сәлем!"])])
    assert turkic(doc, lang="kk", script="Cyrl") == []
    # Cues chosen for other findings (a Latin letter in a word) are not judged on their own.
    mixed = [t.replace("жана", "жaна") for t in russian_keys] + ["Қазақ тілі."]
    found = turkic(
        make(*[(i * 3000, i * 3000 + 2500, t) for i, t in enumerate(mixed)]), lang="kk", script="Cyrl"
    )
    assert "turkic.missing-letters" not in {code for _cue, code in found}
