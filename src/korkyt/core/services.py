"""Writes shared by every app: mail queued for the background. Background jobs have their own module:
:mod:`korkyt.core.jobs.services`."""

from __future__ import annotations

from django.db import transaction


def mail_queue(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Send a rendered message in the background (task ``core.send_mail``) once the transaction commits."""
    from celery import current_app
    from django.core.mail import make_msgid

    headers = {"Message-ID": make_msgid(domain="korkyt"), **(headers or {})}
    if "core.send_mail" not in current_app.tasks:
        current_app.loader.import_default_modules()  # finds every app's tasks.py (autodiscovery)
    task = current_app.tasks["core.send_mail"]  # queued by name: services never import tasks
    kwargs = {"subject": subject, "body": body, "to": to, "from_email": from_email, "html": html}
    transaction.on_commit(lambda: task.delay(**kwargs, headers=headers))
