from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from korkyt.catalogue.models import Track, TrackStatus
from korkyt.institutions.models import MemorandumActivity
from korkyt.localization import selectors, services
from korkyt.localization.models import CueOrigin, CueState, JobKind, JobStatus, MemoryUnit, SourceCue
from korkyt.mt import Router
from korkyt.subtitles import loads
from tests.localization.conftest import KK_SRT

pytestmark = pytest.mark.django_db


def test_track_upload_stores_cues_findings_and_makes_catalogue_track_available(world):
    track = world["track"]
    assert track.format == "srt"
    assert list(SourceCue.objects.filter(track=track).values_list("position", flat=True)) == [0, 1, 2, 3]
    # the check's findings for this file: two 500 ms gaps that a subtitler closes to 83 ms, nothing else
    assert [(f["cue"], f["code"], f["severity"], f["suggestion"], f["fixable"]) for f in track.findings] == [
        (0, "timing.chain-gap", "info", "end cue 1 at 0:00:03.917", True),
        (1, "timing.chain-gap", "info", "end cue 2 at 0:00:06.917", True),
    ]
    assert track.findings[0]["message"] == (
        "gap between cues 1 and 2 is 500 ms; gaps up to 500 ms should be closed to 83 ms"
    )
    assert track.catalogue_track.status == TrackStatus.AVAILABLE
    assert track.catalogue_track.language == "kk-Cyrl"


def test_track_upload_reads_other_formats_and_legacy_encodings(world):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nСәлем\n".encode()
    track = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=vtt
    )
    assert track.format == "vtt"
    cp = "1\n00:00:01,000 --> 00:00:02,000\nПривет, как дела?\n".encode("cp1251")
    track = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="ru", data=cp
    )
    assert track.encoding == "cp1251"


def test_track_upload_refuses_unreadable_file_naming_the_field(world):
    with pytest.raises(ValidationError) as exc:
        services.track_upload(
            actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=b"\x00\x01"
        )
    assert "file" in exc.value.message_dict


def test_track_upload_of_an_unknown_format_names_the_accepted_formats_not_a_python_argument(world):
    with pytest.raises(ValidationError) as exc:
        services.track_upload(
            actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=b"just some words\n"
        )
    (message,) = exc.value.message_dict["file"]
    assert "format=" not in message and "SRT" in message and "MPL2" in message


def test_track_upload_by_another_institution_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.track_upload(
            actor=world["users"]["tr_editor"], film=world["film"], language="kk", data=KK_SRT
        )


def test_job_order_creates_untranslated_cues_in_progress_track_and_memorandum_activity(job, world):
    assert job.kind == JobKind.TRANSLATION
    assert job.cues.count() == 4
    assert set(job.cues.values_list("state", flat=True)) == {CueState.UNTRANSLATED}
    assert job.catalogue_track.status == TrackStatus.IN_PROGRESS
    assert MemorandumActivity.objects.filter(memorandum=world["memo"], object_id=job.pk).exists()
    assert job.background is not None


def test_job_order_checks_roles_language_and_deadline(world):
    u = world["users"]
    with pytest.raises(ValidationError) as exc:
        services.job_order(
            actor=u["kz_editor"],
            source=world["track"],
            target_language="xx",
            assignee=u["reviewer"],
            reviewer=u["translator"],
            deadline=dt.date(2000, 1, 1),
            enqueue=False,
        )
    assert {"target_language", "assignee", "reviewer", "deadline"} <= set(exc.value.message_dict)


def test_job_order_by_editor_of_another_institution_is_refused(world):
    u = world["users"]
    with pytest.raises(PermissionDenied):
        services.job_order(
            actor=u["tr_editor"],
            source=world["track"],
            target_language="tr",
            assignee=u["translator"],
            reviewer=u["reviewer"],
            enqueue=False,
        )


def test_transliteration_job_runs_automatically_and_waits_for_review(world):
    u = world["users"]
    job = services.job_order(
        actor=u["kz_editor"],
        source=world["track"],
        target_language="kk-Latn",
        reviewer=u["reviewer"],
        enqueue=False,
    )
    assert job.kind == JobKind.TRANSLITERATION and job.scheme == "kk-2021"
    stats = services.job_prepare(job_id=job.pk)
    assert stats["translit"] == 4
    first = job.cues.order_by("position").first()
    assert first.text == "Sälem, dosym!"
    assert first.origin == CueOrigin.TRANSLITERATION and first.state == CueState.WAITING_REVIEW
    services.job_approve_waiting(actor=u["reviewer"], job=job)
    services.job_approve(actor=u["reviewer"], job=job)
    assert Track.objects.get(film=world["film"], language="kk-Latn").status == TrackStatus.AVAILABLE
    assert not MemoryUnit.objects.exists()  # a change of script is not translation memory


