from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from korkyt.cli import app

pytestmark = pytest.mark.django_db(transaction=False)


def test_export_reviews_of_an_unknown_edition_exits_2(db: Any) -> None:
    result = CliRunner().invoke(app, ["festival", "export-reviews", "99", "--format", "csv"])
    assert result.exit_code == 2 and "No edition 99" in result.output


def test_export_reviews_xlsx_as_written_goes_to_a_pipe_or_to_a_file_named_for_the_edition(
    feature: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from korkyt.festival import cli

    result = CliRunner().invoke(app, ["festival", "export-reviews", "6", "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"PK")  # the workbook itself, for a redirect or a pipe
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "_to_terminal", lambda: True)
    result = CliRunner().invoke(app, ["festival", "export-reviews", "6", "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    assert "reviews-6.xlsx" in result.output
    assert (tmp_path / "reviews-6.xlsx").read_bytes().startswith(b"PK")


def test_import_reports_per_row_errors_and_exits_2(feature: Any, tmp_path: Path) -> None:
    path = tmp_path / "subs.csv"
    path.write_text("edition,section,film,route,user\n6,feature,999999,direct,nobody\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["festival", "import-submissions", str(path)])
    assert result.exit_code == 2
    assert "line 2: film: no such film in the catalogue" in result.output
    assert "line 2: user: no user 'nobody'" in result.output
    strict = CliRunner().invoke(app, ["festival", "import-submissions", str(path), "--strict"])
    assert strict.exit_code == 2 and "0 submissions imported, 1 row refused (--strict: nothing saved)." in (
        strict.output
    )


def test_import_answers_a_field_over_the_csv_limit_on_its_line(feature: Any, tmp_path: Path) -> None:
    path = tmp_path / "subs.csv"
    huge = "x" * 131_082
    path.write_text(
        f'edition,section,film,route,user,screener_url\n6,feature,1,direct,nobody,"{huge}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["festival", "import-submissions", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "line 2: screener_url: The field is longer than 131,072 characters." in result.output
    assert "0 submissions imported, 1 row refused." in result.output


@pytest.mark.parametrize("where", ["directory", "missing folder"])
def test_export_reviews_to_a_path_that_cannot_be_written_exits_2(
    feature: Any, tmp_path: Path, where: str
) -> None:
    target = tmp_path if where == "directory" else tmp_path / "nodir" / "r.xlsx"
    result = CliRunner().invoke(
        app, ["festival", "export-reviews", "6", "--format", "xlsx", "--output", str(target)]
    )
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"cannot write {target}: " in result.output.replace("\n", "")
    assert list(tmp_path.iterdir()) == []


def test_export_reviews_writes_the_file_whole(feature: Any, tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    result = CliRunner().invoke(app, ["festival", "export-reviews", "6", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("edition") or target.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_import_names_a_directory_given_as_the_file(db: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["festival", "import-submissions", str(tmp_path)])
    assert result.exit_code == 2
    output = " ".join(result.output.split())  # the console wraps long lines
    assert "it is a directory" in output and "No such file" not in output
