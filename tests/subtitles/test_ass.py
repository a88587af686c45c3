"""ASS/SSA files as people write them: other field orders, and their look kept when written back."""

from __future__ import annotations

import pytest

from korkyt.subtitles import ParseError, loads

STYLES = (
    "[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
    "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
    "MarginR, MarginV, Encoding\n"
    "Style: Default,Arial,64,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,3,2,2,10,10,40,1\n"
)


def test_events_in_another_field_order_are_read_by_their_format_line():
    ass = (
        "[Script Info]\nScriptType: v4.00+\n\n" + STYLES + "\n[Events]\n"
        "Format: Start, End, Layer, Style, Name, Text, MarginL, MarginR, MarginV, Effect\n"
        "Dialogue: 0:00:01.00,0:00:03.50,0,Default,Bob,Hello, there {\\i1}friend{\\i0},0,0,0,\n"
        "Comment: 0:00:04.00,0:00:05.00,0,Default,,a note,0,0,0,\n"
    )
    cues = loads(ass.encode()).cues
    assert [(c.start_ms, c.end_ms, c.text, c.speaker) for c in cues] == [
        (1000, 3500, "Hello, there <i>friend</i>", "Bob")
    ]


def test_styles_in_another_field_order_are_read_by_their_format_line():
    ass = (
        "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        "Format: Name, Alignment, Fontname, Fontsize\n"
        "Style: Sign,8,Arial,40\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:02.00,Sign,,0,0,0,,Top\n"
    )
    assert loads(ass.encode()).cues[0].text == "{\\an8}Top"


def test_a_format_line_without_times_is_refused_by_name():
    ass = (
        "[Script Info]\nScriptType: v4.00+\n\n" + STYLES + "\n[Events]\n"
        "Format: Layer, Style, Name, Text\n"
        "Dialogue: 0,Default,Bob,Hello\n"
    )
    with pytest.raises(ParseError, match="ASS line 9: the events Format line has no Start, End field"):
        loads(ass.encode())


FILM = (
    "[Script Info]\nTitle: Test film\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n"
    "[V4+ Styles]\n"
    "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, "
    "Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, "
    "MarginR, MarginV, Encoding\n"
    "Style: Default,PT Sans,64,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,3,2,2,10,10,40,1\n"
    "Style: Sign,Arial,48,&H0000FFFF,&H000000FF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1\n\n"
    "[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    "Dialogue: 0,0:00:01.00,0:00:03.50,Default,Айгүл,0,0,0,,Сәлем,\\Nқалайсың?\n"
    "Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,TODO check this line\n"
    "Dialogue: 0,0:00:04.00,0:00:06.00,Sign,,0,0,0,,{\\pos(960,80)\\c&H00FFFF&}ОРТАЛЫҚ  ВОКЗАЛ\n"
    "Dialogue: 1,0:00:04.00,0:00:06.00,Sign,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}\n"
    "Dialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,{\\k20}Ка{\\k30}ра{\\k40}оке\n"
)


def _events(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("Dialogue:", "Comment:"))]


def _head(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("Style:", "PlayRes"))]


def test_shifting_an_ass_file_keeps_its_styles_comments_drawings_and_overrides():
    from korkyt.subtitles import dumps, ops

    out = dumps(ops.shift(loads(FILM.encode()), 1000), "ass")
    assert _head(out) == _head(FILM)
    assert _events(out) == [
        "Dialogue: 0,0:00:02.00,0:00:04.50,Default,Айгүл,0,0,0,,Сәлем,\\Nқалайсың?",
        "Comment: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,TODO check this line",
        "Dialogue: 0,0:00:05.00,0:00:07.00,Sign,,0,0,0,,{\\pos(960,80)\\c&H00FFFF&}ОРТАЛЫҚ  ВОКЗАЛ",
        "Dialogue: 1,0:00:05.00,0:00:07.00,Sign,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100 0 100{\\p0}",
        "Dialogue: 0,0:00:08.00,0:00:09.00,Default,,0,0,0,,{\\k20}Ка{\\k30}ра{\\k40}оке",
    ]
    assert "Title: Test film" in out


