"""Bad input: one clear error naming the field, exit code 2, never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from korkyt.treaties import ProjectError, evaluate, from_dict, loads
from korkyt.treaties.cli import register


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        pass

    register(app)
    return app


def _set(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if value is _DELETE:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


_DELETE = object()

CASES = [
    ("partners.0.country", "XX", "partners[0].country", "unknown country"),
    ("partners.1.contribution.currency", "GBP", "partners[1].contribution.currency", "unknown currency"),
    ("rates.TRY", _DELETE, "rates.TRY", "missing"),
    ("rates.GBP", "1.2", "rates.GBP", "unknown currency"),
    ("rates.KZT", "0", "rates.KZT", "greater than zero"),
    ("rates.USD", "2", "rates.USD", "must be 1"),
    ("partners.2.contribution.amount", "-5", "partners[2].contribution.amount", "negative"),
    ("partners.2.contribution.amount", "NaN", "partners[2].contribution.amount", "not a number"),
    ("partners.2.contribution.amount", "1e999999", "partners[2].contribution.amount", "not a number"),
    ("partners.2.contribution.amount", "1e5", "partners[2].contribution.amount", "not a number"),
    ("partners.2.contribution.amount", "606_000_000", "partners[2].contribution.amount", "not a number"),
    ("partners.2.contribution.amount", "٦٠٦٠٠٠", "partners[2].contribution.amount", "not a number"),
    ("rates.KZT", "5.05e2", "rates.KZT", "not a number"),
    ("date", "20260301", "date", "not a date"),
    ("title", 5, "title", "must be text"),
    ("partners.1.contribution.foo", 1, "partners[1].contribution.foo", "unknown field"),
    ("partners.2.contribution.amount", "0.0000001", "partners[2].contribution.amount", "decimal places"),
    ("partners.2.contribution.amount", True, "partners[2].contribution.amount", "decimal string"),
    ("partners.2.contribution.amount", "12,5", "partners[2].contribution.amount", "not a number"),
    ("partners.1.id", "kz-studio", "partners[1].id", "duplicate"),
    ("partners.1.finance_only", "yes", "partners[1].finance_only", "true or false"),
    ("partners.1.share", 5, "partners[1].share", "unknown field"),
    ("elements.composr", "TR", "elements.composr", "unknown element"),
    ("elements.roles.0.days", -1, "elements.roles[0].days", "between"),
    ("elements.roles.0.days", "12", "elements.roles[0].days", "whole number"),
    ("elements.director", "Kazakhstan", "elements.director", "unknown country"),
    ("kind", "musical", "kind", "must be one of"),
    ("runtime_min", 0, "runtime_min", "between"),
    ("runtime_min", 90.5, "runtime_min", "whole number"),
    ("date", "2026-02-30", "date", "not a date"),
    ("date", "9999-12-31", "date", "give a year between 1900 and 2199"),
    ("date", "1899-12-31", "date", "give a year between 1900 and 2199"),
    ("shooting_starts_on", "0001-01-01", "shooting_starts_on", "give a year between 1900 and 2199"),
    ("shooting_starts_on", "2200-01-01", "shooting_starts_on", "give a year between 1900 and 2199"),
    ("applied_on", "0001-01-01", "applied_on", "give a year between 1900 and 2199"),
    ("shooting_starts_on", _DELETE, "shooting_starts_on", "required"),
    ("currency", "BTC", "currency", "unknown currency"),
    ("instruments", ["cets-221"], "instruments[0]", "unknown instrument"),
    ("partners", [], "partners", "non-empty"),
    ("cost", 1, "cost", "unknown field"),
    ("budget", "0", "budget", "greater than zero"),
    ("budget", "lots", "budget", "not a number"),
    ("partners.1.contribution.confirmed", "-1", "partners[1].contribution.confirmed", "negative"),
    ("partners.1.contribution.confirmed", "99999999", "partners[1].contribution.confirmed", "exceed"),
]


@pytest.mark.parametrize(("path", "value", "field", "reason"), CASES)
def test_bad_field_is_named_with_exit_code_2(
    app: typer.Typer, tmp_path: Path, kaz_az_tr: dict, path: str, value: Any, field: str, reason: str
) -> None:
    data = _set(kaz_az_tr, path, value)
    data["rates"] = {**data.get("rates", {})}
    project = tmp_path / "p.json"
    project.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["treaties", "check", str(project)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{field}: " in result.stderr and reason in result.stderr, result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_all_zero_shares_are_refused(kaz_az_tr: dict) -> None:
    for p in kaz_az_tr["partners"]:
        p["contribution"]["amount"] = "0"
    with pytest.raises(ProjectError, match="every contribution is zero") as exc:
        from_dict(kaz_az_tr)
    assert exc.value.field == "partners"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "invalid JSON at line 1"),
        (b"[]", "an object is required"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "invalid JSON"),
        (b'{"kind": 1' + b"0" * 5000 + b"}", "invalid JSON"),
    ],
)
def test_unreadable_files_exit_2(app: typer.Typer, tmp_path: Path, content: bytes, reason: str) -> None:
    project = tmp_path / "p.json"
    project.write_bytes(content)
    result = CliRunner().invoke(app, ["treaties", "check", str(project)])
    assert result.exit_code == 2, result.output
    assert reason in result.stderr and "Traceback" not in result.output


def test_missing_file_bad_date_and_bad_format_exit_2(
    app: typer.Typer, tmp_path: Path, kaz_az_tr: dict
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["treaties", "check", str(tmp_path / "none.json")]).exit_code == 2
    project = tmp_path / "p.json"
    project.write_text(json.dumps(kaz_az_tr), encoding="utf-8")
    bad_date = runner.invoke(app, ["treaties", "check", str(project), "--date", "tomorrow"])
    assert bad_date.exit_code == 2 and "--date" in bad_date.stderr
    bad_format = runner.invoke(app, ["treaties", "check", str(project), "--format", "pdf"])
    assert bad_format.exit_code == 2 and "--format" in bad_format.stderr


@pytest.mark.parametrize("on", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_an_evaluation_date_outside_1900_2199_exits_2(app: typer.Typer, on: str) -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "coproduction-kz-az-tr.json"
    result = CliRunner().invoke(app, ["treaties", "check", str(example), "--date", on])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"--date: {on}: give a year between 1900 and 2199" in result.stderr, result.stderr
    assert "Traceback" not in result.output and result.stdout == ""


def test_the_years_1900_and_2199_themselves_are_accepted(app: typer.Typer) -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "coproduction-kz-az-tr.json"
    for on in ("1900-01-01", "2199-12-31"):
        result = CliRunner().invoke(app, ["treaties", "check", str(example), "--date", on])
        assert result.exit_code in (0, 1), result.output


def test_oversized_file_is_refused(app: typer.Typer, tmp_path: Path) -> None:
    project = tmp_path / "p.json"
    project.write_bytes(b" " * 2_000_001)
    result = CliRunner().invoke(app, ["treaties", "check", str(project)])
    assert result.exit_code == 2 and "larger than" in result.stderr


def test_json_numbers_are_read_as_decimals_not_floats(kaz_az_tr: dict) -> None:
    text = json.dumps(kaz_az_tr).replace('"1.70"', "1.7")
    project = loads(text)
    assert str(project.rates["AZN"]) == "1.7"


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | st.decimals(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_PATHS = [
    "kind", "runtime_min", "date", "currency", "rates", "rates.KZT", "partners", "partners.0",
    "partners.0.id", "partners.1.country", "partners.2.contribution", "partners.2.contribution.amount",
    "partners.1.finance_only", "elements", "elements.roles", "elements.roles.0", "elements.roles.1.days",
    "elements.director", "shooting_starts_on", "applied_on", "instruments",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(_PATHS), value=_json)
def test_any_value_anywhere_is_a_named_error_or_a_verdict(path: str, value: Any) -> None:
    from .conftest import project_dict

    base = project_dict(
        [("kz", "KZ", "606000000", "KZT"), ("az", "AZ", "68000", "AZN"), ("tr", "TR", "16000000", "TRY")],
        currency="USD",
        rates={"KZT": "505", "AZN": "1.7", "TRY": "40"},
        roles=[("KZ", 12), ("TR", 9)],
        elements="KZ",
    )
    data = _set(base, path, value)
    try:
        evaluate(from_dict(data))
    except ProjectError as exc:
        assert exc.field and exc.message
