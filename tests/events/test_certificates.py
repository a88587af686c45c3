"""Certificates of attendance: issued by a background job only to those checked in, in each participant's
language and script, mailed, downloadable by the participant and verifiable by anyone at /verify/<code>."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from korkyt.core.models import AuditEntry, Job
from korkyt.events import services
from korkyt.events.models import Certificate
from korkyt.events.services.certificates import certificate_language, in_script
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    import io

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_language_and_script_of_the_certificate() -> None:
    assert certificate_language(UserFactory.build(language="kk", script="Latn")) == "kk-Latn"
    assert certificate_language(UserFactory.build(language="kk", script="")) == "kk-Cyrl"
    assert in_script("Айгерім Садықова", "kk-Latn") == "Aigerım Sadyqova"
    assert in_script("Aigerim", "kk-Latn") == "Aigerim"


def test_only_checked_in_participants_get_a_certificate_in_their_script(
    client: Client, organiser: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    event = make_event(organiser, capacity=5)
    latin = UserFactory(
        username="aigerim",
        first_name="Айгерім",
        last_name="Садықова",
        language="kk",
        script="Latn",
        email="a@example.kz",
    )
    cyrillic = UserFactory(
        username="dana", first_name="Дана", last_name="Омарова", language="kk", email="d@example.kz"
    )
    absent = UserFactory(username="absent", language="en", email="x@example.kz")
    regs = {
        u.username: services.registration_create(actor=u, event=event, answers=country_answer(event, "KZ"))
        for u in (latin, cyrillic, absent)
    }
    with pytest.raises(ValidationError):  # nobody checked in yet
        services.certificates_issue(actor=organiser, event=event)
    for name in ("aigerim", "dana"):
        services.checkin(actor=organiser, event=event, code=regs[name].code)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        job = services.certificates_issue(actor=organiser, event=event)
    job.refresh_from_db()
    assert job.status == "done" and job.result == {"issued": 2}
    assert set(Certificate.objects.values_list("registration__user__username", flat=True)) == {
        "aigerim",
        "dana",
    }
    latin_cert = Certificate.objects.get(registration__user=latin)
    assert latin_cert.language == "kk-Latn" and latin_cert.holder == "Aigerım Sadyqova"
    text = pdf_text(latin_cert.pdf.read())
    assert "Aigerım Sadyqova" in text and "/verify/" in text
    cyr = Certificate.objects.get(registration__user=cyrillic)
    assert cyr.language == "kk-Cyrl" and "Дана Омарова" in pdf_text(cyr.pdf.read())
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.kz", "d@example.kz"]
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)
    assert AuditEntry.objects.filter(action_type="events.certificate.issue").count() == 2
    # Running again issues nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = services.certificates_issue(actor=organiser, event=event)
    again.refresh_from_db()
    assert again.result == {"issued": 0} and Certificate.objects.count() == 2
    assert Job.objects.filter(kind="events.issue_certificates").count() == 2
    # The participant downloads it; others get 404; anyone can verify it.
    client.force_login(latin)
    answer = client.get(f"/kk/events/registrations/{regs['aigerim'].pk}/certificate.pdf")
    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"%PDF-")
    assert "certificate.pdf" in client.get("/kk/events/mine/").content.decode()
    client.force_login(absent)
    assert client.get(f"/kk/events/registrations/{regs['aigerim'].pk}/certificate.pdf").status_code == 404
    assert client.get(f"/kk/events/registrations/{regs['absent'].pk}/certificate.pdf").status_code == 404
    client.logout()
    page = client.get(f"/en/verify/{latin_cert.code.lower()}/")
    assert page.status_code == 200 and "This certificate is valid." in page.content.decode()
    assert "Aigerım Sadyqova" in page.content.decode()
    assert client.get("/verify/NOSUCHCODE/", follow=True).status_code == 404
    services.certificate_revoke(actor=organiser, certificate=latin_cert)
    assert "not valid" in client.get(f"/en/verify/{latin_cert.code}/").content.decode()


def test_only_organisers_issue_certificates(client: Client, organiser: Any) -> None:
    event = make_event(organiser)
    client.force_login(UserFactory(username="plain"))
    assert client.post(f"/en/events/{event.pk}/certificates").status_code == 404
    client.force_login(organiser)
    answer = client.post(f"/en/events/{event.pk}/certificates", follow=True)
    assert "Nobody is checked in yet" in answer.content.decode()
