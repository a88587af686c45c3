"""What a person on a waiting list reads: why they wait and their place in line, for every bookable
(events, their sessions, festival screenings). The reads are selectors (``waitlist_places``,
``waits_for_country``); this is their wording."""

from __future__ import annotations

from django.utils.translation import gettext as _

from korkyt.core.countries import country_name
from korkyt.events import selectors
from korkyt.events.models import Registration


def line(registration: Registration, place_in_line: int | None = None) -> str:
    """Why the person waits and their place: "The seats for Kyrgyzstan are taken. You are number 2 …"."""
    n = place_in_line if place_in_line is not None else selectors.waitlist_place(registration)
    if selectors.waits_for_country(registration):
        return _(
            "The seats for %(country)s are taken. You are number %(n)s on the waiting list; we will write "
            "when a seat frees."
        ) % {"country": country_name(registration.country), "n": n}
    return _(
        "All seats are taken. You are number %(n)s on the waiting list; we will write when a seat frees."
    ) % {"n": n}