def test_pretranslation_uses_memory_exact_then_fuzzy_and_says_mt_is_skipped(job, world):
    MemoryUnit.objects.create(
        source_language="kk-Cyrl",
        target_language="tr",
        source_text="Сәлем, досым!",
        target_text="Merhaba dostum!",
    )
    MemoryUnit.objects.create(
        source_language="kk-Cyrl",
        target_language="tr",
        source_text="Бүгін күн өте жылы.",
        target_text="Bugün hava çok sıcak.",
    )
    stats = services.job_prepare(job_id=job.pk)
    cues = list(job.cues.order_by("position"))
    assert (cues[0].origin, cues[0].state, cues[0].text) == (
        CueOrigin.MEMORY_EXACT,
        CueState.DRAFT,
        "Merhaba dostum!",
    )
    assert cues[1].origin == CueOrigin.MEMORY_FUZZY and 75 <= cues[1].score < 100
    assert cues[1].state == CueState.NEEDS_EDITING
    assert cues[2].state == CueState.UNTRANSLATED
    assert stats["exact"] == 1 and stats["fuzzy"] == 1
    job.refresh_from_db()
    assert "No machine-translation engine" in job.mt_note
    assert job.status == JobStatus.IN_PROGRESS
    # idempotent: a second run changes nothing already filled
    services.cue_save(actor=world["users"]["translator"], cue=cues[0], text="Selam dostum!")
    services.job_prepare(job_id=job.pk)
    assert job.cues.get(position=0).text == "Selam dostum!"


def test_memory_prefers_the_same_film(job, world):
    from korkyt.catalogue.models import Film

    other = Film.objects.create(owner=world["kz"], status="published")
    MemoryUnit.objects.create(
        source_language="kk-Cyrl",
        target_language="tr",
        source_text="Сәлем, досым!",
        target_text="Other film",
        film=other,
    )
    MemoryUnit.objects.create(
        source_language="kk-Cyrl",
        target_language="tr",
        source_text="Сәлем, досым!",
        target_text="Same film",
        film=world["film"],
    )
    services.job_prepare(job_id=job.pk)
    assert job.cues.get(position=0).text == "Same film"


class _FakeEngine:
    name = "fake"

    def supports(self, source: str, target: str) -> bool:
        return True

    def pairs(self) -> set[tuple[str, str]]:
        return {("kk", "tr")}

    def translate(self, segments, source, target):
        from korkyt.mt import Translation

        return [Translation(text=f"[tr] {s.text}", engine="fake", score=None) for s in segments]


def test_pretranslation_falls_back_to_the_configured_engine(job):
    services.job_prepare(job_id=job.pk, router=Router([_FakeEngine()]))
    cue = job.cues.get(position=2)
    assert cue.origin == CueOrigin.MACHINE and cue.text == "[tr] Қорқыт Ата далада жүр."
    assert cue.state == CueState.NEEDS_EDITING and cue.engine == "fake"


