"""Thin Celery tasks of the events app."""

from __future__ import annotations

from celery import shared_task
from django.utils.translation import ngettext

from korkyt.core.jobs.task import Done, Progress, job_task
from korkyt.core.models import Job
from korkyt.events import services


@shared_task(name="events.expire_offers", ignore_result=True)
def expire_offers() -> int:
    """Offers of freed seats past their time pass on to the next person (periodic; idempotent)."""
    return services.offers_expire()


@shared_task(name="events.release_held_seats", ignore_result=True, acks_late=True)
def release_held_seats() -> int:
    """Held seats (jury, press, guests) whose time has come go on sale, waiting list first (periodic;
    idempotent)."""
    from korkyt.events import booking

    return booking.held_release_due()


@job_task("events.issue_certificates")
def issue_certificates(job: Job, progress: Progress, event_id: int) -> Done:
    """Certificates of attendance for everyone checked in at the event who has none yet."""
    issued = services.certificates_render(event_id=event_id, progress=progress)
    return Done(
        ngettext("%(n)s certificate issued", "%(n)s certificates issued", issued) % {"n": issued},
        {"issued": issued},
    )


@shared_task(name="events.send_reminders", ignore_result=True, acks_late=True)
def send_reminders() -> int:
    """Reminders for events starting within 24 hours (periodic; each person reminded once)."""
    return services.reminders_send()


@shared_task(name="events.erase_answers", ignore_result=True, acks_late=True)
def erase_answers() -> int:
    """Personal answers of events ended longer ago than KORKYT_EVENT_DATA_DAYS are erased (daily)."""
    return services.answers_erase()
