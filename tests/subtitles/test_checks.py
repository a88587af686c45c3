"""Each check with a case that fails it and one that passes."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.subtitles import Cue, Document, Profile, ProfileError, SubtitleError, check, get_profile

from .conftest import make

GOOD = [(1000, 3000, "Sälem, dosym."), (3083, 5500, "Qalaisyñ?")]


def codes(doc: Document, **kw) -> set[str]:
    return {f.code for f in check(doc, **kw).findings}


def test_clean_document_has_no_findings():
    assert check(make(*GOOD)).findings == []


@pytest.mark.parametrize(
    ("code", "bad", "good"),
    [
        ("timing.overlap", [(1000, 3000, "Bir."), (2500, 4500, "Eki.")], GOOD),
        ("timing.out-of-order", [(5000, 7000, "Bir."), (1000, 3000, "Eki.")], GOOD),
        ("timing.non-positive-duration", [(3000, 3000, "Bir.")], GOOD),
        ("timing.too-short", [(1000, 1500, "Ok.")], [(1000, 1900, "Ok.")]),
        ("timing.too-long", [(1000, 9000, "Uzaq sóilem.")], [(1000, 7000, "Uzaq sóilem.")]),
        ("timing.gap-too-small", [(1000, 3000, "Bir."), (3040, 5000, "Eki.")], GOOD),
        (
            "timing.chain-gap",
            [(1000, 3000, "Bir."), (3300, 5000, "Eki.")],
            [(1000, 3000, "Bir."), (3600, 5000, "Eki.")],
        ),
        (
            "timing.reading-speed",
            [(1000, 2000, "Bul óte uzyn sóilem, oqu qiyn.")],
            [(1000, 3000, "Bul qysqa sóilem.")],
        ),
        ("layout.line-too-long", [(1000, 6000, "x" * 43)], [(1000, 6000, "x" * 42)]),
        ("layout.too-many-lines", [(1000, 6000, "bir\neki\núsh")], [(1000, 6000, "bir\neki")]),
        ("layout.empty", [(1000, 3000, " <i> </i> ")], GOOD),
        ("layout.whitespace", [(1000, 3000, "Bir  eki ")], GOOD),
        ("layout.unbalanced-tag", [(1000, 3000, "<i>Bir eki")], [(1000, 3000, "<i>Bir</i> eki")]),
        ("layout.unknown-tag", [(1000, 3000, '<font color="red">Bir</font>')], [(1000, 3000, "<b>Bir</b>")]),
    ],
)
def test_check_fails_bad_and_passes_good(code, bad, good):
    assert code in codes(make(*bad))
    assert code not in codes(make(*good))


def test_overlap_finding_points_at_the_later_cue_and_is_fixable():
    report = check(make((1000, 3000, "Bir."), (2500, 4500, "Eki.")))
    (f,) = [f for f in report.findings if f.code == "timing.overlap"]
    assert f.cue == 1 and f.severity == "error" and f.fixable and f.time_ms == 2500
    assert "500 ms" in f.message


def test_children_profile_is_stricter_on_reading_speed():
    doc = make((1000, 3000, "x" * 30))  # 15 chars/s
    assert "timing.reading-speed" not in codes(doc, profile="netflix-adult")
    assert "timing.reading-speed" in codes(doc, profile="netflix-children")


def test_reading_speed_ignores_tags_and_line_breaks():
    doc = make((0, 1000, "<i>" + "x" * 8 + "</i>\n" + "y" * 9))  # 17 visible characters in 1 s
    assert "timing.reading-speed" not in codes(doc)


def test_custom_profile_and_unknown_profile():
    p = get_profile("netflix-adult").with_(name="tight", max_chars_per_line=10)
    assert "layout.line-too-long" in codes(make((0, 3000, "x" * 11)), profile=p)
    with pytest.raises(ProfileError, match="known"):
        check(make(*GOOD), profile="nope")
    with pytest.raises(ProfileError, match="unknown profile field"):
        p.with_(max_chars=3)
    assert isinstance(p, Profile)


def test_every_language_profile_exists_with_its_language():
    for lang in ("kk", "az", "ky", "tk", "tr", "uz", "ru", "en"):
        assert get_profile(lang).lang == lang
    assert get_profile("festival-dcp").max_cps < get_profile("netflix-adult").max_cps


# --- Turkic ------------------------------------------------------------------------------------------


def test_turkic_findings_are_mapped_to_their_cue():
    doc = make((1000, 3000, "Сәлем, досым."), (3083, 5500, "<i>Қaлай</i> жүрсің?"))
    report = check(doc, lang="kk", script="Cyrl")
    turkic = [f for f in report.findings if f.code.startswith("turkic.")]
    assert [(f.cue, f.code, f.suggestion, f.fixable) for f in turkic] == [
        (1, "turkic.mixed-script", "Қалай", True)
    ]


def test_turkic_checks_pass_clean_text():
    assert not [f for f in check(make(*GOOD), lang="kk").findings if f.code.startswith("turkic")]


def test_turkic_checks_use_the_language_profile():
    doc = make((1000, 3000, "O'zbekiston"))
    assert "turkic.uz-apostrophe" in codes(doc, profile="uz")
    assert "turkic.uz-apostrophe" not in codes(doc, profile="netflix-adult")


def test_turkic_checks_report_when_translit_is_missing(monkeypatch):
    from korkyt.subtitles import _translit

    monkeypatch.setattr(_translit, "module", lambda: None)
    assert "turkic.unavailable" in codes(make(*GOOD), lang="kk")


# --- against a source -----------------------------------------------------------------------------

SOURCE = make(
    (1000, 3000, "Welcome to Aktau."),
    (3500, 6000, "The festival opened in 2025 with 120 films."),
    (6500, 9000, "Korkyt Ata lived long ago."),
)


def test_source_checks_pass_a_good_translation():
    target = make(
        (1000, 3000, "Ақтауға қош келдіңіз."),
        (3500, 6000, "Фестиваль 2025 жылы 120 фильммен ашылды."),
        (6500, 9000, "Қорқыт Ата ерте заманда өмір сүрген."),
    )
    report = check(target, source=SOURCE, glossary={"Korkyt Ata": "Қорқыт Ата"})
    assert [f for f in report.findings if f.code.startswith("source.")] == []


def test_source_cue_count_and_drift():
    target = make(
        (1000, 3000, "Ақтауға қош келдіңіз."), (5200, 8000, "Фестиваль 2025 жылы 120 фильммен ашылды.")
    )
    found = codes(target, source=SOURCE)
    assert {"source.cue-count", "source.timing-drift"} <= found


def test_source_untranslated_cue():
    target = make(
        (1000, 3000, "Ақтауға қош келдіңіз."),
        (3500, 6000, "The festival opened in 2025 with 120 films."),
        (6500, 9000, "Қорқыт Ата ерте заманда өмір сүрген."),
    )
    report = check(target, source=SOURCE)
    assert [(f.cue, f.code) for f in report.findings if f.code == "source.untranslated"] == [
        (1, "source.untranslated")
    ]


def test_source_numbers_that_differ_and_thousands_separators():
    target = make(
        (1000, 3000, "Ақтау."),
        (3500, 6000, "Фестиваль 2024 жылы 120 фильммен ашылды."),
        (6500, 9000, "Қорқыт Ата."),
    )
    (f,) = [f for f in check(target, source=SOURCE).findings if f.code == "source.numbers"]
    assert "2025" in f.message and "2024" in f.message
    same = make((0, 1000, "1 500 000 teñge, 3,5 kg"))
    assert "source.numbers" not in codes(same, source=make((0, 1000, "1,500,000 tenge, 3.5 kg")))


def test_source_glossary_term_missing_and_suffix_allowed():
    glossary = {"Korkyt Ata": ["Қорқыт Ата"], "festival": "фестиваль"}
    bad = make(
        (1000, 3000, "Ақтау."),
        (3500, 6000, "Той 2025 жылы 120 фильммен ашылды."),
        (6500, 9000, "Қорқыт ата."),
    )
    found = [f for f in check(bad, source=SOURCE, glossary=glossary).findings if f.code == "source.glossary"]
    assert [f.cue for f in found] == [1]  # "Қорқыт ата" matches case-insensitively
    good = make(
        (1000, 3000, "Ақтау."),
        (3500, 6000, "Фестивальдің 2025 жылы 120 фильммен ашылды."),
        (6500, 9000, "Қорқыт Атаның заманы."),
    )
    assert "source.glossary" not in codes(good, source=SOURCE, glossary=glossary)


def test_source_glossary_short_terms_and_non_turkic_terms_match_whole_words_only():
    glossary = {"ай": ["ay"], "cat": ["kedi"], "festival": "фестиваль"}
    source = Document(cues=make((0, 2000, "Ол айтты."), (3000, 5000, "The category is new.")).cues)
    target = make((0, 2000, "O dedi."), (3000, 5000, "Kategori yeni."))
    assert "source.glossary" not in codes(target, profile="tr", lang="tr", source=source, glossary=glossary)
    # English source: "festivals" is another word than "festival"; Kazakh source: "Айдың" is not "ай".
    english = Document(cues=make((0, 2000, "Two festivals.")).cues, language="en")
    assert "source.glossary" not in codes(make((0, 2000, "Екі той.")), source=english, glossary=glossary)
    kazakh = Document(cues=make((0, 2000, "Ай туды.")).cues, language="kk")
    found = codes(make((0, 2000, "Luna doğdu.")), source=kazakh, glossary=glossary)
    assert "source.glossary" in found
    # A short rendering must be the whole word ("ay" is not in "Ayrıldı"), and so must an English one.
    assert "source.glossary" in codes(make((0, 2000, "Ayrıldı.")), source=kazakh, glossary=glossary)
    en_target = Document(cues=make((0, 2000, "Categories.")).cues, language="en")
    assert "source.glossary" in codes(en_target, source=kazakh, glossary={"ай": "category"})


def test_unmatched_cue_when_counts_differ():
    target = make((1000, 3000, "Ақтау."), (20000, 22000, "Артық."))
    assert "source.unmatched" in codes(target, source=SOURCE)


# --- report ---------------------------------------------------------------------------------------


def test_report_summary_and_renderings():
    doc = make((1000, 3000, "Bir."), (2500, 4500, "<x>Eki</x>"), (4600, 4700, ""))
    report = check(doc)
    assert report.summary["error"] >= 2 and report.has_errors
    data = json.loads(report.to_json())
    assert data["summary"] == report.summary and data["findings"][0]["code"]
    text = report.to_text()
    assert "timing.overlap" in text and text.splitlines()[0].startswith("3 cues")
    page = report.to_html()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "timing.overlap" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert "&lt;x&gt;" in page  # cue text is escaped


def test_document_level_findings_have_no_cue():
    report = check(make((0, 1000, "a")), source=make((0, 1000, "a"), (2000, 3000, "b")))
    f = next(f for f in report.findings if f.code == "source.cue-count")
    assert f.cue is None and f.time_ms is None
    assert Cue(0, 1, "x").duration_ms == 1


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab \t\u00a0\n")), min_size=1, max_size=12))
def test_whitespace_test_matches_its_definition(text):
    from korkyt.subtitles.checks.layout import _bad_space

    definition = re.compile(r"^[ \t\u00a0]|[ \t\u00a0]$|[ \t\u00a0]{2,}|\t|\n[ \t\u00a0]*\n", re.MULTILINE)
    assert _bad_space(text) == bool(definition.search(text))


def test_glossary_without_source_is_refused():
    with pytest.raises(SubtitleError, match="source="):
        check(make(*GOOD), glossary={"festival": "фестиваль"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "bc", " ", "\t", "\u00a0", "\n", "<i>", "</i>", "<b>", "</b>"]), max_size=16
    )
)
def test_tidy_whitespace_leaves_no_whitespace_finding_and_keeps_words(parts):
    from korkyt.subtitles.checks.layout import _bad_space, tidy_whitespace
    from korkyt.subtitles.markup import strip_tags

    text = "".join(parts)
    tidy = tidy_whitespace(text)
    plain = strip_tags(tidy)
    if plain:
        assert not _bad_space(plain), repr(tidy)
    assert plain.split() == strip_tags(text).split()
    assert re.findall(r"</?[ib]>", tidy) == re.findall(r"</?[ib]>", text)


def test_source_pairing_stays_fast_with_a_cue_spanning_the_whole_source():
    source = make(
        (0, 10_000_000, "Long."), *[(n * 1000, n * 1000 + 900, f"Cue {n}.") for n in range(1, 5000)]
    )
    target = make(*[(n * 1000, n * 1000 + 900, f"Cue {n}.") for n in range(1, 6000)])
    report = check(target, source=source)
    assert sum(f.code == "source.cue-count" for f in report.findings) == 1
    assert not [
        f for f in report.findings if f.code == "source.unmatched" and f.cue is not None and f.cue < 4998
    ]


def test_letters_with_combining_marks_count_once_in_line_length_and_reading_speed():
    import unicodedata

    from korkyt.subtitles.markup import visible_length

    line = "Güzel bir gün, değil mi? Şöyle böyle işte"  # 41 letters, spaces and signs
    decomposed = unicodedata.normalize("NFD", line)
    assert len(decomposed) > 42
    assert visible_length(decomposed) == visible_length(line) == 41
    assert visible_length("i\u0307stanbul") == 8  # a dotted i written with U+0307 is one letter
    composed, nfd = make((0, 2400, line)), make((0, 2400, decomposed))
    assert codes(nfd, profile="netflix-adult") == codes(composed, profile="netflix-adult")
    assert "layout.line-too-long" not in codes(nfd, profile="netflix-adult")
    speed = check(nfd, profile="netflix-adult").findings
    assert [f.message for f in speed] == [
        f.message for f in check(composed, profile="netflix-adult").findings
    ]


def test_the_fast_character_count_covers_only_code_points_that_stand_alone():
    import regex

    from korkyt.subtitles.markup import SIMPLE_RE

    joining = regex.compile(
        r"[\p{Grapheme_Cluster_Break=Extend}\p{Grapheme_Cluster_Break=ZWJ}\p{Grapheme_Cluster_Break=SpacingMark}"
        r"\p{Grapheme_Cluster_Break=Prepend}\p{Grapheme_Cluster_Break=Regional_Indicator}"
        r"\p{Grapheme_Cluster_Break=L}\p{Grapheme_Cluster_Break=V}\p{Grapheme_Cluster_Break=T}"
        r"\p{Grapheme_Cluster_Break=CR}]"
    )
    simple = [chr(c) for c in range(0x2200) if SIMPLE_RE.fullmatch(chr(c))]
    assert len(simple) > 1500
    assert [f"U+{ord(ch):04X}" for ch in simple if joining.match(ch)] == []


def _gap_codes(doc: Document, **kw) -> list[str]:
    return [f.code for f in check(doc, **kw).findings if f.code.startswith("timing.")]


@pytest.mark.parametrize(
    ("fps", "two_frames", "one_frame"), [(25, 80, 40), (30000 / 1001, 67, 33), (24, 83, 42)]
)
def test_a_two_frame_gap_is_enough_at_any_frame_rate(fps, two_frames, one_frame):
    ok = Document(cues=[Cue(0, 2000, "Bir."), Cue(2000 + two_frames, 4000, "Eki.")], fps=fps)
    assert _gap_codes(ok) == []
    assert _gap_codes(ok.copy(cues=[Cue(0, 2000, "Bir."), Cue(2000 + two_frames, 4000, "Eki.")])) == []
    short = Document(cues=[Cue(0, 2000, "Bir."), Cue(2000 + one_frame, 4000, "Eki.")], fps=fps)
    finding = next(f for f in check(short).findings if f.code == "timing.gap-too-small")
    assert finding.message.endswith(f"; the minimum is {two_frames} ms")
    assert finding.suggestion == f"end cue 1 at 0:00:{(2000 + one_frame - two_frames) / 1000:06.3f}"


def test_the_frame_rate_given_to_check_wins_over_the_profile_default():
    doc = make((0, 2000, "Bir."), (2062, 4000, "Eki."))  # 1.5 frames at 24 fps, 1.9 at 30
    assert "timing.gap-too-small" in _gap_codes(doc)
    assert "timing.gap-too-small" not in _gap_codes(doc, fps=30)
    assert "timing.gap-too-small" not in _gap_codes(doc, profile=get_profile("netflix-adult").with_(fps=30))


def test_a_twelve_frame_gap_at_23_976_is_a_chain_gap():
    gap = 501  # 12 frames are 500.5 ms, written as 501 when the times are rounded up
    doc = Document(cues=[Cue(0, 2000, "Bir."), Cue(2000 + gap, 4000, "Eki.")], fps=24000 / 1001)
    assert _gap_codes(doc) == ["timing.chain-gap"]


def test_minimum_duration_is_five_sixths_of_a_second_in_whole_frames():
    # 5/6 s: 20 frames at 24 and 23.976 fps, 25 at 29.97, and 21 at 25 fps (20 frames there are 0.8 s)
    for fps, frames, ok in [(24, 20, True), (24000 / 1001, 20, True), (30000 / 1001, 25, True),
                            (30000 / 1001, 24, False), (25, 21, True), (25, 20, False)]:  # fmt: skip
        doc = Document(cues=[Cue(1000, 1000 + round(frames * 1000 / fps), "Ok.")], fps=fps)
        assert ("timing.too-short" not in _gap_codes(doc)) is ok, (fps, frames)
