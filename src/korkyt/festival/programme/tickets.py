"""Tickets of public screenings through the one booking engine (korkyt.events.booking): each public or
gala screening of a published grid carries a Bookable whose capacity is the room's seats minus the held
seats (jury, press, guests). Ticket holders of a moved or cancelled screening are told in their language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from korkyt.events import booking
from korkyt.events.models import HOLDING, Bookable, Registration
from korkyt.festival.models import Edition
from korkyt.festival.programme.models import Screening, ScreeningKind, ScreeningState

TICKETED = (ScreeningKind.PUBLIC, ScreeningKind.GALA)


def capacity_of(screening: Screening) -> int:
    return max(screening.room.seats - screening.held_seats, 0)


def bookables_ensure(*, edition: Edition) -> int:
    """Give every ticketed screening of the edition without one its Bookable; returns how many."""
    made = 0
    for screening in (
        Screening.objects.filter(edition=edition, kind__in=TICKETED, bookable__isnull=True)
        .exclude(state=ScreeningState.CANCELLED)
        .select_related("room")
    ):
        screening.bookable = Bookable.objects.create(
            capacity=capacity_of(screening), waitlist=True, closes_at=screening.starts_at
        )
        screening.save(update_fields=["bookable", "updated_at"])
        made += 1
    return made


def book(*, screening: Screening, user: Any) -> Registration:
    """A ticket (or a waiting-list place) for ``user``; the engine's BookingError when refused."""
    if screening.bookable_id is None or screening.state == ScreeningState.CANCELLED:
        raise booking.BookingError(_("Registration is closed."), "registration_closed")
    with transaction.atomic():
        reg = booking.book(bookable_id=screening.bookable_id, user=user, country=str(user.country or ""))
        transaction.on_commit(lambda: ticket_mail(reg))
    return reg


def screening_title(screening: Screening, language: str) -> str:
    from korkyt.festival.selectors import submission_title

    return submission_title(screening.submission, language).text


def notify_holders(*, screening_id: int) -> int:
    """Mail every holder of a ticket (or waiting-list place) of the screening, in their language, that it
    moved (with the new time and room) or was cancelled. Returns how many were told."""
    from korkyt.core.services import mail_queue

    screening = Screening.objects.select_related("room__venue", "submission__film").get(pk=screening_id)
    if screening.bookable_id is None:
        return 0
    regs = Registration.objects.filter(
        bookable=screening.bookable_id, status__in=[*HOLDING, "waitlisted"]
    ).select_related("user")
    told = 0
    base = getattr(settings, "KORKYT_BASE_URL", "")
    for reg in regs:
        user = reg.user
        if not user.email:
            continue
        language = getattr(user, "language", "") or "en"
        with translation.override(language):
            title = screening_title(screening, language)
            when = formats.date_format(timezone.localtime(screening.starts_at), "DATETIME_FORMAT")
            url = base + reverse("festival:public_programme", args=[screening.edition.number])
            if screening.state == ScreeningState.CANCELLED:
                subject = _("Screening cancelled: %(title)s") % {"title": title}
                body = _("The screening of “%(title)s” is cancelled. Your ticket is void.") % {"title": title}
            else:
                subject = _("Screening moved: %(title)s") % {"title": title}
                body = _(
                    "The screening of “%(title)s” moved to %(when)s, %(room)s. Your ticket stays valid."
                ) % {
                    "title": title,
                    "when": when,
                    "room": str(screening.room),
                }
            mail_queue(subject=subject, body=f"{body}\n\n{url}\n", to=[user.email])
        told += 1
    return told


def checkin(*, actor: Any, screening: Screening, code: str) -> Any:
    """Record the holder of ticket ``code`` present at the screening (the events check-in; idempotent)."""
    from korkyt.core.validation import require_perm
    from korkyt.events.services.attendance import checkin_bookable

    require_perm(actor, "festival.manage_edition", screening.edition)
    if screening.bookable_id is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"code": [_("This screening has no tickets.")]})
    return checkin_bookable(actor=actor, bookable_id=screening.bookable_id, code=code)


@booking.on_status_change
def _status_changed(reg: Registration, old: str) -> None:
    ticket_mail(reg)


def ticket_mail(reg: Registration) -> None:
    """The holder of a screening's ticket gets it by mail in their language: the QR code attached, the
    ticket page and the screening's ICS (waiting-list places and cancellations are told too)."""
    from django.core.mail import EmailMessage

    from korkyt.festival.programme.selectors import screening_ics

    screening = (
        Screening.objects.filter(bookable=reg.bookable_id).select_related("room__venue", "edition").first()
    )
    user = reg.user
    if screening is None or not user.email:
        return
    from korkyt.events import tickets as event_tickets

    base = getattr(settings, "KORKYT_BASE_URL", "")
    language = user.language or "en"
    with translation.override(language):
        title = screening_title(screening, language)
        when = formats.date_format(timezone.localtime(screening.starts_at), "DATETIME_FORMAT")
        if reg.status == "confirmed":
            subject = _("Your ticket: %(title)s") % {"title": title}
            body = _("Your ticket for “%(title)s”, %(when)s, %(room)s (QR code attached): %(url)s") % {
                "title": title,
                "when": when,
                "room": str(screening.room),
                "url": base + reverse("festival:screening_ticket", args=[reg.pk]),
            }
        elif reg.status == "waitlisted":
            subject = _("You are on the waiting list: %(title)s") % {"title": title}
            body = _(
                "“%(title)s” is full. You are number %(n)s on the waiting list; we will write when a seat frees."  # noqa: E501
            ) % {
                "title": title,
                "n": reg.position,
            }
        else:
            return
        mail = EmailMessage(subject=subject, body=body + "\n", to=[user.email])
        url = base + reverse("festival:public_programme", args=[screening.edition.number])
        mail.attach(f"screening-{screening.pk}.ics", screening_ics(screening, language, url), "text/calendar")
        if reg.status == "confirmed":
            mail.attach(f"ticket-{reg.code}.png", event_tickets.qr_png(reg.code), "image/png")
    mail.send(fail_silently=True)