def test_a_fixed_cue_keeps_the_overrides_at_the_start_of_its_event():
    from korkyt.subtitles import dumps, fix

    doc = loads(FILM.encode())
    fixed = fix(doc, ["layout.whitespace"])
    assert fixed.cues[1].text == "{\\an8}ОРТАЛЫҚ ВОКЗАЛ"
    events = _events(dumps(fixed, "ass"))
    assert (
        events[2]
        == "Dialogue: 0,0:00:04.00,0:00:06.00,Sign,,0,0,0,,{\\pos(960,80)\\c&H00FFFF&}ОРТАЛЫҚ ВОКЗАЛ"
    )
    assert events[0] == "Dialogue: 0,0:00:01.00,0:00:03.50,Default,Айгүл,0,0,0,,Сәлем,\\Nқалайсың?"


def test_retiming_an_ass_file_moves_comments_and_drawings_with_the_cues():
    from korkyt.subtitles import dumps, ops

    out = dumps(ops.convert_fps(loads(FILM.encode()), 25, 24), "ass")
    events = _events(out)
    assert events[1].startswith("Comment: 0,0:00:02.08,0:00:03.13,")
    assert events[3].startswith("Dialogue: 1,0:00:04.17,0:00:06.25,Sign,")
    assert _head(out) == _head(FILM)


def test_removed_and_reordered_cues_keep_comments_in_place():
    from korkyt.subtitles import Cue, dumps, fix

    doc = loads(FILM.encode())
    doc.cues[0].text = " "
    out = _events(dumps(fix(doc, ["layout.empty"]), "ass"))
    assert [e.split(",", 4)[3] for e in out] == ["Default", "Sign", "Sign", "Default"]
    assert out[0].startswith("Comment:")
    doc.cues.append(Cue(9000, 10000, "Жаңа <i>жол</i>"))
    assert (
        _events(dumps(doc, "ass"))[-1]
        == "Dialogue: 0,0:00:09.00,0:00:10.00,Default,,0,0,0,,Жаңа {\\i1}жол{\\i0}"
    )


def test_converting_an_ass_file_to_other_formats_is_unchanged():
    from korkyt.subtitles import dumps

    srt = dumps(loads(FILM.encode()), "srt")
    assert "{\\an8}ОРТАЛЫҚ  ВОКЗАЛ" in srt and "pos" not in srt and "TODO" not in srt


def test_the_shift_command_keeps_an_ass_file_s_look(tmp_path):
    import typer
    from typer.testing import CliRunner

    from korkyt.subtitles.cli import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """korkyt"""

    register(app)
    src, dst = tmp_path / "in.ass", tmp_path / "out.ass"
    src.write_text(FILM, encoding="utf-8")
    result = CliRunner().invoke(app, ["subs", "shift", str(src), str(dst), "--by", "+1s"])
    assert result.exit_code == 0, result.output
    out = dst.read_text(encoding="utf-8")
    assert _head(out) == _head(FILM)
    assert "Comment: 0,0:00:03.00,0:00:04.00,Default,,0,0,0,,TODO check this line" in out


def test_split_and_merged_cues_keep_the_look_of_their_event():
    from korkyt.subtitles import dumps, ops

    doc = loads(FILM.encode())
    halves = _events(dumps(ops.split(doc, 1), "ass"))
    assert halves[2] == "Dialogue: 0,0:00:04.00,0:00:05.08,Sign,,0,0,0,,{\\pos(960,80)\\c&H00FFFF&}ОРТАЛЫҚ"
    assert halves[3] == "Dialogue: 0,0:00:05.08,0:00:06.00,Sign,,0,0,0,,{\\pos(960,80)\\c&H00FFFF&}ВОКЗАЛ"
    merged = _events(dumps(ops.merge(doc, 1), "ass"))
    assert merged[2].startswith("Dialogue: 0,0:00:04.00,0:00:08.00,Sign,,0,0,0,,{\\pos(960,80)\\c&H00FFFF&}")
    assert len(merged) == 4


@pytest.mark.parametrize("fmt", ["ass", "ssa"])
def test_a_speaker_with_a_comma_is_written_so_the_fields_stay_in_place(fmt):
    from korkyt.subtitles import dumps

    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\n<v Smith, John>Hello, there\n"
    doc = loads(vtt.encode())
    assert doc.cues[0].speaker == "Smith, John"
    back = loads(dumps(doc, fmt).encode(), format=fmt)
    assert [(c.speaker, c.text) for c in back.cues] == [("Smith; John", "Hello, there")]
