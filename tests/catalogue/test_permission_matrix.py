"""Role × record × endpoint × method → status, for every catalogue and search API endpoint and page.

The world: institutions KZ-A and AZ-B; a published film of KZ-A ("pub"), a draft of KZ-A ("draft") and a
draft of AZ-B ("other"); a person and a company entered by KZ-A (one credited on "pub", one free); a credit
and a track on "pub". Users: anonymous, a platform admin, editors of KZ-A and AZ-B, a translator of KZ-A (a
member who is not an editor). A draft of another institution answers 404; a visible record one may not
change answers 403; no credentials on a write answers 401.
"""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.models import Role
from korkyt.accounts.services import token_create
from korkyt.catalogue import services
from korkyt.config.demo import SYSTEM
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, person
from tests.worlds import world_fixtures

pytestmark = pytest.mark.django_db

USERS = ("anon", "admin", "kz_editor", "az_editor", "kz_translator")
OWNERS = {"anon": 401, "admin": 200, "kz_editor": 200, "*": 403}
OWNERS_201 = {"anon": 401, "admin": 201, "kz_editor": 201, "*": 403}
OWNERS_204 = {"anon": 401, "admin": 204, "kz_editor": 204, "*": 403}
KZ_MEMBERS = {"*": 404, "admin": 200, "kz_editor": 200, "kz_translator": 200}


def _build() -> dict:
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    az = InstitutionFactory(code="AZ-B", country="AZ")
    users = {
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
        "kz_editor": MembershipFactory(user=UserFactory(username="kz_editor"), institution=kz).user,
        "az_editor": MembershipFactory(user=UserFactory(username="az_editor"), institution=az).user,
        "kz_translator": MembershipFactory(
            user=UserFactory(username="kz_translator"), institution=kz, role=Role.TRANSLATOR
        ).user,
    }
    pub = film(kz, ("Келін", "kk"), ("Kelin", "en"))
    draft = film(kz, ("Жоба", "kk"), status="draft")
    other = film(az, ("Layihə", "az"), status="draft")
    director = person(("Ermek Tursunov", "en"), owner=kz)
    free = person(("Someone Else", "en"), owner=kz)
    company = services.company_create(
        actor=SYSTEM, names=[{"language": "en", "name": "Kazakhfilm"}], owner=kz
    )
    free_company = services.company_create(actor=SYSTEM, names=[{"language": "en", "name": "Free"}], owner=kz)
    credit = services.credit_create(actor=SYSTEM, film=pub, role="director", person=director)
    services.credit_create(actor=SYSTEM, film=pub, role="production_company", company=company)
    track = services.track_create(actor=SYSTEM, film=pub, kind="subtitles", language="ru")
    draft_track = services.track_create(actor=SYSTEM, film=draft, kind="subtitles", language="ru")
    title = pub.titles.get(text="Kelin", language="en")
    ids = {
        "pub": pub.pk,
        "draft": draft.pk,
        "other": other.pk,
        "person": director.pk,
        "free": free.pk,
        "company": company.pk,
        "free_company": free_company.pk,
        "credit": credit.pk,
        "track": track.pk,
        "draft_track": draft_track.pk,
        "title": title.pk,
    }
    tokens = {name: token_create(user=user, name="t")[1] for name, user in users.items()}
    return {"users": users, "ids": ids, "tokens": tokens}


# The world is built once for the module; each test finds its files as built and its objects read again.
built, world = world_fixtures(_build)


