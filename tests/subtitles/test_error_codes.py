"""The errors a person can meet with a file of any format carry a stable code and its parameters beside the
English message (which stays the command line's), so that an application can word them in its own language."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.subtitles import dumps, formats, load, loads
from korkyt.subtitles.errors import (
    CODES,
    FileTooLargeError,
    MissingFpsError,
    ParseError,
    SubtitleError,
    UnknownFormatError,
    UnsafeXMLError,
)
from korkyt.subtitles.model import Cue, Document

_TT = (
    '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"{attributes}>\n'
    "<body><div>{body}</div></body></tt>"
)
_SPANS = "".join(f'<span begin="{k}ms" end="{k + 1}ms">w</span>' for k in range(1500))
_INTEROP = '<DCSubtitle Version="1.0"><Font>{subtitle}</Font></DCSubtitle>'
_REEL = "<SubtitleReel><TimeCodeRate>{rate}</TimeCodeRate><SubtitleList/></SubtitleReel>"
_ASS_EVENTS = (
    "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    "Dialogue: 0,0:00:01.00,{end},Default,,0,0,0,,x\n"
)


def tt(body: str = "", attributes: str = "") -> str:
    return _TT.format(body=body, attributes=attributes)


def interop(subtitle: str) -> str:
    return _INTEROP.format(subtitle=subtitle)


# code: (file, options for loads, the parameters it carries, line and format included)
SAMPLES: dict[str, tuple[str | bytes, dict[str, Any], dict[str, Any]]] = {
    "file.too_large": (b"x" * 3_000_000, {"max_bytes": 2 * 1_048_576}, {"size": 2.9, "limit": 2}),
    "format.unknown": (b"just some words\nand more of them\n", {}, {}),
    "parse.too_deep": (
        tt("<div>" * 5000 + '<p begin="1s" end="2s">x</p>' + "</div>" * 5000),
        {},
        {"format": "ttml"},
    ),
    "parse.time_out_of_range": (
        b"{1}{1}25\n{100}{9999999999999}x\n",
        {},
        {"line": 2, "format": "microdvd"},
    ),
    "parse.expected_line": (
        b"{1}{1}25\n{10}{20}a\nhello\n",
        {},
        {"example": "{start}{end}text", "found": "hello", "line": 3, "format": "microdvd"},
    ),
    "microdvd.bad_fps": (b"{1}{1}5000\n{10}{20}a\n", {}, {"rate": "5000", "line": 1, "format": "microdvd"}),
    "microdvd.no_fps": (b"{10}{20}a\n", {}, {}),
    "ass.unreadable": (_ASS_EVENTS.format(end="120:00:02.00"), {}, {"line": None, "format": "ass"}),
    "ass.format_line": (
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Style, Text\nDialogue: 0,Default,x\n",
        {},
        {"section": "[Events]", "fields": "Start, End", "line": 5, "format": "ass"},
    ),
    "xml.declaration": (
        '<?xml version="1.0"?>\n<!DOCTYPE tt>\n<tt xmlns="http://www.w3.org/ns/ttml"/>',
        {},
        {"declaration": "DOCTYPE", "line": 2, "format": "ttml"},
    ),
    "xml.not_well_formed": (
        '<tt xmlns="http://www.w3.org/ns/ttml">\n<body><p></body></tt>',
        {},
        {"line": 2, "format": "ttml"},
    ),
    "ttml.not_tt": ('<tt:html xmlns:tt="x"><tt/></tt:html>', {"format": "ttml"}, {"root": "html"}),
    "ttml.bad_rate": (
        tt(attributes=' ttp:frameRate="abc"'),
        {},
        {"attribute": "ttp:frameRate", "value": "abc", "format": "ttml"},
    ),
    "ttml.bad_multiplier": (tt(attributes=' ttp:frameRateMultiplier="1000"'), {}, {"value": "1000"}),
    "ttml.unusable_multiplier": (
        tt(attributes=' ttp:frameRateMultiplier="1e308 1e-308"'),
        {},
        {"value": "1e308 1e-308"},
    ),
    "ttml.time_not_understood": (tt('<p begin="soon" end="2s">x</p>'), {}, {"time": "soon"}),
    "ttml.never_shown": (
        tt('<div timeContainer="seq"><div/>\n<p begin="1s" end="2s">b</p></div>'),
        {},
        {"element": "<p> 'b'", "line": 3, "format": "ttml"},
    ),
    "ttml.no_end": (tt('\n<p begin="1s">x</p>'), {}, {"element": "<p> 'x'", "line": 3, "format": "ttml"}),
    "ttml.too_many_spans": (tt(f"<p>{_SPANS}</p>"), {}, {"element": "<p> '" + "w" * 40 + "'", "line": 2}),
    "dcp.not_dcp": ("<Reel/>", {"format": "dcp-interop"}, {"root": "Reel", "format": "dcp"}),
    "dcp.no_time": (interop('<Subtitle TimeIn="00:00:01:000"><Text>x</Text></Subtitle>'), {}, {}),
    "dcp.time_not_understood": (
        interop('<Subtitle TimeIn="soon" TimeOut="00:00:02:000"><Text>x</Text></Subtitle>'),
        {},
        {"time": "soon"},
    ),
    "dcp.time_out_of_range": (
        interop('<Subtitle TimeIn="00:00:01:000" TimeOut="999:00:02:000"><Text>x</Text></Subtitle>'),
        {},
        {"time": "999:00:02:000"},
    ),
    "dcp.bad_rate": (_REEL.format(rate="twenty"), {}, {"rate": "twenty", "format": "dcp"}),
    "dcp.rate_out_of_range": (_REEL.format(rate="0"), {}, {}),
}

# The same code met in other formats.
MORE_SAMPLES: list[tuple[str, str | bytes, dict[str, Any], dict[str, Any]]] = [
    (
        "parse.expected_line",
        b"[10][20]a\nhello\n",
        {},
        {"example": "[start][end]text", "found": "hello", "line": 2, "format": "mpl2"},
    ),
    ("parse.time_out_of_range", b"[10][9999999999999]x\n", {}, {"line": 1, "format": "mpl2"}),
    (
        "parse.time_beyond_max",
        _ASS_EVENTS.format(end="99:99:99.99"),
        {},
        {"time": "100:40:39.990", "line": None, "format": "ass"},
    ),
    ("parse.time_beyond_max", tt('<p begin="1s" end="200h">x</p>'), {}, {"time": "200h", "format": "ttml"}),
    ("xml.declaration", '<!ENTITY x "y"><DCSubtitle/>', {}, {"declaration": "ENTITY", "line": 1}),
    ("xml.not_well_formed", "<DCSubtitle><Font></DCSubtitle>", {}, {"line": 1, "format": "dcp"}),
]


def _refused(data: str | bytes, **options: Any) -> SubtitleError:
    with pytest.raises(SubtitleError) as info:
        loads(data, **options)
    return info.value


def test_every_sample_is_a_code_of_the_contract():
    assert set(SAMPLES) <= set(CODES)


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_a_malformed_file_raises_the_error_with_its_code_and_parameters(code):
    data, options, expected = SAMPLES[code]
    exc = _refused(data, **options)
    assert exc.code == code
    assert set(CODES[code]) <= set(exc.params)
    assert {key: exc.params.get(key) for key in expected} == expected


@pytest.mark.parametrize(("code", "data", "options", "expected"), MORE_SAMPLES)
def test_the_same_problem_in_another_format_has_the_same_code(code, data, options, expected):
    exc = _refused(data, **options)
    assert exc.code == code
    assert set(CODES[code]) <= set(exc.params)
    assert {key: exc.params.get(key) for key in expected} == expected


def test_the_kinds_of_error_are_unchanged():
    assert isinstance(_refused(SAMPLES["file.too_large"][0], max_bytes=2 * 1_048_576), FileTooLargeError)
    assert isinstance(_refused(SAMPLES["format.unknown"][0]), UnknownFormatError)
    assert isinstance(_refused(SAMPLES["microdvd.no_fps"][0]), MissingFpsError)
    assert isinstance(_refused(SAMPLES["xml.declaration"][0]), UnsafeXMLError)
    assert isinstance(_refused(SAMPLES["dcp.no_time"][0]), ParseError)


def test_the_command_line_keeps_its_english_messages():
    def said(code: str) -> str:
        data, options, _ = SAMPLES[code]
        return str(_refused(data, **options))

    assert said("file.too_large") == "the file is 2.9 MB; subtitle files over 2 MB are refused"
    assert said("parse.expected_line") == "MICRODVD line 3: expected '{start}{end}text', found 'hello'"
    assert said("ass.format_line") == (
        "ASS line 5: the events Format line has no Start, End field, so its lines cannot be read"
    )
    assert said("ttml.time_not_understood") == (
        "TTML time expression 'soon' not understood; expected e.g. '00:00:01.500', '1.5s' or '36f'"
    )
    assert said("dcp.not_dcp") == "DCP root element <Reel> is neither <DCSubtitle> nor <SubtitleReel>"
    assert said("parse.too_deep") == "the ttml document is nested too deeply to read"


def test_a_file_past_the_limit_read_from_its_path_says_the_sizes(tmp_path):
    big = tmp_path / "big.srt"
    with big.open("wb") as fh:
        fh.truncate(11 * 1_048_576)
    with pytest.raises(FileTooLargeError) as info:
        load(big)
    assert info.value.code == "file.too_large" and info.value.params == {"size": 11.0, "limit": 10}
    assert str(info.value) == f"{big}: the file is 11.0 MB; subtitle files over 10 MB are refused"


def test_a_number_no_reader_can_use_has_its_code(monkeypatch):
    def broken(text: str, **_: object) -> Document:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setitem(formats.READERS, "srt", broken)
    with pytest.raises(ParseError) as info:
        loads(b"1\n00:00:01,000 --> 00:00:02,000\nx\n")
    assert info.value.code == "parse.bad_number" and info.value.params == {"line": None, "format": "srt"}


def test_a_document_too_long_for_ass_times_is_refused_with_its_length():
    doc = Document(cues=[Cue(0, 1000, "a"), Cue(36_000_000, 45_000_000, "b")])
    with pytest.raises(SubtitleError) as info:
        dumps(doc, "ass")
    assert info.value.code == "write.ass_time_limit"
    assert info.value.params == {"name": "ASS", "hours": 12.5}
    assert str(info.value) == "ASS times stop at 9:59:59.99; this document reaches 12.5 h"
