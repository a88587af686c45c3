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
    assert "The video was kept" in page and "Film with the temp track (MP4)" in page
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


def _stored_video(job, settings, tmp_path, data: bytes) -> None:
    """A video kept for the job without ffprobe (the upload's checks are tested above)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from korkyt.localization.dubbing.models import DubbingJob

    settings.MEDIA_ROOT = tmp_path / "media"
    name = default_storage.save(f"dubbing/job-{job.pk}/video/film.mp4", ContentFile(data))
    DubbingJob.objects.filter(pk=job.pk).update(video=name)


def test_the_video_is_served_in_byte_ranges_so_the_preview_can_seek(dub_job, dub_world, settings, tmp_path):
    data = bytes(range(256)) * 40  # 10,240 bytes
    _stored_video(dub_job, settings, tmp_path, data)
    url = f"/en/localization/dubbing/{dub_job.pk}/video/file"
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert b"".join(whole.streaming_content) == data and whole["Content-Type"] == "video/mp4"
    part = client.get(url, HTTP_RANGE="bytes=4096-8191")
    assert part.status_code == 206 and part["Content-Range"] == "bytes 4096-8191/10240"
    assert b"".join(part.streaming_content) == data[4096:8192] and part["Content-Length"] == "4096"
    assert part["Content-Disposition"].startswith("inline") and part["Cache-Control"] == "private, no-store"
    tail = client.get(url, HTTP_RANGE="bytes=-100")
    assert tail.status_code == 206 and b"".join(tail.streaming_content) == data[-100:]
    past = client.get(url, HTTP_RANGE="bytes=10240-")
    assert past.status_code == 416 and past["Content-Range"] == "bytes */10240"


def test_a_range_of_the_video_is_not_found_for_who_does_not_see_the_job(
    dub_job, dub_world, settings, tmp_path
):
    _stored_video(dub_job, settings, tmp_path, b"\0" * 2048)
    stranger = Client()
    stranger.force_login(dub_world["users"]["stranger"])
    url = f"/en/localization/dubbing/{dub_job.pk}/video/file"
    assert stranger.get(url, HTTP_RANGE="bytes=0-99").status_code == 404
    assert Client().get(url, HTTP_RANGE="bytes=0-99").status_code == 302  # to sign in


def test_the_temp_track_plays_in_byte_ranges_too(dub_job, dub_world, settings, tmp_path):
    from django.core.files.base import ContentFile

    from korkyt.localization.dubbing.models import DubbingOutput

    settings.MEDIA_ROOT = tmp_path / "media"
    output = dubbing.output_request(
        actor=dub_world["users"]["director"], job=dub_job, kind="temp_track", fmt="wav", enqueue=False
    )
    output.file.save("dub.wav", ContentFile(b"RIFF" + b"\1" * 996), save=False)
    DubbingOutput.objects.filter(pk=output.pk).update(file=output.file.name, name="dub.wav", size=1000)
    client = Client()
    client.force_login(dub_world["users"]["director"])
    part = client.get(
        f"/en/localization/dubbing/outputs/{output.pk}/download?inline=1", HTTP_RANGE="bytes=0-3"
    )
    assert part.status_code == 206 and b"".join(part.streaming_content) == b"RIFF"
    assert part["Content-Range"] == "bytes 0-3/1000" and part["Content-Type"] == "audio/wav"
