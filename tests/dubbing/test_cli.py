from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from korkyt.dubbing.audio import probe
from korkyt.dubbing.cli import register

from .conftest import make_video

SRT = """1
00:00:00,500 --> 00:00:01,700
AIGUL: Merhaba.

2
00:00:02,000 --> 00:00:04,000
- BOLAT: Seni bekliyorum.
- AIGUL: Evet.

3
00:00:04,500 --> 00:00:05,000
BOLAT: Bugün yeni filmin ilk gösterimini yapıyoruz.
"""

SOURCE = """1
00:00:00,500 --> 00:00:01,700
Сәлем.

2
00:00:02,000 --> 00:00:04,000
- Мен сені күтемін.
- Иә.
"""


@pytest.fixture
def run():
    app = typer.Typer()
    register(app)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["dub", *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def srt(tmp_path):
    path = tmp_path / "film.tr.srt"
    path.write_text(SRT, encoding="utf-8")
    (tmp_path / "film.kk.srt").write_text(SOURCE, encoding="utf-8")
    return path


def test_script_command_writes_csv_with_the_original_beside(run, srt, tmp_path):
    out = tmp_path / "script.csv"
    result = run(
        "script",
        str(srt),
        "--lang",
        "tr",
        "--source",
        str(tmp_path / "film.kk.srt"),
        "--fps",
        "25",
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "4 lines in 1 loops, 2 characters" in result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "00:00:00:12,00:00:01:17,AIGUL,Merhaba.,Сәлем." in text
    assert "BOLAT,Seni bekliyorum.,Мен сені күтемін." in text


def test_check_command_exits_1_when_lines_do_not_fit(run, srt):
    result = run("check", str(srt), "--lang", "tr", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [f["cue"] for f in data["findings"] if f["severity"] == "error"] == [2]


def test_check_command_exits_0_when_everything_fits(run, tmp_path):
    path = tmp_path / "ok.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nMerhaba.\n", encoding="utf-8")
    result = run("check", str(path), "--lang", "tr")
    assert result.exit_code == 0
    assert "every line fits its slot" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "{srt}", "--lang", "xx"], "unknown language 'xx'"),
        (["check", "{dir}/missing.srt", "--lang", "tr"], "cannot read"),
        (["check", "{srt}", "--lang", "tr", "--format", "xml"], "text, json or html"),
        (
            ["script", "{srt}", "--lang", "tr", "--fps", "12", "--out", "{dir}/s.pdf"],
            "unsupported frame rate",
        ),
        (["script", "{srt}", "--lang", "tr", "--out", "{dir}/s.txt"], ".pdf, .docx or .csv"),
        (
            ["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--mux", "{dir}/o.mkv"],
            "--mux needs --video",
        ),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--engine", "piper"], "--piper-model"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--script", "Arab"], "Latn or Cyrl"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--length", "1h"], "H:MM:SS or seconds"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--length", "1:75:00"], "below 60"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--length", "0"], "more than 0"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--length", "25:00:00"], "24 hours"),
        (
            ["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--length", "9", "--video", "{srt}"],
            "not both",
        ),
        # numbers Python's float reads but no loop, ratio or pool can be: refused naming the option
        *(
            (
                ["script", "{srt}", "--lang", "tr", "--out", "{dir}/s.csv", "--loop-seconds", n],
                "--loop-seconds",
            )
            for n in ("nan", "inf", "-inf", "1e300", "0")
        ),
        (
            ["script", "{srt}", "--lang", "tr", "--out", "{dir}/s.csv", "--loop-lines", "10000000000"],
            "--loop-lines",
        ),
        (["check", "{srt}", "--lang", "tr", "--error-ratio", "inf"], "--error-ratio"),
        (["check", "{srt}", "--lang", "tr", "--error-ratio", "nan"], "--error-ratio"),
        (["check", "{srt}", "--lang", "tr", "--tolerance", "1e300"], "--tolerance"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--workers", "0"], "--workers"),
        (["voice", "{srt}", "--lang", "tr", "--out", "{dir}/t.wav", "--workers", "100000"], "--workers"),
    ],
)
def test_bad_input_gives_a_message_and_exit_code_2(run, srt, tmp_path, args, message):
    result = run(*[a.format(srt=srt, dir=tmp_path) for a in args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_voice_command_writes_the_track_and_muxes_it(run, srt, tmp_path, audio_tools):
    video = make_video(tmp_path / "film.mp4", 6)
    result = run(
        "voice",
        str(srt),
        "--lang",
        "tr",
        "--out",
        str(tmp_path / "temp.wav"),
        "--video",
        str(video),
        "--mux",
        str(tmp_path / "dub.mkv"),
    )
    assert result.exit_code == 0, result.output
    assert "6.0 s, 4 lines" in result.output
    assert "line 4 (cue 3) runs" in result.output  # the overrun is reported
    streams = probe(tmp_path / "dub.mkv")["streams"]
    assert streams[-1]["tags"]["language"] == "tur"


@pytest.mark.parametrize(("length", "seconds"), [("9", "9.0"), ("0:12", "12.0"), ("0:00:07.5", "7.5")])
def test_voice_command_pads_the_track_to_the_length_given(run, srt, tmp_path, audio_tools, length, seconds):
    out = tmp_path / "long.wav"
    result = run("voice", str(srt), "--lang", "tr", "--out", str(out), "--length", length)
    assert result.exit_code == 0, result.output
    assert f"{out}: {seconds} s" in result.output
    assert float(probe(out)["format"]["duration"]) == pytest.approx(float(seconds), abs=0.01)


def test_voice_command_reads_the_lines_in_the_script_asked_for(run, tmp_path, audio_tools):
    path = tmp_path / "film.uz.srt"
    path.write_text("1\n00:00:00,500 --> 00:00:03,000\nBugun biz yangi film koʻramiz.\n", encoding="utf-8")
    # espeak-ng reads Uzbek in Latin letters only: Cyrillic is refused before anything is written
    result = run("voice", str(path), "--lang", "uz", "--out", str(tmp_path / "c.wav"), "--script", "cyrl")
    assert result.exit_code == 2
    assert "reads Uzbek in Latin letters, not Cyrillic" in result.output
    assert not (tmp_path / "c.wav").exists()
    # a command engine reads what it is given: the line reaches it in Cyrillic
    said = tmp_path / "said.txt"
    command = f"sh -c 'tee {said} | espeak-ng -v uz --stdout --stdin'"
    args = ["--engine", "command", "--engine-command", command, "--script", "Cyrillic"]
    result = run("voice", str(path), "--lang", "uz", "--out", str(tmp_path / "k.wav"), *args)
    assert result.exit_code == 0, result.output
    assert said.read_text(encoding="utf-8").strip() == "Бугун биз янги филм кўрамиз."


def test_the_readmes_command_engine_example_speaks(run, srt, tmp_path, audio_tools):
    """README: ``--engine command --engine-command "espeak-ng -v {lang} -w {out} {text}"``."""
    template = "espeak-ng -v {lang} -w {out} {text}"
    out = tmp_path / "temp.wav"
    result = run(
        "voice",
        str(srt),
        "--lang",
        "tr",
        "--out",
        str(out),
        "--engine",
        "command",
        "--engine-command",
        template,
    )
    assert result.exit_code == 0, result.output
    assert "4 lines" in result.output and out.stat().st_size > 1000


def test_missing_espeak_is_named_with_its_debian_package(run, srt, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("voice", str(srt), "--lang", "tr", "--out", str(tmp_path / "t.wav"))
    assert result.exit_code == 2
    assert "espeak-ng is not installed" in result.output and "Debian package espeak-ng" in result.output
    assert not (tmp_path / "t.wav").exists()


BACKWARDS = "1\n00:00:05,000 --> 00:00:03,000\nAIGUL: Merhaba.\n"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--lang", "tr"],
        ["check", "--lang", "tr", "--out", "{dir}/report.txt"],
        ["script", "--lang", "tr", "--out", "{dir}/s.csv"],
        ["voice", "--lang", "tr", "--out", "{dir}/t.wav"],
    ],
)
def test_a_cue_ending_before_it_starts_is_refused_by_every_command(run, tmp_path, args):
    path = tmp_path / "backwards.srt"
    path.write_text(BACKWARDS, encoding="utf-8")
    result = run(args[0], str(path), *[a.format(dir=tmp_path) for a in args[1:]])
    assert result.exit_code == 2, result.output
    assert "1 cue(s) end before or when they start" in result.output.replace("\n", " ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backwards.srt"]  # nothing written


def test_check_writes_its_report_whole_or_not_at_all(run, srt, tmp_path):
    result = run("check", str(srt), "--lang", "tr", "--out", str(tmp_path / "no" / "report.txt"))
    assert result.exit_code == 2
    assert "the folder" in result.output and "does not exist" in result.output
    report = tmp_path / "report.txt"
    assert run("check", str(srt), "--lang", "tr", "--out", str(report)).exit_code == 1
    assert "Isochrony check" in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["film.kk.srt", "film.tr.srt", "report.txt"]


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--lang", "tr"],
        ["script", "--lang", "tr", "--out", "{dir}/s.csv"],
        ["voice", "--lang", "tr", "--out", "{dir}/t.wav"],
    ],
)
def test_a_file_in_no_known_format_exits_2_without_pointing_to_an_option_that_does_not_exist(
    run, tmp_path, args
):
    path = tmp_path / "notes.srt"
    path.write_text("Just some notes, no cue timings here.\n", encoding="utf-8")
    result = run(args[0], str(path), *[a.format(dir=tmp_path) for a in args[1:]])
    assert result.exit_code == 2, result.output
    output = " ".join(result.output.split())
    assert "the format could not be recognised" in output
    assert "format=" not in output  # a keyword of the Python API, not an option of these commands
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.srt"]
