"""Mail to participants in their own interface language, with the event's ICS attached: on registration
and whenever the booking engine changes a registration (promotion, offer, decision), a certificate of
attendance, a reminder. Queued with ``core.services.mail_queue``: a ``Job`` row per message, sent by a worker
after the transaction commits and retried while the mail server fails (no mail work in a web request).
Nothing is written to a person whose account is deactivated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.core.services import mail_queue
from korkyt.core.timezones import wall_time
from korkyt.events import booking, tickets, waitlist
from korkyt.events.calendar import CANCEL, REQUEST, event_ics, notice_method
from korkyt.events.models import Certificate, Event, EventStatus, Registration, RegistrationStatus
from korkyt.events.selectors import event_title
from korkyt.events.services.certificates import verify_url

S = RegistrationStatus


@dataclass
class Mail:
    """One rendered message, for :func:`korkyt.core.services.mail_queue`."""

    subject: str
    body: str
    to: str
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)

    def attach(self, filename: str, content: bytes | str, mimetype: str) -> None:
        self.attachments.append((filename, content, mimetype))

    def queue(self) -> None:
        """Queued with the surrounding transaction: sent once it commits, dropped if it rolls back."""
        mail_queue(subject=self.subject, body=self.body, to=[self.to], attachments=self.attachments)


def _queue(mail: Mail | None) -> None:
    if mail is not None:
        mail.queue()


def _deactivated(user: object) -> bool:
    return user is not None and not getattr(user, "is_active", True)


def _offer_until(reg: Registration, event: Event) -> str:
    """When an offered seat goes to the next person, as a wall time of the event's place."""
    if reg.offer_expires_at is None:
        return ""
    return wall_time(reg.offer_expires_at, event.time_zone)


def _body(reg: Registration, event: Event, title: str) -> tuple[str, str]:
    if reg.status == S.CANCELLED and event.status == EventStatus.CANCELLED:
        return _("Event cancelled: %(title)s") % {"title": title}, _(
            "We are sorry: “%(title)s” is cancelled and will not take place. Your registration is "
            "cancelled with it; the calendar file attached removes the event from your calendar."
        ) % {"title": title}
    if reg.status == S.CONFIRMED:
        return _("Your seat is confirmed: %(title)s") % {"title": title}, _(
            "Your seat at “%(title)s” is confirmed. The calendar file is attached."
        ) % {"title": title}
    if reg.status == S.WAITLISTED:
        return _("You are on the waiting list: %(title)s") % {
            "title": title
        }, f"{title}\n\n{waitlist.line(reg)}"
    if reg.status == S.OFFERED:
        return _("A seat is free for you: %(title)s") % {"title": title}, _(
            "A seat at “%(title)s” is free for you. Accept it in “My registrations” before %(until)s."
        ) % {"title": title, "until": _offer_until(reg, event)}
    if reg.status == S.PENDING:
        return _("Application received: %(title)s") % {"title": title}, _(
            "We received your application for “%(title)s”. The organisers will decide soon."
        ) % {"title": title}
    if reg.status == S.REJECTED:
        return _("Your application: %(title)s") % {"title": title}, _(
            "We are sorry: there is no seat for you at “%(title)s” this time."
        ) % {"title": title}
    return _("Registration cancelled: %(title)s") % {"title": title}, _(
        "Your registration for “%(title)s” is cancelled."
    ) % {"title": title}


def registration_mail(reg: Registration, old: str = "") -> Mail | None:
    """The mail about ``reg``'s status to its holder: the account's address, or the one given at the box
    office (a walk-in without one gets nothing: the desk hands the ticket over; a deactivated account gets
    nothing either). A walk-in's mail has the QR code attached but no link to a ticket page, which needs an
    account. The ICS attached: METHOD:REQUEST for a seat held or offered; METHOD:CANCEL when the event is
    cancelled, or when a seat held (``old``) is given back or refused, which removes the entry."""
    if reg.user_id is not None:
        # sent once the change commits: the registration, or its account, may be gone by then (a person
        # deleting their account gives their bookings back): nobody to write to
        holder = Registration.objects.filter(pk=reg.pk).values_list("user", flat=True).first()
        if holder != reg.user_id:
            return None
    email, language = reg.contact_email, reg.contact_language
    event = Event.objects.filter(bookable=reg.bookable_id).first()
    if not email or event is None or _deactivated(reg.user):
        return None
    with translation.override(language):
        title = event_title(event, language).text
        subject, text = _body(reg, event, title)
        url = getattr(settings, "KORKYT_BASE_URL", "") + reverse("events:event_detail", args=[event.pk])
        mail = Mail(subject=subject, body=f"{text}\n\n{url}\n", to=email)
        given_back = reg.status in (S.CANCELLED, S.REJECTED) and old in (S.CONFIRMED, S.OFFERED)
        if reg.status in (S.CONFIRMED, S.OFFERED) or event.status == EventStatus.CANCELLED or given_back:
            method = CANCEL if given_back else notice_method(event)
            ics = event_ics(event, language, url, method=method, attendee=email)
            mail.attach(f"event-{event.pk}.ics", ics, "text/calendar")
        if reg.status == S.CONFIRMED and reg.user is not None:
            ticket = getattr(settings, "KORKYT_BASE_URL", "") + reverse("events:ticket", args=[reg.pk])
            mail.body += "\n" + _("Your ticket (QR code, also attached): %(url)s") % {"url": ticket} + "\n"
        if reg.status == S.CONFIRMED:
            mail.attach(f"ticket-{reg.code}.png", tickets.qr_png(reg.code), "image/png")
    return mail


