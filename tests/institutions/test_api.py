from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.accounts.services import token_create
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_headers():
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    InstitutionFactory(code="AZ-B", country="AZ")
    user = MembershipFactory(user=UserFactory(username="ed"), institution=kz).user
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_institution_list_paginates_and_filters(client: Client):
    for i in range(25):
        InstitutionFactory(code=f"KZ-{i:02d}", country="KZ")
    InstitutionFactory(code="TR-X", country="TR", kind="festival")
    page = client.get("/api/institutions?limit=10&offset=20").json()
    assert page["count"] == 26
    assert len(page["items"]) == 6
    assert client.get("/api/institutions?country=tr").json()["count"] == 1
    assert client.get("/api/institutions?kind=festival").json()["items"][0]["code"] == "TR-X"
    assert client.get("/api/institutions?q=TR-").json()["count"] == 1


def test_institution_name_falls_back_requested_then_english_then_original(client: Client):
    from korkyt.config.demo import SYSTEM
    from korkyt.institutions import services

    services.institution_create(
        actor=SYSTEM,
        code="TR-F",
        kind="festival",
        country="TR",
        native_language="tr",
        translations=[{"language": "tr", "name": "Festival"}],
    )
    services.institution_create(
        actor=SYSTEM,
        code="KZ-K",
        kind="studio",
        country="KZ",
        native_language="kk",
        translations=[{"language": "kk", "name": "Қазақфильм"}, {"language": "en", "name": "Kazakhfilm"}],
    )
    kz_ru = client.get("/api/institutions/KZ-K", headers={"Accept-Language": "ru"}).json()
    assert (kz_ru["name"], kz_ru["name_lang"]) == ("Kazakhfilm", "en")
    kz_kk = client.get("/api/institutions/KZ-K", headers={"Accept-Language": "kk"}).json()
    assert (kz_kk["name"], kz_kk["name_lang"]) == ("Қазақфильм", "kk-Cyrl")
    tr_uz = client.get("/api/institutions/TR-F", headers={"Accept-Language": "uz"}).json()
    assert (tr_uz["name"], tr_uz["name_lang"]) == ("Festival", "tr")


