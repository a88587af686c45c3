"""Role × endpoint × method → status for every page and API endpoint of the localization workbench.

The world (tests/localization/conftest.py): a published Kazakh film owned by KZ-A with a Kazakh source track
and a translation job into Turkish, ordered by KZ-A's editor, assigned to "translator" and reviewed by
"reviewer". Others: an admin, TR-C's editor, another translator, another reviewer, a user with no role.
Translators see only their jobs, reviewers approve only theirs, editors order for their institution's
films; everything else answers 404. A visible job one may not change answers 403.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.accounts.services import token_create
from tests.localization.conftest import KK_SRT, build_world, order_job
from tests.worlds import world_fixtures

pytestmark = pytest.mark.django_db

USERS = (
    "anon",
    "admin",
    "kz_editor",
    "tr_editor",
    "translator",
    "other_translator",
    "reviewer",
    "other_reviewer",
    "stranger",
)
JOB_SEERS = {"admin": 200, "kz_editor": 200, "translator": 200, "reviewer": 200}


def _build() -> dict:  # type: ignore[type-arg]
    """The workbench's world and its job."""
    data = build_world()
    return {**data, "job": order_job(data)}


# The world is built once for the module; each test finds its files as built and its objects read again.
built, world = world_fixtures(_build)


@pytest.fixture
def job(world):  # type: ignore[no-untyped-def]
    return world["job"]


def _fill(template: str, world, job) -> str:
    return template.format(
        job=job.pk,
        background=job.background_id,
        cue=job.cues.order_by("position").first().pk,
        track=world["track"].pk,
        film=world["film"].pk,
    )


