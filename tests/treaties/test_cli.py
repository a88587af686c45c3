"""``korkyt treaties check|list``: the JSON contract in and out, exit codes, formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

from korkyt.treaties import json_schema
from korkyt.treaties.cli import register

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "coproduction-kz-az-tr.json"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:  # a group, as in the korkyt app
        pass

    register(app)
    return app


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "project.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_input_and_output_follow_the_shipped_schemas(
    app: typer.Typer, tmp_path: Path, kaz_az_tr: dict
) -> None:
    jsonschema.Draft202012Validator(json_schema("project")).validate(kaz_az_tr)
    result = CliRunner().invoke(
        app, ["treaties", "check", str(_write(tmp_path, kaz_az_tr)), "--format", "json"]
    )
    assert result.exit_code == 1, result.output  # no instrument confers status yet
    out = json.loads(result.stdout)
    jsonschema.Draft202012Validator(json_schema("result")).validate(out)
    assert [i["id"] for i in out["instruments"]] == [
        "cets-220", "ets-147", "eurimages", "tr-2019", "kz-2019", "it-tr-2006", "mou",
    ]  # fmt: skip
    tr = next(i for i in out["instruments"] if i["id"] == "tr-2019")
    assert tr["applies"] is True and tr["eligible"] is False and tr["points"] is None
    failed = [c for c in tr["checks"] if not c["ok"]]
    assert failed == [
        {
            "rule": "share",
            "subject": "az-studio",
            "value": "2.439",
            "min": "5",
            "max": "80",
            "ok": False,
            "source": "Regulation of 15 October 2019: multilateral co-production, 5–80 % each",
        }
    ]
    assert tr["advice"][0]["changes"] == [
        {"op": "change_contribution", "target": "az-studio", "amount": "75158", "currency": "AZN"}
    ]
    assert out["basis"] is None


def test_the_documented_example_validates_and_passes(app: typer.Typer) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json_schema("project")).validate(data)
    result = CliRunner().invoke(app, ["treaties", "check", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.Draft202012Validator(json_schema("result")).validate(out)
    assert out["basis"] == "tr-2019"


def test_every_output_of_the_rule_tests_validates(app: typer.Typer, tmp_path: Path) -> None:
    from .conftest import project_dict

    projects = [
        project_dict([("nl", "NL", "950000", "EUR"), ("ro", "RO", "50000", "EUR", True)], elements="NL"),
        project_dict(
            [("it", "IT", "500000", "EUR"), ("tr", "TR", "300000", "EUR"), ("kz", "KZ", "200000", "EUR")]
        ),
        project_dict([("kz", "KZ", "1", "KZT")], currency="KZT", elements="TR", applied_on="2026-08-30"),
    ]
    validator = jsonschema.Draft202012Validator(json_schema("result"))
    for data in projects:
        result = CliRunner().invoke(
            app, ["treaties", "check", str(_write(tmp_path, data)), "--format", "json"]
        )
        assert result.exit_code in (0, 1), result.output
        validator.validate(json.loads(result.stdout))


def test_date_option_moves_the_evaluation(app: typer.Typer, tmp_path: Path, kaz_az_tr: dict) -> None:
    path = _write(tmp_path, kaz_az_tr)
    result = CliRunner().invoke(
        app, ["treaties", "check", str(path), "--format", "json", "--date", "2025-09-01"]
    )
    out = json.loads(result.stdout)
    mou = next(i for i in out["instruments"] if i["id"] == "mou")
    assert mou["applies"] is False and "not in force on 2025-09-01" in mou["reason"]


def test_text_report_shows_checks_sources_and_advice(
    app: typer.Typer, tmp_path: Path, kaz_az_tr: dict
) -> None:
    result = CliRunner().invoke(app, ["treaties", "check", str(_write(tmp_path, kaz_az_tr))])
    assert result.exit_code == 1
    assert "FAIL share" in result.stdout
    assert "→ raise the Azerbaijani share (az-studio) from 2.44 % to 5 %: + 75,158 AZN" in result.stdout
    assert "Basis: none" in result.stdout


def test_html_report_escapes_what_the_input_says(app: typer.Typer, tmp_path: Path, kaz_az_tr: dict) -> None:
    kaz_az_tr["partners"][0]["id"] = "<script>alert(1)</script>"
    result = CliRunner().invoke(
        app, ["treaties", "check", str(_write(tmp_path, kaz_az_tr)), "--format", "html"]
    )
    assert result.exit_code == 1, result.output
    assert "<script>" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert result.stdout.startswith("<!doctype html>")


def test_reads_standard_input(app: typer.Typer, kaz_az_tr: dict) -> None:
    result = CliRunner().invoke(
        app, ["treaties", "check", "-", "--format", "json"], input=json.dumps(kaz_az_tr)
    )
    assert result.exit_code == 1 and json.loads(result.stdout)["shares"]["az-studio"] == "2.439"


def test_list_names_every_instrument_with_its_source(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["treaties", "list"])
    assert result.exit_code == 0
    for ident in ("cets-220", "ets-147", "eurimages", "tr-2019", "kz-2019", "it-tr-2006", "mou"):
        assert ident in result.stdout
    rows = json.loads(CliRunner().invoke(app, ["treaties", "list", "--format", "json"]).stdout)
    assert all(r["source"].startswith("https://") and r["effective_from"] for r in rows)
    cets = next(r for r in rows if r["id"] == "cets-220")
    assert {"country": "NL", "joined": "2017-12-01", "left": None} in cets["parties"]


def test_the_korkyt_command_has_the_treaties_group() -> None:
    from korkyt.cli import app as korkyt_app

    result = CliRunner().invoke(korkyt_app, ["treaties", "--help"])
    assert result.exit_code == 0 and "check" in result.stdout and "list" in result.stdout


def test_the_schemas_in_the_docs_are_the_shipped_ones() -> None:
    doc = (EXAMPLE.parents[1] / "coproduction.md").read_text(encoding="utf-8")
    for which, heading in (
        ("project", "### JSON Schema of the input"),
        ("result", "### JSON Schema of the output"),
    ):
        block = doc.split(heading, 1)[1].split("```json", 1)[1].split("```", 1)[0]
        assert json.loads(block) == json_schema(which)


def test_a_lone_surrogate_exits_2_naming_the_field(app: typer.Typer, tmp_path: Path, kaz_az_tr: dict) -> None:
    # "\ud800" (a JSON escape of half a UTF-16 pair) is not Unicode: no report could be written with it
    content = json.dumps(kaz_az_tr)
    first = kaz_az_tr["partners"][0]["id"]
    path = tmp_path / "project.json"
    path.write_text(content.replace(json.dumps(first), '"\\ud800"', 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["treaties", "check", str(path)])
    assert result.exit_code == 2, result.output
    assert "partners[0].id: holds a lone surrogate" in result.output.replace("\n", "")
    assert result.exception is None or isinstance(result.exception, SystemExit)
