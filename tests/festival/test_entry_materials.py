"""An entry's stills and press kit on its page: the entrant replaces them while the entry may change (an
incomplete entry is then checked again, as with the screener); those who may read the screener download
them, with their checked type; anyone else finds no file; a file that is not what it claims is refused
under its field, and nothing is changed."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from korkyt.festival import services
from korkyt.festival.models import Submission
from tests.factories import UserFactory
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 40), (200, 120, 10)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def incomplete(feature: Any, agency_kg: Any, producer: Any) -> Submission:
    film = make_film(agency_kg, "Without a press kit")
    sub = services.submission_create(actor=producer, section=feature, film=film)
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "incomplete"
    return sub


def _as(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(sub: Submission, tail: str = "") -> str:
    return f"/en/festival/submissions/{sub.pk}/{tail}"


def test_the_entrant_sends_stills_and_a_press_kit_and_staff_download_them(
    incomplete: Submission, producer: Any, staff: Any
) -> None:
    client = _as(producer)
    page = client.get(_url(incomplete)).content.decode()
    assert f'action="{_url(incomplete, "materials")}"' in page and 'enctype="multipart/form-data"' in page
    assert "None sent yet." in page
    sent = client.post(
        _url(incomplete, "materials"),
        {
            "stills": SimpleUploadedFile("still.png", _png(), "image/png"),
            "press_kit": SimpleUploadedFile("press.pdf", PDF, "application/pdf"),
        },
        follow=True,
    )
    assert "The files are saved." in sent.content.decode()
    incomplete.refresh_from_db()
    assert incomplete.stills.name.endswith(".png") and incomplete.press_kit.name.endswith(".pdf")
    page = client.get(_url(incomplete)).content.decode()
    assert f'href="{_url(incomplete, "files/stills")}"' in page
    assert f'href="{_url(incomplete, "files/press-kit")}"' in page
    for reader in (producer, staff):
        got = _as(reader).get(_url(incomplete, "files/press-kit"))
        assert got.status_code == 200
        assert got["Content-Type"] == "application/pdf"
        assert got["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in got["Content-Disposition"]
        assert b"".join(got.streaming_content) == PDF
    still = _as(staff).get(_url(incomplete, "files/stills"))
    assert still["Content-Type"] == "image/png"
    # only the press kit replaced: the stills stay as they were
    kept = incomplete.stills.name
    client.post(
        _url(incomplete, "materials"),
        {"press_kit": SimpleUploadedFile("v2.pdf", PDF + b"%v2", "application/pdf")},
    )
    incomplete.refresh_from_db()
    assert incomplete.stills.name == kept
    assert b"".join(_as(staff).get(_url(incomplete, "files/press-kit")).streaming_content).endswith(b"%v2")


def test_no_one_else_finds_the_files(incomplete: Submission, producer: Any) -> None:
    _as(producer).post(
        _url(incomplete, "materials"), {"press_kit": SimpleUploadedFile("p.pdf", PDF, "application/pdf")}
    )
    stranger = _as(UserFactory(username="someone-else"))
    assert stranger.get(_url(incomplete, "files/press-kit")).status_code == 404
    assert (
        stranger.post(
            _url(incomplete, "materials"), {"press_kit": SimpleUploadedFile("p.pdf", PDF, "application/pdf")}
        ).status_code
        == 404
    )
    assert Client().get(_url(incomplete, "files/press-kit")).status_code == 302  # to sign in
    assert _as(producer).get(_url(incomplete, "files/trailer")).status_code == 404
    assert _as(producer).get(_url(incomplete, "files/stills")).status_code == 404  # none sent


@pytest.mark.parametrize(
    ("field", "upload", "message"),
    [
        ("stills", SimpleUploadedFile("still.png", PDF, "image/png"), "must be a JPEG, PNG or WebP image"),
        ("press_kit", SimpleUploadedFile("kit.pdf", b"MZ\x90\x00 not a document", "application/pdf"), "PDF"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused_under_its_field(
    incomplete: Submission, producer: Any, field: str, upload: Any, message: str
) -> None:
    answer = _as(producer).post(_url(incomplete, "materials"), {field: upload})
    assert answer.status_code == 200
    assert message in " ".join(answer.context["materials_form"].errors.get(field, []))
    incomplete.refresh_from_db()
    assert not incomplete.stills and not incomplete.press_kit and incomplete.status == "incomplete"


def test_sending_no_file_says_so(incomplete: Submission, producer: Any) -> None:
    answer = _as(producer).post(_url(incomplete, "materials"), {})
    assert "Choose the stills or the press kit to send." in answer.content.decode()


def test_a_selected_entry_s_files_no_longer_change(incomplete: Submission, producer: Any) -> None:
    Submission.objects.filter(pk=incomplete.pk).update(status="selected")
    page = _as(producer).get(_url(incomplete)).content.decode()
    assert 'name="press_kit"' not in page
    answer = _as(producer).post(
        _url(incomplete, "materials"), {"press_kit": SimpleUploadedFile("p.pdf", PDF, "application/pdf")}
    )
    assert answer.status_code == 404
