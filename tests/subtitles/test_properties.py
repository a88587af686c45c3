"""Property tests: round trips keep times and text; shifting there and back is the identity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.subtitles import Cue, Document, dumps, loads, ops

_ALPHABET = st.sampled_from(
    list("abcxyzABCəğıİöüşçñqāūÄÖÜ" + "аәбғқңөұүһіжшчыэюяАӘҒҚҢӨҰҮІ" + "0123456789 .,!?'\"ʻʼ&-—…%()")
)
_WORD = st.text(_ALPHABET, min_size=1, max_size=12)


@st.composite
def line(draw) -> str:
    text = " ".join(draw(st.lists(_WORD, min_size=1, max_size=6))).strip()
    if not any(ch.isalpha() for ch in text):
        text += "a"
    text = " ".join(text.split())
    return f"<i>{text}</i>" if draw(st.booleans()) and draw(st.booleans()) else text


@st.composite
def documents(draw) -> Document:
    n = draw(st.integers(min_value=1, max_value=12))
    cues = []
    t = draw(st.integers(min_value=0, max_value=3_600_000))
    for _ in range(n):
        dur = draw(st.integers(min_value=1, max_value=10_000))
        lines = draw(st.lists(line(), min_size=1, max_size=3))
        cues.append(Cue(t, t + dur, "\n".join(lines)))
        t += dur + draw(st.integers(min_value=0, max_value=5000))
    return Document(cues=cues)


def _pairs(doc: Document) -> list[tuple[int, int, str]]:
    return [(c.start_ms, c.end_ms, c.text) for c in doc.cues]


@settings(max_examples=80, deadline=None)
@given(documents())
def test_srt_to_vtt_to_srt_keeps_times_and_text(doc):
    srt = dumps(doc, "srt")
    first = loads(srt.encode())
    assert _pairs(first) == _pairs(doc)
    vtt = loads(dumps(first, "vtt").encode())
    back = loads(dumps(vtt, "srt").encode())
    assert _pairs(back) == _pairs(doc)


@settings(max_examples=40, deadline=None)
@given(documents())
def test_ass_and_ttml_round_trips_keep_times_to_the_centisecond_and_text(doc):
    for fmt, tolerance in (("ass", 10), ("ttml", 0)):
        back = loads(dumps(doc, fmt).encode())
        assert [c.text for c in back.cues] == [c.text for c in doc.cues]
        for a, b in zip(back.cues, doc.cues, strict=True):
            assert abs(a.start_ms - b.start_ms) <= tolerance and abs(a.end_ms - b.end_ms) <= tolerance


@settings(max_examples=80, deadline=None)
@given(documents(), st.integers(min_value=0, max_value=7_200_000))
def test_shift_forward_then_back_is_identity(doc, delta):
    assert ops.shift(ops.shift(doc, delta), -delta) == doc


@settings(max_examples=60, deadline=None)
@given(documents())
def test_fast_and_general_srt_readers_agree(doc):
    from korkyt.subtitles.formats import srt

    text = dumps(doc, "srt")
    fast = srt._parse_regular(text)
    assert fast is not None
    assert fast == srt.parse_general(text)