def test_translator_saves_submits_reviewer_returns_and_approves_feeding_memory(job, world):
    u = world["users"]
    cues = list(job.cues.order_by("position"))
    texts = ["Merhaba dostum!", "Bugün hava sıcak.", "Korkut Ata bozkırda yürüyor.", "Çay içer misin?"]
    for cue, text in zip(cues, texts, strict=True):
        services.cue_save(actor=u["translator"], cue=cue, text=text)
        assert cue.state == CueState.DRAFT and cue.origin == CueOrigin.HUMAN
        services.cue_save(actor=u["translator"], cue=cue, text=text, submit=True)
        assert cue.state == CueState.WAITING_REVIEW
    with pytest.raises(ValidationError):
        services.cue_review(actor=u["reviewer"], cue=cues[1], approve=False, comment="")
    services.cue_review(actor=u["reviewer"], cue=cues[1], approve=False, comment="hava → gün")
    assert cues[1].state == CueState.NEEDS_EDITING
    with pytest.raises(PermissionDenied):
        services.cue_review(actor=u["translator"], cue=cues[0], approve=True)
    with pytest.raises(ValidationError):
        services.job_approve(actor=u["reviewer"], job=job)
    services.cue_save(actor=u["translator"], cue=cues[1], text="Bugün gün sıcak.", submit=True)
    assert services.job_approve_waiting(actor=u["reviewer"], job=job).approved == 4
    assert MemoryUnit.objects.filter(target_language="tr").count() == 4
    services.job_approve(actor=u["reviewer"], job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.APPROVED
    assert Track.objects.get(film=world["film"], language="tr").status == TrackStatus.AVAILABLE
    with pytest.raises(ValidationError):
        services.cue_save(actor=u["translator"], cue=cues[0], text="x")


def test_other_translator_and_reviewer_cannot_work_on_the_job(job, world):
    u = world["users"]
    cue = job.cues.first()
    with pytest.raises(PermissionDenied):
        services.cue_save(actor=u["other_translator"], cue=cue, text="x")
    with pytest.raises(PermissionDenied):
        services.cue_review(actor=u["other_reviewer"], cue=cue, approve=True)
    assert selectors.job_get(user=u["other_translator"], pk=job.pk) is None
    assert selectors.job_get(user=u["tr_editor"], pk=job.pk) is None
    assert selectors.job_get(user=u["kz_editor"], pk=job.pk) == job


def test_findings_per_cue_and_export_formats(job, world):
    from korkyt.localization import exports

    u = world["users"]
    cues = list(job.cues.order_by("position"))
    services.cue_save(actor=u["translator"], cue=cues[0], text="Merhaba dostum! " * 8)
    findings = selectors.findings_by_cue(job, list(selectors.job_cues(job)))
    assert 0 in findings and 1 not in findings
    srt = exports.job_export(job, "srt")[1]
    assert loads(srt.encode()).cues[0].text.startswith("Merhaba")
    name, dcp = exports.job_export(job, "dcp-interop")
    assert name.endswith(".interop.xml") and "DCSubtitle" in dcp
    smpte_name, smpte = exports.job_export(job, "dcp-smpte")
    assert smpte_name.endswith(".smpte.xml") and "SubtitleReel" in smpte and smpte_name != name
    assert "WEBVTT" in exports.job_export(job, "vtt")[1]


def test_tmx_and_tbx_round_trip(world):
    from korkyt.mt.memory import Concept, Term, TMUnit, tbx_bytes, tmx_bytes

    editor = world["users"]["kz_editor"]
    data = tmx_bytes([TMUnit("Сәлем", "Merhaba", "kk", "tr", author="a")])
    assert services.memory_import(actor=editor, data=data) == 1
    unit = MemoryUnit.objects.get()
    assert (unit.source_language, unit.target_language) == ("kk-Cyrl", "tr")
    assert unit.source_key == "сәлем"  # the import stores the matching key
    concept = Concept(terms=(Term("Қорқыт Ата", "kk"), Term("Korkut Ata", "tr")), id="korkyt")
    assert services.glossary_import(actor=editor, data=tbx_bytes([concept])) == 1
    hits = selectors.glossary().find("Қорқыт Ата далада", "kk")
    assert hits and hits[0].start == 0
    with pytest.raises(ValidationError):
        services.memory_import(actor=editor, data=b"<tmx><oops>")
    with pytest.raises(PermissionDenied):
        services.memory_import(actor=world["users"]["translator"], data=data)


def test_approved_cues_prefill_the_next_job_of_the_pair(job, world):
    u = world["users"]
    cue = job.cues.get(position=0)
    services.cue_save(actor=u["translator"], cue=cue, text="Merhaba dostum!", submit=True)
    services.cue_review(actor=u["reviewer"], cue=cue, approve=True)
    fed = MemoryUnit.objects.get()
    assert fed.approved_at is not None and fed.source_key == "сәлем досым"
    second = services.job_order(
        actor=u["kz_editor"],
        source=world["track"],
        target_language="tr",
        assignee=u["translator"],
        reviewer=u["reviewer"],
        enqueue=False,
    )
    services.job_prepare(job_id=second.pk)
    first = second.cues.get(position=0)
    assert (first.text, first.origin, first.score) == ("Merhaba dostum!", CueOrigin.MEMORY_EXACT, 100)


def test_a_bad_engine_configuration_is_reported_on_the_job(job, settings):
    settings.KORKYT_MT_ENGINES = [{"kind": "nonsense"}]
    services.job_prepare(job_id=job.pk)
    job.refresh_from_db()
    assert "configuration is invalid" in job.mt_note


def test_engines_configured_in_the_admin_follow_those_of_the_setting(settings, db):
    from korkyt.localization.admin import EngineForm
    from korkyt.localization.models import MachineTranslationEngine

    settings.KORKYT_MT_ENGINES = [{"kind": "apertium", "url": "http://localhost:2737"}]
    bad = EngineForm(
        data={
            "name": "llm",
            "kind": "openai",
            "url": "http://localhost:8080",
            "pairs": "kk>??",
            "options": "{}",
            "position": 0,
        }
    )
    assert not bad.is_valid()
    form = EngineForm(
        data={
            "name": "llm",
            "kind": "openai",
            "url": "http://localhost:8080",
            "model": "qwen",
            "pairs": "kk>tk",
            "options": '{"timeout": 30}',
            "enabled": "on",
            "position": 1,
        }
    )
    assert form.is_valid(), form.errors
    form.save()
    MachineTranslationEngine.objects.create(name="off", kind="apertium", url="http://x.org", enabled=False)
    config = services.engine_config()
    assert [e["kind"] for e in config] == ["apertium", "openai"]
    assert config[1] == {
        "kind": "openai",
        "name": "llm",
        "url": "http://localhost:8080",
        "model": "qwen",
        "pairs": ["kk>tk"],
        "timeout": 30,
    }
    assert services._engine_router().supports("kk", "tk")


def test_memory_units_keep_their_matching_key_and_rows_without_one_are_keyed_on_load(job, world):
    unit = MemoryUnit.objects.create(
        source_language="kk-Cyrl", target_language="tr", source_text="<i>Сәлем, досым!</i>", target_text="a"
    )
    assert unit.source_key == "сәлем досым"
    unit.source_text = "Бүгін күн өте жылы."
    unit.save(update_fields=["source_text"])
    assert MemoryUnit.objects.get(pk=unit.pk).source_key == "бүгін күн өте жылы"
    # a bulk writer that does not set the key: the next load computes and stores it
    MemoryUnit.objects.bulk_create(
        [
            MemoryUnit(
                source_language="kk-Cyrl", target_language="tr", source_text="Сәлем, досым!", target_text="b"
            ),
            MemoryUnit(source_language="kk-Cyrl", target_language="tr", source_text="...", target_text="c"),
        ]
    )
    stats = services.job_prepare(job_id=job.pk)
    assert stats["exact"] == 1 and job.cues.get(position=0).text == "b"
    keys = set(MemoryUnit.objects.values_list("source_key", flat=True))
    assert keys == {"бүгін күн өте жылы", "сәлем досым", ""}  # punctuation only has no key


def test_a_deleted_films_translation_jobs_leave_the_memorandum_reports(job, world):
    from korkyt.catalogue.services import film_delete
    from korkyt.core.permissions import SYSTEM
    from korkyt.institutions.selectors import country_pair_report, memorandum_report

    report = memorandum_report(memorandum=world["memo"], language="en")
    assert report.total == 1
    assert [(r.title.text, r.title.lang, r.detail) for r in report.latest] == [
        ("Дала әні", "kk-Cyrl", "Kazakh (Cyrillic) → Turkish")
    ]
    assert [r.detail for r in memorandum_report(memorandum=world["memo"], language="ru").latest] == [
        "Казахский (кириллица) → Турецкий"
    ]
    film_delete(actor=SYSTEM, film=world["film"])
    assert memorandum_report(memorandum=world["memo"]).total == 0
    assert all(row.activities == 0 for row in country_pair_report(user=SYSTEM))
    assert not MemorandumActivity.objects.exists()


def test_track_upload_stores_a_mixed_script_word_with_its_correction(world):
    data = "1\n00:00:01,000 --> 00:00:03,000\nҚaлай жүрсің?\n".encode()  # a Latin "a" in "Қалай"
    track = services.track_upload(
        actor=world["users"]["kz_editor"], film=world["film"], language="kk", data=data
    )
    turkic = [f for f in track.findings if f["code"].startswith("turkic.")]
    assert [(f["cue"], f["code"], f["suggestion"], f["fixable"]) for f in turkic] == [
        (0, "turkic.mixed-script", "Қалай", True)
    ]
