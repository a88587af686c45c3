"""Role × institution × endpoint × method → status, for every API endpoint and page of the foundation.

The world: public institutions KZ-A (Kazakhstan) and AZ-B (Azerbaijan), TR-C (Türkiye), UZ-D (no memoranda),
a private institution PRIV; a signed memorandum KZ-A/AZ-B ("pub"), a draft KZ-A/AZ-B ("draft") and a draft
AZ-B/TR-C ("other"). Users: anonymous, a platform admin, editors of KZ-A, AZ-B, TR-C and PRIV, and a
translator of KZ-A (a member who is not an editor). Another institution's private object answers 404;
a visible object that one may not change answers 403; no credentials on a write answers 401.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.accounts.models import Role
from korkyt.accounts.services import token_create
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum
from tests.worlds import world_fixtures

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
USERS = ("anon", "admin", "kz_editor", "az_editor", "tr_editor", "priv_editor", "kz_translator")


def _build() -> dict:
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    az = InstitutionFactory(code="AZ-B", country="AZ")
    tr = InstitutionFactory(code="TR-C", country="TR")
    InstitutionFactory(code="UZ-D", country="UZ")
    priv = InstitutionFactory(code="PRIV", country="KZ", is_public=False)
    users = {
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "kz_editor": MembershipFactory(user=UserFactory(username="kz_editor"), institution=kz).user,
        "az_editor": MembershipFactory(user=UserFactory(username="az_editor"), institution=az).user,
        "tr_editor": MembershipFactory(user=UserFactory(username="tr_editor"), institution=tr).user,
        "priv_editor": MembershipFactory(user=UserFactory(username="priv_editor"), institution=priv).user,
        "kz_translator": MembershipFactory(
            user=UserFactory(username="kz_translator"), institution=kz, role=Role.TRANSLATOR
        ).user,
    }
    memos = {
        "pub": memorandum(kz, az, status="signed"),
        "draft": memorandum(kz, az, status="draft"),
        "other": memorandum(az, tr, status="draft"),
    }
    tokens = {name: token_create(user=user, name="t")[1] for name, user in users.items()}
    return {"users": users, "memos": memos, "tokens": tokens}


# The world is built once for the module; each test finds its files as built and its objects read again.
built, world = world_fixtures(_build)


def _url(template: str, world) -> str:
    return template.format(**{k: m.pk for k, m in world["memos"].items()})


# (method, url, body, {user: status}); users not listed use the "*" entry.
API = [
    ("get", "/api/institutions", None, {"*": 200}),
    ("get", "/api/institutions/KZ-A", None, {"*": 200}),
    ("get", "/api/institutions/PRIV", None, {"*": 404, "admin": 200, "priv_editor": 200}),
    (
        "patch",
        "/api/institutions/KZ-A",
        {"website": "https://a.kz"},
        {"anon": 401, "admin": 200, "kz_editor": 200, "*": 403},
    ),
    (
        "patch",
        "/api/institutions/PRIV",
        {"website": "https://p.kz"},
        {"*": 404, "admin": 200, "priv_editor": 200},
    ),
    (
        "post",
        "/api/institutions",
        {
            "code": "KG-E",
            "kind": "studio",
            "country": "KG",
            "translations": [{"language": "en", "name": "E"}],
        },
        {"anon": 401, "admin": 201, "*": 403},
    ),
    ("delete", "/api/institutions/UZ-D", None, {"anon": 401, "admin": 204, "*": 403}),
    ("delete", "/api/institutions/PRIV", None, {"*": 404, "admin": 204, "priv_editor": 403}),
    ("get", "/api/areas", None, {"*": 200}),
    ("get", "/api/reports/country-pairs", None, {"*": 200}),
    ("get", "/api/memoranda", None, {"*": 200}),
    ("get", "/api/memoranda/{pub}", None, {"*": 200}),
    (
        "get",
        "/api/memoranda/{draft}",
        None,
        {"*": 404, "admin": 200, "kz_editor": 200, "az_editor": 200, "kz_translator": 200},
    ),
    ("get", "/api/memoranda/{other}", None, {"*": 404, "admin": 200, "az_editor": 200, "tr_editor": 200}),
    (
        "patch",
        "/api/memoranda/{pub}",
        {"source_url": "https://example.org/memo"},
        {"anon": 401, "admin": 200, "kz_editor": 200, "az_editor": 200, "*": 403},
    ),
    (
        "patch",
        "/api/memoranda/{draft}",
        {"source_url": "https://example.org/memo"},
        {"*": 404, "admin": 200, "kz_editor": 200, "az_editor": 200, "kz_translator": 403},
    ),
    ("delete", "/api/memoranda/{pub}", None, {"anon": 401, "admin": 204, "*": 403}),
    (
        "delete",
        "/api/memoranda/{draft}",
        None,
        {"*": 404, "admin": 204, "kz_editor": 204, "az_editor": 204, "kz_translator": 403},
    ),
    (
        "post",
        "/api/memoranda",
        {"parties": ["KZ-A", "AZ-B"]},
        {
            "anon": 401,
            "admin": 201,
            "kz_editor": 201,
            "az_editor": 201,
            "tr_editor": 422,
            "priv_editor": 422,
            "kz_translator": 403,
        },
    ),
    ("get", "/api/memoranda/{pub}/report", None, {"*": 200}),
    (
        "get",
        "/api/memoranda/{draft}/report",
        None,
        {"*": 404, "admin": 200, "kz_editor": 200, "az_editor": 200, "kz_translator": 200},
    ),
    (
        "upload",
        "/api/memoranda/{pub}/document",
        None,
        {"anon": 401, "admin": 200, "kz_editor": 200, "az_editor": 200, "*": 403},
    ),
    ("get", "/api/me", None, {"anon": 401, "*": 200}),
    ("get", "/api/tokens", None, {"anon": 401, "*": 200}),
    # a token never mints tokens: they are created from a signed-in browser session only
    ("post", "/api/tokens", {"name": "ci"}, {"anon": 401, "*": 403}),
]


def _api_cases():
    for method, url, body, expected in API:
        for user in USERS:
            yield pytest.param(
                method, url, body, user, expected.get(user, expected.get("*")), id=f"{method}:{url}:{user}"
            )


@pytest.mark.parametrize(("method", "url", "body", "user", "status"), list(_api_cases()))
def test_api_permission_matrix(world, client: Client, method, url, body, user, status):
    headers = {} if user == "anon" else {"Authorization": f"Bearer {world['tokens'][user]}"}
    url = _url(url, world)
    if method == "upload":
        response = client.post(url, {"document": SimpleUploadedFile("m.pdf", PDF)}, headers=headers)
    elif body is None:
        response = getattr(client, method)(url, headers=headers)
    else:
        response = getattr(client, method)(url, body, content_type="application/json", headers=headers)
    assert response.status_code == status, response.content[:300]
    if status >= 400:
        payload = response.json()
        assert set(payload) == {"detail", "code", "errors"}


def test_token_of_another_user_cannot_be_revoked(world, client: Client):
    from korkyt.accounts.models import ApiToken

    token = ApiToken.objects.filter(user=world["users"]["kz_editor"]).first()
    other = {"Authorization": f"Bearer {world['tokens']['az_editor']}"}
    assert client.delete(f"/api/tokens/{token.pk}", headers=other).status_code == 404
    own = {"Authorization": f"Bearer {world['tokens']['kz_editor']}"}
    assert client.delete(f"/api/tokens/{token.pk}", headers=own).status_code == 204


WEB = [
    ("get", "/en/", {"*": 200}),
    ("get", "/en/institutions/", {"*": 200}),
    ("get", "/en/institutions/KZ-A/", {"*": 200}),
    ("get", "/en/institutions/PRIV/", {"*": 404, "admin": 200, "priv_editor": 200}),
    ("get", "/en/memoranda/", {"*": 200}),
    ("get", "/en/memoranda/{pub}/", {"*": 200}),
    (
        "get",
        "/en/memoranda/{draft}/",
        {"*": 404, "admin": 200, "kz_editor": 200, "az_editor": 200, "kz_translator": 200},
    ),
    ("get", "/en/memoranda/{pub}/document.pdf", {"*": 404}),
    ("get", "/en/staff/", {"anon": 302, "*": 200}),
    ("get", "/en/staff/tokens/", {"anon": 302, "*": 200}),
    ("get", "/en/staff/institutions/KZ-A/edit/", {"anon": 302, "admin": 200, "kz_editor": 200, "*": 403}),
    ("post", "/en/staff/institutions/KZ-A/edit/", {"anon": 302, "admin": 302, "kz_editor": 302, "*": 403}),
    ("get", "/en/staff/institutions/PRIV/edit/", {"anon": 302, "admin": 200, "priv_editor": 200, "*": 404}),
    ("get", "/en/staff/memoranda/new/", {"anon": 302, "admin": 200, "kz_translator": 403, "*": 200}),
    (
        "get",
        "/en/staff/memoranda/{pub}/edit/",
        {"anon": 302, "admin": 200, "kz_editor": 200, "az_editor": 200, "*": 403},
    ),
    (
        "get",
        "/en/staff/memoranda/{other}/edit/",
        {"anon": 302, "admin": 200, "az_editor": 200, "tr_editor": 200, "*": 404},
    ),
    (
        "post",
        "/en/staff/memoranda/{draft}/delete/",
        {"anon": 302, "admin": 302, "kz_editor": 302, "az_editor": 302, "kz_translator": 403, "*": 404},
    ),
    ("get", "/en/admin/", {"admin": 200, "*": 302}),
]


def _web_cases():
    for method, url, expected in WEB:
        for user in USERS:
            yield pytest.param(
                method, url, user, expected.get(user, expected.get("*")), id=f"{method}:{url}:{user}"
            )


@pytest.mark.parametrize(("method", "url", "user", "status"), list(_web_cases()))
def test_web_permission_matrix(world, client: Client, method, url, user, status):
    if user != "anon":
        client.force_login(world["users"][user])
    url = _url(url, world)
    if method == "post":
        data = {
            "website": "https://example.kz",
            "language": "en",
            "name": "Renamed",
            "short_name": "",
            "description": "",
        }
        response = client.post(url, data)
    else:
        response = client.get(url)
    assert response.status_code == status
