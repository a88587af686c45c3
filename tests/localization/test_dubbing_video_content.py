"""The film's video is checked by what it holds, not by its name; a film that ffmpeg cannot mux into fails
with a sentence for the person who asked, the tool's own lines going to the log."""

from __future__ import annotations

import logging
import shutil
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.models import SubtitleTrack
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job

needs_ffmpeg = pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg")


@pytest.fixture
def dub_world(world):
    return build_dub_world(world)


@pytest.fixture
def dub_job(dub_world):
    return order_dub_job(dub_world)


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff\x00\x00" * 16 for _ in range(16)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@needs_ffmpeg
def test_a_picture_named_like_a_video_is_refused_and_nothing_is_kept(dub_job, dub_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(dub_world["users"]["director"])
    page = client.post(
        f"/en/localization/dubbing/{dub_job.pk}/video",
        {"video": SimpleUploadedFile("a.mp4", _png())},
        follow=True,
    ).content.decode()
    assert "This file is a still image, not a video." in page
    assert "The video was kept" not in page
    dub_job.refresh_from_db()
    assert not dub_job.video
    assert client.get(f"/en/localization/dubbing/{dub_job.pk}/video/file").status_code == 404


@pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg")
def test_a_failed_mux_tells_a_sentence_and_logs_the_tool_output(
    dub_job, dub_world, tmp_path, caplog, django_capture_on_commit_callbacks
):
    broken = tmp_path / "a.mp4"
    broken.write_bytes(b"\x00garbage" * 100)  # kept before uploads were checked by content
    SubtitleTrack.objects.filter(pk=dub_job.adaptation.source_id).update(video_url=f"file://{broken}")
    dub_job.refresh_from_db()
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(
            actor=dub_world["users"]["director"], job=dub_job, kind="mkv", fmt="mkv"
        )
    output.refresh_from_db()
    assert output.background.status == "failed"
    assert output.error.startswith("The film could not be made with the temp track")
    assert "ffprobe" not in output.error and "exit 1" not in output.error
    assert "ffprobe failed (exit 1)" in caplog.text
    page = Client()
    page.force_login(dub_world["users"]["director"])
    html = page.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert "The film could not be made with the temp track" in html and "exit 1" not in html
