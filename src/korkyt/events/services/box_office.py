"""Box-office sales at the door: seats sold by staff to someone who may have no account (an optional name
and e-mail), paid or to pay, through the one booking engine. The one mechanism for every bookable: the
festival's screening check-in page and an event's check-in desk call it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.validation import Errors, add_error, raise_errors
from korkyt.events import booking, selectors
from korkyt.events.models import Event, EventStatus, Registration

MAX_SEATS = booking.BOX_OFFICE_MAX_SEATS


def box_office_sale(
    *,
    actor: Actor,
    bookable_id: int,
    seats: int,
    paid: bool,
    name: str = "",
    email: str = "",
    language: str = "",
    max_seats: int = MAX_SEATS,
) -> Registration:
    """Sell ``seats`` seats of the bookable at the box office: a confirmed registration with its ticket
    code (check-in accepts it like any other), paid or a reservation to pay when the bookable is priced.
    Only someone who manages the bookable's registrations (``selectors.bookable_manageable``: an event's
    organisers, festival staff of the screening's edition, platform administrators). Refused with a
    ValidationError naming the field (``seats``, ``name``, ``email``) or a BookingError (``invalid_seats``,
    ``registration_closed``, ``full``); nothing is saved then. Audited (no personal data in the entry).
    ``language`` (default: the active one, the desk's) is kept for mail to the walk-in; the caller sends
    the ticket to ``email`` after commit if it wishes (it knows the bookable)."""
    if not selectors.bookable_manageable(actor, bookable_id):
        raise PermissionDenied(_("You may not do this."))
    name, email = (name or "").strip(), (email or "").strip()
    errors: Errors = {}
    if not 1 <= seats <= max_seats:
        add_error(errors, "seats", _("Sell between 1 and %(n)s seats at once.") % {"n": max_seats})
    if len(name) > 200:
        add_error(errors, "name", _("A name has at most 200 characters."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            add_error(errors, "email", _("Enter a valid email address."))
    raise_errors(errors)
    if Event.objects.filter(bookable=bookable_id).exclude(status=EventStatus.PUBLISHED).exists():
        raise booking.BookingError(_("This event is not open for registration."), "not_published")
    with transaction.atomic():
        reg = booking.sell(
            bookable_id=bookable_id,
            seats=seats,
            paid=paid,
            holder_name=name,
            holder_email=email,
            holder_language=language or translation.get_language() or "",
            max_seats=max_seats,
        )
        audit_log(
            obj=reg,
            action="events.registration.box_office",
            actor=actor,
            data={
                "bookable": bookable_id,
                "seats": seats,
                "payment": reg.payment,
                "amount": None if reg.amount is None else str(reg.amount),
                "email": bool(email),
            },
        )
    return reg
