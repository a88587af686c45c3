"""Role × project × endpoint × method → status, for every API endpoint and page of the co-production app.

The world: national agencies of KZ, AZ, TR and UZ; the Kazakh–Azerbaijani–Turkish animated project in three
states — "draft" (its producer's), "sub" (submitted to the KZ, AZ and TR authorities) and "pub" (a draft its
producer published). Users: anonymous, a platform admin, the producer, a stranger (signed in, nothing to do
with it), editors of the KZ, AZ and UZ agencies and a translator of the KZ agency (a member, not an editor).
Another's draft answers 404; a visible project one may not change 403; a write without credentials 401.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.coproduction import services
from tests.coproduction.conftest import animated_project, make_agencies, make_people
from tests.worlds import world_fixtures

pytestmark = pytest.mark.django_db

USERS = ("anon", "admin", "producer", "stranger", "kz_agency", "az_agency", "uz_agency", "kz_translator")
AGENCY_MEMBERS = {"kz_agency": 200, "az_agency": 200, "kz_translator": 200}


PDF = b"%PDF-1.4\n%%EOF\n"


def _build() -> dict:
    people = make_people(make_agencies())
    producer = people["producer"]
    projects = {
        "draft": animated_project(producer),
        "sub": animated_project(producer),
        "pub": animated_project(producer),
    }
    docs = {
        name: services.document_upload(
            actor=producer, project=p, kind="budget", upload=SimpleUploadedFile("budget.pdf", PDF)
        )
        for name, p in projects.items()
    }
    services.project_submit(actor=producer, project=projects["sub"])
    services.project_publish(actor=producer, project=projects["pub"], published=True)
    ids = {name: p.pk for name, p in projects.items()}
    ids.update({f"{name}_partner": p.partners.first().pk for name, p in projects.items()})
    ids.update({f"{name}_source": p.financing.first().pk for name, p in projects.items()})
    ids.update({f"{name}_element": p.elements.first().pk for name, p in projects.items()})
    ids.update({f"{name}_doc": d.pk for name, d in docs.items()})
    tokens = {name: token_create(user=people[name], name="t")[1] for name in USERS if name != "anon"}
    return {"users": people, "ids": ids, "tokens": tokens}


# The world is built once for the module; each test finds its files as built and its objects read again.
built, world = world_fixtures(_build)


def _see(project: str) -> dict[str, int]:
    if project == "draft":
        return {"*": 404, "admin": 200, "producer": 200}
    if project == "sub":
        return {"*": 404, "admin": 200, "producer": 200, **AGENCY_MEMBERS}
    return {"*": 200}


def _write(project: str, ok: int, *, editable: bool = True) -> dict[str, int]:
    """A producer's write: allowed to the producer (while editable) and the admin."""
    if project == "draft":
        return {"*": 404, "admin": ok, "producer": ok}
    if project == "sub":
        return {
            "*": 404,
            "admin": ok,
            "producer": ok if editable else 403,
            **{u: 403 for u in AGENCY_MEMBERS},
        }
    return {"*": 403, "anon": 401, "admin": ok, "producer": ok}


PARTNER = {"name": "Bishkek Frames", "country": "KG", "role": "minority"}
SOURCE = {"kind": "broadcaster", "amount": "1000", "currency": "USD"}
ELEMENT = {"job": "costume_designer", "country": "AZ"}

API = [
    ("get", "/api/coproductions", None, {"*": 200}),
    (
        "post",
        "/api/coproductions",
        {"kind": "fiction", "title": "T", "language": "en"},
        {"*": 201, "anon": 401},
    ),
]
for p in ("draft", "sub", "pub"):
    API += [
        ("get", f"/api/coproductions/{{{p}}}", None, _see(p)),
        ("get", f"/api/coproductions/{{{p}}}/eligibility", None, _see(p)),
        ("get", f"/api/coproductions/{{{p}}}/transitions", None, _see(p)),
        ("patch", f"/api/coproductions/{{{p}}}", {"runtime_min": 90}, _write(p, 200, editable=False)),
        (
            "post",
            f"/api/coproductions/{{{p}}}/texts",
            {"language": "en", "title": "Wind"},
            _write(p, 200, editable=False),
        ),
        ("post", f"/api/coproductions/{{{p}}}/publish", {"published": True}, _write(p, 200)),
        ("post", f"/api/coproductions/{{{p}}}/partners", PARTNER, _write(p, 201, editable=False)),
        (
            "delete",
            f"/api/coproductions/{{{p}}}/partners/{{{p}_partner}}",
            None,
            _write(p, 204, editable=False),
        ),
        ("post", f"/api/coproductions/{{{p}}}/financing", SOURCE, _write(p, 201, editable=False)),
        (
            "delete",
            f"/api/coproductions/{{{p}}}/financing/{{{p}_source}}",
            None,
            _write(p, 204, editable=False),
        ),
        ("post", f"/api/coproductions/{{{p}}}/elements", ELEMENT, _write(p, 201, editable=False)),
        (
            "delete",
            f"/api/coproductions/{{{p}}}/elements/{{{p}_element}}",
            None,
            _write(p, 204, editable=False),
        ),
        (
            "post",
            f"/api/coproductions/{{{p}}}/advice",
            {"instrument": "tr-2019", "index": 0},
            _write(p, 200, editable=False),
        ),
        ("delete", f"/api/coproductions/{{{p}}}", None, _write(p, 204, editable=False)),
    ]
