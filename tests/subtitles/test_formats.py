"""Reading and writing each format."""

from __future__ import annotations

import pytest

from korkyt.subtitles import (
    FORMATS,
    Cue,
    Document,
    MissingFpsError,
    ParseError,
    SubtitleError,
    UnknownFormatError,
    dump,
    dumps,
    load,
    loads,
)
from korkyt.subtitles.markup import strip_tags

SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\nSälem, <i>dosym</i>!\nQalaisyñ?\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\n1984\n\n"
    "3\n00:00:05,000 --> 00:00:06,000\n<b>Soñy</b>\n"
)


def doc() -> Document:
    return loads(SRT.encode())


def test_srt_reads_times_text_and_markup():
    d = doc()
    assert d.format == "srt"
    assert [(c.start_ms, c.end_ms) for c in d.cues] == [(1000, 2500), (3000, 4000), (5000, 6000)]
    assert d.cues[0].text == "Sälem, <i>dosym</i>!\nQalaisyñ?"
    assert d.cues[1].text == "1984"


def test_srt_with_crlf_missing_numbers_and_dot_fractions():
    text = "00:00:01.5 --> 00:00:02.250\r\nA\r\n\r\n00:00:03,000 --> 00:00:04,000\r\nB\r\n"
    d = loads(text.encode())
    assert [(c.start_ms, c.end_ms, c.text) for c in d.cues] == [(1500, 2250, "A"), (3000, 4000, "B")]


def test_srt_garbage_before_first_cue_names_the_line():
    with pytest.raises(ParseError, match="line 2"):
        loads(b"\nhello there\n00:00:01,000 --> 00:00:02,000\nA\n", format="srt")


