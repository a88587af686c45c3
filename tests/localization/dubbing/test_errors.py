"""Why a dubbing output or a film's video could not be made is said in the reader's language: korkyt.dubbing
gives the error's code and parameters (its English message stays the command line's), the workbench holds
one translatable template per code (korkyt.localization.dubbing.errors)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from korkyt.core.models import Job
from korkyt.dubbing.errors import CODES, DubbingError, ToolFailedError, ToolMissingError
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.errors import DUBBING_TEMPLATES, dubbing_reason
from korkyt.localization.dubbing.models import DubbingOutput
from korkyt.localization.models import TargetCue

pytestmark = pytest.mark.django_db

NO_LINES = "the document has no spoken lines (every cue is empty or a sound description)"


def _in(language: str, code: str, **params: object) -> str:
    with translation.override(language):
        return str(DUBBING_TEMPLATES[code]) % params


def test_one_template_per_code_filled_from_its_parameters():
    assert set(DUBBING_TEMPLATES) == set(CODES)
    for code, names in CODES.items():
        assert str(DUBBING_TEMPLATES[code]) % {name: "x" for name in names}


def test_an_error_without_a_code_keeps_its_message():
    assert dubbing_reason(DubbingError("the muxed file must not overwrite the video it reads")) == (
        "the muxed file must not overwrite the video it reads"
    )


def _silent(job) -> None:  # type: ignore[no-untyped-def]
    """Every cue of the adaptation a sound description: nothing to speak."""
    TargetCue.objects.filter(job=job.adaptation).update(text="[music]")


def _make(client: Client, job, language: str, output: str, capture) -> DubbingOutput:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        client.post(f"/{language}/localization/dubbing/{job.pk}/outputs", {"output": output})
    return DubbingOutput.objects.filter(job=job).latest("pk")


def test_an_adaptation_without_spoken_lines_fails_in_russian(
    dub_job, dub_world, django_capture_on_commit_callbacks
):
    _silent(dub_job)
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    output = _make(client, dub_job, "ru", "isochrony.html", django_capture_on_commit_callbacks)
    reason = _in("ru", "lines.none")
    job = Job.objects.get(pk=output.background_id)
    assert job.status == "failed" and job.failure == reason and output.error == reason
    assert NO_LINES not in job.failure
    panel = client.get(f"/ru/localization/dubbing/{dub_job.pk}/outputs/panel").content.decode()
    assert reason in panel and NO_LINES not in panel


def test_an_adaptation_without_spoken_lines_fails_in_kazakh(
    dub_job, dub_world, kazakh, django_capture_on_commit_callbacks
):
    kazakh({str(DUBBING_TEMPLATES["lines.none"]): "бейімделген мәтінде айтылатын жол жоқ"})
    _silent(dub_job)
    client = Client()
    client.force_login(dub_world["users"]["director"])
    output = _make(client, dub_job, "kk", "script.pdf", django_capture_on_commit_callbacks)
    assert Job.objects.get(pk=output.background_id).failure == "бейімделген мәтінде айтылатын жол жоқ"
    assert output.error == "бейімделген мәтінде айтылатын жол жоқ"


def test_a_missing_espeak_names_its_package_in_kazakh(
    dub_job, dub_world, kazakh, monkeypatch, django_capture_on_commit_callbacks
):
    template = str(DUBBING_TEMPLATES["tool.missing_package"])
    kazakh(
        {template: "серверде %(program)s орнатылмаған (Debian пакеті %(package)s: apt install %(package)s)"}
    )

    def missing(self):  # type: ignore[no-untyped-def]
        raise ToolMissingError("espeak-ng", "espeak-ng")

    monkeypatch.setattr("korkyt.dubbing.engines.EspeakEngine.check", missing)
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    output = _make(client, dub_job, "kk", "temp_track.wav", django_capture_on_commit_callbacks)
    assert output.error == (
        "серверде espeak-ng орнатылмаған (Debian пакеті espeak-ng: apt install espeak-ng)"
    )


def _render_failure(job, user) -> str:  # type: ignore[no-untyped-def]
    output = dubbing.output_request(actor=user, job=job, kind="isochrony", fmt="json", enqueue=False)
    with pytest.raises(ValidationError) as info:
        dubbing.output_render(output_id=output.pk)
    return " ".join(info.value.messages)


def test_a_tool_that_times_out_is_named_and_one_that_fails_is_not(dub_job, dub_world, monkeypatch):
    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ToolFailedError(
            "ffmpeg (mux) did not finish within 600 s",
            "ffmpeg (mux)",
            code="tool.timeout",
            params={"program": "ffmpeg", "seconds": "600"},
        )

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ToolFailedError("ffmpeg (mux) failed (exit 1): Invalid data found", "ffmpeg (mux)")

    user = dub_world["users"]["adapter"]
    monkeypatch.setattr("korkyt.dubbing.check_isochrony", slow)
    with translation.override("ru"):
        said = _render_failure(dub_job, user)
    assert said == _in("ru", "tool.timeout", program="ffmpeg", seconds="600")
    monkeypatch.setattr("korkyt.dubbing.check_isochrony", broken)
    said = _render_failure(dub_job, user)
    assert "Invalid data" not in said and "a sound or video tool failed" in said


def test_a_film_video_gone_before_the_render(dub_job, dub_world):
    output = DubbingOutput.objects.create(
        job=dub_job, kind="mkv", format="mkv", requested_by=dub_world["users"]["director"]
    )
    with translation.override("ru"), pytest.raises(ValidationError) as info:
        dubbing.output_render(output_id=output.pk)
    assert info.value.messages == [_in("ru", "video.missing", path=".")]


def test_a_video_upload_without_ffprobe_names_its_package_in_russian(dub_job, dub_world, monkeypatch):
    def missing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ToolMissingError("ffprobe", "ffmpeg")

    monkeypatch.setattr("korkyt.dubbing.audio.probe", missing)
    upload = SimpleUploadedFile("film.mp4", b"\0" * 1024)
    with translation.override("ru"), pytest.raises(ValidationError) as info:
        dubbing.video_attach(actor=dub_world["users"]["director"], job=dub_job, upload=upload)
    assert info.value.message_dict["video"] == [
        _in("ru", "tool.missing_package", program="ffprobe", package="ffmpeg")
    ]
