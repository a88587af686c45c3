"""Numbers no reader can use (NaN, infinity, thousands of digits, rates so small a time overflows) end in a
SubtitleError naming the problem, never a ValueError or OverflowError that a page would answer with a 500."""

from __future__ import annotations

import pytest

from korkyt.subtitles import ParseError, SubtitleError, formats, loads
from korkyt.subtitles.formats import ttml

BIG = "9" * 5000  # past int()'s digit limit
WIDE = "9" * 400  # an int too large for a float

_TT = (
    '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" {params}>'
    '<body><div><p begin="{begin}" end="00:00:02">x</p></div></body></tt>'
)


def tt(params: str = "", begin: str = "00:00:01") -> str:
    return _TT.format(params=params, begin=begin)


@pytest.mark.parametrize(
    ("params", "begin", "attribute"),
    [
        ('ttp:frameRate="nan"', "00:00:01:05", "frameRate"),
        ('ttp:frameRate="inf"', "00:00:01:05", "frameRate"),
        ('ttp:frameRate="-inf"', "5f", "frameRate"),
        ('ttp:tickRate="nan"', "5t", "tickRate"),
        ('ttp:tickRate="Infinity"', "5t", "tickRate"),
        ('ttp:frameRate="25" ttp:frameRateMultiplier="nan 1"', "5f", "frameRateMultiplier"),
        ('ttp:frameRate="25" ttp:frameRateMultiplier="1 inf"', "5f", "frameRateMultiplier"),
        ('ttp:frameRate="25" ttp:frameRateMultiplier="1e308 1e-308"', "5f", "frameRateMultiplier"),
    ],
)
def test_a_ttml_rate_that_is_not_a_finite_number_is_refused_by_name(params, begin, attribute):
    with pytest.raises(ParseError, match=attribute):
        loads(tt(params, begin).encode())
    with pytest.raises(ParseError, match=attribute):
        ttml.read(tt(params, begin))


@pytest.mark.parametrize(
    ("params", "begin"),
    [
        ('ttp:frameRate="1e-320"', "00:00:01:05"),  # finite, but a frame lasts longer than any float
        ('ttp:tickRate="1e-320"', "5t"),
        ("", "00:00:01:" + BIG),
        ("", "00:00:01:" + WIDE),
        ("", BIG + ":00:01"),
        ("", WIDE + ":00:01"),
    ],
)
def test_a_ttml_time_out_of_any_range_is_a_parse_error(params, begin):
    with pytest.raises(ParseError, match="TTML"):
        loads(tt(params, begin).encode())
    with pytest.raises(ParseError):
        ttml.read(tt(params, begin))


def test_a_plain_ttml_frame_time_still_reads():
    (cue,) = loads(tt('ttp:frameRate="25"', "00:00:01:05").encode()).cues
    assert (cue.start_ms, cue.end_ms) == (1200, 2000)


def _reel(time_in: str, rate: str = "24") -> str:
    return (
        f"<SubtitleReel><TimeCodeRate>{rate}</TimeCodeRate>"
        f'<Subtitle TimeIn="{time_in}" TimeOut="00:00:02:00"><Text>x</Text></Subtitle></SubtitleReel>'
    )


@pytest.mark.parametrize(
    ("text", "fmt", "fps"),
    [
        (_reel("00:00:1.0e999"), None, None),  # seconds that read as infinity
        (_reel("00:00:01:" + WIDE), None, None),
        (_reel("00:00:01:00", rate=WIDE), None, None),
        ("{" + BIG + "}{" + BIG + "}x\n", "microdvd", 25),
        ("{" + WIDE + "}{" + WIDE + "}x\n", "microdvd", 25),
        ("[" + BIG + "][" + BIG + "]x\n", "mpl2", None),
    ],
)
def test_other_formats_refuse_numbers_out_of_any_range(text, fmt, fps):
    with pytest.raises(SubtitleError):
        loads(text.encode(), format=fmt, fps=fps)


def test_the_format_registry_turns_any_stray_number_error_into_a_parse_error(monkeypatch):
    def broken(text: str, **_: object):
        return round(float("nan"))

    monkeypatch.setitem(formats.READERS, "srt", broken)
    with pytest.raises(ParseError, match="SRT"):
        formats.read("1\n00:00:01,000 --> 00:00:02,000\nx\n", "srt")
