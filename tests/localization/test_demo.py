from __future__ import annotations

import pytest

from korkyt.catalogue.models import Track, TrackStatus
from korkyt.config import demo
from korkyt.localization.models import (
    CueState,
    DubbingJob,
    JobKind,
    JobStatus,
    MemoryUnit,
    SubtitleTrack,
    TranslationJob,
)

pytestmark = pytest.mark.django_db


def test_demo_has_two_sample_tracks_an_approved_job_and_one_in_progress():
    demo.load(users_password="demo-password-1")
    assert SubtitleTrack.objects.count() == 2
    assert set(SubtitleTrack.objects.values_list("language", flat=True)) == {"kk-Cyrl", "tr"}
    approved = TranslationJob.objects.get(status=JobStatus.APPROVED)
    assert approved.target_language == "az-Latn"
    assert (
        Track.objects.get(film=approved.film, language="az-Latn", kind="subtitles").status
        == TrackStatus.AVAILABLE
    )
    open_job = TranslationJob.objects.exclude(kind=JobKind.ADAPTATION).get(status=JobStatus.IN_PROGRESS)
    states = list(open_job.cues.order_by("position").values_list("state", flat=True))
    assert states[:3] == [CueState.WAITING_REVIEW, CueState.WAITING_REVIEW, CueState.DRAFT]
    assert CueState.UNTRANSLATED in states and open_job.memorandum is not None
    assert MemoryUnit.objects.filter(source_language="tr", target_language="az-Latn").count() == 6
    demo.load(users_password="demo-password-1")  # idempotent
    assert TranslationJob.objects.count() == 3 and SubtitleTrack.objects.count() == 2
    assert DubbingJob.objects.count() == 1


def test_demo_dubs_the_approved_turkish_sample_into_azerbaijani_with_a_temp_track_queued():
    demo.load(users_password="demo-password-1")
    job = DubbingJob.objects.get()
    assert job.source_job.source.language == "tr" and job.target_language == "az-Latn"
    assert job.adaptation.cues.order_by("position").first().text == "Səhər tezdən yola çıxacağıq."
    assert [c.name for c in job.characters.all()] == ["Səfər", "Nuray"]
    assert all(c.voice_actor_id for c in job.characters.all())
    # the demo voice actors are described, so the casting search finds them in Azerbaijani
    from korkyt.localization.dubbing import casting

    found, _more = casting.voice_search(job=job, language="az")
    assert sorted(m.name for m in found) == ["Demo səs aktyoru 1", "Demo səs aktyoru 2"]
    assert not job.lines.filter(character__isnull=True).exists()
    output = job.outputs.get()
    assert output.kind == "temp_track" and output.background.task == "localization.render_dubbing_output"
    assert Track.objects.get(film=job.film, kind="dub", language="az-Latn").status == TrackStatus.IN_PROGRESS
