"""The SRT reader on the irregular files people actually deliver."""

from __future__ import annotations

import pytest

from korkyt.subtitles import ParseError, loads


def cues(data: str) -> list[tuple[int, int, str]]:
    return [(c.start_ms, c.end_ms, c.text) for c in loads(data.encode(), format="srt").cues]


THIRD = "3\n00:00:05,000 --> 00:00:06,000\nThird\n"


def test_missing_blank_line_before_a_numbered_cue_starts_a_new_cue():
    text = (
        "1\n00:00:01,000 --> 00:00:02,500\nFirst line\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nSecond\n"
        "3\n00:00:05,000 --> 00:00:06,000\nThird\n\n"
        "4\n00:00:07,000 --> 00:00:08,000\nFourth\n"
    )
    assert cues(text) == [
        (1000, 2500, "First line"),
        (3000, 4000, "Second"),
        (5000, 6000, "Third"),
        (7000, 8000, "Fourth"),
    ]


def test_missing_blank_line_before_an_unnumbered_timing_line_starts_a_new_cue():
    text = "00:00:01,000 --> 00:00:02,500\nFirst\n00:00:03,000 --> 00:00:04,000\nSecond\n"
    assert cues(text) == [(1000, 2500, "First"), (3000, 4000, "Second")]


@pytest.mark.parametrize(
    "timing",
    [
        "00:00:03,000 => 00:00:04,000",
        "00:00:03,000 --> 00:0O:04,000",
        "00:00:03,000 --> ",
        "00:0O:03,000 --> 00:00:04,000",
        "00:00:03,000 00:00:04,000",
    ],
)
def test_a_mistyped_timing_line_is_an_error_naming_its_line(timing):
    text = f"1\n00:00:01,000 --> 00:00:02,500\nFirst\n\n2\n{timing}\nSecond\n\n{THIRD}"
    with pytest.raises(ParseError, match="line 6") as info:
        loads(text.encode(), format="srt")
    assert info.value.line == 6
    assert "timing" in str(info.value)


def test_a_mistyped_timing_line_in_the_last_cue_is_an_error_too():
    text = "1\n00:00:01,000 --> 00:00:02,500\nFirst\n\n2\n00:00:03,000 => 00:00:04,000\nSecond\n"
    with pytest.raises(ParseError, match="line 6"):
        loads(text.encode(), format="srt")


def test_arrows_and_clock_times_in_dialogue_stay_text():
    text = (
        "1\n00:00:01,000 --> 00:00:02,500\nA -> B, then C\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n10:30 at the station\n"
    )
    assert cues(text) == [(1000, 2500, "A -> B, then C"), (3000, 4000, "10:30 at the station")]


@pytest.mark.parametrize("number", ["2020", "100", "2", "3"])
def test_a_cue_that_is_only_a_number_keeps_it_without_cue_numbers(number):
    text = (
        "00:00:01,000 --> 00:00:02,500\nWhich year?\n\n"
        f"00:00:03,000 --> 00:00:04,000\n{number}\n\n"
        "00:00:05,000 --> 00:00:06,000\nThird\n"
    )
    assert cues(text) == [(1000, 2500, "Which year?"), (3000, 4000, number), (5000, 6000, "Third")]


def test_a_cue_that_is_only_a_number_keeps_it_with_cue_numbers():
    text = (
        "1\n00:00:01,000 --> 00:00:02,500\nHow much?\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n100\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nOK\n"
    )
    assert cues(text)[1] == (3000, 4000, "100")


def test_a_number_line_just_before_the_next_timing_line_is_that_cue_s_number():
    text = "00:00:01,000 --> 00:00:02,500\nCount:\n\n7\n00:00:03,000 --> 00:00:04,000\nSeven\n"
    assert cues(text) == [(1000, 2500, "Count:"), (3000, 4000, "Seven")]
