"""The film's video uploaded to a dubbing job: checked by ffprobe, streamed to who sees the job, muxed with the
temp track into MKV or MP4, played in the preview with its own sound ducked."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.dubbing.mux import media_info
from korkyt.localization.dubbing import services as dubbing

needs_tools = pytest.mark.skipif(
    not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg"
)


def _media(tmp_path, name: str, *inputs: str) -> bytes:
    out = tmp_path / name
    args = ["ffmpeg", "-v", "error", "-y"]
    for spec in inputs:
        args += ["-f", "lavfi", "-i", spec]
    subprocess.run([*args, "-t", "45", "-shortest", str(out)], check=True, timeout=120)
    return out.read_bytes()


@pytest.fixture
def film_mp4(tmp_path):
    return _media(tmp_path, "film.mp4", "testsrc=size=160x90:rate=10", "sine=frequency=220:sample_rate=22050")


def _upload(client, job, name, data):
    return client.post(
        f"/en/localization/dubbing/{job.pk}/video", {"video": SimpleUploadedFile(name, data)}, follow=True
    )


@needs_tools
def test_an_uploaded_video_is_muxed_with_the_temp_track_as_mkv_and_mp4(
    dub_job, dub_world, film_mp4, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(dub_world["users"]["director"])
    page = _upload(client, dub_job, "Dala film.mp4", film_mp4).content.decode()
    assert "The video was kept" in page and "Film with the temp track (MKV, MP4) (MP4)" in page
    dub_job.refresh_from_db()
    assert dub_job.video.name.startswith(f"dubbing/job-{dub_job.pk}/video/Dala_film")
    for kind, fmt in (("temp_track", "wav"), ("mkv", "mkv"), ("mkv", "mp4")):
        output = dubbing.output_request(
            actor=dub_world["users"]["director"], job=dub_job, kind=kind, fmt=fmt, enqueue=False
        )
        dubbing.output_render(output_id=output.pk)
        output.refresh_from_db()
        assert output.name.endswith(f".{fmt}")
        if kind == "temp_track":
            continue
        duration, audio_streams = media_info(output.file.path)
        assert audio_streams == 2 and 44_000 <= duration <= 46_000  # the film's sound and the temp dub

    preview = client.get(f"/en/localization/dubbing/{dub_job.pk}/preview").content.decode()
    assert f"/localization/dubbing/{dub_job.pk}/video/file" in preview and 'id="dub-duck"' in preview
    response = client.get(f"/en/localization/dubbing/{dub_job.pk}/video/file")
    assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
    assert b"".join(response.streaming_content) == film_mp4
    stranger = Client()
    stranger.force_login(dub_world["users"]["stranger"])
    assert stranger.get(f"/en/localization/dubbing/{dub_job.pk}/video/file").status_code == 404


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg")
def test_what_is_not_a_video_is_refused_with_a_clear_message(dub_job, dub_world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(dub_world["users"]["director"])
    sound = _media(tmp_path, "sound.mp4", "sine=frequency=220:sample_rate=22050")
    cases = [
        ("notes.txt", b"hello", "Upload the video as .mkv, .mp4, .mov, .webm."),
        ("film.mp4", b"\x00garbage" * 100, "ffmpeg cannot read this file as a video."),
        ("film.mp4", sound, "This file has no video stream."),
        ("film.mkv", b"", "The video must not be empty"),
    ]
    for name, data, message in cases:
        assert message in _upload(client, dub_job, name, data).content.decode(), name
    dub_job.refresh_from_db()
    assert not dub_job.video
    assert client.get(f"/en/localization/dubbing/{dub_job.pk}/video/file").status_code == 404
    page = client.post(f"/en/localization/dubbing/{dub_job.pk}/video", follow=True).content.decode()
    assert "Choose a video file to upload." in page


def test_only_who_casts_uploads_the_video(dub_job, dub_world):
    for who, status in (("adapter", 403), ("kz_editor", 403), ("stranger", 404)):
        client = Client()
        client.force_login(dub_world["users"][who])
        response = client.post(
            f"/en/localization/dubbing/{dub_job.pk}/video",
            {"video": SimpleUploadedFile("film.mp4", b"x" * 10)},
        )
        assert response.status_code == status, who
    dub_job.refresh_from_db()
    assert not dub_job.video
