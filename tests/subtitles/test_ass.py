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
