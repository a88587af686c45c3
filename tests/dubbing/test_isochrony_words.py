"""The isochrony report's words are given by the caller (English by default, as the command line keeps
them), and its ``<html lang>`` is the language of those words; the dub's lines are marked with their own."""

from __future__ import annotations

from korkyt.dubbing.isochrony import ReportWords, check_isochrony

from .conftest import cue


def _report():  # type: ignore[no-untyped-def]
    return check_isochrony(
        [cue(0, 3, "Salam, necəsən?"), cue(3, 3.2, "Bu çox uzun bir cümlədir, dostum.")], "az"
    )


def test_the_report_is_english_by_default_and_says_so():
    page = _report().render("html")
    assert '<html lang="en">' in page and "<title>Isochrony check — Azerbaijani</title>" in page
    assert "<th>Line</th>" in page and "<th>Slot s</th>" in page
    assert '<td lang="az">Salam, necəsən?</td>' in page
    assert "<td>too long</td>" in page


def test_the_report_uses_the_words_it_is_given():
    words = ReportWords(
        lang="kk",
        title="Изохрония",
        language="әзірбайжан тілі",
        line="Жол",
        cue="Титр",
        character="Кейіпкер",
        text="Мәтін",
        slot="Уақыт (с)",
        estimate="Бағалау (с)",
        ratio="Қатынас",
        status="Күйі",
        statuses={"too long": "тым ұзын"},
    )
    page = _report().render("html", words)
    assert '<html lang="kk">' in page and "<title>Изохрония — әзірбайжан тілі</title>" in page
    assert "<th>Жол</th><th>Титр</th><th>Кейіпкер</th><th>Мәтін</th><th>Уақыт (с)</th>" in page
    assert "<td>тым ұзын</td>" in page
    assert 'class="too-long"' in page  # the row's class stays the status code
    assert "Line" not in page


def test_the_scripts_html_speaks_its_words_language_and_marks_the_lines_with_theirs():
    from korkyt.dubbing.script import build_script
    from korkyt.dubbing.writers import ScriptWords, script_html

    script = build_script(
        [cue(1, 2.5, "AIGUL: Сәлем.")], "kk", source=[cue(1, 2.5, "AIGUL: Salam.")], source_lang="az"
    )
    page = script_html(script)  # English words by default
    assert '<html lang="en">' in page
    assert '<td lang="kk">Сәлем.</td>' in page and '<td lang="az">Salam.</td>' in page
    assert '<html lang="ru">' in script_html(script, ScriptWords(lang="ru", title="Сценарий дубляжа"))
