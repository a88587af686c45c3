"""Writes shared by every app: mail queued for the background. Background jobs have their own module:
:mod:`korkyt.core.jobs.services`."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from korkyt.core.jobs.services import enqueue, job_create
from korkyt.core.models import Job

MAIL_TASK = "core.send_mail"


def mail_queue(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: Sequence[tuple[str, bytes | str, str]] = (),
) -> Job:
    """Send a rendered message in the background (task ``core.send_mail``) once the transaction commits.

    Like all background work it keeps a ``Job`` row (kind ``mail``): its attempts, the reason of a failed
    attempt, and whether the message finally went or failed (then a platform administrator may retry it).
    The message is kept on the row (the task is sent only the job's id: Celery logs what a task is sent),
    and its text stays there only until it is delivered.

    ``attachments`` are ``(filename, content, mimetype)`` as Django's ``EmailMessage.attach`` takes them
    (``("event-3.ics", ics_text, "text/calendar")``, ``("ticket-AB12.png", png_bytes, "image/png")``): text
    is stored as UTF-8, and the bytes as base64 with the message's other arguments, forgotten with its text
    once it is delivered."""
    from django.core.mail import make_msgid

    headers = {"Message-ID": make_msgid(domain="korkyt"), **(headers or {})}
    job = job_create(kind="mail")
    enqueue(
        job,
        MAIL_TASK,
        subject=subject,
        body=body,
        to=list(to),
        from_email=from_email,
        html=html,
        headers=headers,
        attachments=[_attachment(name, content, mimetype) for name, content, mimetype in attachments],
    )
    return job


def _attachment(filename: str, content: bytes | str, mimetype: str) -> dict[str, str]:
    data = content.encode() if isinstance(content, str) else bytes(content)
    return {"filename": filename, "content": base64.b64encode(data).decode("ascii"), "mimetype": mimetype}
