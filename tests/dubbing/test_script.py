from __future__ import annotations

import csv
import io

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from korkyt.dubbing import DubbingError, LoopRules, build_script, extract_lines, group_loops, write_script
from korkyt.dubbing.writers import script_csv, summary_csv

from .conftest import cue


def _dialogue(n: int = 12, step: float = 3.0):
    names = ["АЙГҮЛ", "БОЛАТ", "ДАНА"]
    return [cue(i * step, i * step + 2.5, f"{names[i % 3]}: Сәлем, қалың қалай? {i + 1}") for i in range(n)]


def test_loops_break_at_length_line_count_and_gaps():
    cues = [cue(0, 2, "A: one"), cue(3, 5, "A: two"), cue(6, 9, "A: three"), cue(30, 32, "A: four")]
    lines = extract_lines(cues, "en")
    loops = group_loops(lines, LoopRules(max_loop_ms=8_000, max_lines=10, max_gap_ms=5_000))
    assert [[line.text for line in loop.lines] for loop in loops] == [["one", "two"], ["three"], ["four"]]
    assert [line.loop for line in lines] == [1, 1, 2, 3]
    loops = group_loops(lines, LoopRules(max_loop_ms=60_000, max_lines=2, max_gap_ms=60_000))
    assert [len(loop.lines) for loop in loops] == [2, 2]


def test_line_longer_than_a_loop_is_a_loop_of_its_own():
    lines = extract_lines([cue(0, 40, "A: a very long speech"), cue(41, 42, "A: short")], "en")
    loops = group_loops(lines, LoopRules(max_loop_ms=30_000))
    assert [len(loop.lines) for loop in loops] == [1, 1]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 600_000), st.integers(1, 9_000)), min_size=1, max_size=40),
    st.integers(1, 6),
    st.integers(2_000, 40_000),
)
def test_every_line_lands_in_exactly_one_loop_within_the_limits(slots, max_lines, max_ms):
    cues = [cue(s / 1000, (s + d) / 1000, f"line {i}") for i, (s, d) in enumerate(slots)]
    lines = extract_lines(cues, "en")
    loops = group_loops(lines, LoopRules(max_loop_ms=max_ms, max_lines=max_lines))
    placed = [line.number for loop in loops for line in loop.lines]
    assert sorted(placed) == [line.number for line in lines]
    assert [loop.number for loop in loops] == list(range(1, len(loops) + 1))
    for loop in loops:
        assert len(loop.lines) <= max_lines
        assert len(loop.lines) == 1 or loop.end_ms - loop.start_ms <= max_ms


def test_summary_counts_lines_words_and_loops_per_character():
    script = build_script(_dialogue(12), "kk", loops=LoopRules(max_lines=4))
    by_name = {item.character: item for item in script.summary}
    assert set(by_name) == {"АЙГҮЛ", "БОЛАТ", "ДАНА"}
    assert by_name["АЙГҮЛ"].lines == 4
    assert by_name["АЙГҮЛ"].words == 4 * 4  # "Сәлем, қалың қалай? N"
    assert by_name["АЙГҮЛ"].loops == 3
    assert "АЙГҮЛ,4,16,3,10.0" in summary_csv(script)


def test_original_line_is_matched_by_time_and_by_turn():
    target = [cue(1, 3, "- BOLAT: Сәлем!\n- AIGUL: Қалың қалай?"), cue(5, 7, "BOLAT: Жақсы.")]
    source = [cue(1.1, 3, "- Hello!\n- How are you?"), cue(5.2, 7.2, "Fine."), cue(20, 21, "Unmatched.")]
    script = build_script(target, "kk", source=source, source_lang="en")
    assert [line.original for line in script.lines] == ["Hello!", "How are you?", "Fine."]


def test_csv_script_reads_back_with_timecodes_at_the_film_rate():
    script = build_script(_dialogue(3), "kk", fps="23.976", source=[cue(0, 2.5, "Hi 1")], source_lang="en")
    rows = list(csv.DictReader(io.StringIO(script_csv(script))))
    assert [row["character"] for row in rows] == ["АЙГҮЛ", "БОЛАТ", "ДАНА"]
    assert rows[1]["tc_in"] == "00:00:02:23"  # 3.0 s at 23.976 is frame 71
    assert rows[1]["tc_out"] == "00:00:05:11"
    assert rows[0]["original"] == "Hi 1" and rows[1]["original"] == ""
    assert rows[0]["loop"] == "1"


