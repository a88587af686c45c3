"""A dubbing script is timed at the picture's frame rate from its first timecode, asked for with the output
on the job's page, through the API or the CLI; bad values are named on their field and nothing is queued."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from typer.testing import CliRunner

from korkyt.accounts.services import token_create
from korkyt.cli import app
from korkyt.localization.dubbing import services as dubbing

pytestmark = pytest.mark.django_db


def _first_row(output) -> dict[str, str]:  # type: ignore[no-untyped-def]
    output.refresh_from_db()
    with output.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    return next(csv.DictReader(io.StringIO(text)))


def test_the_script_counts_the_asked_rate_from_the_first_timecode(dub_job, dub_world):
    # the first cue is 00:00:01,000 --> 00:00:03,500
    adapter = dub_world["users"]["adapter"]
    made = dubbing.output_request(
        actor=adapter,
        job=dub_job,
        kind="script",
        fmt="csv",
        enqueue=False,
        fps="30",
        start_timecode="01:00:00:00",
    )
    assert (made.fps, made.start_timecode) == ("30", "01:00:00:00")
    dubbing.output_render(output_id=made.pk)
    row = _first_row(made)
    assert (row["tc_in"], row["tc_out"]) == ("01:00:01:00", "01:00:03:15")
    default = dubbing.output_request(actor=adapter, job=dub_job, kind="script", fmt="csv", enqueue=False)
    assert (default.fps, default.start_timecode) == ("24", "")
    dubbing.output_render(output_id=default.pk)
    row = _first_row(default)
    assert (row["tc_in"], row["tc_out"]) == ("00:00:01:00", "00:00:03:12")
    slow = dubbing.output_request(
        actor=adapter,
        job=dub_job,
        kind="script",
        fmt="csv",
        enqueue=False,
        fps="23.976",
        start_timecode="1:0:0:0",
    )
    assert slow.start_timecode == "01:00:00:00"  # kept in its usual form
    drop = dubbing.output_request(
        actor=adapter,
        job=dub_job,
        kind="script",
        fmt="csv",
        enqueue=False,
        fps="29.97",
        start_timecode="00:10:00:00",
    )
    assert drop.start_timecode == "00:10:00;00"  # every tenth minute keeps its frames 00 and 01


def test_other_outputs_keep_no_timecode(dub_job, dub_world):
    made = dubbing.output_request(
        actor=dub_world["users"]["adapter"],
        job=dub_job,
        kind="isochrony",
        fmt="json",
        enqueue=False,
        fps="25",
    )
    assert (made.fps, made.start_timecode) == ("", "")


@pytest.mark.parametrize(
    ("fps", "start", "field", "said"),
    [
        ("26", "", "fps", "23.976, 24, 25, 29.97, 30"),
        ("25", "01:00:00:25", "start_timecode", "from 00 to 24"),
        ("24", "1 hour", "start_timecode", "01:00:00:00"),
        ("24", "24:00:00:00", "start_timecode", "01:00:00:00"),
        ("24", "0001:00:00:00x", "start_timecode", "01:00:00:00"),
        ("24", "100:00:00:00", "start_timecode", "01:00:00:00"),
        ("29.97", "00:01:00:00", "start_timecode", "start at 00:01:00;02"),
        ("29.97", "00:01:00;01", "start_timecode", "start at 00:01:00;02"),
    ],
)
def test_a_bad_rate_or_timecode_is_named_and_nothing_is_queued(dub_job, dub_world, fps, start, field, said):
    client = Client()
    response = client.post(
        f"/api/dubbing/jobs/{dub_job.pk}/outputs",
        {"kind": "script", "format": "csv", "fps": fps, "start_timecode": start},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_create(user=dub_world['users']['adapter'], name='t')[1]}"},
    )
    assert response.status_code == 422, response.content
    (error,) = response.json()["errors"]
    assert error["field"] == field and said in error["message"]
    assert not dub_job.outputs.exists()


def test_the_api_gives_the_rate_back(dub_job, dub_world):
    response = Client().post(
        f"/api/dubbing/jobs/{dub_job.pk}/outputs",
        {"kind": "script", "format": "csv", "fps": "25", "start_timecode": "10:00:00:00"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_create(user=dub_world['users']['adapter'], name='t')[1]}"},
    )
    assert response.status_code == 202
    assert (response.json()["fps"], response.json()["start_timecode"]) == ("25", "10:00:00:00")


def test_the_page_offers_the_rate_and_says_it_on_the_file(dub_job, dub_world):
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert '<option value="24" selected>24 fps</option>' in page
    assert 'name="start_timecode"' in page and 'aria-describedby="output-timecode-help"' in page
    response = client.post(
        f"/en/localization/dubbing/{dub_job.pk}/outputs",
        {"output": "script.csv", "fps": "25", "start_timecode": "01:00:00:00"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "25 fps from 01:00:00:00" in response.content.decode()
    refused = client.post(
        f"/en/localization/dubbing/{dub_job.pk}/outputs",
        {"output": "script.csv", "fps": "25", "start_timecode": "25:61"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Write the first timecode as hours:minutes:seconds:frames" in refused
    assert dub_job.outputs.count() == 1


def test_the_cli_renders_a_script_at_the_asked_rate(dub_job, tmp_path):
    out = tmp_path / "script.csv"
    result = CliRunner().invoke(
        app,
        ["dub", "job", "render", str(dub_job.pk), "--kind", "script", "-f", "csv", "-o", str(out),
         "--fps", "25", "--start-timecode", "01:00:00:00"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert row["tc_in"] == "01:00:01:00"
    bad = CliRunner().invoke(
        app, ["dub", "job", "render", str(dub_job.pk), "--kind", "script", "-f", "csv", "--fps", "12"]
    )
    assert bad.exit_code == 2 and "frame rates" in bad.output


def _film(tmp_path, rate: str) -> bytes:
    out = tmp_path / "film.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=64x36:rate={rate}", "-t", "2",
         "-pix_fmt", "yuv420p", str(out)],
        check=True,
        timeout=120,
    )  # fmt: skip
    return out.read_bytes()


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg (Debian package ffmpeg) is not installed")
@pytest.mark.parametrize(
    ("rate", "kept"),
    [
        ("25", "25"),
        ("24000/1001", "23.976"),
        ("30000/1001", "29.97"),
        ("50", "25"),
        ("60000/1001", "29.97"),
        ("12", ""),
    ],
)
def test_the_films_video_gives_the_scripts_default_rate(dub_job, dub_world, tmp_path, settings, rate, kept):
    settings.MEDIA_ROOT = tmp_path / "media"
    director = dub_world["users"]["director"]
    dubbing.video_attach(
        actor=director, job=dub_job, upload=SimpleUploadedFile("film.mp4", _film(tmp_path, rate))
    )
    dub_job.refresh_from_db()
    assert dub_job.video_fps == kept
    assert dubbing.default_timecode_rate(dub_job) == (kept or "24")
    made = dubbing.output_request(actor=director, job=dub_job, kind="script", fmt="csv", enqueue=False)
    assert made.fps == (kept or "24")
    client = Client()
    client.force_login(director)
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert f'<option value="{kept or "24"}" selected>' in page
    assert (f"The film's video runs at {kept} fps." in page) == bool(kept)
