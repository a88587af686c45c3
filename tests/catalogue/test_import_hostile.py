"""Catalogue CSV import and export with hostile values: Rich markup in values, fields over the csv
module's limit, records spanning several lines, and cells a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korkyt.catalogue import transfer
from korkyt.catalogue.models import Film
from korkyt.config import demo
from korkyt.config.demo import SYSTEM

pytestmark = pytest.mark.django_db

HEADER = (
    "original_title,latin_title,english_title,year,directors,countries,kind,original_language,source_url\n"
)
GOOD = "Келін,Kelın,Kelin,2009,Ermek Tursunov,KZ,feature,kk,\n"


@pytest.fixture
def institutions():
    demo.load_institutions(demo.LoadReport(), demo.DATA_DIR)


def _cli(tmp_path: Path, text: str, *args: str):
    from korkyt.cli import app

    path = tmp_path / "films.csv"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(app, ["catalogue", "import", str(path), *args])


def test_markup_in_values_is_shown_literally_and_does_not_stop_the_import(
    institutions, tmp_path, monkeypatch
):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.settings")
    text = HEADER + GOOD + "Title [/],,,2001,Someone,X[/]Y,feature,kk,\n" + "B,,,2002,Z,KZ,[red]x[/red],kk,\n"
    result = _cli(tmp_path, text)
    assert result.exit_code == 2, result.output
    assert "“X[/]Y”" in result.output
    assert "“[red]x[/red]”" in result.output
    assert "1 films imported" in result.output and "2 rows refused" in result.output
    assert Film.objects.count() == 1


def test_a_field_over_the_csv_limit_is_an_error_of_its_row_only(institutions, tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.settings")
    huge = "x" * (csv.field_size_limit() + 10)
    text = HEADER + f'"{huge}",,,2001,Someone,KZ,feature,kk,\n' + GOOD
    report = transfer.import_csv(text, actor=SYSTEM)
    assert [(e.line, e.field) for e in report.errors] == [(2, "original_title")]
    assert len(report.created) == 1  # the good row after it is saved (no --strict)
    result = _cli(
        tmp_path, HEADER + f'"{huge}",,,2001,Someone,KZ,feature,kk,\n' + "A,,,2003,B,KZ,feature,kk,\n"
    )
    assert result.exit_code == 2
    assert "line 2: original_title: The field is longer than 131,072 characters." in result.output
    assert "1 films imported" in result.output


def test_errors_name_the_line_each_record_starts_on(institutions):
    text = (
        HEADER
        + '"A title\nover two lines",,,2001,Someone,KZ,feature,kk,\n'  # lines 2-3
        + "\n"  # line 4, blank
        + "Bad,,,2001,Someone,XX,feature,kk,\n"  # line 5
        + '"Bad,\n\n too",,,2001,Someone,KZ,musical,kk,\n'  # lines 6-8
        + "Bad again,,,,Someone,KZ,feature,kk,\n"  # line 9
    )
    report = transfer.import_csv(text, actor=SYSTEM)
    assert [(e.line, e.field) for e in report.errors] == [(5, "countries"), (6, "kind"), (9, "year")]
    assert len(report.created) == 1


def test_exported_cells_that_a_spreadsheet_would_run_are_inert_and_import_back(institutions):
    text = HEADER + "=Келін,+Kelin,-2,2001,@Someone,KZ,feature,kk,\n"
    report = transfer.import_csv(text, actor=SYSTEM)
    assert not report.errors, report.errors
    exported = transfer.export_csv(Film.objects.all())
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["original_title"] == "'=Келін"
    assert (
        row["latin_title"] == "'+Kelin" and row["english_title"] == "'-2" and row["directors"] == "'@Someone"
    )
    Film.objects.all().delete()
    again = transfer.import_csv(exported, actor=SYSTEM)
    assert not again.errors
    assert transfer.export_csv(Film.objects.all()) == exported


@pytest.mark.parametrize("where", ["directory", "missing folder"])
def test_export_to_a_path_that_cannot_be_written_exits_2(db, tmp_path, where):
    from korkyt.cli import app

    target = tmp_path if where == "directory" else tmp_path / "nodir" / "films.csv"
    result = CliRunner().invoke(app, ["catalogue", "export", "--output", str(target)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"cannot write {target}: " in result.output.replace("\n", "")


def test_importing_a_directory_says_it_is_one(db, tmp_path):
    from korkyt.cli import app

    result = CliRunner().invoke(app, ["catalogue", "import", str(tmp_path)])
    assert result.exit_code == 2
    assert f"Cannot read {tmp_path}: it is a directory" in result.output.replace("\n", "")
