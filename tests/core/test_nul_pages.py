"""NUL characters in a page's address or form: a 400 page that names the problem, in the reader's language,
before any query (PostgreSQL cannot compare text with NUL, and the pages read some fields as they come)."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.events.models import Registration

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_query_string_is_a_400_page_naming_it(client: Client):
    response = client.get("/en/institutions/?q=a%00b")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Text may not contain NUL characters." in html and '<html lang="en">' in html
    response = client.get("/ru/films/?q=%00")
    assert response.status_code == 400
    assert "Текст не может содержать символы NUL." in response.content.decode()


def test_a_nul_in_a_form_body_is_refused_and_nothing_is_saved(client: Client):
    before = Registration.objects.count()
    response = client.post(
        "/en/events/1/register",
        "name=a%00b&email=x%40example.org",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Text may not contain NUL characters." in response.content.decode()
    assert Registration.objects.count() == before


def test_text_that_only_looks_like_a_nul_passes(client: Client):
    assert client.get("/en/institutions/?q=%2500").status_code == 200  # the text "%00"
    assert client.get("/en/institutions/?q=100").status_code == 200


def test_the_api_keeps_its_json_answer(client: Client):
    response = client.get("/api/institutions?q=a%00b")
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_a_nul_in_a_multipart_field_is_refused_but_a_binary_file_is_not(client: Client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/en/events/1/register", {"name": "a\x00b"})  # multipart, as browsers send files
    assert response.status_code == 400
    assert "Text may not contain NUL characters." in response.content.decode()
    response = client.post(
        "/en/events/1/register", {"name": "Aida", "file": SimpleUploadedFile("a.bin", b"\x00\x01\x00")}
    )
    assert response.status_code != 400
