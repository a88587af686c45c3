"""TMX and TBX imports run in the background: the page keeps the file with a job and answers at once; the
worker adds the units in committed batches with progress, resumes after an interruption without adding a
unit twice, and a failed import says why and can be retried."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from korkyt.core.jobs import services as jobs
from korkyt.core.models import Job, JobStatus
from korkyt.localization import services
from korkyt.localization.models import GlossaryConcept, MemoryUnit
from korkyt.localization.services import memory as memory_services
from korkyt.localization.tasks import import_memory
from korkyt.mt.memory import Concept, Term, TMUnit, tbx_bytes, tmx_bytes

pytestmark = pytest.mark.django_db


def _tmx(n: int) -> bytes:
    return tmx_bytes([TMUnit(f"Сәлем {i}", f"Merhaba {i}", "kk", "tr") for i in range(n)])


def test_the_memory_page_queues_an_import_that_the_worker_runs_with_progress(
    world, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    upload = SimpleUploadedFile("units.tmx", _tmx(3), content_type="application/xml")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/en/localization/memory/", {"kind": "tmx", "tmx-file": upload})
    assert response.status_code == 302 and response["Location"].endswith("/localization/memory/#imports")
    job = Job.objects.get()
    assert job.kind == "localization.import_memory" and job.status == JobStatus.QUEUED and job.file
    assert not MemoryUnit.objects.exists()  # nothing read inside the request
    page = client.get("/en/localization/memory/").content.decode()
    assert 'hx-get="/en/localization/memory/imports"' in page and "<progress" in page
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["added"] == 3 and job.progress == job.total == 3
    assert job.message == "3 memory units imported." and not job.file  # the file is not kept after success
    assert MemoryUnit.objects.count() == 3
    listing = client.get("/en/localization/memory/imports").content.decode()
    assert "3 memory units imported." in listing and "every 2s" not in listing


def test_a_glossary_import_runs_in_the_background(world, django_capture_on_commit_callbacks):
    concept = Concept(terms=(Term("Қорқыт Ата", "kk"), Term("Korkut Ata", "tr")), id="korkyt")
    upload = SimpleUploadedFile("g.tbx", tbx_bytes([concept]))
    with django_capture_on_commit_callbacks(execute=True):
        job = services.memory_import_request(actor=world["users"]["kz_editor"], file=upload, kind="tbx")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result == {"added": 1, "updated": 0}
    assert GlossaryConcept.objects.get().code == "korkyt"


def test_an_interrupted_import_resumes_after_its_last_committed_batch(world, monkeypatch):
    monkeypatch.setattr(memory_services, "UNIT_BATCH", 2)
    job = services.memory_import_request(
        actor=world["users"]["kz_editor"], file=SimpleUploadedFile("u.tmx", _tmx(5)), kind="tmx"
    )
    calls = {"n": 0}
    real = MemoryUnit.objects.bulk_create

    def dying(rows, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("the worker's disk vanished")
        return real(rows, **kwargs)

    monkeypatch.setattr(MemoryUnit.objects, "bulk_create", dying)
    with pytest.raises(OSError):
        import_memory(job.pk, token=Job.objects.get(pk=job.pk).token)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and MemoryUnit.objects.count() == 2
    assert job.result == {"committed": 2} and job.file  # the file stays for the retry
    monkeypatch.setattr(MemoryUnit.objects, "bulk_create", real)
    jobs.job_retry(actor=world["users"]["kz_editor"], job=job)
    job.refresh_from_db()
    import_memory(job.pk, token=job.token)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result["added"] == 3
    assert sorted(MemoryUnit.objects.values_list("source_text", flat=True)) == [
        f"Сәлем {i}" for i in range(5)
    ]


def _import_bad_file(client: Client, captured, data: bytes, kind: str = "tmx") -> Job:  # type: ignore[no-untyped-def]
    with captured(execute=True):
        client.post(
            "/kk/localization/memory/",
            {"kind": kind, f"{kind}-file": SimpleUploadedFile(f"bad.{kind}", data)},
        )
    return Job.objects.latest("pk")


def test_a_bad_file_fails_the_import_with_the_reason_and_no_retry(world, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    job = _import_bad_file(client, django_capture_on_commit_callbacks, b"<tmx><oops>")
    assert job.status == JobStatus.FAILED and job.error == "invalid" and job.failure
    listing = client.get("/en/localization/memory/imports").content.decode()
    assert job.failure in listing
    assert "/retry" not in listing  # the file itself is at fault: it would fail again
    assert "every 2s" not in listing  # a failed job is not polled


def test_a_failure_for_another_reason_still_offers_a_retry(world, django_capture_on_commit_callbacks):
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    job = _import_bad_file(client, django_capture_on_commit_callbacks, b"<tmx><oops>")
    Job.objects.filter(pk=job.pk).update(error="worker_stopped", message="")
    listing = client.get("/en/localization/memory/imports").content.decode()
    assert f'action="/en/jobs/{job.pk}/retry"' in listing


WELL_FORMED = "not well-formed XML at line %(line)s, column %(column)s"
# (file, kind, the template's msgid, its Kazakh text for the test, what the failure then says)
XML_FAILURES = [
    (
        b"<tmx><oops>",
        "tmx",
        WELL_FORMED,
        "XML қате: %(line)s-жол, %(column)s-баған",
        "XML қате: 1-жол, 11-баған",
    ),
    (
        b"<tbx><oops>",
        "tbx",
        WELL_FORMED,
        "XML қате: %(line)s-жол, %(column)s-баған",
        "XML қате: 1-жол, 11-баған",
    ),
    (
        b'<!DOCTYPE tmx [<!ENTITY x "y">]><tmx>&x;</tmx>',
        "tmx",
        "the file declares XML entities, which are refused for safety",
        "XML нысандары қабылданбайды",
        "XML нысандары қабылданбайды",
    ),
    (b'<tmx version="1.4"><header/></tmx>', "tmx", "the TMX file has no <body>", "<body> жоқ", "<body> жоқ"),
    (
        b"<tmx version='1.4'><body><tu tuid='a7'><tuv xml:lang='kk'/></tu></body></tmx>",
        "tmx",
        "translation unit %(unit)s: the <tuv> for %(language)s has no <seg>",
        "%(unit)s аударма бірлігі: %(language)s <tuv> ішінде <seg> жоқ",
        "1 (a7) аударма бірлігі: kk <tuv> ішінде <seg> жоқ",
    ),
    (
        b"<tmx version='1.4'><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>",
        "tmx",
        "translation unit %(unit)s: a <tuv> has no xml:lang",
        "%(unit)s аударма бірлігі: <tuv> тілі жоқ",
        "1 аударма бірлігі: <tuv> тілі жоқ",
    ),
    (
        b"<tbx><text><body><conceptEntry id='c'><langSec xml:lang='kk'><termSec/></langSec>"
        b"</conceptEntry></body></text></tbx>",
        "tbx",
        "concept %(concept)s: a %(language)s term group has no <term>",
        "%(concept)s ұғымы: %(language)s терминдер тобында <term> жоқ",
        "1 (c) ұғымы: kk терминдер тобында <term> жоқ",
    ),
]


@pytest.mark.parametrize(("data", "kind", "msgid", "msgstr", "said"), XML_FAILURES)
def test_why_a_tmx_or_tbx_file_fails_is_said_in_the_language_of_the_import(
    world, django_capture_on_commit_callbacks, kazakh, data, kind, msgid, msgstr, said
):
    kazakh({msgid: msgstr})
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    job = _import_bad_file(client, django_capture_on_commit_callbacks, data, kind)
    assert job.status == JobStatus.FAILED and job.error == "invalid"
    assert said in job.failure and "TMX file" not in job.failure and "TBX file" not in job.failure


def test_only_memory_managers_import_and_empty_or_huge_files_are_refused(world, settings):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        services.memory_import_request(
            actor=world["users"]["translator"], file=SimpleUploadedFile("u.tmx", _tmx(1))
        )
    with pytest.raises(ValidationError) as info:
        services.memory_import_request(
            actor=world["users"]["kz_editor"], file=SimpleUploadedFile("u.tmx", b"")
        )
    assert "file" in info.value.message_dict
    settings.KORKYT_MAX_UPLOAD_MB = 0  # the one upload limit
    with pytest.raises(ValidationError) as info:
        services.memory_import_request(
            actor=world["users"]["kz_editor"], file=SimpleUploadedFile("u.tmx", _tmx(1))
        )
    assert info.value.message_dict == {"file": ["Files over 0 MB are refused."]}
    assert not Job.objects.exists()


def test_a_picture_or_a_program_renamed_tmx_is_refused_at_once_and_nothing_is_kept(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
    response = client.post(
        "/en/localization/memory/",
        {"kind": "tmx", "tmx-file": SimpleUploadedFile("units.tmx", png, content_type="application/xml")},
    )
    assert response.status_code == 200
    assert "This is not a TMX file: an XML document with a &lt;tmx&gt; element is expected." in (
        response.content.decode()
    )
    exe = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
    with pytest.raises(ValidationError) as info:
        services.memory_import_request(
            actor=world["users"]["kz_editor"], file=SimpleUploadedFile("g.tbx", exe), kind="tbx"
        )
    assert info.value.message_dict == {
        "file": ["This is not a TBX file: an XML document with a <tbx> or <martif> element is expected."]
    }
    with pytest.raises(ValidationError):  # a memory is not a glossary
        services.memory_import_request(
            actor=world["users"]["kz_editor"], file=SimpleUploadedFile("g.tbx", _tmx(1)), kind="tbx"
        )
    assert not Job.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    # UTF-16 with its BOM is text
    utf16 = _tmx(1).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert memory_services._looks_like(SimpleUploadedFile("u.tmx", utf16), "tmx")


def test_a_unit_that_cannot_be_read_is_listed_on_the_memory_page_in_kazakh(
    world, django_capture_on_commit_callbacks, kazakh
):
    kazakh({"translation unit %(unit)s: a <tuv> has no xml:lang": "%(unit)s аударма бірлігінде тіл жоқ"})
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    data = b"<tmx version='1.4'><body><tu tuid='q'><tuv><seg>a</seg></tuv></tu></body></tmx>"
    job = _import_bad_file(client, django_capture_on_commit_callbacks, data)
    assert job.status == JobStatus.FAILED and job.error == "invalid"
    listing = client.get("/kk/localization/memory/imports").content.decode()
    assert "1 (q) аударма бірлігінде тіл жоқ" in listing
    assert "has no xml:lang" not in listing


MIXED_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="kk" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="kk"><seg>Сәлем</seg></tuv><tuv xml:lang="tr"><seg>Merhaba</seg></tuv></tu>
<tu><tuv xml:lang="kk"><seg>Жалғыз</seg></tuv></tu>
<tu><tuv xml:lang="kk"><seg>Бір</seg></tuv><tuv xml:lang="kk"><seg>Бір</seg></tuv></tu>
<tu srclang="ru"><tuv xml:lang="kk"><seg>Екі</seg></tuv><tuv xml:lang="tr"><seg>İki</seg></tuv></tu>
<tu><tuv xml:lang="kk"><seg>Үш</seg></tuv><tuv xml:lang="fr"><seg>trois</seg></tuv>
 <tuv xml:lang="tr"><seg> </seg></tuv></tu>
</body></tmx>""".encode()


def test_an_import_counts_what_it_passed_over_and_says_why(
    world, django_capture_on_commit_callbacks, tmp_path
):
    from typer.testing import CliRunner

    from korkyt.cli import app

    upload = SimpleUploadedFile("mixed.tmx", MIXED_TMX)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.memory_import_request(actor=world["users"]["kz_editor"], file=upload)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and MemoryUnit.objects.count() == 1
    assert job.result == {
        "added": 1,
        "skipped": {"one_language": 2, "no_source": 1, "unknown_language": 1, "empty": 1},
    }
    assert job.message == (
        "1 memory unit imported. Skipped: 2 translation units with a single language; 1 translation unit "
        "without its source language; 1 pair in a language the platform does not list; 1 pair with no text "
        "on one side."
    )
    # the command line says the same
    path = tmp_path / "mixed.tmx"
    path.write_bytes(MIXED_TMX)
    result = CliRunner().invoke(app, ["tm", "import", str(path)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    # the page's import added the pair: the command line passes it over as already in the memory
    assert "Imported 0 units. Skipped: 2 translation units with a single language;" in said
    assert said.endswith("1 pair already in the memory.")
    # a file with nothing passed over says nothing more
    assert services.skipped_text(Counter()) == ""
