"""Safe fixes and document operations."""

from __future__ import annotations

import pytest

from korkyt.subtitles import Cue, InvalidTimestampError, SubtitleError, check, fix, ops

from .conftest import make


def codes_of(doc, **kw):
    return {f.code for f in check(doc, **kw).findings}


def test_fix_repairs_text_problems_and_removes_empty_cues():
    doc = make(
        (1000, 3000, "  Bir   eki "), (3500, 5000, "<i>"), (6000, 8000, '<font color="r">Úsh</font> <b>tört')
    )
    fixed = fix(doc)
    assert [c.text for c in fixed.cues] == ["Bir eki", "Úsh <b>tört</b>"]
    assert not {
        "layout.whitespace",
        "layout.empty",
        "layout.unknown-tag",
        "layout.unbalanced-tag",
    } & codes_of(fixed)
    assert doc.cues[0].text == "  Bir   eki "  # input untouched


def test_fix_sorts_and_resolves_overlaps_and_small_gaps():
    doc = make((5000, 7000, "Úsh."), (1000, 3000, "Bir."), (2900, 4990, "Eki."))
    fixed = fix(doc)
    assert [(c.start_ms, c.end_ms) for c in fixed.cues] == [(1000, 2817), (2900, 4917), (5000, 7000)]
    assert not {"timing.out-of-order", "timing.overlap", "timing.gap-too-small"} & codes_of(fixed)


def test_fix_closes_chain_gaps_to_the_minimum_gap():
    fixed = fix(make((1000, 3000, "Bir."), (3300, 5000, "Eki.")), ["timing.chain-gap"])
    assert fixed.cues[0].end_ms == 3300 - 83


@pytest.mark.parametrize(("fps", "two_frames"), [(25, 80), (30000 / 1001, 67)])
def test_fix_leaves_two_frames_of_the_document_frame_rate(fps, two_frames):
    doc = make((1000, 3000, "Bir."), (3300, 5000, "Eki."))
    doc.fps = fps
    assert fix(doc).cues[0].end_ms == 3300 - two_frames
    assert fix(make((1000, 3000, "Bir."), (3300, 5000, "Eki.")), fps=fps).cues[0].end_ms == 3300 - two_frames
    assert check(fix(doc)).findings == []


def test_fix_never_shortens_below_minimum_duration():
    doc = make((1000, 1900, "Bir."), (1100, 3000, "Eki."))  # a big overlap
    fixed = fix(doc, ["timing.overlap"])
    assert fixed.cues[0].end_ms == 1900  # left for a person
    assert "timing.overlap" in codes_of(fixed)


def test_fix_with_selected_codes_only():
    doc = make((1000, 3000, "  Bir "), (2500, 4000, "Eki."))
    fixed = fix(doc, ["layout"])
    assert fixed.cues[0].text == "Bir" and fixed.cues[0].end_ms == 3000
    with pytest.raises(SubtitleError, match="no safe automatic fix"):
        fix(doc, ["timing.reading-speed"])


def test_fix_applies_safe_turkic_fixes_around_tags():
    doc = make((1000, 3000, "<i>Қaлай</i> O'zbek"))
    assert fix(doc, ["turkic"], lang="kk", script="Cyrl").cues[0].text == "<i>Қалай</i> O'zbek"
    assert fix(doc, ["turkic"], lang="uz", script="Latn").cues[0].text == "<i>Қалай</i> Oʻzbek"


def test_shift_and_back_is_identity_and_refuses_negative_times():
    doc = make((1000, 2000, "a"), (3000, 4000, "b"))
    assert ops.shift(ops.shift(doc, 1500), -1500) == doc
    with pytest.raises(InvalidTimestampError, match="before the start"):
        ops.shift(doc, -1001)
    partial = ops.shift(doc, 500, start=1)
    assert [c.start_ms for c in partial.cues] == [1000, 3500]


def test_convert_fps_pal_to_film():
    doc = make((25_000, 50_000, "a"))
    out = ops.convert_fps(doc, "25", "23.976")
    assert out.cues[0].start_ms == round(25_000 * 25 / (24000 / 1001))
    assert out.fps == pytest.approx(23.976, abs=1e-3)
    back = ops.convert_fps(out, 23.976, 25)
    assert abs(back.cues[0].start_ms - 25_000) <= 1
    with pytest.raises(SubtitleError, match="not a number"):
        ops.fps_value("fast")


def test_rebreak_balances_two_lines_and_keeps_tags():
    doc = make((0, 5000, "Bul <i>óte</i> uzyn sóilem, ony\neki jolğa bólu kerek, solai emes pe"))
    out = ops.rebreak(doc, 42)
    lines = out.cues[0].text.split("\n")
    assert len(lines) == 2 and all(len(line.replace("<i>", "").replace("</i>", "")) <= 42 for line in lines)
    assert "<i>óte</i>" in out.cues[0].text
    assert ops.rebreak(make((0, 1000, "qysqa\nsóilem")), 42).cues[0].text == "qysqa sóilem"


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_rebreak_keeps_each_dialogue_line_on_its_own(dash):
    text = f"{dash} Сен келесің бе?\n{dash} Иә, келемін."
    assert ops.rebreak(make((0, 3000, text)), 42).cues[0].text == text
    italic = f"<i>{dash} Сен келесің бе?</i>\n<i>{dash} Иә,</i>\n<i>келемін.</i>"
    assert ops.rebreak(make((0, 3000, italic)), 42).cues[0].text == (
        f"<i>{dash} Сен келесің бе?</i>\n<i>{dash} Иә,</i> <i>келемін.</i>"
    )
    long = f"{dash} Сен ертең таңертең ерте тұрып біздің үйге келесің бе?\n{dash} Иә."
    assert ops.rebreak(make((0, 3000, long)), 30).cues[0].text == (
        f"{dash} Сен ертең таңертең ерте\nтұрып біздің үйге келесің бе?\n{dash} Иә."
    )


def test_merge_and_split():
    doc = make((1000, 2000, "<i>Bir eki"), (2100, 3000, "úsh</i>"))
    merged = ops.merge(doc, 0)
    assert merged.cues == [Cue(1000, 3000, "<i>Bir eki\núsh</i>")]
    halves = ops.split(make((1000, 3000, "<i>Bir eki úsh tört</i>")), 0)
    assert [c.text for c in halves.cues] == ["<i>Bir eki</i>", "<i>úsh tört</i>"]
    assert halves.cues[0].end_ms == halves.cues[1].start_ms
    with pytest.raises(SubtitleError, match="single word"):
        ops.split(make((0, 1000, "Bir")), 0)
    with pytest.raises(SubtitleError, match="cannot merge"):
        ops.merge(doc, 1)


def test_transliterate_keeps_markup_and_converts_speaker():
    doc = make((0, 1000, "<i>Сәлем</i> дос"))
    doc.cues[0].speaker = "Айша"
    out = ops.transliterate(doc, "kk", "Latn")
    assert out.cues[0].text == "<i>Sälem</i> dos" and out.cues[0].speaker == "Aişa"
    back = ops.transliterate(out, "kk", "Cyrl")
    assert back.cues[0].text == "<i>Сәлем</i> дос" and back.cues[0].speaker == "Айша"


def test_normalise_uzbek_apostrophes():
    out = ops.normalise(make((0, 1000, "O'zbekiston g'alaba")), "uz", "Latn")
    assert out.cues[0].text == "Oʻzbekiston gʻalaba"
