"""The application file: the checklist of what the applicable instruments ask for, uploads checked by size
and by content, downloads only for the producers, the partner countries' authorities and administrators."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.coproduction import eligibility, selectors, services
from korkyt.coproduction.models import ProjectDocument
from korkyt.core.uploads import sniff_document

from .conftest import animated_project

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "pdf"),
        (_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}), "docx"),
        (_zip({"xl/workbook.xml": b"<x/>"}), "xlsx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "odt"),
        ("Синопсис: үш студия желді салады.\n".encode(), "txt"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (_zip({"evil.exe": b"MZ"}), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"\xff\xfe\xfa broken", None),
    ],
)
def test_a_document_type_is_judged_by_its_content(data: bytes, expected: str | None) -> None:
    assert sniff_document(io.BytesIO(data)) == expected


def test_the_checklist_lists_what_turkiyes_regulation_asks_for_and_what_is_missing(people):
    project = animated_project(people["producer"])
    services.document_upload(
        actor=people["producer"],
        project=project,
        kind="synopsis",
        upload=SimpleUploadedFile("synopsis.pdf", PDF),
    )
    rows = selectors.document_checklist(project, eligibility.evaluate(project))
    kinds = [r["kind"] for r in rows]
    assert kinds == [
        "synopsis",
        "treatment",
        "script",
        "contract",
        "cast_and_crew",
        "budget",
        "financing_plan",
        "schedule",
    ]
    assert all(r["asked_by"] == ["TR 2019"] for r in rows)
    assert [r["kind"] for r in rows if r["document"] is None] == kinds[1:]


def test_a_file_named_pdf_that_is_not_a_document_is_refused_and_nothing_is_saved(people):
    project = animated_project(people["producer"])
    with pytest.raises(ValidationError) as exc:
        services.document_upload(
            actor=people["producer"],
            project=project,
            kind="budget",
            upload=SimpleUploadedFile("budget.pdf", b"MZ\x90\x00\x03 a program"),
        )
    assert "PDF" in str(exc.value.message_dict["file"])
    assert not ProjectDocument.objects.exists()


def test_a_document_over_the_upload_limit_is_refused(people, settings):
    settings.KORKYT_MAX_UPLOAD_MB = 1
    project = animated_project(people["producer"])
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        services.document_upload(
            actor=people["producer"], project=project, kind="script", upload=SimpleUploadedFile("s.pdf", big)
        )
    assert "1 MB" in str(exc.value.message_dict["file"])


def test_a_second_upload_replaces_the_document_of_that_kind(people):
    project = animated_project(people["producer"])
    for text in (b"first", b"second"):
        services.document_upload(
            actor=people["producer"],
            project=project,
            kind="treatment",
            upload=SimpleUploadedFile("t.txt", text),
        )
    (doc,) = ProjectDocument.objects.all()
    assert doc.file.read() == b"second" and doc.file_type == "txt"
    assert "t.txt" not in doc.file.name  # stored under the platform's name, not the uploader's


def _stored_files() -> list[str]:
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _first_upload_unseen(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The second of two first uploads of a kind sent together: it looked for the kind's document before
    the first one's was written (made so here by hiding it from the look-up)."""
    from korkyt.coproduction.services import documents

    monkeypatch.setattr(documents, "_current", lambda project, kind: None)


def test_two_first_uploads_of_a_kind_at_once_keep_one_and_leave_no_stray_file(people, monkeypatch):
    project = animated_project(people["producer"])
    first = services.document_upload(
        actor=people["producer"], project=project, kind="budget", upload=SimpleUploadedFile("b.txt", b"first")
    )
    stored = _stored_files()
    assert len(stored) == 1
    _first_upload_unseen(monkeypatch)
    with pytest.raises(ValidationError) as exc:
        services.document_upload(
            actor=people["producer"],
            project=project,
            kind="budget",
            upload=SimpleUploadedFile("b.txt", b"second"),
        )
    assert list(exc.value.message_dict) == ["file"]
    assert "uploaded at the same moment" in exc.value.messages[0]
    (doc,) = ProjectDocument.objects.all()
    assert doc.pk == first.pk and doc.file.read() == b"first"
    assert _stored_files() == stored  # the refused upload's file is not left behind


