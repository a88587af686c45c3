from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.dubbing import extract_lines
from korkyt.subtitles import loads

from .conftest import cue


def test_ass_name_field_names_the_speaker_of_the_whole_cue():
    doc = loads(
        "[Script Info]\nScriptType: v4.00+\n\n[V4+ Styles]\n"
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
        "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding\n"
        "Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,"
        "10,10,10,1\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: 0,0:00:01.00,0:00:03.00,Default,Айгүл,0,0,0,,Сәлем, Болат!\n"
        "Dialogue: 0,0:00:04.00,0:00:06.00,Default,Болат,0,0,0,,Болат: Сәлем!\n"
    )
    lines = extract_lines(doc.cues, "kk")
    assert [(line.character, line.text, line.speaker_source) for line in lines] == [
        ("Айгүл", "Сәлем, Болат!", "cue"),
        ("Болат", "Сәлем!", "cue"),
    ]


def test_cues_and_turns_of_punctuation_alone_are_not_spoken():
    cues = [
        cue(0, 1, "..."),
        cue(1, 2, "?!"),
        cue(2, 4, "АЙГҮЛ: …"),
        cue(4, 6, "- Қайда?\n- ..."),
        cue(6, 8, "<i>—</i> [sighs]"),
        cue(8, 9, "1995!"),
    ]
    lines = extract_lines(cues, "kk")
    assert [(line.number, line.cue_index, line.text) for line in lines] == [(1, 3, "Қайда?"), (2, 5, "1995!")]
    assert lines[0].end_ms == 6000  # the question keeps the whole slot of its cue


def test_capitalised_prefix_names_the_speaker_in_any_script():
    lines = extract_lines([cue(0, 2, "АЙГҮЛ: Қайда барасың?"), cue(2, 4, "BOLAT: Üyge.")], "kk")
    assert [(line.character, line.text) for line in lines] == [
        ("АЙГҮЛ", "Қайда барасың?"),
        ("BOLAT", "Üyge."),
    ]


def test_mixed_case_prefix_counts_only_when_it_repeats():
    lines = extract_lines(
        [cue(0, 2, "Listen: the road is long."), cue(2, 4, "Aigul: Yes."), cue(4, 6, "Aigul: No.")], "en"
    )
    assert [line.character for line in lines] == [None, "Aigul", "Aigul"]
    assert lines[0].text == "Listen: the road is long."


def test_dialogue_dashes_split_a_cue_into_turns_sharing_its_slot():
    lines = extract_lines([cue(10, 14, "- Merhaba, nasılsın?\n- İyiyim.")], "tr")
    assert [line.text for line in lines] == ["Merhaba, nasılsın?", "İyiyim."]
    assert lines[0].start_ms == 10_000 and lines[1].end_ms == 14_000
    assert lines[0].end_ms == lines[1].start_ms
    assert lines[0].duration_ms > lines[1].duration_ms  # the longer turn gets more of the slot
    assert all(line.cue_index == 0 for line in lines)


def test_dash_turns_can_carry_their_own_names():
    lines = extract_lines([cue(0, 3, "- BOLAT: Yes?\n- AIGUL: No,\nnot today.")], "en")
    assert [(line.character, line.text) for line in lines] == [("BOLAT", "Yes?"), ("AIGUL", "No, not today.")]


def test_line_without_dash_continues_the_turn_above():
    lines = extract_lines([cue(0, 3, "- Where are you\ngoing tonight?\n- Home.")], "en")
    assert [line.text for line in lines] == ["Where are you going tonight?", "Home."]


def test_cue_name_wins_over_dashes_and_prefixes():
    lines = extract_lines([cue(0, 3, "- Bir.\n- İki.", speaker="Ali")], "tr")
    assert [(line.character, line.text) for line in lines] == [("Ali", "Bir. İki.")]


def test_bracketed_sounds_and_italics_become_notes_not_speech():
    lines = extract_lines(
        [cue(0, 2, "<i>AIGUL (V.O.): I am [laughs] here.</i>"), cue(2, 3, "[music]"), cue(3, 4, "  ")], "en"
    )
    assert len(lines) == 1
    assert lines[0].character == "AIGUL"
    assert lines[0].text == "I am here."
    assert lines[0].notes == ["italics (off screen?)", "V.O.", "laughs"]


def test_same_name_in_other_case_is_one_character():
    lines = extract_lines([cue(0, 1, "BOLAT: Bir."), cue(1, 2, "Bolat: İki."), cue(2, 3, "Bolat: Üç.")], "tr")
    assert {line.character for line in lines} == {"BOLAT"}


def test_unknown_speaker_stays_unknown():
    lines = extract_lines([cue(0, 2, "Just a line."), cue(2, 4, "12:30 is late.")], "en")
    assert [line.character for line in lines] == [None, None]


def test_position_codes_in_braces_are_neither_spoken_nor_noted():
    lines = extract_lines([cue(0, 2, "{\\an8}BOLAT: Up here. {laughs}")], "en")
    assert (lines[0].character, lines[0].text, lines[0].notes) == ("BOLAT", "Up here.", ["laughs"])


_TEXT = st.text(alphabet=st.sampled_from(list("aıəşАҚңü -–:\n[]()<>i/AB.,!?")), max_size=60)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_TEXT, st.one_of(st.none(), st.sampled_from(["", "Ali", " "]))), max_size=8))
def test_any_text_gives_lines_that_tile_their_cue(texts):
    cues = [cue(i * 2, i * 2 + 1.5, text, speaker) for i, (text, speaker) in enumerate(texts)]
    lines = extract_lines(cues, "kk")
    assert [line.number for line in lines] == list(range(1, len(lines) + 1))
    for index in {line.cue_index for line in lines}:
        turns = [line for line in lines if line.cue_index == index]
        assert turns[0].start_ms == cues[index].start_ms and turns[-1].end_ms == cues[index].end_ms
        assert all(a.end_ms == b.start_ms for a, b in pairwise(turns))
        assert all(line.text == line.text.strip() and line.text for line in turns)
