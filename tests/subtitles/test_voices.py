"""WebVTT voices: one speaker per cue becomes Cue.speaker; several stay as voice spans in the text."""

from __future__ import annotations

from korkyt.dubbing import extract_lines
from korkyt.subtitles import Cue, Document, check, dumps, fix, loads, ops
from korkyt.subtitles.markup import strip_tags, visible_length, voice_spans

TWO = "WEBVTT\n\n00:00:04.000 --> 00:00:06.000\n<v.loud Mary>Hi &amp; bye</v>\n<v Bob>Hello</v>\n"


def test_a_cue_with_two_voices_keeps_both():
    cue = loads(TWO.encode()).cues[0]
    assert cue.speaker is None
    assert cue.text == "<v Mary>Hi & bye</v>\n<v Bob>Hello</v>"
    assert voice_spans(cue.text) == [("Mary", "Hi & bye"), ("Bob", "Hello")]


def test_voices_left_open_end_where_the_next_voice_starts():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Mary>Hi\n<v Bob>Hello\n"
    assert loads(vtt.encode()).cues[0].text == "<v Mary>Hi\n</v><v Bob>Hello</v>"


def test_one_voice_is_the_cue_speaker_as_before():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Mary>Hi</v>\n<v Mary>again</v>\n"
    cue = loads(vtt.encode()).cues[0]
    assert (cue.text, cue.speaker) == ("Hi\nagain", "Mary")


def test_vtt_round_trip_keeps_both_voices_and_other_formats_show_only_text():
    doc = loads(TWO.encode())
    out = dumps(doc, "vtt")
    assert "<v Mary>Hi &amp; bye</v>\n<v Bob>Hello</v>" in out
    assert loads(out.encode()).cues == doc.cues
    assert "00:00:04,000 --> 00:00:06,000\nHi & bye\nHello\n" in dumps(doc, "srt")
    for fmt in ("ass", "ttml", "dcp-smpte", "mpl2"):
        assert "Mary" not in dumps(doc, fmt, fps=24), fmt


def test_voice_spans_are_markup_for_checks_and_fixes():
    doc = loads(TWO.encode())
    assert strip_tags(doc.cues[0].text) == "Hi & bye\nHello"
    assert visible_length(doc.cues[0].text) == len("Hi & byeHello")
    assert {f.code for f in check(doc).findings} == set()
    untidy = Document(cues=[Cue(0, 3000, "<v Mary><i>Hi  there</v>\n<v Bob>Hello</v>")])
    assert fix(untidy).cues[0].text == "<v Mary><i>Hi there</i></v>\n<v Bob>Hello</v>"


def test_dubbing_gives_each_voice_its_own_line():
    lines = extract_lines(loads(TWO.encode()).cues, "en")
    assert [(line.character, line.text, line.speaker_source) for line in lines] == [
        ("Mary", "Hi & bye", "cue"),
        ("Bob", "Hello", "cue"),
    ]


def test_merging_cues_of_two_speakers_keeps_both_voices():
    doc = Document(cues=[Cue(0, 1000, "Hi", "Mary"), Cue(1000, 2000, "Hello", "Bob")])
    merged = ops.merge(doc, 0).cues[0]
    assert (merged.text, merged.speaker) == ("<v Mary>Hi</v>\n<v Bob>Hello</v>", None)
    same = ops.merge(Document(cues=[Cue(0, 1000, "Hi", "Mary"), Cue(1000, 2000, "Bye", "Mary")]), 0)
    assert (same.cues[0].text, same.cues[0].speaker) == ("Hi\nBye", "Mary")
    halves = ops.split(Document(cues=[merged]), 0).cues
    assert [(c.text, c.speaker) for c in halves] == [("<v Mary>Hi</v>", None), ("<v Bob>Hello</v>", None)]


def test_transliteration_reaches_the_voice_names():
    doc = Document(cues=[Cue(0, 2000, "<v Айгүл>Сәлем</v>\n<v Болат>Иә</v>")])
    text = ops.transliterate(doc, "kk", "Latn").cues[0].text
    assert voice_spans(text) == [("Aigül", "Sälem"), ("Bolat", "İä")]
