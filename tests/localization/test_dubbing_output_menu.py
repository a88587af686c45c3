"""The output menu names each format once: "Film with the temp track (MKV)", not "(MKV, MP4) (MKV)"."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.localization.models import SubtitleTrack
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job


@pytest.fixture
def dub_job(world):
    return order_dub_job(build_dub_world(world))


def test_the_film_output_names_its_format_once(dub_job, world, tmp_path):
    video = tmp_path / "film.mkv"
    video.write_bytes(b"not read by the page")
    SubtitleTrack.objects.filter(pk=dub_job.adaptation.source_id).update(video_url=f"file://{video}")
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert ">Film with the temp track (MKV)</option>" in page
    assert ">Film with the temp track (MP4)</option>" in page
    assert "(MKV, MP4)" not in page
