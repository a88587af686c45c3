"""The script the voice reads: refused when the voice engine cannot read the language in it (service, API),
not offered by the order form, and passed to the engine when the temp track is spoken."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.localization.dubbing import services as dubbing

pytestmark = pytest.mark.django_db


def _order(dub_world, target: str, script: str):  # type: ignore[no-untyped-def]
    u = dub_world["users"]
    return dubbing.dubbing_order(
        actor=u["kz_editor"],
        film=dub_world["film"],
        target_language=target,
        source_track=dub_world["tr_track"],
        adapter=u["adapter"],
        director=u["director"],
        voice_script=script,
        enqueue=False,
    )


@pytest.mark.parametrize(("target", "script", "reads"), [("az", "Cyrl", "Latin"), ("kk", "Latn", "Cyrillic")])
def test_a_script_the_engine_cannot_read_is_refused_naming_the_field(dub_world, target, script, reads):
    with pytest.raises(ValidationError) as exc:
        _order(dub_world, target, script)
    assert exc.value.message_dict["voice_script"] == [
        f"The voice engine reads this language only in {reads} letters."
    ]
    assert not dub_world["film"].dubbing_jobs.exists()


def test_the_engine_s_own_script_is_the_default_and_may_be_asked_for(dub_world):
    assert _order(dub_world, "uz", "").voice_script == "Latn"
    assert _order(dub_world, "kk", "Cyrl").voice_script == "Cyrl"


def test_the_api_refuses_a_script_the_engine_cannot_read(dub_world):
    u = dub_world["users"]
    response = Client().post(
        "/api/dubbing/jobs",
        {
            "film": dub_world["film"].pk,
            "target_language": "tk",
            "source_track": dub_world["tr_track"].pk,
            "adapter": "adapter",
            "director": "director",
            "voice_script": "Cyrl",
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_create(user=u['kz_editor'], name='t')[1]}"},
    )
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["voice_script"]


def test_the_order_form_offers_no_script_the_engine_cannot_read(dub_world):
    client = Client()
    client.force_login(dub_world["users"]["kz_editor"])
    page = client.get("/en/localization/dubbing/new/", {"film": dub_world["film"].pk}).content.decode()
    assert 'name="target_language"' in page and 'name="voice_script"' not in page


def test_the_temp_track_is_spoken_in_the_job_s_script(dub_job, dub_world, monkeypatch):
    from korkyt.localization.dubbing.models import DubbingJob

    asked: list[str | None] = []

    def fake_track(lines, lang, out, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs.get("script"))
        out.write_bytes(b"RIFF")

    monkeypatch.setattr("korkyt.dubbing.synthesize_track", fake_track)
    for stored in ("Latn", "Cyrl"):  # Cyrillic Turkish: a job saved before such scripts were refused
        DubbingJob.objects.filter(pk=dub_job.pk).update(voice_script=stored)
        output = dubbing.output_request(
            actor=dub_world["users"]["adapter"], job=dub_job, kind="temp_track", fmt="wav", enqueue=False
        )
        dubbing.output_render(output_id=output.pk)
    assert asked == ["Latn", None]  # the job's script; one the engine cannot read falls back to its own
