"""What giving up a registration does, said before it is done: the one set of sentences the events'
cancellation page and a festival screening ticket's give-back page show (``core.views.confirm_page``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from korkyt.core.labels import money
from korkyt.events import selectors
from korkyt.events.models import PaymentState, Registration, RegistrationStatus

#: What a registration given up still holds: a seat, an offer, a place in line or an application.
LIVE = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
)


def consequences(reg: Registration) -> list[str]:
    """What cancelling the registration does, one line each: what happens to the seat (or the place in
    line, or the application) and to the money of a priced booking. A seat of an event that is not
    published (held, cancelled) goes to nobody (``selectors.seat_passes_on``)."""
    given_up = _("You give up your seat and cannot take it back.")
    passes_on = selectors.seat_passes_on(reg.bookable_id)
    lines: dict[str, str] = {
        RegistrationStatus.CONFIRMED: _(
            "Your seat goes to the next person on the waiting list, or to whoever registers next; you cannot "
            "take it back."
        ),
        RegistrationStatus.OFFERED: _("The seat offered to you goes to the next person on the waiting list."),
        RegistrationStatus.WAITLISTED: _("You lose your place in line and cannot take it back."),
        RegistrationStatus.PENDING: _(
            "Your application is withdrawn: the organisers will no longer consider it."
        ),
    }
    if not passes_on:
        lines[RegistrationStatus.CONFIRMED] = lines[RegistrationStatus.OFFERED] = given_up
    said = [lines[reg.status]] if reg.status in lines else []
    if reg.payment == PaymentState.PAID:
        said.append(
            _("You paid %(amount)s: the organisers refund it to you (bring your ticket's code).")
            % {"amount": money(reg.amount, reg.currency)}
        )
    elif reg.payment == PaymentState.UNPAID:
        said.append(_("Your reservation is not paid yet: once it is cancelled, you owe nothing."))
    return said