def test_validation_errors_have_one_shape_with_fields(client: Client, editor_headers):
    response = client.post(
        "/api/memoranda",
        {
            "parties": ["KZ-A", "AZ-B"],
            "signed_on": "2025-10-01",
            "valid_until": "2024-01-01",
            "status": "signed",
        },
        content_type="application/json",
        headers=editor_headers,
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert {"field": "valid_until", "message": "The end of validity comes before the signing date."} in body[
        "errors"
    ]


def test_schema_errors_use_the_same_shape(client: Client, editor_headers):
    response = client.post(
        "/api/memoranda",
        {"parties": "KZ-A", "signed_on": "yesterday"},
        content_type="application/json",
        headers=editor_headers,
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert "parties" in fields and "signed_on" in fields


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
def test_a_year_no_form_accepts_is_refused_on_its_field(client: Client, editor_headers, day):
    from korkyt.institutions.models import Memorandum

    response = client.post(
        "/api/memoranda",
        {"parties": ["KZ-A", "AZ-B"], "signed_on": "2025-10-01", "valid_until": day, "status": "signed"},
        content_type="application/json",
        headers=editor_headers,
    )
    assert response.status_code == 422
    assert {"field": "valid_until", "message": "Give a year between 1900 and 2199."} in response.json()[
        "errors"
    ]
    assert not Memorandum.objects.exists()


def test_the_years_at_the_ends_are_accepted(client: Client, editor_headers):
    response = client.post(
        "/api/memoranda",
        {
            "parties": ["KZ-A", "AZ-B"],
            "signed_on": "1900-01-01",
            "valid_until": "2199-12-31",
            "status": "signed",
        },
        content_type="application/json",
        headers=editor_headers,
    )
    assert response.status_code == 201, response.content
    assert (response.json()["signed_on"], response.json()["valid_until"]) == ("1900-01-01", "2199-12-31")


def test_unknown_fields_and_malformed_json_are_clean_4xx(client: Client, editor_headers):
    response = client.post(
        "/api/memoranda", "{not json", content_type="application/json", headers=editor_headers
    )
    assert 400 <= response.status_code < 500
    assert set(response.json()) == {"detail", "code", "errors"}


def test_patch_unknown_country_names_the_field_and_saves_nothing(client: Client, editor_headers):
    response = client.patch(
        "/api/institutions/KZ-A",
        {"country": "QQ", "website": "https://new.kz"},
        content_type="application/json",
        headers=editor_headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "country"
    assert client.get("/api/institutions/KZ-A").json()["website"] == ""


def test_document_upload_refuses_non_pdf(client: Client, editor_headers):
    from korkyt.institutions.models import Institution

    memo = memorandum(*Institution.objects.order_by("code"))
    response = client.post(
        f"/api/memoranda/{memo.pk}/document",
        {"document": SimpleUploadedFile("m.pdf", b"MZ\x90\x00 not a pdf")},
        headers=editor_headers,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "document"


def test_bad_token_is_401_not_anonymous(client: Client):
    response = client.get("/api/institutions", headers={"Authorization": "Bearer kt_deadbeef_nope"})
    assert response.status_code == 401
    response = client.get("/api/institutions", headers={"Authorization": "Basic abc"})
    assert response.status_code == 401


def test_revoked_and_expired_tokens_stop_working(client: Client):
    from datetime import timedelta

    from django.utils import timezone

    from korkyt.accounts.models import ApiToken
    from korkyt.accounts.services import token_revoke

    user = UserFactory(username="u")
    token, secret = token_create(user=user, name="t")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/me", headers=headers).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).key_hash != secret
    # kt_<prefix>_<secret>; the secret itself may contain "_" (token_urlsafe)
    assert secret.split("_", 2)[2] not in ApiToken.objects.get(pk=token.pk).key_hash
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/me", headers=headers).status_code == 401
    ApiToken.objects.filter(pk=token.pk).update(expires_at=None)
    token_revoke(token=token)
    assert client.get("/api/me", headers=headers).status_code == 401


def test_session_write_without_csrf_token_is_refused(client: Client):
    kz = InstitutionFactory(code="KZ-A")
    user = MembershipFactory(institution=kz).user
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    response = csrf_client.patch(
        "/api/institutions/KZ-A", {"website": "https://x.kz"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert client.get("/api/institutions/KZ-A").json()["website"] == ""


def test_memorandum_filters(client: Client):
    from korkyt.institutions.models import Institution

    kz, az = InstitutionFactory(code="KZ-A"), InstitutionFactory(code="AZ-B", country="AZ")
    tr = InstitutionFactory(code="TR-C", country="TR")
    memorandum(kz, az, areas=("workshops",))
    memorandum(kz, tr, areas=("film_tourism",))
    assert client.get("/api/memoranda?country=TR").json()["count"] == 1
    assert client.get("/api/memoranda?institution=KZ-A").json()["count"] == 2
    assert client.get("/api/memoranda?area=workshops").json()["count"] == 1
    assert client.get("/api/memoranda?year=2025").json()["count"] == 2
    assert Institution.objects.count() == 3


def test_nul_characters_are_refused_with_422(client: Client, editor_headers):
    response = client.patch(
        "/api/institutions/KZ-A",
        '{"website": "https://a\\u0000.kz"}',
        content_type="application/json",
        headers=editor_headers,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert client.get("/api/institutions?q=a%00b").status_code == 422


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("türksoy", ["TURKSOY"]),
        ("государственный центр", ["KZ-SCSNC"]),
        ("KÜLTÜR", ["TR-SGM", "TURKSOY"]),
        ("Kultur", ["TR-SGM", "TURKSOY"]),
        ("Azerbaycan", ["AZ-CA"]),
        ("Туркменфильм", ["TM-TF"]),
        ("kz-scs", ["KZ-SCSNC"]),  # the code, as before
        ("Zzyzx", []),
    ],
)
def test_institutions_are_found_by_name_in_any_case_spelling_and_script(client: Client, query, codes):
    """The directory's search folds case, diacritics and script like the site's search, on every database
    (SQLite's LIKE folds ASCII letters only)."""
    from korkyt.config.demo import SYSTEM
    from korkyt.institutions import services

    names = {
        "TURKSOY": [("en", "International Organization of Turkic Culture (TÜRKSOY)"),
                    ("tr", "Uluslararası Türk Kültürü Teşkilatı")],
        "KZ-SCSNC": [("en", "State Center for Support of National Cinema"),
                     ("ru", "Государственный центр поддержки национального кино")],
        "TR-SGM": [("tr", "Kültür ve Turizm Bakanlığı Sinema Genel Müdürlüğü")],
        "TM-TF": [("tk", "Oguz han adyndaky «Türkmenfilm» birleşigi")],
        "AZ-CA": [("en", "Cinema Agency of the Republic of Azerbaijan"),
                  ("az", "Azərbaycan Respublikasının Kino Agentliyi")],
    }  # fmt: skip
    for code, texts in names.items():
        services.institution_create(
            actor=SYSTEM,
            code=code,
            kind="national_agency",
            country=code[:2] if code != "TURKSOY" else "TR",
            native_language=texts[-1][0],
            translations=[{"language": tag, "name": name} for tag, name in texts],
        )
    api = client.get("/api/institutions", {"q": query}).json()
    assert sorted(i["code"] for i in api["items"]) == codes
    page = client.get("/en/institutions/", {"q": query}).content.decode()
    assert sorted(code for code in names if f"/en/institutions/{code}/" in page) == codes
