"""Role × dubbing page/endpoint → status. The world: the workbench's (tests/localization/conftest.py) plus a
dubbing job of KZ-A's film ordered by its editor, adapted by "adapter" (TR-C), directed by "director", in the
studio AZ-S where "studio_staff" works. Adapters, directors and studio staff see only their jobs; the film
owner's editors order and follow; everyone else gets 404 (anonymous visitors are sent to sign in). A visible
job one may not change answers 403."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.localization.dubbing import services as dubbing
from tests.localization.conftest import build_world
from tests.localization.dubbing.conftest import build_dub_world, order_dub_job
from tests.worlds import fresh, module_world

pytestmark = pytest.mark.django_db

USERS = (
    "anon",
    "admin",
    "kz_editor",
    "tr_editor",
    "translator",
    "reviewer",
    "stranger",
    "adapter",
    "director",
    "studio_staff",
)
SEERS = {"admin": 200, "kz_editor": 200, "adapter": 200, "director": 200, "studio_staff": 200}


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The dubbing world and its job, built once for the module (tests/worlds.py)."""
    with module_world(django_db_blocker, tmp_path_factory) as media:
        data = build_dub_world(build_world())
        data = {**data, "job": order_dub_job(data)}
        yield data, media.snapshot()


@pytest.fixture
def dub_world(built, db):  # type: ignore[no-untyped-def]
    """The world as each test finds it: its files as built, its objects read again."""
    data, media = built
    media.restore()
    return fresh(data)


@pytest.fixture
def dub_job(dub_world):  # type: ignore[no-untyped-def]
    return dub_world["job"]


def _expected(table: dict[str, int], user: str) -> int:
    return table.get(user, table.get("*", 404))


CASES = [
    ("get", "/en/localization/dubbing/", None, {"anon": 302, "*": 200}),
    ("get", "/en/localization/dubbing/new/", None, {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200}),
    (
        "get",
        "/en/localization/dubbing/new/?film={film}",
        None,
        {"anon": 302, "*": 404, "admin": 200, "kz_editor": 200},
    ),
    ("get", "/en/localization/dubbing/{job}/", None, {"anon": 302, "*": 404, **SEERS}),
    ("get", "/en/localization/dubbing/{job}/adaptation", None, {"anon": 302, "*": 404, **SEERS}),
    ("get", "/en/localization/dubbing/{job}/preview", None, {"anon": 302, "*": 404, **SEERS}),
    ("get", "/en/localization/dubbing/{job}/casting/?language=tr", None, {"anon": 302, "*": 404, **SEERS}),
    (
        "post",
        "/en/localization/dubbing/{job}/casting/",
        {"person": "{person}", "languages": "tr", "voice": "female"},
        {
            "anon": 302,
            "*": 404,
            "admin": 302,
            "director": 302,
            "studio_staff": 302,
            "adapter": 403,
            "kz_editor": 403,
        },
    ),
    ("get", "/en/localization/dubbing/{job}/plan.csv", None, {"anon": 302, "*": 404, **SEERS}),
    ("get", "/en/localization/dubbing/{job}/outputs/panel", None, {"anon": 302, "*": 404, **SEERS}),
    ("get", "/en/localization/dubbing/lines/{cue}/fit?text=Merhaba", None, {"anon": 302, "*": 404, **SEERS}),
    ("get", "/en/localization/jobs/{adaptation}/", None, {"anon": 302, "*": 404, **{k: 302 for k in SEERS}}),
    (
        "post",
        "/en/localization/dubbing/lines/{cue}/speaker",
        {"character": "AYŞE"},
        {
            "anon": 302,
            "*": 404,
            "admin": 204,
            "adapter": 204,
            "director": 204,
            "kz_editor": 403,
            "studio_staff": 403,
        },
    ),
    (
        "post",
        "/en/localization/dubbing/{job}/characters",
        {"action": "create", "name": "Narrator"},
        {
            "anon": 302,
            "*": 404,
            "admin": 302,
            "adapter": 302,
            "director": 302,
            "kz_editor": 403,
            "studio_staff": 403,
        },
    ),
    (
        "post",
        "/en/localization/dubbing/{job}/characters",
        {"action": "cast", "character": "{character}", "person": "{person}"},
        {
            "anon": 302,
            "*": 404,
            "admin": 302,
            "director": 302,
            "studio_staff": 302,
            "kz_editor": 403,
            "adapter": 403,
        },
    ),
    (
        "post",
        "/en/localization/dubbing/{job}/approve",
        {},
        {
            "anon": 302,
            "*": 404,
            "admin": 302,
            "director": 302,
            "kz_editor": 403,
            "adapter": 403,
            "studio_staff": 403,
        },
    ),
    (
        "post",
        "/en/localization/dubbing/{job}/outputs",
        {"output": "isochrony.json"},
        {"anon": 302, "*": 404, **{k: 302 for k in SEERS}},
    ),
    (
        "post",
        "/en/localization/cues/{cue}/save",
        {"text": "AYŞE: Selam!"},
        {
            "anon": 302,
            "*": 404,
            "admin": 302,
            "adapter": 302,
            "director": 302,
            "kz_editor": 403,
            "studio_staff": 403,
        },
    ),
]


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("case", range(len(CASES)))
def test_dubbing_matrix(user, case, dub_job, dub_world):
    method, template, data, table = CASES[case]
    users = dub_world["users"]
    character = dub_job.characters.first()
    values = {
        "job": dub_job.pk,
        "film": dub_world["film"].pk,
        "cue": dub_job.adaptation.cues.order_by("position").first().pk,
        "adaptation": dub_job.adaptation_id,
        "character": character.pk,
        "person": dub_world["actors"][0].pk,
    }
    client = Client()
    if user != "anon":
        client.force_login(users[user])
    url = template.format(**values)
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, {k: v.format(**values) for k, v in (data or {}).items()})
    assert response.status_code == _expected(table, user), (user, url, response.status_code)


