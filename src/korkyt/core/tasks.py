"""Platform tasks: ``ping`` checks the chain broker → worker → database (tests and `korkyt check`); ``drill``
holds a worker for some seconds (the production smoke test kills its worker);
``send_mail`` delivers one rendered message, retrying while the mail server cannot be reached; the
periodic sweep of stale jobs, purge of old ones and removal of dead saves' partial files (registered in
apps.py)."""

from __future__ import annotations

import base64
import logging
import os
import re
import smtplib
import time
from typing import Any

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection

from korkyt.core.jobs import services
from korkyt.core.jobs.task import Done, Progress, job_task
from korkyt.core.models import Job

logger = logging.getLogger(__name__)


@job_task("core.ping")
def ping(job: Job, progress: Progress) -> Done:
    progress(1, total=1)
    return Done("pong", {"pong": True})


@job_task("core.drill")
def drill(job: Job, progress: Progress, seconds: int = 10) -> Done:
    """An operations drill: holds a worker for ``seconds`` (a sign of life each second), then names the
    worker that finished it. scripts/production-smoke.sh kills the worker running it to show the task is
    given to another worker and finishes exactly once."""
    from celery import current_task

    seconds = max(1, min(int(seconds), 600))
    for done in range(seconds):
        progress(done, total=seconds)
        time.sleep(1)
    progress(seconds, total=seconds)
    hostname = str(getattr(current_task.request, "hostname", "") or "")
    return Done(f"drill finished by {hostname}", {"worker": hostname, "pid": os.getpid()})


@shared_task(name="core.sweep_stale_jobs", ignore_result=True, acks_late=True)
def sweep_stale_jobs() -> int:
    """Jobs queued or running with no worker on them become failed, with a reason and a retry."""
    return services.jobs_sweep_stale()


@shared_task(name="core.purge_finished_jobs", ignore_result=True, acks_late=True)
def purge_finished_jobs() -> int:
    """Finished jobs older than the retention setting are deleted with their files."""
    return services.jobs_purge()


@shared_task(name="core.sweep_partial_files", ignore_result=True, acks_late=True)
def sweep_partial_files() -> int:
    """Temporary ``.part`` files left by saves that died mid-way (a killed process) are deleted."""
    from korkyt.core.uploads import sweep_partial_files as sweep

    return sweep()


@job_task(
    "core.send_mail",
    retry_on=(smtplib.SMTPException, OSError),
    max_retries=8,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    rerun_unfinished=False,
)
def send_mail(
    job: Job,
    progress: Progress,
    to: list[str],
    subject: str = "",
    body: str = "",
    from_email: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[dict[str, str]] | None = None,
) -> Done:
    """Send one message (already rendered in the recipient's language) through Django's mail backend,
    keeping its ``Job`` row (queued by ``core.services.mail_queue``, which keeps the message on the row:
    the task is sent only the job's id).

    A refused connection or an SMTP error is retried with a growing wait (30 s … 30 min, 8 times); each
    attempt and the reason it failed are recorded on the row. The message carries its own Message-ID (set
    when queued), so a receiving server can recognise a repeat. ``attachments`` are stored as
    ``{"filename", "content" (base64), "mimetype"}``.

    Sent at most once by this task: as soon as the server has taken the message the row records ``sent``
    and forgets the text (keeping the recipients), in one short write; a run that finds ``sent`` does not
    send. Nothing that fails after the send (that write, closing the connection, finishing the row) makes
    the task run again.
    """
    message_id = (headers or {}).get("Message-ID", "")
    if not (isinstance(job.result, dict) and job.result.get("sent")):
        message = EmailMultiAlternatives(
            subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
        )
        if html:
            message.attach_alternative(html, "text/html")
        for attachment in attachments or ():
            message.attach(
                attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
            )
        connection = get_connection()
        try:
            connection.open()
            connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as exc:
            _close(connection)
            refused = RecipientRefused(exc)  # logged and kept on the row: without the address
            if all(code >= 500 for code, _reply in exc.recipients.values()):
                raise ValidationError(str(refused)) from None  # for good (no such mailbox): not retried
            raise refused from None
        except BaseException:
            _close(connection)
            raise
        try:  # sent: from here on no error may send it again
            services.job_forget_arguments(job_id=job.pk, keep=("to",), checkpoint={"sent": True})
        except Exception:
            logger.exception("job %s: the message was sent but could not be recorded as sent", job.pk)
        finally:
            _close(connection)
    return Done(", ".join(to), {"sent": True, "to": list(to), "message_id": message_id})


_ADDRESS = re.compile(r"[^\s<>()\[\]\"',;:]+@[^\s<>()\[\]\"',;:]+")


class RecipientRefused(smtplib.SMTPException):
    """The mail server refused the recipient: its codes and replies with every address taken out, since
    the error is logged (a retry's line, the last failure) and kept on the job's row."""

    def __init__(self, refused: smtplib.SMTPRecipientsRefused) -> None:
        replies = []
        for code, reply in refused.recipients.values():
            text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
            replies.append(f"{code} {_ADDRESS.sub('<address>', text)}".strip())
        super().__init__("the mail server refused the recipient: " + "; ".join(sorted(set(replies))))


def _close(connection: Any) -> None:
    """Close a mail connection; an error doing so is logged, never raised (the message went, or the error
    that stopped it is the one to report)."""
    try:
        connection.close()
    except Exception:
        logger.warning("closing the mail connection failed", exc_info=True)