PAGES = [
    ("get", "/en/localization/", None, {"anon": 302, "*": 200}),
    ("get", "/en/localization/coverage/", None, {"*": 200}),
    ("get", "/en/localization/films/{film}/", None, {"*": 200}),
    ("get", "/en/localization/jobs/{job}/", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    ("get", "/en/localization/jobs/{job}/progress", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    ("get", "/en/localization/jobs/{job}/export?format=srt", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    ("get", "/en/localization/jobs/{job}/preview.vtt", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    ("get", "/en/localization/tracks/{track}/", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    ("get", "/en/localization/tracks/{track}/export?format=vtt", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    ("get", "/en/localization/tracks/new/", None, {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200}),
    (
        "post",
        "/en/localization/cues/{cue}/save",
        {"text": "Merhaba"},
        {"anon": 302, "*": 404, "admin": 302, "translator": 302, "reviewer": 302, "kz_editor": 403},
    ),
    (
        "post",
        "/en/localization/cues/{cue}/save",
        {"text": "Merhaba", "submit": "1"},
        {"anon": 302, "*": 404, "admin": 302, "translator": 302, "reviewer": 403, "kz_editor": 403},
    ),
    (
        "post",
        "/en/localization/cues/{cue}/review",
        {"decision": "return", "comment": "?"},
        {"anon": 302, "*": 404, "admin": 302, "reviewer": 302, "kz_editor": 403, "translator": 403},
    ),
    (
        "post",
        "/en/localization/jobs/{job}/approve",
        {},
        {"anon": 302, "*": 404, "admin": 302, "reviewer": 302, "kz_editor": 403, "translator": 403},
    ),
    (
        "post",
        "/en/localization/tracks/{track}/",
        {"target_language": "en"},
        {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200, "translator": 403, "reviewer": 403},
    ),
    (
        "post",
        "/en/localization/tracks/{track}/make-current",
        {},
        {"anon": 302, "*": 404, "admin": 302, "kz_editor": 302, "translator": 403, "reviewer": 403},
    ),
    (  # the question before the withdrawal (core.views.confirm_page)
        "get",
        "/en/localization/tracks/{track}/withdraw",
        None,
        {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200, "translator": 403, "reviewer": 403},
    ),
    (
        "post",
        "/en/localization/tracks/{track}/withdraw",
        {"reason": "wrong cut"},
        {"anon": 302, "*": 404, "admin": 302, "kz_editor": 302, "translator": 403, "reviewer": 403},
    ),
    (
        "post",
        "/en/localization/jobs/{job}/deliveries",
        {"format": "srt"},
        {"anon": 302, "*": 404, "admin": 302, "kz_editor": 302, "translator": 302, "reviewer": 302},
    ),
    (
        "post",
        "/en/localization/jobs/{job}/checks",
        {},
        {"anon": 302, "*": 404, "admin": 302, "kz_editor": 302, "translator": 302, "reviewer": 302},
    ),
    ("get", "/en/localization/jobs/{job}/background", None, {"anon": 302, "*": 404, **JOB_SEERS}),
    (
        "get",
        "/en/localization/memory/",
        None,
        {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200, "tr_editor": 200},
    ),
    (
        "get",
        "/en/localization/memory/export?kind=tmx",
        None,
        {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200, "tr_editor": 200},
    ),
    (
        "get",
        "/en/localization/memory/imports",
        None,
        {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200, "tr_editor": 200},
    ),
    # The job's preparation (a background job about the translation job): still queued, so a retry is
    # refused with a message and a redirect for those who see it.
    (
        "post",
        "/en/jobs/{background}/retry",
        {},
        {"anon": 302, "*": 404, "admin": 302, "kz_editor": 302, "translator": 302, "reviewer": 302},
    ),
]

API = [
    ("get", "/api/localization/jobs", None, {"*": 200}),
    ("get", "/api/jobs/{background}", None, {"*": 404, **JOB_SEERS}),
    (
        "post",
        "/api/jobs/{background}/retry",
        None,
        {"anon": 401, "*": 404, "admin": 422, "kz_editor": 422, "translator": 422, "reviewer": 422},
    ),
    ("get", "/api/localization/coverage", None, {"*": 200}),
    ("get", "/api/localization/jobs/{job}", None, {"*": 404, **JOB_SEERS}),
    ("get", "/api/localization/jobs/{job}/cues", None, {"*": 404, **JOB_SEERS}),
    ("get", "/api/localization/jobs/{job}/export?format=dcp-interop", None, {"*": 404, **JOB_SEERS}),
    ("get", "/api/localization/tracks/{track}", None, {"*": 404, **JOB_SEERS}),
    ("get", "/api/localization/tracks/{track}/versions", None, {"*": 404, **JOB_SEERS}),
    (
        "post",
        "/api/localization/tracks/{track}/make-current",
        {"accept_errors": False},
        {"anon": 401, "*": 404, "admin": 200, "kz_editor": 200, "translator": 403, "reviewer": 403},
    ),
    (
        "post",
        "/api/localization/tracks/{track}/withdraw",
        {"reason": "wrong cut"},
        {"anon": 401, "*": 404, "admin": 200, "kz_editor": 200, "translator": 403, "reviewer": 403},
    ),
    (
        "post",
        "/api/localization/jobs/{job}/deliveries",
        {"format": "srt"},
        {"*": 404, "admin": 202, "kz_editor": 202, "translator": 202, "reviewer": 202},
    ),
    (
        "post",
        "/api/localization/jobs/{job}/checks",
        None,
        {"*": 404, "admin": 202, "kz_editor": 202, "translator": 202, "reviewer": 202},
    ),
    (
        "patch",
        "/api/localization/cues/{cue}",
        {"text": "Merhaba"},
        {"*": 404, "admin": 200, "translator": 200, "reviewer": 200, "kz_editor": 403},
    ),
    (
        "patch",
        "/api/localization/cues/{cue}",
        {"text": "Merhaba", "submit": True},
        {"*": 404, "admin": 200, "translator": 200, "reviewer": 403, "kz_editor": 403},
    ),
    (
        "post",
        "/api/localization/cues/{cue}/review",
        {"approve": False, "comment": "?"},
        {"*": 404, "admin": 200, "reviewer": 200, "kz_editor": 403, "translator": 403},
    ),
    (
        "post",
        "/api/localization/jobs/{job}/approve",
        None,
        {"*": 404, "admin": 422, "reviewer": 422, "kz_editor": 403, "translator": 403},
    ),
    (
        "post",
        "/api/localization/jobs",
        {
            "source_track": "{track}",
            "target_language": "en",
            "assignee": "translator",
            "reviewer": "reviewer",
        },
        {"anon": 401, "*": 404, "admin": 201, "kz_editor": 201, "translator": 403, "reviewer": 403},
    ),
    (
        "upload",
        "/api/localization/tracks",
        {"film": "{film}", "language": "kk"},
        {"anon": 401, "*": 403, "admin": 201, "kz_editor": 201},
    ),
]


def _cases(table):
    for method, url, body, expected in table:
        for user in USERS:
            yield pytest.param(
                method, url, body, user, expected.get(user, expected.get("*")), id=f"{method}:{url}:{user}"
            )


def _body(body, world, job):
    if body is None:
        return None
    return {
        k: (int(_fill(v, world, job)) if isinstance(v, str) and v.startswith("{") else v)
        for k, v in body.items()
    }


@pytest.mark.parametrize(("method", "url", "body", "user", "status"), list(_cases(PAGES)))
def test_page_permission_matrix(world, job, method, url, body, user, status):
    client = Client()
    if user != "anon":
        client.force_login(world["users"][user])
    url = _fill(url, world, job)
    response = getattr(client, method)(url, _body(body, world, job)) if method == "post" else client.get(url)
    assert response.status_code == status, response.content[:300]


@pytest.mark.parametrize(("method", "url", "body", "user", "status"), list(_cases(API)))
def test_api_permission_matrix(world, job, method, url, body, user, status):
    client = Client()
    headers = {}
    if user != "anon":
        headers = {"Authorization": f"Bearer {token_create(user=world['users'][user], name='t')[1]}"}
    url = _fill(url, world, job)
    data = _body(body, world, job)
    if method == "upload":
        response = client.post(url, {**data, "file": SimpleUploadedFile("a.srt", KK_SRT)}, headers=headers)
    elif data is None:
        response = getattr(client, method)(url, headers=headers)
    else:
        response = getattr(client, method)(url, data, content_type="application/json", headers=headers)
    assert response.status_code == status, response.content[:300]
    if status >= 400:
        assert set(response.json()) == {"detail", "code", "errors"}
