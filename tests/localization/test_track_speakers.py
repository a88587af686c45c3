"""A source cue keeps its speaker (WebVTT's single voice ``<v Name>``, the ASS/SSA Name field): exporting the
track, or a job made from it (a target cue speaks as its source cue), writes it back; the cue editor shows
it before the source text."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.localization import exports
from korkyt.localization.models import SPEAKER_MAX, SourceCue, TargetCue
from tests.localization.conftest import order_job, upload_track

pytestmark = pytest.mark.django_db

KK_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.500
<v Айгүл>Сәлем, досым!

00:00:04.000 --> 00:00:06.500
<v Нұрлан>Бүгін күн жылы.

00:00:07.000 --> 00:00:09.800
Қорқыт Ата далада жүр.
""".encode()

KK_ASS = """[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, \
Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, \
MarginR, MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:03.50,Default,Айгүл,0,0,0,,Сәлем, досым!
Dialogue: 0,0:00:04.00,0:00:06.50,Default,,0,0,0,,Бүгін күн жылы.
""".encode()


def _speakers(track) -> list[str]:  # type: ignore[no-untyped-def]
    return list(SourceCue.objects.filter(track=track).order_by("position").values_list("speaker", flat=True))


def test_webvtt_voices_are_kept_and_written_back_by_track_and_job(world):
    track = upload_track(world, KK_VTT, file_name="dala.kk.vtt")
    assert _speakers(track) == ["Айгүл", "Нұрлан", ""]
    text = exports.track_export(track, "vtt")[1]
    assert "<v Айгүл>Сәлем, досым!" in text and "<v Нұрлан>Бүгін күн жылы." in text
    assert "\nҚорқыт Ата далада жүр." in text  # no speaker, no voice
    ass = exports.track_export(track, "ass")[1]
    assert "Dialogue: 0,0:00:01.00,0:00:03.50,Default,Айгүл,0,0,0,,Сәлем, досым!" in ass
    assert "Dialogue: 0,0:00:07.00,0:00:09.80,Default,,0,0,0,,Қорқыт Ата далада жүр." in ass
    world["track"] = track
    job = order_job(world)
    for cue, text in zip(
        job.cues.order_by("position"), ("Merhaba!", "Hava sıcak.", "Korkut Ata"), strict=True
    ):
        TargetCue.objects.filter(pk=cue.pk).update(text=text)
    text = exports.job_export(job, "vtt")[1]
    assert "<v Айгүл>Merhaba!" in text and "<v Нұрлан>Hava sıcak." in text
    assert "\nKorkut Ata" in text
    ass = exports.job_export(job, "ass")[1]
    assert "Dialogue: 0,0:00:01.00,0:00:03.50,Default,Айгүл,0,0,0,,Merhaba!" in ass


def test_the_ass_name_field_is_kept_and_written_back(world):
    track = upload_track(world, KK_ASS, file_name="dala.kk.ass")
    assert _speakers(track) == ["Айгүл", ""]
    assert "<v Айгүл>Сәлем, досым!" in exports.track_export(track, "vtt")[1]
    assert ",Default,Айгүл,0,0,0,,Сәлем, досым!" in exports.track_export(track, "ass")[1]
    assert "Айгүл" not in exports.track_export(track, "srt")[1]  # formats without speakers: text only


def test_a_long_speaker_name_is_cut_at_the_limit(world):
    name = "Ұ" * (SPEAKER_MAX + 40)
    data = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v {name}>Сәлем!\n".encode()
    track = upload_track(world, data, file_name="long.vtt")
    assert _speakers(track) == ["Ұ" * SPEAKER_MAX]
    assert SourceCue.objects.get(track=track).text == "Сәлем!"


def test_the_editor_shows_the_speaker_before_the_source_text(world):
    world["track"] = upload_track(world, KK_VTT, file_name="dala.kk.vtt")
    job = order_job(world)
    client = Client()
    client.force_login(world["users"]["translator"])
    page = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert '<span class="cue-speaker">Айгүл:</span> Сәлем, досым!' in page
    assert '<span class="cue-speaker">Нұрлан:</span> Бүгін' in page
    assert page.count('class="cue-speaker"') == 2


def test_the_api_gives_each_cue_its_speaker(world):
    from korkyt.accounts.services import token_create

    world["track"] = upload_track(world, KK_VTT, file_name="dala.kk.vtt")
    job = order_job(world)
    token = token_create(user=world["users"]["translator"], name="t")[1]
    items = (
        Client()
        .get(f"/api/localization/jobs/{job.pk}/cues", headers={"Authorization": f"Bearer {token}"})
        .json()["items"]
    )
    assert [i["speaker"] for i in items] == ["Айгүл", "Нұрлан", ""]
