"""A translator saves a cue while the pre-translation task runs: the person's text is never replaced.

The task is the real Celery task (``prepare_job``) and the edit is made by another thread on its own
database connection, between the moment the task read the empty cues and the moment it writes its
suggestions. Runs on every database the suite runs on: SQLite (a file with KORKYT_TEST_SQLITE_FILE=1,
see tests/settings.py) and PostgreSQL (DATABASE_URL).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from korkyt.core import services as core_services
from korkyt.core.models import Job, JobStatus
from korkyt.localization import services
from korkyt.localization.models import CueOrigin, CueState, MemoryUnit, TargetCue
from korkyt.localization.tasks import prepare_job

pytestmark = pytest.mark.django_db(transaction=True)

SOURCES = {
    "Сәлем, досым!": "Merhaba dostum!",
    "Бүгін күн жылы.": "Bugün hava sıcak.",
    "Қорқыт Ата далада жүр.": "Korkut Ata bozkırda yürüyor.",
    "Шай ішесің бе?": "Çay içer misin?",
}


def _edit_in_another_connection(work: Any) -> None:
    """Run ``work`` in a thread with its own database connection and wait for it."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported in the test's thread
            failures.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_a_cue_saved_by_the_translator_during_preparation_keeps_the_translators_text(job, world, monkeypatch):
    MemoryUnit.objects.bulk_create(
        MemoryUnit(source_language="kk-Cyrl", target_language="tr", source_text=s, target_text=t)
        for s, t in SOURCES.items()
    )
    translator = world["users"]["translator"]
    first = job.cues.get(position=0)
    edited = threading.Event()
    real_progress = core_services.job_progress

    def progress_then_edit(**kwargs: Any) -> None:
        # The task has read the empty cues and looked them up; before it writes, a translator saves cue 1.
        real_progress(**kwargs)
        if not edited.is_set():
            edited.set()
            _edit_in_another_connection(
                lambda: services.cue_save(
                    actor=translator, cue=TargetCue.objects.get(pk=first.pk), text="Selam, kardeşim!"
                )
            )

    monkeypatch.setattr(core_services, "job_progress", progress_then_edit)
    prepare_job(job.background_id, translation_job_id=job.pk)

    assert edited.is_set(), "the edit was made while the task ran"
    cues = list(job.cues.order_by("position"))
    assert (cues[0].text, cues[0].origin, cues[0].state) == (
        "Selam, kardeşim!",
        CueOrigin.HUMAN,
        CueState.DRAFT,
    )
    assert cues[0].updated_by == translator
    assert [c.text for c in cues[1:]] == list(SOURCES.values())[1:]
    assert {c.origin for c in cues[1:]} == {CueOrigin.MEMORY_EXACT}
    row = Job.objects.get(pk=job.background_id)
    assert row.status == JobStatus.DONE
    assert "kept 1 edited by a person" in row.message


def test_a_transliteration_never_replaces_a_cue_the_reviewer_wrote_during_the_run(world, monkeypatch):
    u = world["users"]
    job = services.job_order(
        actor=u["kz_editor"],
        source=world["track"],
        target_language="kk-Latn",
        reviewer=u["reviewer"],
        enqueue=False,
    )
    last = job.cues.get(position=3)
    real_progress = core_services.job_progress
    calls = []

    def progress_then_edit(**kwargs: Any) -> None:
        real_progress(**kwargs)
        if not calls:
            calls.append(kwargs)
            # the reviewer of a transliteration job writes a cue between the read and the write
            _edit_in_another_connection(
                lambda: services.cue_save(
                    actor=u["reviewer"], cue=TargetCue.objects.get(pk=last.pk), text="Şai işesıñ be?"
                )
            )

    monkeypatch.setattr(core_services, "job_progress", progress_then_edit)
    stats = services.job_prepare(
        job_id=job.pk, progress=lambda done, total: core_services.job_progress(job_id=0, progress=done)
    )
    assert stats["translit"] == 4 and stats["kept"] == 1
    cues = list(job.cues.order_by("position"))
    assert cues[3].text == "Şai işesıñ be?" and cues[3].origin == CueOrigin.HUMAN
    assert all(c.origin == CueOrigin.TRANSLITERATION and c.text for c in cues[:3])
