"""A cue written mostly in a script other than the one declared for the text is a finding
(``script.<found>-in-<declared>``); a whole document in the other script is one document-level finding."""

from __future__ import annotations

from korkyt.subtitles import CODES, check

from .conftest import make

UZ_LATIN = [
    (1000, 3000, "Salom, doʻstim! Qalaysan?"),
    (4000, 6000, "Bugun havo juda issiq."),
    (7000, 9000, "Choy ichasanmi?"),
]
KK_CYRILLIC = [
    (1000, 3000, "Сәлем, досым! Қалайсың?"),
    (4000, 6000, "Бүгін күн өте ыстық."),
    (7000, 9000, "Шай ішесің бе?"),
]


def script_findings(report) -> list[tuple[int | None, str]]:
    return [(f.cue, f.code) for f in report.findings if f.code.startswith("script.")]


def test_a_cyrillic_cue_in_an_uzbek_latin_text_is_a_finding():
    doc = make(*UZ_LATIN, (10000, 12000, "Бугун ҳаво жуда иссиқ, чой ичамиз."))
    report = check(doc, profile="uz", lang="uz", script="Latn")
    assert script_findings(report) == [(3, "script.cyrillic-in-latin")]
    finding = next(f for f in report.findings if f.code == "script.cyrillic-in-latin")
    assert finding.severity == "warning"
    assert finding.message.startswith("cue 4: Cyrillic text in a Latin-script cue")
    assert "27 of 27 letters" in finding.message


def test_a_latin_cue_in_a_kazakh_cyrillic_text_is_a_finding():
    doc = make(*KK_CYRILLIC, (10000, 12000, "Sálem, dosym! Búgin kún óte ystyq."))
    report = check(doc, profile="kk", lang="kk", script="Cyrl")
    assert script_findings(report) == [(3, "script.latin-in-cyrillic")]


def test_a_foreign_name_or_brand_in_a_cue_is_not_a_finding():
    doc = make(
        *KK_CYRILLIC,
        (11000, 13000, "Кеше Netflix-тен Korkut Ata туралы фильм көрдім."),  # two names in a Kazakh sentence
        (14000, 16000, "Netflix"),  # a brand alone on a cue: fewer letters than a sentence
        (17000, 19000, "Korkut Ata!"),
        (20000, 22000, "Coca-Cola?"),
    )
    assert script_findings(check(doc, profile="kk", lang="kk", script="Cyrl")) == []
    uz = make((1000, 3000, "Men kecha «Қорқыт Ата» filmini koʻrdim."), (4000, 6000, "Москва"))
    assert script_findings(check(uz, profile="uz", lang="uz", script="Latn")) == []


def test_mixed_script_words_are_their_own_finding_and_not_counted_again():
    # every word mixes Latin look-alikes into Cyrillic: turkic.mixed-script names them, word by word
    doc = make(*KK_CYRILLIC, (10000, 12000, "Cәлeм, дocтым! Бүгiн күн oтe ыcтық."))
    report = check(doc, profile="kk", lang="kk", script="Cyrl")
    assert script_findings(report) == []
    assert any(f.code == "turkic.mixed-script" and f.cue == 3 for f in report.findings)


def test_addresses_and_tags_are_not_text():
    doc = make(*KK_CYRILLIC, (10000, 12000, "Сайт: https://www.korkyt-festival.example.org/programme"))
    doc.cues.append(make((13000, 15000, "<i>Иә</i> {\\an8}info@korkyt-festival.example.org")).cues[0])
    assert script_findings(check(doc, profile="kk", lang="kk", script="Cyrl")) == []


def test_a_language_whose_tag_has_no_script_subtag_uses_its_profile_script():
    # English has no Turkic checks, but it is written in Latin: a Russian cue in it is a finding
    doc = make(
        (1000, 3000, "Hello, my friend."),
        (4000, 6000, "Привет, мой дорогой друг!"),
        (7000, 9000, "How are you today, my dear friend?"),
    )
    report = check(doc, profile="en", lang="en")
    assert script_findings(report) == [(1, "script.cyrillic-in-latin")]
    ru = make((1000, 3000, "Привет, друг. Как твои дела сегодня?"), (4000, 6000, "Good morning, my friend!"))
    assert script_findings(check(ru, profile="ru", lang="ru")) == [(1, "script.latin-in-cyrillic")]


def test_a_language_written_in_two_scripts_is_judged_by_the_script_declared():
    latin = make((1000, 3000, "Sálem, dosym! Búgin kún óte ystyq."))
    cyrillic = make((1000, 3000, "Сәлем, досым! Бүгін күн өте ыстық."))
    assert script_findings(check(latin, profile="kk", lang="kk", script="Latn")) == []
    assert script_findings(check(cyrillic, profile="kk", lang="kk", script="Latn")) == [
        (None, "script.document-cyrillic-in-latin")
    ]


def test_arabic_script_text_in_a_latin_cue_is_named_so():
    doc = make(*UZ_LATIN, (10000, 12000, "بۇگۈن ھاۋا بەك ئىسسىق"))
    assert script_findings(check(doc, profile="uz", lang="uz", script="Latn")) == [
        (3, "script.arabic-in-latin")
    ]


def test_without_a_declared_script_nothing_is_judged():
    doc = make(*UZ_LATIN, (10000, 12000, "Бугун ҳаво жуда иссиқ, чой ичамиз."))
    assert script_findings(check(doc)) == []  # no language, no script
    assert script_findings(check(doc, lang="uz")) == []  # the script is guessed from the text itself


def test_a_whole_document_in_the_other_script_is_one_finding_not_one_per_cue():
    doc = make(*UZ_LATIN, (10000, 12000, "Kuni issiq."))
    report = check(doc, profile="kk", lang="kk", script="Cyrl")
    assert script_findings(report) == [(None, "script.document-latin-in-cyrillic")]
    finding = next(f for f in report.findings if f.code.startswith("script."))
    assert finding.time_ms is None and finding.severity == "warning"
    assert "Latin" in finding.message and "Cyrillic" in finding.message


def test_a_document_mostly_in_its_script_gets_per_cue_findings():
    doc = make(*KK_CYRILLIC, (10000, 12000, "Sálem, dosym! Búgin kún óte ystyq."))
    report = check(doc, profile="kk", lang="kk", script="Cyrl")
    assert (None, "script.document-latin-in-cyrillic") not in script_findings(report)


def test_the_editor_asks_for_every_cue_even_in_a_document_of_the_other_script():
    doc = make(*UZ_LATIN)
    report = check(doc, profile="kk", lang="kk", script="Cyrl", script_by_cue=True)
    assert script_findings(report) == [(i, "script.latin-in-cyrillic") for i in range(3)]


def test_the_codes_are_listed():
    assert "script.cyrillic-in-latin" in CODES
    assert "script.document-latin-in-cyrillic" in CODES


def test_hostile_cues_are_checked_in_linear_time():
    import time

    from korkyt.subtitles.checks.script import check_script

    texts = ["a@" * 1000, "{\\" * 1000, "аb" * 1000, "www." * 500, "ж" * 1999 + "q", "x" * 1999 + "ы"]
    doc = make(*[(i * 1000, i * 1000 + 900, texts[i % len(texts)]) for i in range(1200)])  # 2.4 million
    started = time.perf_counter()
    check_script(doc.cues, "Cyrl")
    check_script(doc.cues, "Latn", by_cue=True)
    assert time.perf_counter() - started < 10  # about 1 s: no pattern here backtracks over a long word