API += [
    # submitting: the producer and the admin; a submitted project cannot be submitted again (422)
    ("post", "/api/coproductions/{draft}/transitions", {"name": "submit"}, _write("draft", 200)),
    ("post", "/api/coproductions/{pub}/transitions", {"name": "submit"}, _write("pub", 200)),
    (
        "post",
        "/api/coproductions/{sub}/transitions",
        {"name": "submit"},
        {**_write("sub", 422), "admin": 422},
    ),
    # an authority decides for its own country only
    (
        "post",
        "/api/coproductions/{sub}/reviews/KZ",
        {"decision": "approve"},
        {"*": 404, "admin": 200, "kz_agency": 200, "az_agency": 403, "kz_translator": 403, "producer": 403},
    ),
    (
        "post",
        "/api/coproductions/{sub}/reviews/AZ",
        {"decision": "return", "comments": "Raise our share."},
        {"*": 404, "admin": 200, "az_agency": 200, "kz_agency": 403, "kz_translator": 403, "producer": 403},
    ),
    (
        "post",
        "/api/coproductions/{sub}/reviews/UZ",
        {"decision": "approve"},
        {**_see("sub"), "admin": 404, "producer": 404, **{u: 404 for u in AGENCY_MEMBERS}},
    ),
    ("post", "/api/coproductions/{pub}/reviews/KZ", {"decision": "approve"}, {"*": 404}),
    ("get", "/api/coproductions/999999999", None, {"*": 404}),
]


def _expect(expected: dict[str, int], user: str) -> int:
    return expected.get(user, expected["*"])


def _each_user(world, client: Client, expected: dict[str, int], call) -> None:  # type: ignore[no-untyped-def]
    """Run ``call(user)`` for every user, each in a savepoint rolled back afterwards (one world per row)."""
    wrong = []
    for user in USERS:
        sid = transaction.savepoint()
        client.logout()
        try:
            status, body = call(user)
        finally:
            transaction.savepoint_rollback(sid)
        if status != _expect(expected, user):
            wrong.append((user, status, _expect(expected, user), body[:200]))
    assert not wrong, wrong


@pytest.mark.parametrize(("method", "url", "body", "expected"), API, ids=[f"{m} {u}" for m, u, _b, _e in API])
def test_api_permission_matrix(world, client: Client, method, url, body, expected):
    url = url.format(**world["ids"])

    def call(user):  # type: ignore[no-untyped-def]
        headers = {} if user == "anon" else {"Authorization": f"Bearer {world['tokens'][user]}"}
        if body is None:
            response = getattr(client, method)(url, headers=headers)
        else:
            response = getattr(client, method)(url, body, content_type="application/json", headers=headers)
        if response.status_code >= 400:
            assert set(response.json()) >= {"detail", "code", "errors"}
        return response.status_code, response.content

    _each_user(world, client, expected, call)


def _page_see(project: str) -> dict[str, int]:
    return _see(project)


def _page_write(project: str, ok: int = 302, *, editable: bool = True) -> dict[str, int]:
    expected = _write(project, ok, editable=editable)
    expected["anon"] = 302  # to the sign-in page
    return expected


def _documents(project: str) -> dict[str, int]:
    """The application file: the producers, the partner countries' authorities once submitted, admins."""
    if project == "sub":
        return _see("sub")
    return {"*": 404, "admin": 200, "producer": 200}


