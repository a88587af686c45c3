"""Outputs rendered by the worker's task (eager here): script, isochrony report, temp voice track; a missing
espeak-ng names its Debian package; the task is idempotent; the live fit endpoint answers JSON."""

from __future__ import annotations

import shutil

import pytest
from django.test import Client

from korkyt.core.jobs import rows
from korkyt.core.models import Job
from korkyt.dubbing.errors import ToolMissingError
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.services import outputs

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kind", "fmt", "magic"), [
    ("script", "pdf", b"%PDF"), ("script", "docx", b"PK"), ("script", "csv", "\ufeff".encode()),
    ("isochrony", "html", b"<!doctype html>"), ("isochrony", "json", b"{"),
])  # fmt: skip
def test_an_output_is_rendered_by_its_task_and_kept(
    kind, fmt, magic, dub_job, dub_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(actor=dub_world["users"]["adapter"], job=dub_job, kind=kind, fmt=fmt)
    output.refresh_from_db()
    assert output.background.status == "done" and output.background.percent == 100
    with output.file.open("rb") as handle:
        assert handle.read().startswith(magic)
    name = output.file.name
    dubbing.output_render(output_id=output.pk)  # again: nothing is rendered twice
    output.refresh_from_db()
    assert output.file.name == name


@pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg")
def test_the_temp_track_is_spoken_one_voice_per_character(
    dub_job, dub_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(
            actor=dub_world["users"]["director"], job=dub_job, kind="temp_track", fmt="wav"
        )
    output.refresh_from_db()
    assert output.background.status == "done", output.background.failure
    with output.file.open("rb") as handle:
        data = handle.read()
    assert data[:4] == b"RIFF" and len(data) > 100_000
    assert output.background.progress == output.background.total == 4


def test_a_missing_espeak_fails_the_job_naming_the_debian_package(
    dub_job, dub_world, monkeypatch, django_capture_on_commit_callbacks
):
    def missing(self):
        raise ToolMissingError("espeak-ng", "espeak-ng")

    monkeypatch.setattr("korkyt.dubbing.engines.EspeakEngine.check", missing)
    with django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(
            actor=dub_world["users"]["adapter"], job=dub_job, kind="temp_track", fmt="flac"
        )
    output.refresh_from_db()
    job = Job.objects.get(pk=output.background_id)
    assert job.status == "failed"
    assert "apt install espeak-ng" in job.failure and "apt install espeak-ng" in output.error
    assert not output.file


def test_mkv_needs_a_video_file(dub_job, dub_world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no video"):
        dubbing.output_request(actor=dub_world["users"]["adapter"], job=dub_job, kind="mkv", fmt="mkv")
    assert not dub_job.outputs.exists()


def test_the_fit_follows_the_text_being_typed(dub_job, dub_world):
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    cue = dub_job.adaptation.cues.order_by("position")[2]
    long = client.get(f"/en/localization/dubbing/lines/{cue.pk}/fit", {"text": cue.text}).json()
    assert long["status"] == "too long" and long["ratio"] > 1.3 and long["slot_ms"] == 1000
    short = client.get(f"/en/localization/dubbing/lines/{cue.pk}/fit", {"text": "AYŞE: Güzel."}).json()
    assert short["status"] in ("fits", "tight") and short["ratio"] < long["ratio"]
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/adaptation").content.decode()
    assert 'class="fit fit-too-long"' in page and f"/lines/{cue.pk}/fit" in page
    assert 'list="dub-characters"' in page and "loop 1" in page


@pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg")
@pytest.mark.parametrize("sound", [True, False])
def test_mkv_muxes_the_temp_track_beside_a_local_video(
    sound, dub_job, dub_world, tmp_path, django_capture_on_commit_callbacks
):
    import subprocess

    from korkyt.localization.models import SubtitleTrack

    video = tmp_path / "film.mkv"
    audio = ["-f", "lavfi", "-i", "sine=duration=45", "-shortest"] if sound else []
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=duration=45:size=64x48:rate=5",
         *audio, str(video)],
        check=True, timeout=120,
    )  # fmt: skip
    SubtitleTrack.objects.filter(pk=dub_job.adaptation.source_id).update(video_url=f"file://{video}")
    dub_job.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        output = dubbing.output_request(
            actor=dub_world["users"]["director"], job=dub_job, kind="mkv", fmt="mkv"
        )
    output.refresh_from_db()
    assert output.background.status == "done", output.background.failure
    probe = subprocess.run(
        ["ffprobe", "-loglevel", "error", "-show_entries", "stream=codec_type:stream_tags=language",
         "-of", "csv=p=0", output.file.path],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert probe.stdout.count("audio") == (2 if sound else 1) and "tur" in probe.stdout
    # the dub lasts as long as the film, not up to its last line (43 s)
    packets = subprocess.run(
        ["ffprobe", "-loglevel", "error", "-select_streams", "a:" + ("1" if sound else "0"),
         "-show_entries", "packet=pts_time", "-of", "csv=p=0", output.file.path],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split()  # fmt: skip
    assert max(float(t.strip(",")) for t in packets) == pytest.approx(45, abs=0.2)


@pytest.mark.parametrize("link_works", [True, False])
def test_a_rendered_file_is_linked_into_the_media_storage_or_copied_when_it_cannot_be(
    link_works, dub_job, dub_world, settings, tmp_path, monkeypatch
):
    import os

    settings.MEDIA_ROOT = tmp_path
    linked = []

    def link(src, dst):
        if not link_works:
            raise OSError(18, "Invalid cross-device link")
        linked.append(str(dst))
        os.link(src, dst)

    monkeypatch.setattr(rows, "_link", link)
    output = dubbing.output_request(
        actor=dub_world["users"]["adapter"], job=dub_job, kind="script", fmt="csv", enqueue=False
    )
    dubbing.output_render(output_id=output.pk)
    output.refresh_from_db()
    stored = tmp_path / output.file.name
    assert output.file.name.startswith(f"dubbing/job-{dub_job.pk}/{output.pk}-")
    assert stored.read_bytes().startswith("\ufeff".encode()) and stored.stat().st_size == output.size
    assert stored.stat().st_nlink == 1  # the rendering directory is gone
    assert list((tmp_path / "dubbing" / ".work").iterdir()) == []
    assert linked == ([str(stored)] if link_works else [])


def test_the_temp_track_reads_only_the_spoken_cues_in_one_query(dub_job, django_assert_num_queries):
    from korkyt.localization.dubbing import selectors

    dub_job.adaptation.cues.filter(position=2).update(text="")
    with django_assert_num_queries(1):
        spoken = selectors.spoken_cues(dub_job)
    every = selectors.script_cues(dub_job)
    assert spoken == [line for line in every if line.text]
    assert len(spoken) == len(every) - 1 and {line.speaker for line in spoken} == {"AYŞE", "MEHMET"}


@pytest.mark.skipif(not shutil.which("espeak-ng") or not shutil.which("ffmpeg"), reason="espeak-ng/ffmpeg")
def test_the_task_writes_the_same_track_as_the_pure_pipeline(dub_job, dub_world, tmp_path):
    from korkyt.dubbing import synthesize_track
    from korkyt.localization.dubbing import selectors

    output = dubbing.output_request(
        actor=dub_world["users"]["director"], job=dub_job, kind="temp_track", fmt="wav", enqueue=False
    )
    dubbing.output_render(output_id=output.pk)
    output.refresh_from_db()
    synthesize_track(selectors.script_cues(dub_job), "tr", tmp_path / "pure.wav")
    with output.file.open("rb") as handle:
        assert handle.read() == (tmp_path / "pure.wav").read_bytes()


def test_progress_of_the_temp_track_is_written_at_most_once_a_second(dub_job, dub_world, monkeypatch):
    """A row write per spoken line would cost more than the speech: the calls are throttled, the last one
    always written."""
    from korkyt.dubbing import voice

    clock = iter([0.0, 0.2, 0.4, 1.5, 1.6, 1.7, 1.8])

    def fake_track(lines, lang, out, progress=None, **kwargs):
        for done in range(1, 8):
            progress(done, 7)
        out.write_bytes(b"RIFF")

    monkeypatch.setattr(voice, "synthesize_track", fake_track)
    monkeypatch.setattr("korkyt.dubbing.synthesize_track", fake_track)
    monkeypatch.setattr(outputs.time, "monotonic", lambda: next(clock))
    written = []
    output = dubbing.output_request(
        actor=dub_world["users"]["director"], job=dub_job, kind="temp_track", fmt="wav", enqueue=False
    )
    dubbing.output_render(
        output_id=output.pk, progress=lambda done, total=None: written.append((done, total))
    )
    assert written[:-1] == [(1, 7), (4, 7), (7, 7)]  # 0.0, 1.5 and the last; then the output's total


def test_making_an_output_swaps_only_the_list_of_files(dub_job, dub_world):
    """The "Make the file" form stays on the page (its button keeps the focus, its select the chosen format):
    the htmx answer replaces only the status list under it."""
    import re

    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    form = re.search(r'<form [^>]*dubbing/\d+/outputs"[^>]*>', page).group(0)
    assert 'hx-target="#outputs-status"' in form and 'hx-select="#outputs-status"' in form
    assert 'hx-swap="outerHTML"' in form
    answer = client.post(
        f"/en/localization/dubbing/{dub_job.pk}/outputs", {"output": "script.pdf"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="outputs-status"' in answer and "<code>pdf</code>" in answer
