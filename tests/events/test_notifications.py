"""Mail to participants goes through the mail queue (core.services.mail_queue): a job row per message, sent
after the transaction commits with its attachments, retried when the mail server fails; nothing is written
to a person whose account is deactivated."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.test import Client

from korkyt.core.models import Job, JobStatus
from korkyt.core.tasks import send_mail
from korkyt.events import services
from korkyt.events.models import Certificate, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2027, 5, 12, 5, 0, tzinfo=dt.UTC)  # make_event: 10:00 in Aktau


def test_a_registration_mail_is_queued_with_its_attachments_and_sent_once_the_transaction_commits(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=2)
    alice = UserFactory(username="alice", email="alice@example.kz", language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reg = services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    assert mail.outbox == []  # no mail work in the request itself
    (job,) = Job.objects.filter(kind="mail")
    names = [a["filename"] for a in job.arguments["attachments"]]
    assert job.status == JobStatus.QUEUED and names == [f"event-{event.pk}.ics", f"ticket-{reg.code}.png"]
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.kz"] and sent.subject.startswith("Your seat is confirmed")
    assert [(a[0], a[2]) for a in sent.attachments] == [
        (f"event-{event.pk}.ics", "text/calendar"),
        (f"ticket-{reg.code}.png", "image/png"),
    ]
    assert sent.attachments[1][1].startswith(b"\x89PNG")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.arguments == {"to": ["alice@example.kz"]}


def test_a_registration_mail_the_server_refuses_once_is_sent_on_the_retry(
    organiser: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = make_event(organiser, capacity=2)
    alice = UserFactory(username="alice", email="alice@example.kz")
    send = locmem.EmailBackend.send_messages
    refusals = [smtplib.SMTPServerDisconnected("the server went away")]

    def flaky(self: Any, messages: Any) -> int:
        if refusals:
            raise refusals.pop()
        return send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", flaky)
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)  # let eager retries run
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(actor=alice, event=event, answers=country_answer(event, "KZ"))
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.kz"]
    (job,) = Job.objects.filter(kind="mail")
    assert job.status == JobStatus.DONE and job.attempts == 2


def test_a_deactivated_account_gets_no_mail_about_its_registration(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=5)
    gone = UserFactory(username="gone", email="gone@example.kz")
    reg = services.registration_create(actor=gone, event=event, answers=country_answer(event, "KZ"))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    Job.objects.filter(kind="mail").delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=organiser, registration=Registration.objects.get(pk=reg.pk))
    assert Registration.objects.get(pk=reg.pk).status == "cancelled"
    assert mail.outbox == [] and not Job.objects.filter(kind="mail").exists()


def test_reminders_skip_deactivated_accounts_and_leave_them_unmarked(
    organiser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(organiser, capacity=5)
    alice = UserFactory(username="alice", email="alice@example.kz")
    gone = UserFactory(username="gone", email="gone@example.kz")
    for user in (alice, gone):
        services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=START - dt.timedelta(hours=20)) == 1
    assert [m.to for m in mail.outbox] == [["alice@example.kz"]]
    assert Registration.objects.get(user=gone).reminded_at is None
    (job,) = Job.objects.filter(kind="mail", status=JobStatus.DONE, result__to=["alice@example.kz"])
    assert job.attempts == 1


def test_a_deactivated_account_gets_its_certificate_issued_but_not_mailed(
    client: Client, organiser: Any, django_capture_on_commit_callbacks: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    event = make_event(organiser, capacity=5)
    alice = UserFactory(username="alice", email="alice@example.kz", language="en")
    gone = UserFactory(username="gone", email="gone@example.kz", language="en")
    for user in (alice, gone):
        reg = services.registration_create(actor=user, event=event, answers=country_answer(event, "KZ"))
        services.checkin(actor=organiser, event=event, code=reg.code)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.certificates_issue(actor=organiser, event=event)
    assert Certificate.objects.count() == 2
    (sent,) = mail.outbox
    assert sent.to == ["alice@example.kz"] and sent.attachments[0][2] == "application/pdf"
    assert sent.attachments[0][1].startswith(b"%PDF-")
