"""Reminders before an event, a person's private calendar feed, and the retention of personal answers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.permissions import SYSTEM
from korkyt.events import managers
from korkyt.events.models import CalendarFeed, Event, EventStatus, Registration, RegistrationStatus

REMIND_BEFORE = dt.timedelta(hours=24)


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Mail every confirmed participant (with an active account) of a published event whose first session
    starts within 24 hours, once: the registration is claimed by a conditional update (``reminded_at``
    still empty), so two runs at the same moment cannot both send. Returns how many reminders were
    queued."""
    from korkyt.events import notifications

    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            user__isnull=False,  # a box-office sale is at the door already
            user__is_active=True,  # a deactivated account is written to no more
            bookable__event__status=EventStatus.PUBLISHED,
        )
        .annotate(first_start=Min("bookable__event__sessions__starts_at"))
        .filter(first_start__gt=now, first_start__lte=now + REMIND_BEFORE)
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            # Marked reminded before the mail goes: the mail is queued in this transaction (a Job row, sent
            # once it commits), and the Job's retries and failure record cover a send that fails, so the
            # mark never stands for a reminder that is silently lost.
            if Registration.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                notifications.reminder_on_commit(Registration.objects.select_related("user").get(pk=pk))
                sent += 1
    return sent


def _user_id(actor: Actor) -> int:
    if not getattr(actor, "is_authenticated", False) or actor.pk is None:
        raise PermissionDenied(_("Sign in to register."))
    return int(actor.pk)


def feed_enable(*, actor: Actor) -> CalendarFeed:
    """The person's calendar address (created on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(user_id=_user_id(actor))
    return feed


def feed_renew(*, actor: Actor) -> CalendarFeed:
    """A new address; the old one stops working at once (for a leaked link)."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user_id=_user_id(actor)).delete()
        return CalendarFeed.objects.create(user_id=_user_id(actor))


def feed_disable(*, actor: Actor) -> None:
    CalendarFeed.objects.filter(user_id=_user_id(actor)).delete()


def retention_days() -> int:
    return int(settings.KORKYT_EVENT_DATA_DAYS)


def answers_erase(*, days: int | None = None, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Erase the personal answers (registration, follow-up and feedback answers, and files) and the name
    and e-mail given at a box office, of the registrations of events (and of the bookables other apps
    register in ``events.managers``: screenings) that ended more than ``days`` ago
    (KORKYT_EVENT_DATA_DAYS). What remains is what attendance records and certificate checks need: who,
    status, country, check-ins, certificates.
    Idempotent; returns how many registrations were erased (or would be, with ``dry_run``)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days() if days is None else days)
    ended = Event.objects.annotate(last_end=Max("sessions__ends_at")).filter(last_end__lt=cutoff)
    regs = Registration.objects.filter(
        Q(bookable__in=ended.values("bookable")) | managers.ended_bookables_q(cutoff),
        answers_erased_at__isnull=True,
    ).select_related("bookable__event")
    if dry_run:
        return regs.count()
    erased = 0
    for reg in regs:
        with transaction.atomic():
            _erase_one(reg, now)
            erased += 1
    return erased


def _erase_one(reg: Registration, now: dt.datetime) -> None:
    from korkyt.events.services.followup import files_delete

    files_delete(registration=reg)
    Registration.objects.filter(pk=reg.pk).update(
        answers={},
        followup_answers={},
        feedback_answers={},
        holder_name="",
        holder_email="",
        answers_erased_at=now,
        updated_at=now,
    )
    audit_log(obj=reg, action="events.registration.answers_erase", actor=SYSTEM)
