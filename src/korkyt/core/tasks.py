"""Platform tasks. ``ping`` checks the chain broker → worker → database (tests and `korkyt check`);
``send_mail`` delivers one rendered message, retrying while the mail server cannot be reached."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives, get_connection

from korkyt.core import services
from korkyt.core.models import Job, JobStatus


@shared_task(name="core.ping", ignore_result=True)
def ping(job_id: int) -> None:
    if Job.objects.filter(pk=job_id, status=JobStatus.DONE).exists():
        return  # idempotent: a redelivered message changes nothing
    services.job_start(job_id=job_id, total=1)
    services.job_finish(job_id=job_id, message="pong")


@shared_task(
    name="core.send_mail",
    ignore_result=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_mail(
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send one message (already rendered in the recipient's language) through Django's mail backend.

    A refused connection or an SMTP error is retried with a growing wait (30 s … 30 min, 8 times). The
    message carries its own Message-ID (set when queued), so a receiving server can recognise a repeat.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    with get_connection() as connection:
        connection.send_messages([message])
