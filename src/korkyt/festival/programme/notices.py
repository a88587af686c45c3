"""What the holder of a screening's ticket (or waiting-list place) is told when it is cancelled: given
back or cancelled by staff (:func:`ticket_cancelled`), or with its screening (:func:`screening_cancelled`),
and what happens to the money. Called under the holder's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from korkyt.core.labels import money
from korkyt.events import tickets as event_tickets
from korkyt.events.models import HOLDING, Registration
from korkyt.festival.programme.models import Screening


def screening_cancelled(reg: Registration, old: str, title: str, priced: bool = False) -> str:
    """What the holder of a cancelled screening's ticket (or waiting-list place: ``old`` "waitlisted") is
    told, with what happens to the money (``priced``: the screening's tickets have a price)."""
    if old == "waitlisted":
        return _("The screening of “%(title)s” is cancelled: your place on its waiting list is gone.") % {
            "title": title
        }
    body = _("The screening of “%(title)s” is cancelled. Your ticket is void.") % {"title": title}
    if reg.payment in ("refund", "refunded"):
        body += "\n\n" + _(
            "You paid %(amount)s %(currency)s: the box office refunds it. Bring this ticket's code: %(code)s."
        ) % {"amount": money(reg.amount), "currency": reg.currency, "code": event_tickets.pretty(reg.code)}
    elif priced and (old or reg.status) in (*HOLDING, "holding"):  # ("holding": a job queued before)
        # a priced seat held unpaid (now free, its amount cleared): nothing is owed
        body += "\n\n" + _("You had not paid for it: you owe nothing.")
    return body


def ticket_cancelled(reg: Registration, screening: Screening, old: str, title: str, when: str) -> str:
    """What a holder is told of their ticket (or waiting-list place) cancelled, and of money owed back."""
    if old == "waitlisted":
        body = _("Your place on the waiting list for “%(title)s”, %(when)s, is cancelled.") % {
            "title": title,
            "when": when,
        }
    else:
        body = _(
            "Your ticket for “%(title)s”, %(when)s, %(room)s is cancelled: its seat is no longer yours."
        ) % {
            "title": title,
            "when": when,
            "room": str(screening.room),
        }
    if reg.payment == "refund":
        body += "\n\n" + _(
            "You paid %(amount)s %(currency)s: the box office refunds it. Bring this ticket's code: %(code)s."
        ) % {"amount": money(reg.amount), "currency": reg.currency, "code": event_tickets.pretty(reg.code)}
    return body
