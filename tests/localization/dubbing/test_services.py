from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from korkyt.catalogue.models import Track, TrackKind, TrackStatus
from korkyt.core.models import AuditEntry
from korkyt.institutions.models import MemorandumActivity
from korkyt.localization import services
from korkyt.localization.dubbing import selectors
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.models import CueState, JobKind, JobStatus


def test_order_detects_characters_numbers_loops_and_puts_the_dub_track_in_progress(dub_job, dub_world):
    job = dub_job
    assert [c.name for c in job.characters.all()] == ["AYŞE", "MEHMET"]
    lines = list(job.lines.select_related("character", "cue").order_by("cue__position"))
    assert [line.character.name for line in lines] == ["AYŞE", "MEHMET", "AYŞE", "MEHMET"]
    assert [line.loop for line in lines] == [1, 1, 1, 2]  # 32 s of silence before the last line
    assert job.adaptation.kind == JobKind.ADAPTATION
    assert job.adaptation.cues.first().text == "AYŞE: Merhaba, nasılsın?"  # same language: starts from it
    track = Track.objects.get(film=dub_world["film"], kind=TrackKind.DUB, language="tr")
    assert track.status == TrackStatus.IN_PROGRESS
    assert MemorandumActivity.objects.filter(memorandum=dub_world["memo"], object_id=job.pk).exists()


def test_order_into_another_language_is_prepared_in_the_background(dub_world):
    u = dub_world["users"]
    job = dubbing.dubbing_order(
        actor=u["kz_editor"],
        film=dub_world["film"],
        target_language="az",
        source_track=dub_world["tr_track"],
        adapter=u["adapter"],
        director=u["director"],
        enqueue=False,
    )
    assert job.adaptation.status == JobStatus.PREPARING
    assert job.adaptation.background is not None
    assert set(job.adaptation.cues.values_list("text", flat=True)) == {""}
    assert job.voice_script == "Latn"


def test_order_names_every_bad_field_and_saves_nothing(dub_world):
    u = dub_world["users"]
    with pytest.raises(ValidationError) as exc:
        dubbing.dubbing_order(
            actor=u["kz_editor"],
            film=dub_world["film"],
            target_language="xx-nope",
            adapter=u["stranger"],
            director=u["adapter"],
            enqueue=False,
        )
    assert {"source", "target_language", "adapter", "director"} <= set(exc.value.message_dict)
    assert not dub_world["film"].dubbing_jobs.exists()


def test_only_the_films_editors_order(dub_world):
    u = dub_world["users"]
    with pytest.raises(PermissionDenied):
        dubbing.dubbing_order(
            actor=u["tr_editor"],
            film=dub_world["film"],
            target_language="tr",
            source_track=dub_world["tr_track"],
            adapter=u["adapter"],
            director=u["director"],
        )


def test_order_from_an_approved_translation(job, dub_world):
    u = dub_world["users"]
    for cue in job.cues.all():
        services.cue_save(actor=u["translator"], cue=cue, text=f"ALİ: satır {cue.position}", submit=True)
    services.job_approve_waiting(actor=u["reviewer"], job=job)
    services.job_approve(actor=u["reviewer"], job=job)
    dub = dubbing.dubbing_order(
        actor=u["kz_editor"],
        film=dub_world["film"],
        target_language="tr",
        source_job=job,
        adapter=u["adapter"],
        director=u["director"],
        enqueue=False,
    )
    assert dub.adaptation.source == job.source  # the original beside the adaptation
    assert next(c.text for c in dub.adaptation.cues.order_by("position")) == "ALİ: satır 0"
    assert [c.name for c in dub.characters.all()] == ["ALİ"]


def test_rename_merge_and_cast_give_per_actor_figures(dub_job, dub_world):
    u = dub_world["users"]
    ayse, mehmet = dub_job.characters.all()
    dubbing.character_rename(actor=u["adapter"], character=ayse, name="Ayşe")
    with pytest.raises(ValidationError):
        dubbing.character_rename(actor=u["adapter"], character=mehmet, name="ayşe")
    extra = dubbing.character_create(actor=u["adapter"], job=dub_job, name="Narrator")
    dubbing.character_merge(actor=u["director"], character=extra, into=mehmet)
    leyla, resad = dub_world["actors"]
    dubbing.character_cast(actor=u["studio_staff"], character=ayse, person=leyla)
    dubbing.character_cast(actor=u["director"], character=mehmet, person=leyla)
    with pytest.raises(PermissionDenied):
        dubbing.character_cast(actor=u["adapter"], character=mehmet, person=resad)
    stats = selectors.actor_stats(dub_job)
    assert len(stats) == 1
    assert stats[0].name == "Leyla Həsənova"
    assert stats[0].lines == 4 and stats[0].loops == 2
    assert stats[0].minutes == 2 * selectors.MINUTES_PER_LOOP
    plan, names = selectors.recording_plan(dub_job, day_minutes=60)
    assert plan.total_actor_days == 1 and names[str(leyla.pk)] == "Leyla Həsənova"


