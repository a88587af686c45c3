from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.services import token_create

pytestmark = pytest.mark.django_db


def _headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_order_adapt_cast_plan_and_render_through_the_api(dub_world, django_capture_on_commit_callbacks):
    client = Client()
    u = dub_world["users"]
    response = client.post(
        "/api/dubbing/jobs",
        {
            "film": dub_world["film"].pk,
            "target_language": "tr",
            "source_track": dub_world["tr_track"].pk,
            "adapter": "adapter",
            "director": "director",
            "studio_institution": "AZ-S",
        },
        content_type="application/json",
        headers=_headers(u["kz_editor"]),
    )
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["lines"] == 4 and job["characters"] == 2 and job["voice_script"] == "Latn"
    lines = client.get(f"/api/dubbing/jobs/{job['id']}/lines", headers=_headers(u["adapter"])).json()
    assert lines[2]["fit"] == "too long" and lines[2]["character"] == "AYŞE"
    response = client.patch(
        f"/api/dubbing/lines/{lines[2]['id']}",
        {"text": "AYŞE: Hava güzel.", "character": "Ayşe"},
        content_type="application/json",
        headers=_headers(u["adapter"]),
    )
    assert response.status_code == 200, response.content
    assert response.json()["fit"] in ("fits", "tight") and response.json()["state"] == "draft"
    characters = client.get(
        f"/api/dubbing/jobs/{job['id']}/characters", headers=_headers(u["director"])
    ).json()
    assert {c["name"] for c in characters} == {"AYŞE", "MEHMET"}  # "Ayşe" is the same character
    for character, person in zip(characters, dub_world["actors"], strict=True):
        response = client.patch(
            f"/api/dubbing/characters/{character['id']}",
            {"voice_actor": person.pk},
            content_type="application/json",
            headers=_headers(u["studio_staff"]),
        )
        assert response.status_code == 200, response.content
    plan = client.get(
        f"/api/dubbing/jobs/{job['id']}/plan?day_minutes=120", headers=_headers(u["director"])
    ).json()
    assert plan["actor_days"] == 2 and plan["days"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/dubbing/jobs/{job['id']}/outputs",
            {"kind": "isochrony", "format": "json"},
            content_type="application/json",
            headers=_headers(u["adapter"]),
        )
    assert response.status_code == 202, response.content
    polled = client.get(
        f"/api/dubbing/outputs/{response.json()['id']}", headers=_headers(u["adapter"])
    ).json()
    assert polled["status"] == "done" and polled["download_url"]
    download = client.get(polled["file_url"], headers=_headers(u["adapter"]))
    assert b'"lang": "tr"' in b"".join(download.streaming_content)
    # the same download for someone who does not see the job is a 404, on the web and through the API
    other = Client()
    other.force_login(u["tr_editor"])
    assert other.get(polled["download_url"]).status_code == 404
    assert client.get(polled["file_url"], headers=_headers(u["tr_editor"])).status_code == 404
    mine = Client()
    mine.force_login(u["studio_staff"])
    assert mine.get(polled["download_url"]).status_code == 200


