"""Check-in: an organiser reads a ticket's code (scanned, typed or pasted) or picks a name; the first read
records the participant present for the session, every later read says when that was. Audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.validation import require_perm
from korkyt.events import booking
from korkyt.events.models import (
    CheckIn,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Session,
    normalize_code,
)


@dataclass(frozen=True)
class CheckInResult:
    registration: Registration
    checkin: CheckIn
    created: bool  # False: this ticket was already checked in for the session


def checkin(*, actor: Actor, event: Event, code: str, session: Session | None = None) -> CheckInResult:
    """Record the holder of ticket ``code`` present at ``session`` of ``event`` (None: the event's first
    session, or the event as a whole when it has none). Idempotent: a second read of the same ticket
    changes nothing and returns the first check-in. Refused with a ValidationError on ``code``: an
    unknown code (or another event's), a registration without a confirmed seat, an event that is not
    published (a draft, a cancelled or a held event)."""
    require_perm(actor, "events.manage_registrations", event)
    if Event.objects.filter(pk=event.pk).values_list("status", flat=True).first() != EventStatus.PUBLISHED:
        raise ValidationError({"code": [_("This event is not taking place: there is no check-in.")]})
    if session is None:
        session = event.sessions.order_by("starts_at").first()
    elif session.event_id != event.pk:
        raise ValidationError({"session": [_("No such session in this event.")]})
    return checkin_bookable(actor=actor, bookable_id=event.bookable_id, code=code, session=session)


@transaction.atomic
def checkin_bookable(
    *, actor: Actor, bookable_id: int, code: str, session: Session | None = None
) -> CheckInResult:
    """The check-in of any bookable (an event, a festival screening); the caller checks the permission."""
    wanted = normalize_code(code)
    if not wanted:
        raise ValidationError({"code": [_("Type or scan the ticket's code.")]})
    # Under the bookable's lock, as a cancellation is: a ticket given back at the door's moment is either
    # checked in (and then no longer given back) or given back (and then not checked in).
    booking.lock(bookable_id)
    reg = Registration.objects.filter(bookable=bookable_id, code=wanted).select_related("user").first()
    if reg is None:
        raise ValidationError(
            {"code": [_("No ticket of this event has the code %(code)s.") % {"code": wanted}]}
        )
    if reg.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            {
                "code": [
                    _("%(name)s has no confirmed seat (%(status)s).")
                    % {
                        "name": reg.holder_label,
                        "status": reg.get_status_display(),
                    }
                ]
            }
        )
    existing = CheckIn.objects.filter(registration=reg, session=session).first()
    if existing is not None:
        return CheckInResult(reg, existing, False)
    try:
        with transaction.atomic():
            row = CheckIn.objects.create(
                registration=reg,
                session=session,
                checked_in_at=timezone.now(),
                checked_in_by=saved_user(actor),
            )
            audit_log(
                obj=reg,
                action="events.registration.checkin",
                actor=actor,
                data={"session": session.pk if session else None},
            )
    except IntegrityError:  # two scanners read the same ticket at once: the other one recorded it
        return CheckInResult(reg, CheckIn.objects.get(registration=reg, session=session), False)
    return CheckInResult(reg, row, True)
