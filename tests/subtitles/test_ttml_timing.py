"""TTML time containment: times inherited from div and body, timed spans, nothing lost silently."""

from __future__ import annotations

import pytest

from korkyt.subtitles import ParseError, loads


def read(body: str) -> list[tuple[int, int, str]]:
    doc = f'<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling">\n<body>{body}</body></tt>'
    return [(c.start_ms, c.end_ms, c.text) for c in loads(doc.encode()).cues]


def test_a_paragraph_without_times_takes_its_div_s():
    assert read('<div begin="00:02:00.000" end="00:02:05.000"><p>Timing on div only</p></div>') == [
        (120_000, 125_000, "Timing on div only")
    ]


def test_a_paragraph_without_times_takes_the_body_s():
    doc = '<tt xmlns="http://www.w3.org/ns/ttml"><body begin="1s" dur="2s"><div><p>Body</p></div></body></tt>'
    assert [(c.start_ms, c.end_ms) for c in loads(doc.encode()).cues] == [(1000, 3000)]


def test_times_count_from_the_parent_s_begin_and_never_outlast_it():
    assert read(
        '<div begin="10s" end="20s"><p begin="1s" end="2s">A</p><p begin="5s" dur="30s">B</p>'
        '<p begin="15s" end="16s">never shown</p></div>'
    ) == [(11_000, 12_000, "A"), (15_000, 20_000, "B")]


def test_timed_spans_in_an_untimed_paragraph_are_cues_of_their_own():
    assert read(
        '<div><p><span begin="00:03:00.000" end="00:03:02.000">Timing on span</span></p>\n'
        '<p><span begin="5s" end="6s">One</span> <span begin="6s" end="7s" tts:fontStyle="italic">two</span></p>'
        "</div>"
    ) == [(180_000, 182_000, "Timing on span"), (5000, 6000, "One"), (6000, 7000, "<i>two</i>")]


def test_a_timed_paragraph_shows_its_spans_only_while_they_are_timed():
    assert read('<div><p begin="1s" end="5s">Hello <span begin="2s">world</span><br/>again</p></div>') == [
        (1000, 3000, "Hello\nagain"),
        (3000, 5000, "Hello world\nagain"),
    ]


def test_untimed_text_next_to_timed_spans_shows_with_them():
    assert read(
        '<div><p>Says: <span begin="5s" end="6s">one</span><span begin="6s" end="7s">two</span></p></div>'
    ) == [
        (5000, 6000, "Says: one"),
        (6000, 7000, "Says: two"),
    ]


def test_a_sequence_starts_each_child_when_the_one_before_ends():
    assert read(
        '<div timeContainer="seq"><p dur="1s">a</p><p dur="2s">b</p><p begin="1s" dur="1s">c</p></div>'
    ) == [
        (0, 1000, "a"),
        (1000, 3000, "b"),
        (4000, 5000, "c"),
    ]


def test_text_after_a_never_ending_element_of_a_sequence_is_an_error_naming_it():
    with pytest.raises(ParseError, match="never shown") as info:
        read('<div timeContainer="seq">\n<div/>\n<p begin="1s" end="2s">lost</p></div>')
    assert info.value.line == 4
    assert "<p> 'lost'" in str(info.value)


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("<div>\n<p>\nNo timing at all</p></div>", 3),
        ('<div begin="10s">\n\n<p begin="1s">No end</p></div>', 4),
        ('<div>\n<p begin="1s" end="2s">ok</p>\n<p><span begin="3s">open span</span></p></div>', 4),
    ],
)
def test_text_that_cannot_be_placed_in_time_is_an_error_naming_it(body, line):
    with pytest.raises(ParseError, match="has no end") as info:
        read(body)
    assert info.value.line == line
    assert "<p>" in str(info.value)


def test_paragraphs_without_text_need_no_time():
    assert read('<div><p begin="1s" end="2s">A</p><p> </p><p/></div>') == [(1000, 2000, "A")]


def test_a_paragraph_of_thousands_of_timed_spans_is_refused_quickly():
    import time

    spans = "".join(f'<span begin="{k}ms" end="{k + 1}ms">w{k}</span>' for k in range(5000))
    started = time.perf_counter()
    with pytest.raises(ParseError, match="too large"):
        read(f"<div><p>{spans}</p></div>")
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    ("attributes", "fps"),
    [
        ('ttp:frameRate="25"', 25.0),
        ('ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001"', 24 * 1000 / 1001),
        ('ttp:tickRate="10000000"', None),
        ("", None),
    ],
)
def test_the_frame_rate_a_document_declares_is_kept(attributes, fps):
    doc = (
        f'<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" {attributes}>'
        '<body><div><p begin="00:00:01:12" end="2s">A</p></div></body></tt>'
    )
    read_back = loads(doc.encode())
    assert read_back.fps == fps
    assert read_back.cues[0].start_ms == 1000 + round(12 * 1000 / (fps or 30))


@pytest.mark.parametrize("rate", ["1e308", "1e20", "0.001"])
def test_a_frame_rate_no_video_has_is_not_kept(rate):
    doc = (
        f'<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="{rate}">'
        '<body><div><p begin="1s" end="2s">A</p></div></body></tt>'
    )
    read_back = loads(doc.encode())
    assert read_back.fps is None and [(c.start_ms, c.end_ms) for c in read_back.cues] == [(1000, 2000)]
