"""What a person on a waiting list reads: their place in line and why they wait, for every bookable
(events, their sessions, festival screenings). Reads only, without the bookable's lock: for display.

A registration's ``position`` is the bookable's running number at the time it joined the list; it never
changes, so it says nothing of how many still wait before the person once others got seats or left. The
*place* is counted from those still waiting: 1 is the next to get a seat that fits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from korkyt.core.countries import country_name
from korkyt.events.booking import free_seats
from korkyt.events.models import Bookable, Quota, Registration, RegistrationStatus

S = RegistrationStatus


def places(registrations: Iterable[Registration]) -> dict[int, int]:
    """Each waitlisted registration's place in its line (id → 1, 2, …), in one query for them all."""
    waiting = [r for r in registrations if r.status == S.WAITLISTED and r.position is not None]
    if not waiting:
        return {}
    lines: dict[int, list[int]] = defaultdict(list)
    rows = Registration.objects.filter(
        bookable_id__in={r.bookable_id for r in waiting}, status=S.WAITLISTED, position__isnull=False
    ).values_list("bookable_id", "position")
    for bookable_id, position in rows:
        lines[bookable_id].append(position or 0)
    return {r.pk: sum(1 for p in lines[r.bookable_id] if p <= (r.position or 0)) for r in waiting}


def place(registration: Registration) -> int | None:
    """The registration's place in line, None when it is not waiting."""
    return places([registration]).get(registration.pk)


def waits_for_country(registration: Registration) -> bool:
    """Whether the registration waits because its country's seats are taken while seats are free."""
    bookable = Bookable.objects.get(pk=registration.bookable_id)  # the counters as they are now
    free = free_seats(bookable)
    if not registration.country or (free is not None and free < registration.seats):
        return False
    quota = Quota.objects.filter(bookable=bookable, country=registration.country).first()
    limit = bookable.per_country_limit if quota is None or quota.limit is None else quota.limit
    used = quota.used if quota is not None else 0
    return limit is not None and used + registration.seats > limit


def line(registration: Registration, place_in_line: int | None = None) -> str:
    """Why the person waits and their place: "The seats for Kyrgyzstan are taken. You are number 2 …"."""
    n = place_in_line if place_in_line is not None else place(registration)
    if waits_for_country(registration):
        return _(
            "The seats for %(country)s are taken. You are number %(n)s on the waiting list; we will write "
            "when a seat frees."
        ) % {"country": country_name(registration.country), "n": n}
    return _(
        "All seats are taken. You are number %(n)s on the waiting list; we will write when a seat frees."
    ) % {"n": n}