API = [
    ("get", "/api/films", None, {"*": 200}),
    ("get", "/api/films/{pub}", None, {"*": 200}),
    ("get", "/api/films/{draft}", None, KZ_MEMBERS),
    ("get", "/api/films/{other}", None, {"*": 404, "admin": 200, "az_editor": 200}),
    ("patch", "/api/films/{pub}", {"year": 2009}, OWNERS),
    ("patch", "/api/films/{draft}", {"year": 2009}, {**KZ_MEMBERS, "kz_translator": 403}),
    ("patch", "/api/films/{other}", {"year": 2009}, {"*": 404, "admin": 200, "az_editor": 200}),
    ("delete", "/api/films/{pub}", None, OWNERS_204),
    ("delete", "/api/films/{draft}", None, {"*": 404, "admin": 204, "kz_editor": 204, "kz_translator": 403}),
    (
        "post",
        "/api/films",
        {"owner": "KZ-A", "titles": [{"text": "Жаңа", "language": "kk"}]},
        {"anon": 401, "admin": 201, "kz_editor": 201, "az_editor": 422, "kz_translator": 403},
    ),
    ("post", "/api/films/{pub}/titles", {"text": "Келін 2", "language": "kk", "kind": "working"}, OWNERS_201),
    (
        "post",
        "/api/films/{draft}/titles",
        {"text": "Келін 2", "language": "kk"},
        {**KZ_MEMBERS, "admin": 201, "kz_editor": 201, "kz_translator": 403},
    ),
    ("delete", "/api/films/{pub}/titles/{title}", None, OWNERS_204),
    ("get", "/api/films/{pub}/credits", None, {"*": 200}),
    ("get", "/api/films/{draft}/credits", None, KZ_MEMBERS),
    (
        "post",
        "/api/films/{pub}/credits",
        {"role": "actor", "person": "{free}", "character": "Kelin"},
        OWNERS_201,
    ),
    ("patch", "/api/credits/{credit}", {"billing_order": 2}, OWNERS),
    ("delete", "/api/credits/{credit}", None, OWNERS_204),
    ("get", "/api/films/{pub}/tracks", None, {"*": 200}),
    ("get", "/api/films/{draft}/tracks", None, KZ_MEMBERS),
    ("post", "/api/films/{pub}/tracks", {"kind": "dub", "language": "uz", "status": "planned"}, OWNERS_201),
    ("patch", "/api/tracks/{track}", {"status": "available"}, OWNERS),
    ("patch", "/api/tracks/{draft_track}", {"status": "available"}, {**KZ_MEMBERS, "kz_translator": 403}),
    ("delete", "/api/tracks/{track}", None, OWNERS_204),
    ("post", "/api/films/{pub}/versions", {"kind": "dubbed", "language": "ru"}, OWNERS_201),
    ("get", "/api/films/{pub}/images", None, {"*": 200}),
    ("get", "/api/films/{draft}/images", None, KZ_MEMBERS),
    ("get", "/api/films/{other}/images", None, {"*": 404, "admin": 200, "az_editor": 200}),
    ("delete", "/api/films/{pub}/images/999999", None, {"*": 404}),
    ("get", "/api/people", None, {"*": 200}),
    ("get", "/api/people/{person}", None, {"*": 200}),
    (
        "post",
        "/api/people",
        {"names": [{"text": "Акан Сатаев", "language": "kk"}], "owner": "KZ-A"},
        {"anon": 401, "admin": 201, "kz_editor": 201, "az_editor": 422, "kz_translator": 403},
    ),
    ("patch", "/api/people/{person}", {"birth_year": 1970}, OWNERS),
    ("delete", "/api/people/{free}", None, OWNERS_204),
    ("delete", "/api/people/{person}", None, {"anon": 401, "admin": 422, "kz_editor": 422, "*": 403}),
    ("get", "/api/companies", None, {"*": 200}),
    ("get", "/api/companies/{company}", None, {"*": 200}),
    (
        "post",
        "/api/companies",
        {"names": [{"language": "en", "name": "New"}], "owner": "KZ-A", "country": "KZ"},
        {"anon": 401, "admin": 201, "kz_editor": 201, "az_editor": 422, "kz_translator": 403},
    ),
    ("patch", "/api/companies/{company}", {"website": "https://kazakhfilm.kz"}, OWNERS),
    ("delete", "/api/companies/{free_company}", None, OWNERS_204),
    ("get", "/api/search?q=kelin", None, {"*": 200}),
    ("get", "/api/films/999999", None, {"*": 404}),
]


