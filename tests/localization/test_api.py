from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.services import token_create

pytestmark = pytest.mark.django_db


def _headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_order_translate_review_and_export_through_the_api(world):
    client = Client()
    editor, translator, reviewer = (world["users"][k] for k in ("kz_editor", "translator", "reviewer"))
    response = client.post(
        "/api/localization/jobs",
        {
            "source_track": world["track"].pk,
            "target_language": "tr",
            "assignee": "translator",
            "reviewer": "reviewer",
        },
        content_type="application/json",
        headers=_headers(editor),
    )
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["counts"]["total"] == 4 and job["kind"] == "translation"
    cues = client.get(f"/api/localization/jobs/{job['id']}/cues", headers=_headers(translator)).json()
    assert cues["count"] == 4 and cues["items"][0]["source_text"] == "Сәлем, досым!"
    for item in cues["items"]:
        response = client.patch(
            f"/api/localization/cues/{item['id']}",
            {"text": "Metin", "submit": True},
            content_type="application/json",
            headers=_headers(translator),
        )
        assert response.json()["state"] == "waiting_review"
        client.post(
            f"/api/localization/cues/{item['id']}/review",
            {"approve": True},
            content_type="application/json",
            headers=_headers(reviewer),
        )
    response = client.post(f"/api/localization/jobs/{job['id']}/approve", headers=_headers(reviewer))
    assert response.json()["status"] == "approved"
    export = client.get(
        f"/api/localization/jobs/{job['id']}/export?format=dcp-smpte", headers=_headers(editor)
    )
    assert "SubtitleReel" in export.json()["text"]
    coverage = client.get("/api/localization/coverage").json()
    row = next(r for r in coverage["films"] if r["film"] == world["film"].pk)
    assert {c["language"]: c["status"] for c in row["cells"]}["tr"] == "available"


def test_unknown_reviewer_is_a_field_error(world):
    response = Client().post(
        "/api/localization/jobs",
        {
            "source_track": world["track"].pk,
            "target_language": "tr",
            "assignee": "translator",
            "reviewer": "nobody",
        },
        content_type="application/json",
        headers=_headers(world["users"]["kz_editor"]),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reviewer"


def test_ids_no_row_can_have_are_answered_not_crashed_on(world):
    client = Client()
    headers = _headers(world["users"]["kz_editor"])
    huge = 2**70
    listed = client.get("/api/localization/jobs", {"film": huge}, headers=headers)
    assert listed.status_code == 422 and listed.json()["errors"][0]["field"] == "film"
    for path in (
        f"/api/localization/jobs/{huge}",
        f"/api/localization/tracks/{huge}",
        f"/api/localization/deliveries/{huge}",
        f"/api/localization/checks/{huge}",
    ):
        assert client.get(path, headers=headers).status_code == 404, path
    ordered = client.post(
        "/api/localization/jobs",
        {"source_track": huge, "target_language": "tr", "reviewer": "reviewer"},
        content_type="application/json",
        headers=headers,
    )
    assert ordered.status_code == 422 and ordered.json()["errors"][0]["field"] == "source_track"