def test_a_job_another_studio_does_not_see(dub_world, dub_job):
    """An adapter sees their own job and not another's (404)."""
    users = dub_world["users"]
    other = dubbing.dubbing_order(
        actor=users["kz_editor"],
        film=dub_world["film"],
        target_language="tr",
        source_track=dub_world["tr_track"],
        adapter=users["translator"],
        director=users["reviewer"],
        enqueue=False,
    )
    client = Client()
    client.force_login(users["adapter"])
    assert client.get(f"/en/localization/dubbing/{other.pk}/").status_code == 404
    assert client.get(f"/en/localization/dubbing/{dub_job.pk}/").status_code == 200
    client.force_login(users["studio_staff"])
    assert client.get(f"/en/localization/dubbing/{other.pk}/").status_code == 404


API_CASES = [
    "/api/dubbing/jobs/{job}",
    "/api/dubbing/jobs/{job}/lines",
    "/api/dubbing/jobs/{job}/characters",
    "/api/dubbing/jobs/{job}/casting",
    "/api/dubbing/jobs/{job}/plan",
]


@pytest.mark.parametrize("user", USERS)
def test_dubbing_api_matrix(user, dub_job, dub_world):
    """With a personal token: the job's people read it, everyone else (and no token) gets 404."""
    from korkyt.accounts.services import token_create

    headers = {}
    if user != "anon":
        headers = {"Authorization": f"Bearer {token_create(user=dub_world['users'][user], name='t')[1]}"}
    client = Client()
    for template in API_CASES:
        url = template.format(job=dub_job.pk)
        status = client.get(url, headers=headers).status_code
        assert status == SEERS.get(user, 404), (user, url, status)
    listed = client.get("/api/dubbing/jobs", headers=headers).json()["items"]
    assert [j["id"] for j in listed] == ([dub_job.pk] if user in SEERS else [])