def send_registration_mail(reg: Registration, old: str = "") -> None:
    """Queue the mail about ``reg``'s status (sent once the current transaction, if any, commits);
    ``old``: its status before the change."""
    _queue(registration_mail(reg, old))


def send_on_commit(reg: Registration) -> None:
    """The mail about a registration just made, queued in the transaction that makes it: sent after it
    commits (the queue defers the sending), dropped with it if it rolls back."""
    send_registration_mail(reg)


@booking.on_status_change
def _status_changed(reg: Registration, old: str) -> None:
    send_registration_mail(reg, old)  # the booking engine calls its listeners once the change is committed


#: What a participant is told about when it changes: each session's times and room, and the place.
Arrangements = tuple[tuple[tuple[Any, Any, str], ...], tuple[str, str, str]]


def arrangements(event: Event) -> Arrangements:
    """The event's sessions (start, end, room) in time order and its venue, address and online link, to
    tell whether an edit moved it (:func:`moved_on_commit`)."""
    sessions = tuple(sorted((s.starts_at, s.ends_at, s.room) for s in event.sessions.all()))
    return sessions, (event.venue, event.address, event.online_url)


def moved_mail(reg: Registration, event: Event) -> Mail | None:
    """Tell ``reg``'s holder, in their language, that the event's times or place changed: the sessions as
    they are now, the place, and the updated ICS (METHOD:REQUEST, a higher SEQUENCE: the entry a calendar
    keeps under the same UID moves)."""
    email, language = reg.contact_email, reg.contact_language
    if not email or _deactivated(reg.user):
        return None
    with translation.override(language):
        title = event_title(event, language).text
        url = getattr(settings, "KORKYT_BASE_URL", "") + reverse("events:event_detail", args=[event.pk])
        lines = [
            "· " + ", ".join(p for p in (wall_time(s.starts_at, event.time_zone), s.title, s.room) if p)
            for s in event.sessions.order_by("starts_at")
        ]
        place = ", ".join(p for p in (event.venue, event.address) if p) or event.online_url
        subject = _("Changed: %(title)s") % {"title": title}
        body = _("The time or the place of “%(title)s” has changed. Your registration stays as it is.") % {
            "title": title
        }
        text = "\n".join(
            [body, "", _("Now:"), *lines, place, "", _("The updated calendar file is attached.")]
        )
        mail = Mail(subject=subject, body=f"{text}\n\n{url}\n", to=email)
        ics = event_ics(event, language, url, method=REQUEST, attendee=email)
        mail.attach(f"event-{event.pk}.ics", ics, "text/calendar")
    return mail


def moved_on_commit(event: Event, before: Arrangements) -> int:
    """When an edit changed a published event's session times, rooms or place (``before``: its
    :func:`arrangements` then), queue the news to everyone holding or waiting for a seat (confirmed,
    offered, waitlisted), sent once the edit commits. Returns how many were queued."""
    if event.status != EventStatus.PUBLISHED or arrangements(event) == before:
        return 0
    queued = 0
    regs = Registration.objects.filter(
        bookable=event.bookable_id, status__in=[S.CONFIRMED, S.OFFERED, S.WAITLISTED]
    )
    for reg in regs.select_related("user").order_by("pk"):
        mail = moved_mail(reg, event)
        if mail is not None:
            mail.queue()
            queued += 1
    return queued


def certificate_mail(cert: Certificate) -> Mail | None:
    user = cert.registration.user
    if user is None or not user.email or _deactivated(user):
        return None
    with translation.override(user.language or "en"):
        subject = _("Your certificate of attendance: %(title)s") % {"title": cert.title}
        body = _("Your certificate of attendance is attached. Anyone can check it at %(url)s") % {
            "url": verify_url(cert.code)
        }
        mail = Mail(subject=subject, body=body + "\n", to=user.email)
        if cert.pdf:
            with cert.pdf.open("rb") as f:
                mail.attach(f"certificate-{cert.code}.pdf", f.read(), "application/pdf")
    return mail


def certificate_on_commit(cert: Certificate) -> None:
    """Queue the certificate's mail (its PDF attached) in the transaction that issues it."""
    _queue(certificate_mail(cert))


def reminder_mail(reg: Registration) -> Mail | None:
    user = reg.user
    event = Event.objects.filter(bookable=reg.bookable_id).first()
    if user is None or not user.email or event is None:  # a box-office sale: the desk hands the ticket
        return None
    if _deactivated(user):
        return None
    first = event.sessions.order_by("starts_at").first()
    with translation.override(user.language or "en"):
        title = event_title(event, user.language).text
        when = wall_time(first.starts_at, event.time_zone) if first is not None else ""
        base = settings.KORKYT_BASE_URL
        url = base + reverse("events:event_detail", args=[event.pk])
        ticket = base + reverse("events:ticket", args=[reg.pk])
        subject = _("Reminder: %(title)s") % {"title": title}
        body = _("“%(title)s” starts %(when)s. Your ticket with its QR code: %(ticket)s") % {
            "title": title,
            "when": when,
            "ticket": ticket,
        }
        mail = Mail(subject=subject, body=f"{body}\n\n{url}\n", to=user.email)
        ics = event_ics(event, user.language, url, method=REQUEST, attendee=user.email)
        mail.attach(f"event-{event.pk}.ics", ics, "text/calendar")
    return mail


def reminder_on_commit(reg: Registration) -> None:
    """Queue the reminder in the transaction that marks it sent: sent after it commits."""
    _queue(reminder_mail(reg))
