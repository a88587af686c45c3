"""A job's history page is called by its film's title (marked with its language) and what the job makes of
it, in the reader's language: "Дала әні · дубляж → турецкий", not "Dubbing 1 (tr)"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from korkyt.core.templatetags.languages import language_name

pytestmark = pytest.mark.django_db


def _history(user, path: str) -> str:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    answer = client.get(path)
    assert answer.status_code == 200
    return answer.content.decode()


def test_a_dubbing_jobs_history_is_named_by_the_film_and_the_target(dub_job, dub_world):
    admin = dub_world["users"]["admin"]
    page = _history(admin, f"/ru/history/localization.dubbingjob/{dub_job.pk}")
    with translation.override("ru"):
        target = language_name("tr")
    assert '<span lang="kk-Cyrl">Дала әні</span> · дубляж → ' + target in page
    assert f"Dubbing {dub_job.pk}" not in page


def test_a_translation_jobs_history_names_both_languages(job, world):
    page = _history(world["users"]["admin"], f"/en/history/localization.translationjob/{job.pk}")
    assert '<span lang="kk-Cyrl">Дала әні</span> · Kazakh (Cyrillic) → Turkish' in page
    assert f"Job {job.pk} (" not in page


def test_a_translation_jobs_history_reads_its_source_track_and_machine_translation_note(job, world, settings):
    """The source track by its language and file (not "12 · kk-Cyrl · dala.srt"); the note kept as its English
    message shown in the reader's language."""
    from korkyt.localization import services

    settings.KORKYT_MT_ENGINES = []
    services.job_prepare(job_id=job.pk)
    job.refresh_from_db()
    assert job.mt_note.startswith("No machine-translation engine")
    page = _history(world["users"]["admin"], f"/ru/history/localization.translationjob/{job.pk}")
    assert "Система машинного перевода не настроена" in page
    assert "No machine-translation engine" not in page
    track = world["track"]
    assert f"Казахский (кириллица) · {track.file_name}" in page
    assert f"· {track.language} ·" not in page
