from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korkyt.catalogue import transfer
from korkyt.catalogue.models import Credit, Film, Person
from korkyt.config import demo
from korkyt.config.demo import SYSTEM

pytestmark = pytest.mark.django_db

HEADER = (
    "original_title,latin_title,english_title,year,directors,countries,kind,original_language,source_url\n"
)


@pytest.fixture
def institutions():
    report = demo.LoadReport()
    demo.load_institutions(report, demo.DATA_DIR)


def test_demo_load_imports_all_69_films_with_directors_countries_and_sources():
    report = demo.load()
    assert report.films_created == 69
    assert Film.objects.count() == 69
    kyz = Film.objects.get(titles__text="Қыз Жібек")
    assert kyz.owner.code == "KZ-SCSNC"
    assert kyz.source_urls[0].startswith("https://www.caravan.kz/")
    assert Credit.objects.filter(role="director").count() >= 69
    nomad = Film.objects.filter(titles__text="Nomad").distinct().get()
    assert nomad.credits.count() == 3
    mustang = Film.objects.filter(titles__text="Mustang", year=2015).distinct().get()
    assert [str(c.country) for c in mustang.countries.all()] == ["FR", "DE", "TR"]
    assert mustang.owner.code == "TR-SGM"  # France has no national body in the network
    # same director across films is one person
    assert Person.objects.filter(names__text="Nuri Bilge Ceylan").count() == 1
    # a director's name is tagged with the film's language when written in its script, else as a
    # romanised (English) spelling
    from korkyt.catalogue.models import PersonName

    language = dict(PersonName.objects.values_list("text", "language"))
    assert language["Zaur Qasımlı"] == "az-Latn" and language["Nuri Bilge Ceylan"] == "tr"
    assert language["Sultan-Akhmet Khodzhikov"] == "en"
    again = demo.load()
    assert (again.films_created, again.films_unchanged) == (0, 69)


def test_bad_rows_get_clear_errors_and_nothing_partial(institutions):
    text = HEADER + (
        "Келін,Kelın,Kelin,2009,Ermek Tursunov,KZ,feature,kk,https://example.org/kelin\n"
        "Bad country,,,2001,Someone,XX,feature,kk,\n"
        "Bad language,,,2001,Someone,KZ,feature,klingon,\n"
        "Too old,,,1700,Someone,KZ,feature,kk,\n"
        "Bad kind,,,2001,Someone,KZ,musical,kk,\n"
        "Келін,Kelın,Kelin,2009,Ermek Tursunov,KZ,feature,kk,https://example.org/kelin\n"
        "No year,,,,Someone,KZ,feature,kk,\n"
        "Odd digits,,,²⁰⁰¹,Someone,KZ,feature,kk,\n"
    )
    report = transfer.import_csv(text, actor=SYSTEM)
    assert len(report.created) == 1
    by_line = {(e.line, e.field) for e in report.errors}
    assert (3, "countries") in by_line
    assert (4, "original_language") in by_line
    assert (5, "year") in by_line
    assert (6, "kind") in by_line
    assert (7, "original_title") in by_line  # duplicate: same original title, year and director
    assert (8, "year") in by_line
    assert (9, "year") in by_line  # "²⁰⁰¹" passes str.isdigit but is no year
    assert Film.objects.count() == 1
    assert Person.objects.count() == 1  # no person left behind by a refused row
    messages = " ".join(e.message for e in report.errors)
    assert "XX" in messages and "klingon" in messages and "1888" in messages


def test_strict_import_saves_nothing_when_a_row_fails(institutions):
    text = HEADER + "Келін,,,2009,Ermek Tursunov,KZ,feature,kk,\nX,,,2001,Y,ZZ,feature,kk,\n"
    report = transfer.import_csv(text, actor=SYSTEM, strict=True)
    assert report.created == [] and report.errors
    assert Film.objects.count() == 0


def test_missing_columns_are_reported(institutions):
    report = transfer.import_csv("title,year\nA,2000\n", actor=SYSTEM)
    assert report.errors[0].field == "header"


def test_export_csv_round_trips_the_demo_file():
    demo.load()
    films = Film.objects.order_by("pk")
    exported = transfer.export_csv(films)
    original = (demo.DATA_DIR / "films.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    assert exported == original
    records = json.loads(transfer.export_json(films[:2]))
    assert records[0]["titles"][0]["language"] == "kk-Cyrl"


def test_cli_import_reports_lines_and_exits_2(institutions, tmp_path: Path, monkeypatch):
    from korkyt.cli import app

    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.settings")
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "Келін,Kelın,Kelin,2009,Ermek Tursunov,KZ,feature,kk,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["catalogue", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "1 films imported" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "X,,,2001,Y,ZZ,feature,kk,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["catalogue", "import", str(bad)])
    assert result.exit_code == 2
    assert "line 2" in result.output
    missing = CliRunner().invoke(app, ["catalogue", "import", str(tmp_path / "none.csv")])
    assert missing.exit_code == 2


def test_the_demo_names_the_kazakh_agency_in_kazakh_too(institutions):
    """institution_names.csv adds names in further languages: the Kazakh agency's in Kazakh, besides the
    dataset's English and Russian; loading again keeps one name per language."""
    from korkyt.institutions.models import Institution

    agency = Institution.objects.get(code="KZ-SCSNC")
    names = {t.language: t.name for t in agency.translations.all()}
    assert names["kk-Cyrl"] == "Ұлттық киноны қолдау мемлекеттік орталығы"
    assert names["ru"] == "Государственный центр поддержки национального кино" and "en" in names
    demo.load_institutions(demo.LoadReport(), demo.DATA_DIR)
    assert agency.translations.count() == len(names)
