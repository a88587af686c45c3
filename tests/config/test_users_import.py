"""`korkyt users import USERS.csv [--tokens TOKENS.csv] [--strict]`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from korkyt.accounts.models import User
from korkyt.accounts.rules import institution_ids
from korkyt.accounts.services import token_authenticate
from korkyt.cli import app
from tests.factories import InstitutionFactory

runner = CliRunner()
pytestmark = pytest.mark.django_db

GOOD = (
    "username,email,full_name,institution,role\n"
    "aigerim,aigerim@example.kz,Aigerim Sadykova,KZ-SCSNC,editor\n"
    "murat,murat@example.kg,Murat Asanov,,\n"
)


def test_import_creates_accounts_memberships_and_a_token_file(tmp_path: Path) -> None:
    kz = InstitutionFactory(code="KZ-SCSNC", country="KZ")
    users, tokens = tmp_path / "users.csv", tmp_path / "tokens.csv"
    users.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["users", "import", str(users), "--tokens", str(tokens)])
    assert result.exit_code == 0, result.output
    assert "2 created" in result.output
    aigerim = User.objects.get(username="aigerim")
    assert (aigerim.first_name, aigerim.last_name, aigerim.email) == (
        "Aigerim",
        "Sadykova",
        "aigerim@example.kz",
    )
    assert institution_ids(aigerim, "editor") == {kz.pk}
    rows = list(csv.DictReader(tokens.open(encoding="utf-8")))
    assert [r["username"] for r in rows] == ["aigerim", "murat"]
    assert token_authenticate(rows[1]["token"]) == User.objects.get(username="murat")
    again = runner.invoke(app, ["users", "import", str(users)])
    assert "0 created, 2 updated" in again.output


def test_rows_with_errors_are_reported_by_line_and_the_others_saved(tmp_path: Path) -> None:
    users = tmp_path / "users.csv"
    users.write_text(GOOD + "bad,not-an-email,Bad Row,XX-NONE,boss\n", encoding="utf-8")
    result = runner.invoke(app, ["users", "import", str(users)])
    assert result.exit_code == 2
    assert ":2: no institution with the code “KZ-SCSNC”" in result.output
    assert ":4: " in result.output and "not-an-email" in result.output and "boss" in result.output
    assert list(User.objects.values_list("username", flat=True)) == ["murat"]


def test_strict_saves_nothing_when_a_row_fails(tmp_path: Path) -> None:
    InstitutionFactory(code="KZ-SCSNC", country="KZ")
    users, tokens = tmp_path / "users.csv", tmp_path / "tokens.csv"
    users.write_text(GOOD + ",nobody@example.com,,,\n", encoding="utf-8")
    result = runner.invoke(app, ["users", "import", str(users), "--strict", "--tokens", str(tokens)])
    assert result.exit_code == 2
    assert "nothing was saved" in result.output
    assert User.objects.count() == 0
    assert not tokens.exists()


def test_token_file_writes_a_username_a_spreadsheet_would_run_as_text(tmp_path: Path) -> None:
    users, tokens = tmp_path / "users.csv", tmp_path / "tokens.csv"
    users.write_text("username,email,full_name,institution,role\n@mallory,m@example.org,Mal Lory,,\n")
    result = runner.invoke(app, ["users", "import", str(users), "--tokens", str(tokens)])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(tokens.open(encoding="utf-8")))
    assert row["username"] == "'@mallory"
    assert token_authenticate(row["token"]) == User.objects.get(username="@mallory")


@pytest.mark.parametrize("where", ["directory", "missing folder"])
def test_a_token_path_that_cannot_be_written_is_refused_before_anything_is_saved(
    tmp_path: Path, where: str
) -> None:
    users = tmp_path / "users.csv"
    users.write_text(GOOD.replace("KZ-SCSNC,editor", ","), encoding="utf-8")
    tokens = tmp_path if where == "directory" else tmp_path / "nodir" / "tokens.csv"
    result = runner.invoke(app, ["users", "import", str(users), "--tokens", str(tokens)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"cannot write {tokens}" in result.output
    assert "directory" in result.output if where == "directory" else "does not exist" in result.output
    assert User.objects.count() == 0


def test_when_the_token_file_cannot_be_written_no_account_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from korkyt.core.spreadsheet import SafeWriter

    def full(self: SafeWriter, rows: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SafeWriter, "writerows", full)
    users, tokens = tmp_path / "users.csv", tmp_path / "tokens.csv"
    users.write_text(GOOD.replace("KZ-SCSNC,editor", ","), encoding="utf-8")
    result = runner.invoke(app, ["users", "import", str(users), "--tokens", str(tokens)])
    assert result.exit_code == 2, result.output
    assert f"cannot write {tokens}: No space left on device; nothing was saved." in result.output
    assert User.objects.count() == 0
    assert list(tmp_path.iterdir()) == [users]  # no token file, no temporary file left


def test_the_token_file_is_private_while_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from korkyt.core.spreadsheet import SafeWriter

    modes: list[int] = []
    original_init, original_rows = SafeWriter.__init__, SafeWriter.writerows

    def init(self: SafeWriter, stream: object, **options: object) -> None:
        self.stream = stream  # type: ignore[attr-defined]
        original_init(self, stream, **options)

    def rows(self: SafeWriter, rows: object) -> None:
        modes.append(os.fstat(self.stream.fileno()).st_mode & 0o777)  # type: ignore[attr-defined]
        original_rows(self, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(SafeWriter, "__init__", init)
    monkeypatch.setattr(SafeWriter, "writerows", rows)
    users, tokens = tmp_path / "users.csv", tmp_path / "tokens.csv"
    users.write_text(GOOD.replace("KZ-SCSNC,editor", ","), encoding="utf-8")
    result = runner.invoke(app, ["users", "import", str(users), "--tokens", str(tokens)])
    assert result.exit_code == 0, result.output
    assert modes == [0o600]
    assert tokens.stat().st_mode & 0o777 == 0o600


def test_a_field_over_the_csv_limit_is_an_error_of_its_line_and_the_others_are_saved(tmp_path: Path) -> None:
    users = tmp_path / "users.csv"
    huge = "x" * 131_082
    users.write_text(
        "username,email,full_name,institution,role\n"
        f'huge,huge@example.org,"{huge}",,\n'
        "murat,murat@example.kg,Murat Asanov,,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["users", "import", str(users)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert ":2: full_name: The field is longer than 131,072 characters." in result.output
    assert "1 created, 0 updated, 1 rows with errors" in result.output
    assert list(User.objects.values_list("username", flat=True)) == ["murat"]
