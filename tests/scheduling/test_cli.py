"""``korkyt schedule solve``: the contract other tools depend on."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from korkyt.cli import app
from korkyt.scheduling import INSTANCE_SCHEMA, SOLUTION_SCHEMA
from korkyt.scheduling.generate import generate
from tests.scheduling.conftest import film, instance, room

runner = CliRunner()


def write(tmp_path, data, name="festival.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def solve(*args: str):
    return runner.invoke(app, ["schedule", "solve", *args, "--quiet"])


def test_json_output_follows_the_schema_and_the_checker_accepts_it(tmp_path):
    data = generate("tiny", seed=3)
    jsonschema.validate(data, INSTANCE_SCHEMA)
    result = solve(str(write(tmp_path, data)), "--time-limit", "5", "--workers", "1")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    jsonschema.validate(out, SOLUTION_SCHEMA)
    assert out["status"] in ("optimal", "feasible")
    assert set(out) >= {"status", "objective", "bound", "gap", "screenings", "unplaced", "explanation"}
    assert {"film", "room", "starts_at", "ends_at", "kind"} <= set(out["screenings"][0])
    from korkyt.scheduling import check_solution

    assert check_solution(data, out) == []


def test_greedy_method_and_text_format(tmp_path):
    path = write(tmp_path, instance([film("Alpha"), film("Beta", screenings=2)]))
    result = solve(str(path), "--method", "greedy", "--format", "text")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("status: feasible (greedy)")
    assert "Alpha" in result.stdout and "2026-09-10" in result.stdout


def test_html_format_written_to_a_file(tmp_path):
    path = write(tmp_path, instance([film("Alpha")]))
    out = tmp_path / "grid.html"
    result = solve(str(path), "--format", "html", "--out", str(out), "--time-limit", "3")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Alpha" in page


def test_an_infeasible_instance_exits_1_with_the_explanation(tmp_path):
    films = [film(f"D{i}", 215, jury="doc", screenings=0) for i in range(4)]
    juries = [{"id": "doc", "name": "the documentary jury", "deliberation_at": "2026-09-10T22:00"}]
    result = solve(str(write(tmp_path, instance(films, rooms=[room("1"), room("2")], juries=juries))))
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    jsonschema.validate(out, SOLUTION_SCHEMA)
    assert out["status"] == "infeasible"
    assert "needs 14 h 20 min of screenings" in out["explanation"][0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not valid JSON"),
        (
            json.dumps(instance([film("F", formats=["IMAX"])])),
            "films[0].formats: no room can project film 'F'",
        ),
        (json.dumps(instance([film("F", runtime=-10)])), "films[0].runtime_min: must be at least 1"),
        (
            json.dumps(
                instance(
                    [film("F")],
                    fixed=[
                        {
                            "id": "g",
                            "room": "Z",
                            "starts_at": "2026-09-10T19:00",
                            "ends_at": "2026-09-10T20:00",
                        }
                    ],
                )
            ),
            "fixed[0].room: unknown room 'Z'",
        ),
        (
            json.dumps(
                instance([film("F")], days=[{"date": "2026-09-10", "opens": "ten", "closes": "23:00"}])
            ),
            "days[0].opens",
        ),
    ],
)
def test_bad_instances_exit_2_naming_the_field_without_a_traceback(tmp_path, content, words):
    result = solve(str(write(tmp_path, content)))
    assert result.exit_code == 2
    assert words in result.stderr.replace("\n", "")
    assert "Traceback" not in result.output and "Traceback" not in result.stderr


def test_a_misspelled_key_exits_2_instead_of_being_ignored(tmp_path):
    away = [["2026-09-10T10:00", "2026-09-10T23:00"]]
    films = [film("A"), film("B"), film("C"), film("Guest", qa=1, unavailble=away)]
    result = solve(str(write(tmp_path, instance(films))))
    assert result.exit_code == 2, result.output
    assert "films[3]: unknown key 'unavailble' (did you mean 'unavailable'?)" in result.stderr.replace(
        "\n", ""
    )
    assert result.stdout == "" and "Traceback" not in result.output


def test_a_5001_digit_number_exits_2_with_one_line(tmp_path):
    content = json.dumps(instance([film("F")])).replace('"slot_min": 15', '"slot_min": 1' + "0" * 5000)
    result = solve(str(write(tmp_path, content)))
    assert result.exit_code == 2, result.output
    assert "not valid JSON" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == "" and "Traceback" not in result.output


def test_a_day_at_the_end_of_the_calendar_exits_2(tmp_path):
    days = [{"date": "9999-12-31", "opens": "23:00", "closes": "05:00"}]
    result = solve(str(write(tmp_path, instance([film("F", runtime=300)], days=days))))
    assert result.exit_code == 2, result.output
    assert "days[0].date: 9999-12-31: give a year between 1900 and 2199" in result.stderr.replace("\n", "")
    assert result.stdout == "" and "Traceback" not in result.output


def test_travel_min_as_a_list_exits_2(tmp_path):
    result = solve(str(write(tmp_path, instance([film("F")], travel_min=[]))))
    assert result.exit_code == 2, result.output
    assert "travel_min: must be an object, got a list" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "pdf"],
        ["--method", "magic"],
        ["--time-limit", "0"],
        ["--time-limit", "-1"],
        ["--workers", "0"],
    ],
)
def test_bad_options_exit_2(tmp_path, args):
    result = solve(str(write(tmp_path, instance([film("F")]))), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_a_missing_file_exits_2(tmp_path):
    result = solve(str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "nope.json" in result.stderr


def test_a_binary_file_exits_2(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    result = solve(str(path))
    assert result.exit_code == 2


def test_a_lone_surrogate_exits_2_naming_the_field_and_keeps_the_old_output(tmp_path):
    # "\ud800" is a JSON escape of half a UTF-16 pair: not Unicode, and no output file could hold it
    content = json.dumps(instance([film("F")])).replace('"id": "F"', '"id": "\\ud800"', 1)
    assert "\\ud800" in content
    previous = tmp_path / "prev.json"
    previous.write_text("the last schedule\n", encoding="utf-8")
    result = solve(str(write(tmp_path, content)), "--out", str(previous))
    assert result.exit_code == 2, result.output
    assert "films[0].id: holds a lone surrogate" in result.stderr.replace("\n", "")
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert previous.read_text(encoding="utf-8") == "the last schedule\n"


def test_out_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    import korkyt.scheduling.render as render

    def broken(*args, **kwargs):
        return "half a page \udc80"  # text that cannot be encoded fails the write itself

    monkeypatch.setattr(render, "to_text", broken)
    previous = tmp_path / "prev.txt"
    previous.write_text("the last schedule\n", encoding="utf-8")
    result = solve(str(write(tmp_path, instance([film("F")]))), "--format", "text", "--out", str(previous))
    assert previous.read_text(encoding="utf-8") == "the last schedule\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["festival.json", "prev.txt"]  # no temporary left
    assert result.exit_code != 0