def test_two_first_uploads_at_once_are_answered_on_the_page_and_in_the_api(
    people, client: Client, monkeypatch
):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = f"/en/coproductions/{project.pk}/documents/"
    form = {"document-kind": "contract", "document-file": SimpleUploadedFile("contract.pdf", PDF)}
    assert client.post(page, form).status_code == 302
    stored = _stored_files()
    _first_upload_unseen(monkeypatch)
    form = {"document-kind": "contract", "document-file": SimpleUploadedFile("contract.pdf", PDF)}
    response = client.post(page, form)
    assert response.status_code == 422
    assert "uploaded at the same moment" in response.content.decode()
    api = client.post(
        f"/api/coproductions/{project.pk}/documents",
        {"kind": "contract", "file": SimpleUploadedFile("contract.pdf", PDF)},
        headers=_bearer(people["producer"]),
    )
    assert api.status_code == 422
    (error,) = api.json()["errors"]
    assert error["field"] == "file" and "uploaded at the same moment" in error["message"]
    assert ProjectDocument.objects.count() == 1 and _stored_files() == stored


def test_the_producer_uploads_from_the_page_and_downloads_it_as_an_attachment(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    response = client.post(
        f"/en/coproductions/{project.pk}/documents/",
        {"document-kind": "contract", "document-file": SimpleUploadedFile("contract.pdf", PDF)},
    )
    assert response.status_code == 302
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    assert "contract.pdf" in page and "missing" in page
    doc = ProjectDocument.objects.get()
    response = client.get(f"/en/coproductions/{project.pk}/documents/{doc.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_a_refused_upload_shows_the_reason_on_the_page(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    response = client.post(
        f"/kk/coproductions/{project.pk}/documents/",
        {"document-kind": "contract", "document-file": SimpleUploadedFile("contract.pdf", b"\x00\x01binary")},
    )
    assert response.status_code == 422
    assert "PDF" in response.content.decode()


def test_documents_of_a_published_project_are_not_for_the_public(people, client: Client):
    project = animated_project(people["producer"])
    doc = services.document_upload(
        actor=people["producer"], project=project, kind="budget", upload=SimpleUploadedFile("b.pdf", PDF)
    )
    services.project_publish(actor=people["producer"], project=project, published=True)
    url = f"/en/coproductions/{project.pk}/documents/{doc.pk}/"
    assert client.get(f"/en/coproductions/{project.pk}/").status_code == 200
    assert client.get(url).status_code == 404
    client.force_login(people["stranger"])
    assert client.get(url).status_code == 404
    client.force_login(people["uz_agency"])
    assert client.get(url).status_code == 404


def test_a_partner_countrys_authority_downloads_once_submitted(people, client: Client):
    project = animated_project(people["producer"])
    doc = services.document_upload(
        actor=people["producer"], project=project, kind="budget", upload=SimpleUploadedFile("b.pdf", PDF)
    )
    url = f"/en/coproductions/{project.pk}/documents/{doc.pk}/"
    client.force_login(people["az_agency"])
    assert client.get(url).status_code == 404  # a draft is not theirs to see
    services.project_submit(actor=people["producer"], project=project)
    assert client.get(url).status_code == 200


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from korkyt.accounts.services import token_create

    return {"Authorization": f"Bearer {token_create(user=user, name='api')[1]}"}


def test_the_api_uploads_lists_downloads_and_removes_a_document(people, client: Client):
    project = animated_project(people["producer"])
    auth = _bearer(people["producer"])
    base = f"/api/coproductions/{project.pk}/documents"
    response = client.post(
        base, {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", PDF)}, headers=auth
    )
    assert response.status_code == 201, response.content
    doc = response.json()
    assert doc["kind"] == "budget" and doc["file_type"] == "pdf" and doc["size"] == len(PDF)
    rows = client.get(base, headers=auth).json()
    assert [r["kind"] for r in rows][:2] == ["synopsis", "treatment"]
    budget = next(r for r in rows if r["kind"] == "budget")
    assert budget["asked_by"] == ["TR 2019"] and budget["document"]["id"] == doc["id"]
    assert next(r for r in rows if r["kind"] == "script")["document"] is None
    download = client.get(doc["url"], headers=auth)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert client.delete(f"{base}/{doc['id']}", headers=auth).status_code == 204
    assert not ProjectDocument.objects.exists()


def test_the_api_refuses_a_bad_upload_with_the_one_error_shape_and_saves_nothing(people, client: Client):
    project = animated_project(people["producer"])
    auth = _bearer(people["producer"])
    base = f"/api/coproductions/{project.pk}/documents"
    bad = client.post(
        base, {"kind": "budget", "file": SimpleUploadedFile("b.pdf", b"MZ\x90 a program")}, headers=auth
    )
    assert bad.status_code == 422 and "PDF" in str(bad.json()["errors"])
    unknown = client.post(base, {"kind": "poem", "file": SimpleUploadedFile("b.pdf", PDF)}, headers=auth)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "kind"
    missing = client.post(base, {"kind": "budget"}, headers=auth)
    assert missing.status_code == 422 and set(missing.json()) >= {"detail", "code", "errors"}
    assert not ProjectDocument.objects.exists()


def test_the_api_refuses_a_hostile_archive_as_not_a_document(people, client: Client):
    from tests.zips import ODT_MIMETYPE, rewrite_member, zip_of

    project = animated_project(people["producer"])
    auth = _bearer(people["producer"])
    base = f"/api/coproductions/{project.pk}/documents"
    odt = zip_of({"mimetype": ODT_MIMETYPE, "content.xml": b"<x/>"})
    for data in (
        rewrite_member(odt, "mimetype", flag_bits=0x1),  # encrypted
        rewrite_member(odt, "mimetype", compress_type=99),  # a compression zipfile cannot read
        zip_of({"mimetype": ODT_MIMETYPE + b" " * 5_000_000}, compression=zipfile.ZIP_DEFLATED),
    ):
        upload = SimpleUploadedFile("budget.odt", data)
        response = client.post(base, {"kind": "budget", "file": upload}, headers=auth)
        assert response.status_code == 422, response.content
        assert "OpenDocument" in str(response.json()["errors"])
    assert not ProjectDocument.objects.exists()


def test_the_api_keeps_documents_from_those_who_may_not_read_them(people, client: Client):
    project = animated_project(people["producer"])
    doc = services.document_upload(
        actor=people["producer"], project=project, kind="budget", upload=SimpleUploadedFile("b.pdf", PDF)
    )
    services.project_publish(actor=people["producer"], project=project, published=True)
    base = f"/api/coproductions/{project.pk}/documents"
    assert client.get(base).status_code == 404  # the public sees the project, not its file
    assert client.get(f"{base}/{doc.pk}/file").status_code == 404
    stranger = _bearer(people["stranger"])
    assert client.get(base, headers=stranger).status_code == 404
    assert client.delete(f"{base}/{doc.pk}", headers=stranger).status_code == 404
    upload = client.post(base, {"kind": "script", "file": SimpleUploadedFile("s.pdf", PDF)}, headers=stranger)
    assert upload.status_code == 404
    services.project_submit(actor=people["producer"], project=project)
    az = _bearer(people["az_agency"])
    assert client.get(f"{base}/{doc.pk}/file", headers=az).status_code == 200
    assert client.delete(f"{base}/{doc.pk}", headers=az).status_code == 403  # reads, may not change
    assert ProjectDocument.objects.count() == 1


def test_a_document_download_answers_byte_ranges_on_the_page_and_the_api(people, client: Client):
    project = animated_project(people["producer"])
    doc = services.document_upload(
        actor=people["producer"], project=project, kind="budget", upload=SimpleUploadedFile("b.pdf", PDF)
    )
    page_url = f"/en/coproductions/{project.pk}/documents/{doc.pk}/"
    api_url = f"/api/coproductions/{project.pk}/documents/{doc.pk}/file"
    size = len(PDF)
    client.force_login(people["producer"])
    for url in (page_url, api_url):
        part = client.get(url, headers={"Range": "bytes=0-7"})
        assert part.status_code == 206, url
        assert part["Content-Range"] == f"bytes 0-7/{size}"
        assert part["Content-Length"] == "8"
        assert part["Content-Type"] == "application/pdf"
        assert b"".join(part.streaming_content) == PDF[:8] == b"%PDF-1.4"
        tail = client.get(url, headers={"Range": "bytes=-6"})
        assert (tail.status_code, b"".join(tail.streaming_content)) == (206, PDF[-6:])
        past = client.get(url, headers={"Range": f"bytes={size + 10}-"})
        assert past.status_code == 416
        assert past["Content-Range"] == f"bytes */{size}"
        whole = client.get(url)
        assert whole.status_code == 200 and b"".join(whole.streaming_content) == PDF
        for hostile in ("bytes=" + "9" * 5000 + "-", "bytes=-" + "9" * 5000):  # past int()'s digit limit
            ignored = client.get(url, headers={"Range": hostile})
            assert ignored.status_code == 200 and b"".join(ignored.streaming_content) == PDF
    client.force_login(people["stranger"])
    for url in (page_url, api_url):
        assert client.get(url, headers={"Range": "bytes=0-7"}).status_code == 404
