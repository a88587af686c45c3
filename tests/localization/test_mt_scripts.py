"""Machine translation in pre-translation: into and out of a language's other script (the engine translates
between the default scripts and korkyt.translit converts before and after), and the context sent with a line."""

from __future__ import annotations

import pytest

from korkyt.localization import services
from korkyt.localization.models import CueOrigin, CueState, MemoryUnit
from korkyt.mt import Router, Translation
from korkyt.mt.memory import normalise

pytestmark = pytest.mark.django_db


class _Engine:
    """Translates between the default scripts only, as NLLB and Apertium do; records what it was sent."""

    name = "nllbish"

    def __init__(self, pairs: set[tuple[str, str]], answers: dict[str, str] | None = None) -> None:
        self._pairs = pairs
        self.answers = answers or {}
        self.sent: list[tuple[str, str, object]] = []

    def supports(self, source: str, target: str) -> bool:
        return (source, target) in self._pairs

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._pairs)

    def translate(self, segments, source, target):  # type: ignore[no-untyped-def]
        self.sent.extend((source, target, s) for s in segments)
        return [Translation(text=self.answers.get(s.text, s.text), engine=self.name) for s in segments]


def _order(world, target: str, track=None):  # type: ignore[no-untyped-def]
    u = world["users"]
    return services.job_order(
        actor=u["kz_editor"],
        source=track or world["track"],
        target_language=target,
        assignee=u["translator"],
        reviewer=u["reviewer"],
        enqueue=False,
    )


@pytest.mark.parametrize(
    ("target", "engine_target", "answer", "expected", "scheme"),
    [
        ("uz-Cyrl", "uz", "Salom, doʻstim!", "Салом, дўстим!", "uz-1995"),
        ("az-Cyrl", "az", "Salam, dostum!", "Салам, достум!", "az-1991"),
        ("tk-Cyrl", "tk", "Salam, dostum!", "Салам, достум!", "tk-1993"),
        ("ky-Latn", "ky", "Салам, досум!", "Salam, dosum!", "bgn"),
    ],
)
def test_a_target_in_another_script_is_translated_into_the_default_script_then_transliterated(
    world, target, engine_target, answer, expected, scheme
):
    engine = _Engine({("kk", engine_target)}, {"Сәлем, досым!": answer})
    job = _order(world, target)
    stats = services.job_prepare(job_id=job.pk, router=Router([engine]))
    job.refresh_from_db()
    assert job.mt_note == ""
    assert stats["mt"] == 4
    assert {(s, t) for s, t, _ in engine.sent} == {("kk", engine_target)}
    cue = job.cues.get(position=0)
    assert cue.text == expected
    assert cue.origin == CueOrigin.MACHINE and cue.state == CueState.NEEDS_EDITING
    assert cue.engine == f"nllbish→{scheme}"


def test_an_engine_that_knows_the_script_is_asked_for_it_directly(world):
    engine = _Engine({("kk", "uz"), ("kk", "uz-Cyrl")}, {"Сәлем, досым!": "Салом!"})
    job = _order(world, "uz-Cyrl")
    services.job_prepare(job_id=job.pk, router=Router([engine]))
    assert {(s, t) for s, t, _ in engine.sent} == {("kk", "uz-Cyrl")}
    cue = job.cues.get(position=0)
    assert cue.text == "Салом!" and cue.engine == "nllbish"


def test_a_source_in_another_script_is_transliterated_for_the_engine(world):
    u = world["users"]
    latin = (
        "1\n00:00:01,000 --> 00:00:03,500\nSälem, dosym!\n\n"
        "2\n00:00:04,000 --> 00:00:06,500\nBügın kün jyly.\n"
    ).encode()
    track = services.track_upload(
        actor=u["kz_editor"], film=world["film"], language="kk-Latn", data=latin, file_name="dala.kk-latn.srt"
    )
    engine = _Engine({("kk", "tr")}, {"Сәлем, досым!": "Merhaba dostum!"})
    job = _order(world, "tr", track=track)
    services.job_prepare(job_id=job.pk, router=Router([engine]))
    assert [s.text for _, _, s in engine.sent] == ["Сәлем, досым!", "Бүгін күн жылы."]
    assert engine.sent[0][2].context.next == ("Бүгін күн жылы.",)
    cue = job.cues.get(position=0)
    assert cue.text == "Merhaba dostum!" and cue.engine == "kk-2021→nllbish"


def test_without_any_route_the_job_says_so(world):
    job = _order(world, "uz-Cyrl")
    services.job_prepare(job_id=job.pk, router=Router([_Engine({("kk", "tr")})]))
    job.refresh_from_db()
    assert "kk → uz-Cyrl" in job.mt_note
    assert not job.cues.filter(origin=CueOrigin.MACHINE).exists()


def test_memory_of_the_target_script_still_comes_first(world):
    MemoryUnit.objects.create(
        source_language="kk-Cyrl",
        target_language="uz-Cyrl",
        source_text="Сәлем, досым!",
        source_key=normalise("Сәлем, досым!"),
        target_text="Салом, дўстим!",
    )
    engine = _Engine({("kk", "uz")})
    job = _order(world, "uz-Cyrl")
    services.job_prepare(job_id=job.pk, router=Router([engine]))
    assert job.cues.get(position=0).origin == CueOrigin.MEMORY_EXACT
    assert len(engine.sent) == 3


def test_the_context_names_the_neighbouring_lines_of_the_track_not_of_the_cues_left_to_translate(world):
    MemoryUnit.objects.create(
        source_language="kk-Cyrl",
        target_language="tr",
        source_text="Бүгін күн жылы.",
        source_key=normalise("Бүгін күн жылы."),
        target_text="Bugün hava sıcak.",
    )
    engine = _Engine({("kk", "tr")})
    job = _order(world, "tr")
    services.job_prepare(job_id=job.pk, router=Router([engine]))
    sent = {s.text: s.context for _, _, s in engine.sent}
    assert list(sent) == ["Сәлем, досым!", "Қорқыт Ата далада жүр.", "Шай ішесің бе?"]
    assert sent["Сәлем, досым!"].previous == ()
    assert sent["Сәлем, досым!"].next == ("Бүгін күн жылы.", "Қорқыт Ата далада жүр.")
    assert sent["Қорқыт Ата далада жүр."].previous == ("Сәлем, досым!", "Бүгін күн жылы.")
    assert sent["Қорқыт Ата далада жүр."].next == ("Шай ішесің бе?",)
    assert sent["Шай ішесің бе?"].previous == ("Бүгін күн жылы.", "Қорқыт Ата далада жүр.")
