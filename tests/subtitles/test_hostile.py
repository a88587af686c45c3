"""Hostile and broken input always ends in a SubtitleError, never another exception."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from korkyt.subtitles import (
    FORMATS,
    FileTooLargeError,
    InvalidTimestampError,
    ParseError,
    SubtitleError,
    UnsafeXMLError,
    check,
    dumps,
    load,
    loads,
)

from .conftest import make

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&lol3;</p></div></body></tt>
"""


def test_billion_laughs_is_refused_before_parsing():
    with pytest.raises(UnsafeXMLError, match=r"ENTITY|DOCTYPE"):
        loads(BILLION_LAUGHS)
    with pytest.raises(UnsafeXMLError):
        loads(BILLION_LAUGHS, format="dcp-smpte")


def test_external_entity_is_refused():
    xxe = b'<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY x SYSTEM "file:///etc/passwd">]><tt>&x;</tt>'
    with pytest.raises(UnsafeXMLError):
        loads(xxe, format="ttml")


def test_files_over_10_mb_are_refused(tmp_path):
    big = tmp_path / "big.srt"
    with big.open("wb") as fh:
        fh.truncate(10 * 1024 * 1024 + 1)
    with pytest.raises(FileTooLargeError, match="10 MB"):
        load(big)
    with pytest.raises(FileTooLargeError):
        loads(b"x" * (10 * 1024 * 1024 + 1))


def test_huge_timestamps_are_refused_with_the_line():
    with pytest.raises(InvalidTimestampError, match="line 2"):
        loads(b"1\n999999999:00:00,000 --> 999999999:00:01,000\nA\n")
    with pytest.raises(InvalidTimestampError):
        loads(b"WEBVTT\n\n999999:00:00.000 --> 999999:00:01.000\nA\n")
    with pytest.raises(ParseError, match="beyond"):
        loads(b'<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="99999999h" end="1s">x</p></body></tt>')
    with pytest.raises(ParseError):
        loads(b"{1}{1}25\n{99999999999999}{99999999999999}x\n")


def test_truncated_files():
    full = dumps(make((1000, 2000, "Bir"), (3000, 4000, "Eki")), "ttml").encode()
    with pytest.raises(ParseError, match="not well-formed"):
        loads(full[: len(full) // 2])
    srt = b"1\n00:00:01,000 --> 00:00:02,000\nBir\n\n2\n00:00:0"
    with pytest.raises(ParseError, match=r"line 6.*truncated"):
        loads(srt)
    with pytest.raises(SubtitleError):
        loads(
            b"\xef\xbb\xbf[Script Info]\nScriptType: v4.00+\n[Events]\nFormat: Layer, Start\nDialogue: 0,0:00"
        )


def test_hundred_thousand_cues_are_read_and_checked():
    lines = []
    for n in range(100_000):
        s = n * 2000
        lines.append(
            f"{n + 1}\n{s // 3600000:02d}:{s // 60000 % 60:02d}:{s // 1000 % 60:02d},000 --> "
            f"{s // 3600000:02d}:{s // 60000 % 60:02d}:{s // 1000 % 60:02d},900\nCue {n}\n"
        )
    doc = loads("\n".join(lines).encode())
    assert len(doc.cues) == 100_000
    assert check(doc).cue_count == 100_000


def test_random_bytes_give_subtitle_errors():
    rng = random.Random(4)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        with contextlib.suppress(SubtitleError):
            loads(data)


def test_unreadable_path_is_a_subtitle_error(tmp_path):
    with pytest.raises(SubtitleError, match="cannot read"):
        load(tmp_path / "missing.srt")
    with pytest.raises(SubtitleError, match="cannot read"):
        load(tmp_path)


# --- bounded fuzzing over loads() ------------------------------------------------------------------

_FRAGMENTS = [
    "WEBVTT\n",
    "[Script Info]\n",
    "[Events]\n",
    "Format: Layer, Start, End, Style, Text\n",
    "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,",
    '<tt xmlns="http://www.w3.org/ns/ttml">',
    "<body>",
    '<p begin="1s" end="2s">',
    "</p>",
    "<br/>",
    '<span tts:fontStyle="italic">',
    "<DCSubtitle>",
    '<Subtitle TimeIn="00:00:01:000" TimeOut="00:00:02:000">',
    "<Text>",
    "<SubtitleReel>",
    "{1}{1}25\n",
    "{10}{20}",
    "[10][20]",
    "00:00:01,000 --> 00:00:02,000\n",
    "00:01.000 --> 00:02.000",
    "99:99:99,999 --> 00:00:00,000\n",
    "\n\n",
    "\r\n",
    "1\n",
    "<i>",
    "</b>",
    "&amp;",
    "&#0;",
    "ә",
    "İ",
    "\x00",
    "\ufeff",
    "-->",
    "{\\i1}",
    "\\N",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=12)), max_size=25),
    st.sampled_from(["utf-8", "utf-16", "cp1251"]),
    st.one_of(st.none(), st.sampled_from(FORMATS)),
)
def test_fuzz_loads_only_raises_subtitle_errors(parts, encoding, fmt):
    data = "".join(parts).encode(encoding, errors="replace")
    try:
        doc = loads(data, format=fmt, fps=25)
    except SubtitleError:
        return
    for out_fmt in ("srt", "vtt", "ass", "ttml", "dcp-smpte"):
        with contextlib.suppress(SubtitleError):
            loads(dumps(doc, out_fmt, fps=25).encode(), format=out_fmt, fps=25)
    check(doc)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_fuzz_random_binary(data):
    with contextlib.suppress(SubtitleError):
        loads(data)
