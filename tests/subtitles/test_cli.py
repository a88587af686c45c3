"""The ``korkyt subs`` commands."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from korkyt.subtitles import load
from korkyt.subtitles.cli import parse_offset, register
from korkyt.subtitles.errors import SubtitleError

GOOD = "1\n00:00:01,000 --> 00:00:03,000\nSälem.\n\n2\n00:00:03,083 --> 00:00:05,500\nQalaisyñ?\n"
BAD = "1\n00:00:01,000 --> 00:00:03,000\n  Sälem.\n\n2\n00:00:02,500 --> 00:00:05,500\nQalaisyñ?\n"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """korkyt"""

    register(app)
    return app


def run(app, *args):
    return CliRunner().invoke(app, ["subs", *map(str, args)])


def test_check_clean_file_exits_0(app, tmp_path):
    path = tmp_path / "good.srt"
    path.write_text(GOOD)
    result = run(app, "check", path)
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_check_exits_1_on_errors_and_writes_json(app, tmp_path):
    path = tmp_path / "bad.srt"
    path.write_text(BAD)
    out = tmp_path / "report.json"
    result = run(app, "check", path, "--format", "json", "--output", out)
    assert result.exit_code == 1
    data = json.loads(out.read_text())
    assert data["summary"]["error"] == 1 and data["findings"]


def test_check_exits_2_on_unreadable_input_and_reports_the_rest(app, tmp_path):
    good = tmp_path / "good.srt"
    good.write_text(GOOD)
    junk = tmp_path / "junk.srt"
    junk.write_bytes(b"\x00\x01\x02 not subtitles \xff" * 10)
    result = run(app, "check", good, junk, tmp_path / "missing.srt")
    assert result.exit_code == 2
    assert "junk.srt" in result.output and "missing.srt" in result.output
    assert "Traceback" not in result.output


def test_check_html_reports_for_several_files_go_to_a_directory(app, tmp_path):
    files = []
    for n in range(3):
        p = tmp_path / f"f{n}.srt"
        p.write_text(GOOD)
        files.append(p)
    result = run(app, "check", *files, "--format", "html", "--output", tmp_path / "reports")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "f0.srt.html",
        "f1.srt.html",
        "f2.srt.html",
    ]


def test_check_html_for_several_files_on_standard_output_is_one_page_with_each_report(app, tmp_path):
    files = []
    for n in range(2):
        p = tmp_path / f"f{n}.srt"
        p.write_text(GOOD)
        files.append(p)
    files.append(tmp_path / "bad.srt")
    files[-1].write_text("1\n00:00:03,000 --> 00:00:01,000\nBackwards\n")

    result = run(app, "check", *files, "--format", "html")

    assert result.exit_code == 1, result.output  # the backwards cue is an error
    page = result.stdout
    assert page.count("<!DOCTYPE html>") == 1 and page.count("<section") == 3
    assert "subtitle check: 3 files" in page and 'href="#r2"' in page and "bad.srt" in page
    one = tmp_path / "all.html"
    assert run(app, "check", *files, "--format", "html", "--output", one).exit_code == 1
    assert one.read_text(encoding="utf-8").count("<section") == 3


def test_check_with_source_and_tsv_glossary(app, tmp_path):
    src = tmp_path / "en.srt"
    src.write_text("1\n00:00:01,000 --> 00:00:03,000\nThe festival opens.\n")
    tgt = tmp_path / "kk.srt"
    tgt.write_text("1\n00:00:01,000 --> 00:00:03,000\nТой ашылады.\n")
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("festival\tфестиваль\n")
    result = run(app, "check", tgt, "--source", src, "--glossary", glossary)
    assert result.exit_code == 0
    assert "source.glossary" in result.output
    assert run(app, "check", tgt, "--glossary", glossary).exit_code == 2
    glossary.write_text("festival only-one-column\n")
    bad = run(app, "check", tgt, "--source", src, "--glossary", glossary)
    assert bad.exit_code == 2 and "line 1" in bad.output


def test_check_rejects_unknown_profile(app, tmp_path):
    path = tmp_path / "good.srt"
    path.write_text(GOOD)
    result = run(app, "check", path, "--profile", "cinema-paradiso")
    assert result.exit_code == 2 and "netflix-adult" in result.output


def test_convert_to_vtt_and_dcp(app, tmp_path):
    src = tmp_path / "in.srt"
    src.write_bytes(GOOD.replace("Sälem", "Салем").replace("Qalaisyñ", "Калайсын").encode("cp1251"))
    assert run(app, "convert", src, tmp_path / "out.vtt").exit_code == 0
    assert load(tmp_path / "out.vtt").cues[0].text == "Салем."
    result = run(app, "convert", src, tmp_path / "out.xml", "--to", "dcp-smpte", "--title", "Film")
    assert result.exit_code == 0
    assert "<SubtitleReel" in (tmp_path / "out.xml").read_text()
    assert run(app, "convert", src, tmp_path / "out.unknown").exit_code == 2


def test_shift_fps_and_fix_commands(app, tmp_path):
    src = tmp_path / "in.srt"
    src.write_text(BAD)
    assert run(app, "shift", src, tmp_path / "s.srt", "--by", "+1.5s").exit_code == 0
    assert load(tmp_path / "s.srt").cues[0].start_ms == 2500
    assert run(app, "shift", src, tmp_path / "x.srt", "--by", "-10s").exit_code == 2
    assert run(app, "fps", src, tmp_path / "f.srt", "--from", "25", "--to", "23.976").exit_code == 0
    assert load(tmp_path / "f.srt").cues[0].start_ms == round(1000 * 25 / (24000 / 1001))
    result = run(app, "fix", src, tmp_path / "fixed.srt")
    assert result.exit_code == 0
    fixed = load(tmp_path / "fixed.srt")
    assert fixed.cues[0].text == "Sälem." and fixed.cues[0].end_ms == 2500 - 83


def test_translit_command(app, tmp_path):
    src = tmp_path / "kk.srt"
    src.write_text("1\n00:00:01,000 --> 00:00:03,000\n<i>сәлем</i>\n")
    result = run(app, "translit", src, tmp_path / "latn.srt", "--lang", "kk", "--to", "Latn")
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "latn.srt").cues[0].text == "<i>sälem</i>"  # the real converter, 2021 alphabet


@pytest.mark.parametrize(
    ("text", "ms"),
    [("+1.5s", 1500), ("-500ms", -500), ("-00:00:01,200", -1200), ("250", 250), ("1:02", 62000)],
)
def test_parse_offset(text, ms):
    assert parse_offset(text) == ms


@pytest.mark.parametrize(
    "text", ["1" + "0" * 400 + "s", "9" * 5000, "9" * 5000 + ":00:00", "25:00:00,000", "-90000s"]
)
def test_an_offset_too_large_to_be_a_shift_is_refused_by_name(text):
    with pytest.raises(SubtitleError, match="too large"):
        parse_offset(text)


def test_the_shift_command_refuses_a_huge_offset_with_a_message_not_a_traceback(app, tmp_path):
    src = tmp_path / "kk.srt"
    src.write_text("1\n00:00:01,000 --> 00:00:03,000\nсәлем\n")
    result = run(app, "shift", src, tmp_path / "out.srt", "--by", "9" * 5000 + "s")
    assert result.exit_code == 2, result.output
    assert "too large" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.srt").exists()


def test_check_counts_gaps_in_frames_of_the_given_frame_rate(app, tmp_path):
    path = tmp_path / "pal.srt"
    path.write_text(GOOD.replace("00:00:03,083", "00:00:03,080"))  # 2 frames at 25 fps
    out = tmp_path / "report.json"
    assert run(app, "check", path, "--fps", "25", "--format", "json", "--output", out).exit_code == 0
    data = json.loads(out.read_text())
    assert data["findings"] == [] and set(data) == {
        "name",
        "profile",
        "cues",
        "duration_ms",
        "summary",
        "by_code",
        "findings",
    }


@pytest.mark.parametrize("command", ["check", "fix"])
def test_an_unknown_language_is_refused_with_exit_2(app, tmp_path, command):
    path = tmp_path / "good.srt"
    path.write_text(GOOD)
    args = [command, path] + ([tmp_path / "out.srt"] if command == "fix" else []) + ["--lang", "xx"]
    result = run(app, *args)
    assert result.exit_code == 2, result.output
    assert "unknown language 'xx'; known languages: az, en, kk, ky, ru, tk, tr, uz" in result.output
    assert run(app, *args[:-1], "kk-Latn").exit_code in (0, 1)


def test_check_json_is_a_list_whenever_several_files_are_given(app, tmp_path):
    bad = tmp_path / "bad.srt"
    bad.write_text(BAD)
    out = tmp_path / "report.json"
    result = run(app, "check", bad, tmp_path / "missing.srt", "--format", "json", "--output", out)
    assert result.exit_code == 2
    data = json.loads(out.read_text())
    assert isinstance(data, list) and [r["summary"]["error"] for r in data] == [1]
    run(app, "check", bad, "--format", "json", "--output", out)
    assert isinstance(json.loads(out.read_text()), dict)  # one FILE: its report


@pytest.mark.parametrize(
    "args",
    [
        ["fps", "{src}", "{dir}/out.srt", "--from", "1e-300", "--to", "25"],
        ["fps", "{src}", "{dir}/out.srt", "--from", "25", "--to", "0.5"],
        ["fps", "{src}", "{dir}/out.srt", "--from", "nan", "--to", "25"],
        ["check", "{src}", "--fps", "1e-300"],
        ["check", "{src}", "--fps", "inf"],
        ["fix", "{src}", "{dir}/out.srt", "--fps", "0.5"],
        ["convert", "{src}", "{dir}/out.sub", "--fps", "1e-300"],
    ],
)
def test_a_frame_rate_below_1_fps_or_not_finite_is_refused(app, tmp_path, args):
    src = tmp_path / "good.srt"
    src.write_text(GOOD)
    result = run(app, *[a.format(src=src, dir=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    assert "frame rate" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.srt"]


def test_check_writes_its_report_whole_or_not_at_all(app, tmp_path, monkeypatch):
    from korkyt.subtitles.checks.report import Report

    path = tmp_path / "good.srt"
    path.write_text(GOOD)
    out = tmp_path / "report.txt"
    out.write_text("the last report\n")
    monkeypatch.setattr(Report, "to_text", lambda self: "half a report \udc80")  # cannot be encoded
    run(app, "check", path, "--output", out)
    assert out.read_text() == "the last report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.srt", "report.txt"]


@pytest.mark.parametrize("text", ["+00:00:61,000", "+00:61:00,000", "-1:60", "+١s"])
def test_an_offset_out_of_its_clock_or_in_other_digits_is_refused(text):
    with pytest.raises(SubtitleError):
        parse_offset(text)


@pytest.mark.parametrize(
    ("option", "said"), [(["--script", "Arab"], "--script"), (["--width", "0"], "--width")]
)
def test_fix_refuses_a_script_or_width_it_cannot_use(app, tmp_path, option, said):
    src = tmp_path / "in.srt"
    src.write_text(BAD)
    result = run(app, "fix", src, tmp_path / "fixed.srt", *option)
    assert result.exit_code == 2 and said in result.output, result.output
    assert not (tmp_path / "fixed.srt").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["check", "{src}"],
        ["check", "{src}", "--format", "json"],
        ["convert", "{src}", "{dir}/out.vtt"],
        ["translit", "{src}", "{dir}/out.srt", "--lang", "kk", "--to", "Latn"],
        ["shift", "{src}", "{dir}/out.srt", "--by", "+1s"],
        ["fps", "{src}", "{dir}/out.srt", "--from", "25", "--to", "24"],
        ["fix", "{src}", "{dir}/out.srt"],
    ],
)
def test_a_file_in_no_known_format_exits_2_without_pointing_to_an_option_that_does_not_exist(
    app, tmp_path, args
):
    src = tmp_path / "notes.srt"
    src.write_text("Just some notes, no cue timings here.\n", encoding="utf-8")
    result = run(app, *[a.format(src=src, dir=tmp_path) for a in args])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert (
        "the format could not be recognised (not SRT, WebVTT, ASS/SSA, TTML, DCP, MicroDVD or MPL2)" in output
    )
    assert "format=" not in output  # a keyword of the Python API, not an option of these commands
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.srt"]