def _fill(value, world):
    if isinstance(value, str):
        text = value.format(**world["ids"])
        return int(text) if value.startswith("{") and text.isdigit() else text
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    return value


def _api_cases():
    for method, url, body, expected in API:
        for user in USERS:
            yield pytest.param(
                method, url, body, user, expected.get(user, expected.get("*")), id=f"{method}:{url}:{user}"
            )


@pytest.mark.parametrize(("method", "url", "body", "user", "status"), list(_api_cases()))
def test_api_permission_matrix(world, client: Client, method, url, body, user, status):
    headers = {} if user == "anon" else {"Authorization": f"Bearer {world['tokens'][user]}"}
    url = _fill(url, world)
    if body is None:
        response = getattr(client, method)(url, headers=headers)
    else:
        response = getattr(client, method)(
            url, _fill(body, world), content_type="application/json", headers=headers
        )
    assert response.status_code == status, response.content[:300]
    if status >= 400:
        assert set(response.json()) == {"detail", "code", "errors"}


WEB = [
    ("get", "/en/films/", {"*": 200}),
    ("get", "/en/films/?kind=feature&country=KZ&decade=2000&language=ru&page=2", {"*": 200}),
    ("get", "/en/films/{pub}/", {"*": 200}),
    ("get", "/en/films/{draft}/", KZ_MEMBERS),
    ("get", "/en/films/{other}/", {"*": 404, "admin": 200, "az_editor": 200}),
    ("get", "/en/people/{person}/", {"*": 200}),
    ("get", "/en/companies/{company}/", {"*": 200}),
    ("get", "/en/search/?q=kelin", {"*": 200}),
    ("get", "/en/search/suggest/?q=kel", {"*": 200}),
    ("post", "/en/script/", {"*": 302}),
    ("get", "/en/script/", {"*": 405}),
    ("get", "/en/help/", {"*": 200}),
    ("get", "/en/about/", {"*": 200}),
    ("get", "/en/privacy/", {"*": 200}),
    ("get", "/sitemap.xml", {"*": 200}),
    ("get", "/robots.txt", {"*": 200}),
    ("get", "/manifest.webmanifest", {"*": 200}),
    ("get", "/favicon.ico", {"*": 301}),
    ("get", "/media/thumbs/not-a-thumbnail.jpg", {"*": 404}),
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
    url = _fill(url, world)
    response = (
        client.post(url, {"script": "Latn", "next": "/en/films/"}) if method == "post" else client.get(url)
    )
    assert response.status_code == status


IMAGE_UPLOAD = {
    "pub": {"anon": 401, "admin": 201, "kz_editor": 201, "*": 403},
    "draft": {"*": 404, "admin": 201, "kz_editor": 201, "kz_translator": 403},
    "other": {"*": 404, "admin": 201, "az_editor": 201},
}


@pytest.mark.parametrize("film_key", list(IMAGE_UPLOAD))
@pytest.mark.parametrize("user", USERS)
def test_image_upload_permission_matrix(world, client: Client, film_key, user):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 45), (10, 20, 30)).save(out, "JPEG")
    headers = {} if user == "anon" else {"Authorization": f"Bearer {world['tokens'][user]}"}
    expected = IMAGE_UPLOAD[film_key]
    status = expected.get(user, expected.get("*"))
    response = client.post(
        f"/api/films/{world['ids'][film_key]}/images",
        {"file": SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg")},
        headers=headers,
    )
    assert response.status_code == status, response.content[:300]
    if status == 201:
        image_id = response.json()["id"]
        gone = client.delete(f"/api/films/{world['ids'][film_key]}/images/{image_id}", headers=headers)
        assert gone.status_code == 204
