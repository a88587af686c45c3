"""A source track that names its speakers (WebVTT voices, the ASS Name field) gives a dubbing job its
characters, though its text names nobody; so does an approved translation of such a track."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.localization import services
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.models import SourceCue, SubtitleTrack, TrackState
from tests.localization.conftest import upload_track

pytestmark = pytest.mark.django_db

TR_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.500
<v Ayşe>Merhaba, nasılsın?

00:00:04.000 --> 00:00:06.500
<v Mehmet>İyiyim, sağ ol.

00:00:07.000 --> 00:00:08.000
<v Ayşe>Bugün hava güzel.

00:00:40.000 --> 00:00:43.000
Çay içelim mi?
""".encode()

KK_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.500
<v Айгүл>Сәлем, досым!

00:00:04.000 --> 00:00:06.500
<v Нұрлан>Бүгін күн жылы.
""".encode()


def _order(dub_world, **source):  # type: ignore[no-untyped-def]
    u = dub_world["users"]
    return dubbing.dubbing_order(
        actor=u["kz_editor"],
        film=dub_world["film"],
        adapter=u["adapter"],
        director=u["director"],
        enqueue=False,
        **source,
    )


def test_the_speakers_a_track_names_become_the_characters(dub_world):
    track = upload_track(dub_world, TR_VTT, language="tr")
    job = _order(dub_world, target_language="tr", source_track=track)
    assert [c.name for c in job.characters.all()] == ["Ayşe", "Mehmet"]
    lines = job.lines.select_related("character").order_by("cue__position")
    assert [line.character.name if line.character else None for line in lines] == [
        "Ayşe",
        "Mehmet",
        "Ayşe",
        None,
    ]


def test_a_translation_keeps_its_sources_speakers_for_the_dubbing(dub_world):
    u = dub_world["users"]
    kk = upload_track(dub_world, KK_VTT)
    job = services.job_order(
        actor=u["kz_editor"],
        source=kk,
        target_language="ru",
        assignee=u["translator"],
        reviewer=u["reviewer"],
        enqueue=False,
    )
    for cue, text in zip(job.cues.order_by("position"), ("Привет!", "Сегодня тепло."), strict=True):
        services.cue_save(actor=u["translator"], cue=cue, text=text, submit=True)
    services.job_approve_waiting(actor=u["reviewer"], job=job)
    services.job_approve(actor=u["reviewer"], job=job)
    dub = _order(dub_world, target_language="tr", source_job=job)  # adapted from the Russian translation
    source = dub.adaptation.source
    assert source.language == "ru" and source.pk != kk.pk
    assert list(SourceCue.objects.filter(track=source).values_list("speaker", flat=True)) == [
        "Айгүл",
        "Нұрлан",
    ]
    assert [c.name for c in dub.characters.all()] == ["Айгүл", "Нұрлан"]


def test_a_translation_into_a_language_with_an_uploaded_track_leaves_that_track_current(dub_world):
    """The film has a current Turkish track (uploaded); a kk → tr translation is approved and the dubbing is
    ordered from it: the adaptation reads the translation, the uploaded track stays the public's."""
    u = dub_world["users"]
    uploaded = SubtitleTrack.objects.get(film=dub_world["film"], language="tr", state=TrackState.CURRENT)
    kk = upload_track(dub_world, KK_VTT)
    job = services.job_order(
        actor=u["kz_editor"], source=kk, target_language="tr", assignee=u["translator"], reviewer=u["reviewer"],
        enqueue=False,
    )  # fmt: skip
    for cue, text in zip(job.cues.order_by("position"), ("Selam dostum!", "Bugün hava sıcak."), strict=True):
        services.cue_save(actor=u["translator"], cue=cue, text=text, submit=True)
    services.job_approve_waiting(actor=u["reviewer"], job=job)
    services.job_approve(actor=u["reviewer"], job=job)
    dub = _order(dub_world, target_language="az-Latn", source_job=job)
    source = dub.adaptation.source
    assert source.pk != uploaded.pk and source.state == TrackState.SUPERSEDED
    assert source.version > uploaded.version
    assert list(SourceCue.objects.filter(track=source).values_list("text", flat=True)) == [
        "Selam dostum!",
        "Bugün hava sıcak.",
    ]
    uploaded.refresh_from_db()
    assert uploaded.state == TrackState.CURRENT
    again = _order(dub_world, target_language="ru", source_job=job)  # the same translation: the same track
    assert again.adaptation.source.pk == source.pk
    client = Client()
    client.force_login(u["kz_editor"])
    page = client.get(f"/en/localization/tracks/{source.pk}/").content.decode()
    assert "the text of an approved translation, kept as the source of a dubbing" in page
    assert "A newer version replaced this one" not in page
    listing = client.get(f"/en/localization/tracks/{uploaded.pk}/").content.decode()
    assert "Not in use: the source of a dubbing" in listing
