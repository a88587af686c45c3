"""Position tags ({\\an8} and the rest): kept, never shown, never counted, placed by each writer."""

from __future__ import annotations

import pytest

from korkyt.subtitles import FORMATS, Cue, Document, check, dumps, fix, loads, ops
from korkyt.subtitles.markup import strip_tags, visible_length

from .conftest import make

SIGN = "{\\an8}ЖОЛ БЕЛГІСІ: ОРТАЛЫҚ ВОКЗАЛ"
SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\n{\\an8}<i>Жол белгісі</i>\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\nТөменгі жол\n"
)


def test_srt_keeps_the_tag_in_text_and_writes_it_back():
    d = loads(SRT.encode())
    assert d.cues[0].text == "{\\an8}<i>Жол белгісі</i>"
    assert dumps(d, "srt") == SRT


def test_the_tag_is_not_counted_nor_shown():
    assert strip_tags("{\\an8}<i>Жол</i>") == "Жол"
    assert visible_length(SIGN) == len(SIGN) - len("{\\an8}")
    limit = "x" * 42
    report = check(make((0, 2500, "{\\an8}" + limit)))
    assert report.findings == []
    assert visible_length("{\\an8}" + limit) == 42


def test_checks_report_nothing_about_the_tag_and_fix_keeps_it():
    d = make((0, 3000, "{\\an8}<i>Жол белгісі"), (4000, 7000, "{\\an8}  Екі  сөз "))
    codes = {f.code for f in check(d).findings}
    assert "layout.unknown-tag" not in codes
    fixed = fix(d)
    assert [c.text for c in fixed.cues] == ["{\\an8}<i>Жол белгісі</i>", "{\\an8}Екі сөз"]
    assert check(fixed).findings == []
    assert fix(make((0, 3000, "{\\an8}"), (4000, 7000, "Бар"))).cues == [Cue(4000, 7000, "Бар")]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("srt", "ass", "ssa")])
def test_other_formats_never_print_the_tag(fmt):
    out = dumps(make((1000, 3000, SIGN)), fmt, fps=25)
    assert "an8" not in out
    assert "ОРТАЛЫҚ ВОКЗАЛ" in out


@pytest.mark.parametrize("fmt", ["vtt", "ttml", "dcp-interop", "dcp-smpte", "ass", "ssa"])
@pytest.mark.parametrize("pos", [7, 8, 9, 1, 3])
def test_formats_that_can_place_a_cue_read_back_its_position(fmt, pos):
    text = f"{{\\an{pos}}}Жоғарыда\n<i>екі жол</i>"
    back = loads(dumps(make((1000, 3000, text)), fmt, fps=25).encode(), fps=25)
    assert back.cues[0].text == text


def test_vtt_writes_a_line_setting_and_reads_top_settings():
    out = dumps(make((1000, 3000, SIGN), (4000, 5000, "Төменде")), "vtt")
    assert "00:00:01.000 --> 00:00:03.000 line:0\nЖОЛ" in out
    assert "00:00:04.000 --> 00:00:05.000\nТөменде" in out
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:02.000 line:10%\nA\n\n00:03.000 --> 00:04.000 line:0 align:start\nB\n\n"
        "00:05.000 --> 00:06.000 line:-1\nC\n\n00:07.000 --> 00:08.000 align:start position:10%\nD\n"
    )
    assert [c.text for c in loads(vtt.encode()).cues] == ["{\\an8}A", "{\\an7}B", "C", "D"]


def test_ttml_region_at_the_top_reads_as_a_top_position():
    ttml = b"""<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling">
<head><layout>
  <region xml:id="up" tts:origin="10% 5%" tts:extent="80% 20%" tts:displayAlign="after"/>
  <region xml:id="low" tts:origin="10% 70%" tts:extent="80% 20%"/>
</layout></head>
<body><div region="low">
  <p begin="1s" end="2s" region="up">Top</p>
  <p begin="3s" end="4s">Bottom</p>
</div></body></tt>"""
    assert [c.text for c in loads(ttml).cues] == ["{\\an8}Top", "Bottom"]


def test_ass_alignment_override_and_style_become_the_position():
    ass = dumps(Document(cues=[Cue(0, 1000, "x")]), "ass").replace(
        "Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,x",
        "Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,{\\an8\\pos(960,50)}{\\i1}Sign{\\i0}",
    )
    assert loads(ass.encode()).cues[0].text == "{\\an8}<i>Sign</i>"


def test_operations_keep_the_position_at_the_start():
    d = make((0, 4000, "{\\an8}Бірінші жол екінші жол үшінші жол төртінші"))
    assert ops.rebreak(d, width=20).cues[0].text.startswith("{\\an8}Бірінші")
    halves = ops.split(d, 0).cues
    assert all(c.text.startswith("{\\an8}") and c.text.count("{\\an8}") == 1 for c in halves)
    merged = ops.merge(Document(cues=halves), 0).cues[0].text
    assert merged.count("{\\an8}") == 1 and merged.startswith("{\\an8}")