WEB = [
    ("get", "/en/coproductions/", {"*": 200}),
    ("get", "/en/coproductions/new/", {"*": 200, "anon": 302}),
    ("get", "/en/coproductions/pick/partner/?partner-name=agency", {"*": 200, "anon": 302}),
    ("get", "/en/coproductions/pick/person/?element-name=ab", {"*": 200, "anon": 302}),
    ("get", "/en/coproductions/pick/films/?q=ab", {"*": 404, "anon": 302}),
]
for p in ("draft", "sub", "pub"):
    WEB += [
        ("get", f"/en/coproductions/{{{p}}}/", _page_see(p)),
        ("get", f"/en/coproductions/{{{p}}}/financing/", _page_see(p)),
        ("get", f"/en/coproductions/{{{p}}}/edit/", _page_write(p, 200, editable=False)),
        ("post", f"/en/coproductions/{{{p}}}/edit/", _page_write(p, editable=False)),
        ("post", f"/en/coproductions/{{{p}}}/partners/", _page_write(p, editable=False)),
        ("post", f"/en/coproductions/{{{p}}}/financing/add/", _page_write(p, editable=False)),
        ("post", f"/en/coproductions/{{{p}}}/elements/", _page_write(p, editable=False)),
        (
            "post",
            f"/en/coproductions/{{{p}}}/remove/element/{{{p}_element}}/",
            _page_write(p, editable=False),
        ),
        ("post", f"/en/coproductions/{{{p}}}/publish/", _page_write(p)),
        ("get", f"/en/coproductions/{{{p}}}/documents/{{{p}_doc}}/", _documents(p)),
        ("get", f"/en/coproductions/{{{p}}}/partners/find/", _page_see(p)),
        ("post", f"/en/coproductions/{{{p}}}/partners/find/take/", _page_write(p, editable=False)),
        ("post", f"/en/coproductions/{{{p}}}/documents/", _page_write(p, editable=False)),
        ("post", f"/en/coproductions/{{{p}}}/documents/{{{p}_doc}}/remove/", _page_write(p, editable=False)),
    ]
WEB += [
    ("get", "/en/coproductions/{draft}/dossier.pdf", _page_see("draft")),
    (
        "post",
        "/en/coproductions/{sub}/reviews/KZ/",
        {
            "*": 404,
            "anon": 302,
            "admin": 302,
            "kz_agency": 302,
            "az_agency": 403,
            "kz_translator": 403,
            "producer": 403,
        },
    ),
    ("post", "/en/coproductions/{draft}/submit/", _page_write("draft")),
    ("post", "/en/coproductions/{draft}/advice/", _page_write("draft")),
]
FORMS = {
    "edit/": {
        "title": "Wind",
        "language": "en",
        "kind": "animation",
        "stage": "financing",
        "currency": "USD",
        "runtime_min": "82",
    },
    "partners/": {"partner-name": "Bishkek Frames", "partner-country": "KG", "partner-role": "minority"},
    "financing/add/": {
        "source-kind": "broadcaster",
        "source-amount": "1000",
        "source-currency": "USD",
        "source-status": "pending",
    },
    "elements/": {"element-job": "costume_designer", "element-country": "AZ"},
    "publish/": {"published": "1"},
    "reviews/KZ/": {"decision-decision": "approve"},
    "advice/": {"instrument": "tr-2019", "index": "0"},
    "find/take/": {"country": "KG", "amount": "50000"},
}


@pytest.mark.parametrize(("method", "url", "expected"), WEB, ids=[f"{m} {u}" for m, u, _e in WEB])
def test_web_permission_matrix(world, client: Client, method, url, expected):
    url = url.format(**world["ids"])
    data = next((v for k, v in FORMS.items() if url.endswith(k)), {})

    if url.endswith("/documents/"):
        data = {"document-kind": "script"}

    def call(user):  # type: ignore[no-untyped-def]
        if user != "anon":
            client.force_login(world["users"][user])
        if url.endswith("/documents/"):
            data["document-file"] = SimpleUploadedFile("script.pdf", PDF)
        response = client.post(url, data) if method == "post" else client.get(url)
        if response.streaming:
            # Read it, without response.close(): that sends request_finished, which closes the
            # database connection inside the test's transaction on PostgreSQL.
            return response.status_code, b"".join(response.streaming_content)
        return response.status_code, response.content

    _each_user(world, client, expected, call)
