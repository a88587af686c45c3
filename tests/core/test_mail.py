"""Mail goes through Django's backend from the ``core.send_mail`` task: to a real SMTP server (aiosmtpd run
in-process on the loopback) in production, to files under var/mail/ in the embedded default, retried while
the server is unreachable or refuses for a while."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import OperationalError, transaction
from django.test import override_settings

from korkyt.accounts.models import User
from korkyt.core.jobs.services import job_retry
from korkyt.core.models import Job, JobError, JobStatus
from korkyt.core.services import mail_queue
from korkyt.core.tasks import send_mail

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping what it receives; it can refuse the first messages with 451."""

    def __init__(self, refuse: int = 0) -> None:
        self.messages: list[Message] = []
        self.refuse = refuse
        self.attempts = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.attempts <= self.refuse:
            return "451 Try again later"
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # a free loopback port (aiosmtpd checks its own port once started)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def _smtp_settings(port: int) -> Any:
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )


def test_queued_mail_reaches_an_smtp_server_after_commit(
    smtp: tuple[Inbox, int], django_capture_on_commit_callbacks: Any
) -> None:
    inbox, port = smtp
    with _smtp_settings(port), django_capture_on_commit_callbacks(execute=True) as callbacks:
        mail_queue(subject="Сәлем", body="Қорқыт Ата", to=["aigerim@example.org"], html="<p>Қорқыт</p>")
        assert inbox.messages == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    [message] = inbox.messages
    assert message["To"] == "aigerim@example.org"
    assert str(email.header.make_header(email.header.decode_header(message["Subject"]))) == "Сәлем"
    assert message["Message-ID"]
    parts = {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert parts["text/plain"].strip() == "Қорқыт Ата"
    assert "<p>Қорқыт</p>" in parts["text/html"]


def test_mail_refused_for_a_while_is_retried_until_delivered_and_its_job_records_the_attempts(
    smtp: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    inbox, port = smtp
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)  # let eager retries run
    inbox.refuse = 2
    # Eager mode runs the task and its retries here, without the broker's waits.
    with _smtp_settings(port), django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(subject="Retry", body="secret link", to=["r@example.org"])
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    assert inbox.attempts == 3
    assert [m["Subject"] for m in inbox.messages] == ["Retry"]
    job.refresh_from_db()
    assert (job.kind, job.task, job.status, job.attempts) == ("mail", "core.send_mail", JobStatus.DONE, 3)
    assert job.result["to"] == ["r@example.org"]
    assert job.result["message_id"] == inbox.messages[0]["Message-ID"]
    # Once delivered, the row keeps the recipients, not the text (with its links).
    assert job.arguments == {"to": ["r@example.org"]}


def test_mail_the_server_keeps_refusing_fails_its_job_with_the_reason_and_can_be_retried(
    smtp: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    inbox, port = smtp
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    inbox.refuse = 100
    with _smtp_settings(port), django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(subject="Never", body="body", to=["n@example.org"])
    job.refresh_from_db()
    assert inbox.attempts == 9  # the first try and 8 retries
    assert (job.status, job.error, job.attempts) == (JobStatus.FAILED, JobError.EXTERNAL, 9)
    assert "9" in job.message and "SMTP" in job.message
    # The message is kept on the failed row, so a platform administrator can send it again.
    assert job.arguments["body"] == "body" and job.arguments["to"] == ["n@example.org"]
    inbox.refuse = 0
    admin = User.objects.create_superuser("root", "root@example.org", "a long enough passphrase 42")
    with _smtp_settings(port), django_capture_on_commit_callbacks(execute=True):
        job_retry(actor=admin, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and [m["Subject"] for m in inbox.messages] == ["Never"]


def test_mail_rolled_back_with_its_transaction_leaves_no_job_and_sends_nothing(
    smtp: tuple[Inbox, int], django_capture_on_commit_callbacks: Any
) -> None:
    inbox, port = smtp
    with _smtp_settings(port), django_capture_on_commit_callbacks(execute=False) as callbacks:
        try:
            with transaction.atomic():
                mail_queue(subject="Gone", body="body", to=["g@example.org"])
                raise RuntimeError("the write failed")
        except RuntimeError:
            pass
    assert callbacks == [] and not Job.objects.filter(kind="mail").exists() and inbox.messages == []


def test_embedded_default_writes_each_message_to_a_file_under_var_mail(
    tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    folder = tmp_path / "var" / "mail"
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=folder
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mail_queue(
            subject="Confirm", body="http://testserver/en/accounts/confirm-email/KEY/", to=["a@example.org"]
        )
    [written] = list(folder.iterdir())
    text = written.read_text(encoding="utf-8")
    assert "To: a@example.org" in text
    assert "/en/accounts/confirm-email/KEY/" in text


def test_default_settings_write_mail_under_var_unless_an_smtp_host_is_set() -> None:
    from django.conf import settings

    assert Path(settings.EMAIL_FILE_PATH) == Path(settings.VAR_DIR) / "mail"


def test_the_message_sent_to_the_broker_carries_only_the_job_id_and_its_token(
    mailoutbox: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    """Celery logs a task's arguments (received, retried, failed): a sign-in link or an address must not be
    among them. The worker reads the message from the job's row."""
    sent: list[tuple[str, Any, Any]] = []
    app = send_mail.app
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(
        app, "send_task", lambda name, args=(), kwargs=None, **_o: sent.append((name, args, kwargs))
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(
            subject="Reset your password",
            body="https://korkyt.example/reset/SECRET-KEY/",
            to=["aigerim@example.org"],
            html="<a href='https://korkyt.example/reset/SECRET-KEY/'>reset</a>",
        )
    job.refresh_from_db()
    [(name, args, kwargs)] = sent
    assert (name, tuple(args), kwargs) == ("core.send_mail", (job.pk,), {"token": job.token})
    assert job.arguments["body"] == "https://korkyt.example/reset/SECRET-KEY/"  # kept on the row meanwhile
    # What the worker is given is enough to deliver the message.
    send_mail.apply(args=args, kwargs=kwargs)
    [message] = mailoutbox
    assert message.to == ["aigerim@example.org"] and "SECRET-KEY" in message.body
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.arguments == {"to": ["aigerim@example.org"]}


def test_a_job_run_eagerly_is_given_only_its_id_and_token(
    mailoutbox: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    given: list[tuple[Any, Any]] = []
    task = send_mail.app.tasks["core.send_mail"]
    apply = task.apply

    def recording_apply(args: Any = None, kwargs: Any = None, **options: Any) -> Any:
        given.append((args, kwargs))
        return apply(args, kwargs, **options)

    monkeypatch.setattr(task, "apply", recording_apply)
    with django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(subject="Sign in", body="https://korkyt.example/login/LINK/", to=["b@example.org"])
    job.refresh_from_db()
    assert given == [((job.pk,), {"token": job.token})]
    [message] = mailoutbox
    assert message.subject == "Sign in" and job.status == JobStatus.DONE


def _run_again(job: Job) -> None:
    """The same message delivered once more (a worker that died before acknowledging it)."""
    job.refresh_from_db()
    send_mail.apply(args=(job.pk,), kwargs={"token": job.token})


def test_a_failure_recording_the_delivery_does_not_send_the_message_twice(
    mailoutbox: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from korkyt.core.jobs import services

    def locked(**_kwargs: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)  # let eager retries run
    monkeypatch.setattr(services, "job_forget_arguments", locked)
    with django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(subject="Once", body="https://korkyt.example/confirm/KEY/", to=["o@example.org"])
    _run_again(job)
    assert [m.subject for m in mailoutbox] == ["Once"]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1


def test_an_error_closing_the_mail_connection_after_the_send_does_not_send_it_twice(
    mailoutbox: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.mail.backends import locmem

    def reset(self: Any) -> None:
        raise OSError("connection reset by peer")

    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    monkeypatch.setattr(locmem.EmailBackend, "close", reset)
    with django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(subject="Once", body="text", to=["o@example.org"])
    _run_again(job)
    assert [m.subject for m in mailoutbox] == ["Once"]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.arguments == {"to": ["o@example.org"]}


def test_a_sent_message_whose_job_could_not_be_finished_is_not_sent_again(
    mailoutbox: Any, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    from korkyt.core.jobs import services

    finish = services.job_finish
    failures = [OperationalError("database is locked")]

    def finish_once_locked(**kwargs: Any) -> Job:
        if failures:
            raise failures.pop()
        return finish(**kwargs)

    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    monkeypatch.setattr(services, "job_finish", finish_once_locked)
    with django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(subject="Once", body="text", to=["o@example.org"])
    _run_again(job)
    assert [m.subject for m in mailoutbox] == ["Once"]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.arguments == {"to": ["o@example.org"]}
    assert job.result["sent"] is True and job.result["to"] == ["o@example.org"]


def test_attachments_are_kept_with_the_queued_message_and_forgotten_once_it_is_delivered(
    mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    pdf = b"%PDF-1.7\n\x00\xff binary ticket"
    ics = "BEGIN:VCALENDAR\r\nSUMMARY:Қорқыт\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        job = mail_queue(
            subject="Your ticket",
            body="attached",
            to=["t@example.org"],
            attachments=[("ticket.pdf", pdf, "application/pdf"), ("event.ics", ics, "text/calendar")],
        )
        queued = Job.objects.get(pk=job.pk).arguments
        assert [a["filename"] for a in queued["attachments"]] == ["ticket.pdf", "event.ics"]
        assert "binary ticket" not in str(queued)  # stored as base64 in the JSON arguments
    [message] = mailoutbox
    assert message.attachments[0] == ("ticket.pdf", pdf, "application/pdf")
    (name, content, mimetype) = message.attachments[1]
    assert (name, mimetype) == ("event.ics", "text/calendar") and content == ics
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.arguments == {"to": ["t@example.org"]}


class RefusingInbox(Inbox):
    """Refuses every recipient with ``code``, naming the address as real servers do."""

    def __init__(self, code: int) -> None:
        super().__init__()
        self.code = code

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        return f"{self.code} 5.1.1 <{address}>: Recipient address rejected: User unknown"


@pytest.mark.parametrize(
    ("code", "error", "attempts"),
    [(550, JobError.INVALID, 1), (450, JobError.EXTERNAL, 9)],  # for good: once; for a while: retried
)
def test_a_refused_recipients_address_is_kept_out_of_the_logs_and_the_jobs_reason(
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
    code: int,
    error: str,
    attempts: int,
) -> None:
    import logging

    inbox = RefusingInbox(code)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith("mail.log"):  # the test's own SMTP server (aiosmtpd) logs its dialogue
                return
            records.append(
                f"{record.name}: {record.getMessage()}" + (self.format(record) if record.exc_info else "")
            )

    keep = Keep()
    logging.getLogger().addHandler(keep)
    monkeypatch.setitem(send_mail.app.conf, "task_eager_propagates", False)
    try:
        with _smtp_settings(port), django_capture_on_commit_callbacks(execute=True):
            job = mail_queue(subject="Hello", body="body", to=["secret.person@example.org"])
    finally:
        logging.getLogger().removeHandler(keep)
        controller.stop()
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (JobStatus.FAILED, error, attempts)
    assert str(code) in job.message and "refused the recipient" in job.message
    assert "secret.person" not in job.message
    assert records and not [r for r in records if "secret.person" in r]