def test_live_fit_marks_a_line_too_long():
    fit = selectors.cue_fit(
        text="Bugün hava çok güzel ama biraz soğuk, değil mi sevgili arkadaşım?",
        start_ms=0,
        end_ms=1000,
        language="tr",
    )
    assert fit is not None and fit.status == "too long" and fit.ratio > 1.3
    short = selectors.cue_fit(text="Evet.", start_ms=0, end_ms=5000, language="tr")
    assert short is not None and short.status == "too short"


def test_approval_needs_approved_lines_and_cast_characters_then_the_dub_is_available(dub_job, dub_world):
    u = dub_world["users"]
    with pytest.raises(ValidationError):
        dubbing.dubbing_approve(actor=u["director"], job=dub_job)
    for cue in dub_job.adaptation.cues.all():
        services.cue_save(actor=u["adapter"], cue=cue, text=cue.text, submit=True)
        services.cue_review(actor=u["director"], cue=cue, approve=True)
    with pytest.raises(ValidationError, match="voice actor"):
        dubbing.dubbing_approve(actor=u["director"], job=dub_job)
    leyla, resad = dub_world["actors"]
    ayse, mehmet = dub_job.characters.all()
    dubbing.character_cast(actor=u["director"], character=ayse, person=leyla)
    dubbing.character_cast(actor=u["director"], character=mehmet, person=resad)
    with pytest.raises(PermissionDenied):
        dubbing.dubbing_approve(actor=u["adapter"], job=dub_job)
    dubbing.dubbing_approve(actor=u["director"], job=dub_job)
    dub_job.refresh_from_db()
    assert dub_job.status == "approved"
    assert dub_job.adaptation.status == JobStatus.APPROVED
    assert Track.objects.get(film=dub_world["film"], kind=TrackKind.DUB, language="tr").status == "available"
    assert AuditEntry.objects.filter(action_type="localization.dubbingjob.approve").exists()
    with pytest.raises(ValidationError):
        dubbing.character_rename(actor=u["director"], character=ayse, name="X")
    assert all(c.state == CueState.APPROVED for c in dub_job.adaptation.cues.all())


def test_the_adaptation_is_not_approved_as_a_subtitle_job(dub_job, dub_world):
    with pytest.raises(ValidationError, match="dubbing job"):
        services.job_approve(actor=dub_world["users"]["director"], job=dub_job.adaptation)


def test_coverage_shows_the_dub_beside_the_subtitles(dub_job, dub_world):
    from django.test import Client

    from korkyt.localization import coverage as l10n

    data = l10n.coverage(user=dub_world["users"]["kz_editor"])
    row = next(r for r in data.rows if r.film.pk == dub_world["film"].pk)
    by_lang = {lang: dub for (lang, _status, _job), dub in zip(row.cells, row.dubs, strict=True)}
    assert by_lang["tr"] == "in_progress" and by_lang["kk-Cyrl"] == "missing"
    client = Client()
    page = client.get("/en/localization/coverage/").content.decode()
    assert "dub-in_progress" in page
    api = client.get("/api/localization/coverage").json()
    film_row = next(r for r in api["films"] if r["film"] == dub_world["film"].pk)
    assert {c["language"]: c["dub"] for c in film_row["cells"]}["tr"] == "in_progress"


def test_naming_a_character_locks_the_job_so_two_lines_named_at_once_find_one_character(dub_world, dub_job):
    """Two requests naming a new character at once run one after the other (on the job's row lock), the
    second finding the first's character instead of failing on the database's uniqueness."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if not connection.features.has_select_for_update:
        pytest.skip("SQLite takes no row locks; the PostgreSQL run checks the lock")
    u = dub_world["users"]
    with CaptureQueriesContext(connection) as queries:
        dubbing.character_create(actor=u["adapter"], job=dub_job, name="Narrator")
    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert any("dubbing" in sql and "job" in sql for sql in locks), locks
    with pytest.raises(ValidationError):  # the second, after the lock: the name is taken, whatever its case
        dubbing.character_create(actor=u["adapter"], job=dub_job, name="NARRATOR")