def test_bad_output_kind_is_a_422_naming_the_field(dub_job, dub_world):
    client = Client()
    response = client.post(
        f"/api/dubbing/jobs/{dub_job.pk}/outputs",
        {"kind": "script", "format": "odt"},
        content_type="application/json",
        headers=_headers(dub_world["users"]["adapter"]),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"
    assert not dub_job.outputs.exists()


def test_another_institutions_editor_cannot_order_or_see(dub_job, dub_world):
    client = Client()
    headers = _headers(dub_world["users"]["tr_editor"])
    assert client.get(f"/api/dubbing/jobs/{dub_job.pk}", headers=headers).status_code == 404
    assert client.get(f"/api/dubbing/jobs/{dub_job.pk}/lines", headers=headers).status_code == 404
    response = client.post(
        "/api/dubbing/jobs",
        {
            "film": dub_world["film"].pk,
            "target_language": "tr",
            "source_track": dub_world["tr_track"].pk,
            "adapter": "adapter",
            "director": "director",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code in (403, 404)


def test_a_line_saved_with_a_stale_version_is_a_409_and_writes_nothing(dub_job, dub_world):
    from korkyt.core.concurrency import version_of
    from korkyt.localization import services as l10n
    from korkyt.localization.models import TargetCue

    u = dub_world["users"]
    client = Client()
    cue = dub_job.adaptation.cues.order_by("position").first()
    lines = client.get(f"/api/dubbing/jobs/{dub_job.pk}/lines", headers=_headers(u["adapter"])).json()
    assert lines[0]["version"] == version_of(cue)
    response = client.patch(
        f"/api/dubbing/lines/{cue.pk}",
        {"text": "AYŞE: Merhaba!", "version": lines[0]["version"]},
        content_type="application/json",
        headers=_headers(u["adapter"]),
    )
    assert response.status_code == 200, response.content
    read = response.json()["version"]
    assert read == version_of(TargetCue.objects.get(pk=cue.pk)) != lines[0]["version"]
    # the director corrects the line after the adapter read it
    l10n.cue_save(actor=u["director"], cue=TargetCue.objects.get(pk=cue.pk), text="AYŞE: Selam!")

    response = client.patch(
        f"/api/dubbing/lines/{cue.pk}",
        {"text": "AYŞE: Merhaba, canım!", "version": read, "character": "MEHMET"},
        content_type="application/json",
        headers=_headers(u["adapter"]),
    )

    assert response.status_code == 409, response.content
    body = response.json()
    now = TargetCue.objects.get(pk=cue.pk)
    assert body["code"] == "stale" and body["current"]["text"] == "AYŞE: Selam!" == now.text
    assert body["current"]["version"] == version_of(now)
    lines = client.get(f"/api/dubbing/jobs/{dub_job.pk}/lines", headers=_headers(u["adapter"])).json()
    assert lines[0]["character"] == "AYŞE"  # nothing of the refused change was written


def test_submitting_a_line_without_its_text_keeps_the_text_saved_a_moment_before(dub_job, dub_world):
    """``text=None`` is read under the cue's row lock: a submit-only request never writes back the text
    its own request read before another person's save landed."""
    from korkyt.localization import services as l10n
    from korkyt.localization.models import CueState, TargetCue

    u = dub_world["users"]
    read_first = TargetCue.objects.get(pk=dub_job.adaptation.cues.order_by("position").first().pk)
    l10n.cue_save(actor=u["director"], cue=TargetCue.objects.get(pk=read_first.pk), text="AYŞE: Selam!")

    l10n.cue_save(actor=u["adapter"], cue=read_first, text=None, submit=True)

    now = TargetCue.objects.get(pk=read_first.pk)
    assert now.text == "AYŞE: Selam!" and now.state == CueState.WAITING_REVIEW
    response = Client().patch(
        f"/api/dubbing/lines/{now.pk}",
        {"submit": True},
        content_type="application/json",
        headers=_headers(u["adapter"]),
    )
    assert response.status_code == 200, response.content
    assert TargetCue.objects.get(pk=now.pk).text == "AYŞE: Selam!"


def test_the_list_of_dubbing_jobs_counts_lines_and_characters_in_the_same_number_of_queries(dub_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from korkyt.catalogue.models import Film, FilmStatus, FilmTitle
    from korkyt.localization import services
    from korkyt.localization.dubbing import services as dubbing
    from korkyt.localization.models import TargetCue
    from tests.localization.dubbing.conftest import TR_SRT

    u = dub_world["users"]
    client = Client()
    client.force_login(u["kz_editor"])

    def jobs(n: int, start: int) -> None:
        for i in range(start, start + n):
            film = Film.objects.create(owner=dub_world["kz"], status=FilmStatus.PUBLISHED, year=2024)
            FilmTitle.objects.create(film=film, text=f"Dala {i}", language="kk-Latn")
            track = services.track_upload(
                actor=u["kz_editor"], film=film, language="tr", data=TR_SRT, file_name=f"d{i}.tr.srt"
            )
            job = dubbing.dubbing_order(
                actor=u["kz_editor"],
                film=film,
                target_language="az",
                source_track=track,
                adapter=u["adapter"],
                director=u["director"],
                studio_institution=dub_world["studio"],
                enqueue=False,
            )
            first = job.adaptation.cues.order_by("position").values("pk")[:1]
            TargetCue.objects.filter(pk=first).update(state="approved")

    def queries() -> tuple[int, list[dict]]:
        client.get("/api/dubbing/jobs")  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            answer = client.get("/api/dubbing/jobs")
        assert answer.status_code == 200
        return len(captured), answer.json()["items"]

    jobs(2, 0)
    few, _ = queries()
    jobs(4, 2)
    many, listed = queries()
    assert len(listed) == 6
    assert {(j["lines"], j["approved_lines"], j["characters"]) for j in listed} == {(4, 1, 2)}
    assert many == few, (few, many)


def test_an_output_is_202_then_polled_and_its_file_is_409_not_ready_until_made(
    dub_job, dub_world, django_capture_on_commit_callbacks
):
    """Outputs answer as the workbench's deliveries do: 202, poll the output, 409 ``not_ready`` for its file
    until the worker has made it."""
    client = Client()
    headers = _headers(dub_world["users"]["adapter"])
    with django_capture_on_commit_callbacks(execute=False) as queued:  # the worker has not run yet
        response = client.post(
            f"/api/dubbing/jobs/{dub_job.pk}/outputs",
            {"kind": "isochrony", "format": "json"},
            content_type="application/json",
            headers=headers,
        )
    assert response.status_code == 202, response.content
    output = response.json()
    assert output["status"] not in ("done", "failed")
    polled = client.get(f"/api/dubbing/outputs/{output['id']}", headers=headers).json()
    assert polled["status"] == output["status"] and polled["file_url"] is None
    early = client.get(f"/api/dubbing/outputs/{output['id']}/file", headers=headers)
    assert early.status_code == 409, early.content
    assert early.json()["code"] == "not_ready" and set(early.json()) == {"detail", "code", "errors"}
    for callback in queued:  # the worker makes the file
        callback()
    polled = client.get(f"/api/dubbing/outputs/{output['id']}", headers=headers).json()
    assert polled["status"] == "done"
    assert polled["file_url"].endswith(f"/api/dubbing/outputs/{output['id']}/file")
    ready = client.get(polled["file_url"], headers=headers)
    assert ready.status_code == 200 and b'"lang": "tr"' in b"".join(ready.streaming_content)