def test_written_csv_pdf_and_docx_open_and_hold_the_lines(tmp_path):
    script = build_script(_dialogue(30), "kk", fps=25, source=_dialogue(30), title="Aktau <test>")
    for suffix in (".csv", ".pdf", ".docx"):
        write_script(script, tmp_path / f"script{suffix}")
    text = (tmp_path / "script.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("loop,line,tc_in,tc_out,character,text,original,notes")
    pdf_text = "".join(page.extract_text() for page in PdfReader(tmp_path / "script.pdf").pages)
    assert "Aktau <test>" in pdf_text
    assert "Сәлем, қалың қалай? 30" in pdf_text
    assert "00:01:27:00" in pdf_text  # line 30 starts at 87 s
    document = docx.Document(str(tmp_path / "script.docx"))
    summary, table = document.tables
    assert [c.text for c in summary.rows[0].cells] == ["Character", "Lines", "Words", "Loops", "Seconds"]
    assert len(table.rows) == 31
    last = [c.text for c in table.rows[-1].cells]
    assert last[2:6] == ["00:01:27:00", "00:01:29:12", "ДАНА", "Сәлем, қалың қалай? 30"]
    assert last[6] == "Сәлем, қалың қалай? 30"  # the original column


def test_unknown_output_extension_is_refused_without_writing(tmp_path):
    script = build_script(_dialogue(2), "kk")
    with pytest.raises(DubbingError, match=r"\.pdf, \.docx or \.csv"):
        write_script(script, tmp_path / "script.odt")
    assert list(tmp_path.iterdir()) == []


def test_zero_length_and_backwards_cues_are_named_in_the_error():
    cues = [cue(0, 2, "A: fine"), cue(3, 3, "A: zero"), cue(5, 4, "A: backwards")]
    with pytest.raises(DubbingError, match=r"2 cue\(s\).*cue number 2, 3"):
        build_script(cues, "en")


def test_cue_starting_before_zero_is_refused():
    with pytest.raises(DubbingError, match=r"start before 0 \(cue number 1\)"):
        build_script([cue(-1, 1, "A: early")], "en")


def test_document_without_spoken_text_is_refused():
    with pytest.raises(DubbingError, match="no spoken lines"):
        build_script([cue(0, 1, ""), cue(1, 2, "[music]"), cue(2, 3, "<i></i>")], "en")


def test_unknown_language_is_refused_with_the_known_ones():
    with pytest.raises(DubbingError, match=r"unknown language 'xx'.*kk"):
        build_script(_dialogue(1), "xx")


def test_overlapping_cues_are_noted_in_the_script():
    script = build_script([cue(0, 3, "A: one"), cue(2, 4, "B: two")], "en")
    assert script.lines[1].notes == ["overlaps line 1"]


def test_csv_script_lines_a_spreadsheet_would_run_are_written_as_text():
    script = build_script(
        [cue(0, 2, "АЙГҮЛ: =1+2"), cue(3, 5, "БОЛАТ: - Иә, +1"), cue(6, 8, "ДАНА: @all")],
        "kk",
    )
    rows = list(csv.DictReader(io.StringIO(script_csv(script))))
    assert [row["text"] for row in rows] == ["'=1+2", "'- Иә, +1", "'@all"]
    assert rows[0]["loop"] == "1"  # numbers and timecodes are unchanged


def test_a_long_script_is_written_in_parts_into_one_numbered_pdf(tmp_path, monkeypatch):
    """The PDF is laid out a part at a time (here 25 lines a part): every line is there, in order, and the
    pages are numbered "n / total" straight through the parts."""
    from korkyt.dubbing import writers

    monkeypatch.setattr(writers, "PDF_CHUNK_LINES", 25)
    script = build_script(_dialogue(80), "kk", fps=25, title="Aktau")
    write_script(script, tmp_path / "script.pdf")
    reader = PdfReader(tmp_path / "script.pdf")
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    assert total >= 4  # four parts, each starting a page
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {total}" in text, (number, text[-80:])
    text = "\n".join(pages)
    positions = [text.find(f"Сәлем, қалың қалай? {i}\n") for i in range(1, 81)]
    assert -1 not in positions and positions == sorted(positions)  # every line, in the script's order
    assert text.count("Aktau") == 1 and text.count("Original") == 0  # the heading once, no original column
    assert reader.metadata is not None and reader.metadata.title.startswith("Aktau")
    assert text.count("Character") >= 4  # each part repeats the table's head
