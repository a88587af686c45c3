from __future__ import annotations

import pytest

from korkyt.catalogue.models import Track, TrackStatus
from korkyt.config import demo
from korkyt.localization.models import CueState, JobStatus, MemoryUnit, SubtitleTrack, TranslationJob

pytestmark = pytest.mark.django_db


def test_demo_has_two_sample_tracks_an_approved_job_and_one_in_progress():
    demo.load(users_password="demo-password-1")
    assert SubtitleTrack.objects.count() == 2
    assert set(SubtitleTrack.objects.values_list("language", flat=True)) == {"kk-Cyrl", "tr"}
    approved = TranslationJob.objects.get(status=JobStatus.APPROVED)
    assert approved.target_language == "az-Latn"
    assert Track.objects.get(film=approved.film, language="az-Latn").status == TrackStatus.AVAILABLE
    open_job = TranslationJob.objects.get(status=JobStatus.IN_PROGRESS)
    states = list(open_job.cues.order_by("position").values_list("state", flat=True))
    assert states[:3] == [CueState.WAITING_REVIEW, CueState.WAITING_REVIEW, CueState.DRAFT]
    assert CueState.UNTRANSLATED in states and open_job.memorandum is not None
    assert MemoryUnit.objects.filter(source_language="tr", target_language="az-Latn").count() == 6
    demo.load(users_password="demo-password-1")  # idempotent
    assert TranslationJob.objects.count() == 2 and SubtitleTrack.objects.count() == 2