def test_srt_minutes_over_59_is_a_parse_error_with_line():
    with pytest.raises(ParseError, match="line 5"):
        loads(b"1\n00:00:01,000 --> 00:00:02,000\nA\n\n00:75:00,000 --> 00:76:00,000\nB\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_times_and_text(fmt):
    out = dumps(doc(), fmt, fps=25)
    back = loads(out.encode(), fps=25)
    assert back.format == fmt
    expected = [c.text for c in doc().cues]
    if fmt in ("microdvd", "mpl2"):  # styling inside a line cannot be expressed there
        expected = [strip_tags(t) for t in expected]
        assert [strip_tags(c.text) for c in back.cues] == expected
    else:
        assert [c.text for c in back.cues] == expected
    tolerance = (
        40 if fmt in ("microdvd", "dcp-smpte") else 100 if fmt == "mpl2" else 4 if fmt == "dcp-interop" else 0
    )
    for a, b in zip(back.cues, doc().cues, strict=True):
        assert abs(a.start_ms - b.start_ms) <= tolerance
        assert abs(a.end_ms - b.end_ms) <= tolerance


def test_vtt_voice_becomes_speaker_and_classes_are_dropped():
    text = (
        "WEBVTT - film\n\nNOTE a comment\n\nc1\n00:01.000 --> 00:02.000 align:start\n"
        "<v Aisha>Men <c.loud>keldim</c> &amp; <i>kettim</i>\n\n"
        "00:00:03.000 --> 00:00:04.000\nEkinshi\n"
    )
    d = loads(text.encode())
    assert d.format == "vtt"
    assert d.cues[0] == Cue(1000, 2000, "Men keldim & <i>kettim</i>", "Aisha")
    assert d.cues[1].text == "Ekinshi"


def test_vtt_writer_escapes_text_and_writes_speaker():
    d = Document(cues=[Cue(0, 1000, "a < b & <i>c</i>", "Ali")])
    out = dumps(d, "vtt")
    assert "<v Ali>a &lt; b &amp; <i>c</i>" in out
    assert loads(out.encode()).cues[0].text == "a < b & <i>c</i>"


def test_vtt_without_header_is_refused():
    with pytest.raises(ParseError, match="WEBVTT"):
        loads(b"00:01.000 --> 00:02.000\nA\n", format="vtt")


def test_ass_maps_overrides_speaker_and_style():
    ass = dumps(Document(cues=[Cue(0, 1500, "<i>Iä</i>\nekinshi", "Narrator", "Sign")]), "ass")
    assert "{\\i1}Iä{\\i0}\\Nekinshi" in ass
    back = loads(ass.encode())
    assert back.format == "ass"
    assert back.cues[0] == Cue(0, 1500, "<i>Iä</i>\nekinshi", "Narrator", "Sign")


def test_ass_drops_positioning_overrides_but_keeps_bold():
    ass = (
        dumps(Document(cues=[Cue(0, 1000, "x")]), "ass")
        .replace("\\N", "")
        .replace(",x", ",{\\pos(10,10)\\b1}Qalyñ{\\b0}")
    )
    assert loads(ass.encode()).cues[0].text == "<b>Qalyñ</b>"


def test_microdvd_needs_fps_unless_declared():
    with pytest.raises(MissingFpsError, match="frame rate"):
        loads(b"{25}{50}Salem\n", format="microdvd")
    assert loads(b"{25}{50}Salem\n", format="microdvd", fps=25).cues[0].start_ms == 1000
    declared = loads(b"{1}{1}25\n{25}{50}Salem|{y:i}dos\n")
    assert declared.fps == 25
    assert declared.cues[0].text == "Salem\n<i>dos</i>"


def test_mpl2_italic_slash():
    d = loads(b"[10][25]/Italic line|plain\n")
    assert d.format == "mpl2"
    assert d.cues[0] == Cue(1000, 2500, "<i>Italic line</i>\nplain")


def test_ttml_nested_times_styles_and_breaks():
    ttml = """<?xml version="1.0"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"
    xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="25" xml:lang="kk">
  <head><styling><style xml:id="it" tts:fontStyle="italic"/></styling></head>
  <body><div begin="10s">
    <p begin="00:00:01.000" end="00:00:02:12">Бірінші<br/>
       <span style="it">екінші</span></p>
    <p begin="3s" dur="500ms"><span tts:fontWeight="bold">Үш</span></p>
  </div></body></tt>"""
    d = loads(ttml.encode())
    assert d.format == "ttml"
    assert d.language == "kk"
    assert d.cues[0] == Cue(11000, 12480, "Бірінші\n<i>екінші</i>")
    assert d.cues[1] == Cue(13000, 13500, "<b>Үш</b>")


def test_dcp_smpte_uses_frames_and_font_italic():
    d = Document(cues=[Cue(1000, 2500, "<i>Ай</i>\nкүн")], language="kk")
    xml = dumps(d, "dcp-smpte", fps=24, title="Film")
    assert 'TimeIn="00:00:01:00"' in xml and 'TimeOut="00:00:02:12"' in xml
    assert '<Font Italic="yes">Ай</Font>' in xml
    assert "<EditRate>24 1</EditRate>" in xml
    interop = dumps(d, "dcp-interop")
    assert 'TimeOut="00:00:02:125"' in interop and "<DCSubtitle" in interop


def test_unknown_format_lists_known_ones():
    with pytest.raises(UnknownFormatError, match="srt"):
        dumps(doc(), "docx")
    with pytest.raises(UnknownFormatError):
        loads(b"just some words\nand more\n")


def test_dump_and_load_file_by_extension(tmp_path):
    path = tmp_path / "film.vtt"
    dump(doc(), path)
    assert path.read_text().startswith("WEBVTT")
    again = load(path)
    assert again.format == "vtt" and len(again.cues) == 3


def test_vtt_malformed_timing_names_the_line():
    with pytest.raises(ParseError, match="line 4"):
        loads(b"WEBVTT\n\nc1\n00:01.000 -> 00:02.000\nA\n", format="vtt")


def test_dump_that_cannot_encode_writes_nothing(tmp_path):
    target = tmp_path / "out.srt"
    with pytest.raises(SubtitleError, match="cannot be written in cp1251"):
        dump(Document(cues=[Cue(0, 1000, "Işık")]), target, encoding="cp1251")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_load_accepts_bytes_and_reports_detected_format_and_encoding():
    d = load(SRT.encode("utf-16"))
    assert (d.format, d.encoding, len(d.cues)) == ("srt", "utf-16-le", 3)


def test_dcp_interop_read_back_keeps_lines_and_italics():
    d = Document(cues=[Cue(1000, 2000, "Бір\n<i>екі</i>"), Cue(3000, 4000, "<b>үш</b>")], title="Фильм")
    back = loads(dumps(d, "dcp-interop").encode())
    assert back.format == "dcp-interop" and back.title == "Фильм"
    assert [c.text for c in back.cues] == ["Бір\n<i>екі</i>", "<b>үш</b>"]


def test_dcp_smpte_refuses_fractional_rates():
    with pytest.raises(SubtitleError, match="whole frame rate"):
        dumps(doc(), "dcp-smpte", fps=23.976)


def test_ass_refuses_times_it_cannot_hold():
    long_doc = Document(cues=[Cue(36_000_000, 36_001_000, "late")])
    with pytest.raises(SubtitleError, match=r"9:59:59\.99"):
        dumps(long_doc, "ass")
    assert "10:00:00,000" in dumps(long_doc, "srt")


def test_dcp_underline_attribute_differs_between_flavours():
    d = Document(cues=[Cue(0, 1000, "<u>Ай</u>")])
    smpte, interop = dumps(d, "dcp-smpte"), dumps(d, "dcp-interop")
    assert 'Underline="yes"' in smpte and "Underlined" not in smpte
    assert 'Underlined="yes"' in interop
    assert loads(smpte.encode()).cues[0].text == loads(interop.encode()).cues[0].text == "<u>Ай</u>"


@pytest.mark.parametrize(
    "text, fmt",
    [
        ("1\r00:00:01,000 --> 00:00:02,500\rСәлем\r\r2\r00:00:03,000 --> 00:00:04,000\rӘлем\r", "srt"),
        ("WEBVTT\r\r00:01.000 --> 00:02.000\rСәлем\r", "vtt"),
        ("{25}{50}Сәлем\r{75}{100}Әлем\r", "microdvd"),
    ],
)
def test_old_mac_line_endings_are_detected_and_read(text, fmt):
    d = loads(text.encode(), fps=25)
    assert d.format == fmt
    assert d.cues[0].text == "Сәлем"
    assert len(d.cues) == (1 if fmt == "vtt" else 2)
