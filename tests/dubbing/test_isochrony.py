from __future__ import annotations

import json

import pytest

from korkyt.dubbing import DubbingError, count_syllables
from korkyt.dubbing.engines import EspeakEngine
from korkyt.dubbing.isochrony import check_isochrony, estimate_seconds
from korkyt.dubbing.languages import LANGUAGES
from korkyt.dubbing.samples import HELD_OUT_LINES, SAMPLE_LINES
from korkyt.dubbing.voice import trim_quiet

from .conftest import cue


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Қазақстан", "kk", 3),
        ("Qazaqstan", "kk", 3),
        ("Oʻzbekiston", "uz", 4),
        ("Ўзбекистон", "uz", 4),
        ("Azərbaycan", "az", 4),
        ("Türkmenistan", "tk", 4),
        ("Кыргызстан", "ky", 3),
        ("İstanbul", "tr", 3),
        ("beautiful", "en", 3),
        ("1995", "ru", 8),
        ("БҰҰ", "kk", 2),
        ("ЖКХ", "ru", 3),
        ("BBC", "en", 3),
        ("the BBC and the CNN", "en", 9),
        ("Mr Smith", "en", 3),
    ],
)
def test_syllables_are_counted_per_language(text, lang, expected):
    assert count_syllables(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "cyrillic", "latin"),
    [
        ("kk", "Мен сені күтемін, қайда барасың? Үйге бар.", "Men senı kütemın, qaida barasyñ? Üige bar."),
        ("kk", "Юрта, ёлка, ия.", "İurta, iolka, iia."),
        ("uz", "Бугун биз янги фильм кўрамиз.", "Bugun biz yangi film koʻramiz."),
        ("az", "Мән сәни көзләјирәм.", "Mən səni gözləyirəm."),
    ],
)
def test_both_spellings_of_a_line_take_the_same_time(lang, cyrillic, latin):
    # the engine reads one script; the other spelling is converted before the syllables are counted
    assert count_syllables(cyrillic, lang) == count_syllables(latin, lang)
    assert estimate_seconds(cyrillic, lang) == estimate_seconds(latin, lang)


def test_commas_and_inner_sentence_ends_add_pauses():
    plain = estimate_seconds("Men seni kutaman", "uz")
    assert estimate_seconds("Men, seni, kutaman", "uz") == pytest.approx(plain + 0.4)
    assert estimate_seconds("Men seni kutaman. Ha", "uz") > estimate_seconds("Men seni kutaman ha", "uz")


def test_held_out_lines_are_other_sentences_in_every_language():
    assert sorted(HELD_OUT_LINES) == sorted(SAMPLE_LINES) == sorted(LANGUAGES)
    for lang, lines in HELD_OUT_LINES.items():
        assert len(lines) == 8 and not set(lines) & set(SAMPLE_LINES[lang])


@pytest.mark.parametrize("lang", sorted(HELD_OUT_LINES))
def test_estimates_match_espeak_durations_on_lines_the_rates_were_not_fitted_on(lang, audio_tools):
    engine = EspeakEngine()
    language = LANGUAGES[lang]
    measured_total = estimated_total = 0.0
    for text in HELD_OUT_LINES[lang]:
        pcm = trim_quiet(engine.synthesize(text, language, language.espeak_voice))
        measured = pcm.duration_ms / 1000
        estimated = estimate_seconds(text, lang)
        assert estimated == pytest.approx(measured, rel=0.3), text
        measured_total += measured
        estimated_total += estimated
    assert estimated_total == pytest.approx(measured_total, rel=0.1)


def _doc():
    return [
        cue(0, 1.2, "AIGUL: Merhaba."),  # ≈0.68 s in 1.2 s: fits
        cue(3, 5.2, "BOLAT: Bugün yeni filmin ilk gösterimini yapıyoruz."),  # ≈3.0 s in 2.2 s: too long
        cue(6, 8.2, "AIGUL: Seni istasyonda bekleyeceğim."),  # ≈2.05 s in 2.2 s: fits
        cue(9, 11, "AIGUL: Neden bana daha önce söylemedin?"),  # ≈2.2 s in 2.0 s: tight
        cue(12, 20, "BOLAT: Evet."),  # uses a fraction of its slot
    ]


def test_lines_that_do_not_fit_are_flagged_with_their_ratio():
    report = check_isochrony(_doc(), "tr")
    assert [fit.status for fit in report.fits] == ["fits", "too long", "fits", "tight", "too short"]
    assert not report.ok
    too_long = report.fits[1]
    assert too_long.ratio == pytest.approx(too_long.estimate_ms / 2200, abs=0.001)
    assert [(f.code, f.cue, f.severity, f.time_ms) for f in report.findings] == [
        ("dubbing.too-long", 1, "error", 3000),
        ("dubbing.tight", 3, "warning", 9000),
        ("dubbing.too-short", 4, "info", 12000),
    ]
    assert "BOLAT" in report.findings[0].message and "×1.3" in report.findings[0].message


def test_report_renders_as_text_json_and_html():
    report = check_isochrony(_doc(), "tr")
    text = report.render("text")
    assert "line 2 (cue 2, BOLAT): too long" in text
    assert "2 line(s) do not fit their slot" in text
    data = json.loads(report.render("json"))
    assert data["ok"] is False
    assert data["counts"] == {"fits": 2, "too long": 1, "tight": 1, "too short": 1}
    assert data["findings"][0]["code"] == "dubbing.too-long"
    html = report.render("html")
    assert '<tr class="too-long">' in html and "&lt;" not in html.split("<table>")[0]
    with pytest.raises(DubbingError, match="text, json or html"):
        report.render("xml")


def test_a_document_that_fits_is_ok():
    report = check_isochrony([cue(0, 3, "Merhaba."), cue(3, 6, "Evet, tamam.")], "tr")
    assert report.ok
    assert "every line fits its slot" in report.to_text()


def test_zero_length_slot_is_an_error_finding_not_a_crash():
    report = check_isochrony([cue(1, 1, "Merhaba."), cue(3, 2, "Evet.")], "tr")
    assert [f.code for f in report.findings] == ["dubbing.no-slot", "dubbing.no-slot"]
    assert report.fits[0].ratio == 999.0
    assert not report.ok


def test_unknown_language_and_empty_documents_are_refused():
    with pytest.raises(DubbingError, match="unknown language"):
        check_isochrony([cue(0, 1, "hi")], "klingon")
    with pytest.raises(DubbingError, match="no spoken lines"):
        check_isochrony([cue(0, 1, " "), cue(1, 2, "(door slams)")], "en")


def test_findings_join_a_subtitle_check_report():
    from korkyt.subtitles import check, loads

    doc = loads(
        "1\n00:00:03,000 --> 00:00:05,200\nBugün yeni filmin ilk gösterimini yapıyoruz.\n", format="srt"
    )
    report = check(doc)
    report.findings.extend(check_isochrony(doc.cues, "tr").findings)
    text = report.to_text()
    assert "dubbing.too-long" in text
