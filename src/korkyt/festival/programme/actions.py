"""The grid page's staff forms for venues and rooms (edit, delete), guests' unavailable times and tickets
(the edition's policy, a screening's held seats and price): each POST action calls one service; a refusal
comes back as the service's ValidationError, shown on the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from korkyt.core.http import get_visible_or_404, id_from
from korkyt.festival.models import Edition
from korkyt.festival.programme import guests, tickets, venues
from korkyt.festival.programme.models import Room, Screening, ScreeningGuest, Venue


def _optional_int(request: HttpRequest, name: str, message: str) -> int | None:
    text = request.POST.get(name, "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError as exc:
        raise ValidationError({name: message}) from exc


def seats(request: HttpRequest) -> int:
    """The room form's seats (a whole number; the service checks the range)."""
    return _optional_int(request, "seats", _("Give a whole number.")) or 0


def _venue(request: HttpRequest, edition: Edition) -> Venue:
    return get_visible_or_404(
        Venue.objects.filter(edition=edition), pk=id_from(request.POST.get("venue")) or 0
    )


def _room(request: HttpRequest, edition: Edition) -> Room:
    return get_visible_or_404(
        Room.objects.filter(venue__edition=edition).select_related("venue__edition"),
        pk=id_from(request.POST.get("room")) or 0,
    )


def _guest(request: HttpRequest, edition: Edition) -> ScreeningGuest:
    return get_visible_or_404(
        ScreeningGuest.objects.filter(edition=edition).select_related("edition"),
        pk=id_from(request.POST.get("guest")) or 0,
    )


def span(request: HttpRequest) -> tuple[dt.datetime, dt.datetime] | None:
    """The form's unavailable time (``away_from``, ``away_to``; both empty: none)."""
    start, end = request.POST.get("away_from", "").strip(), request.POST.get("away_to", "").strip()
    if not start and not end:
        return None
    try:
        return dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    except ValueError as exc:
        raise ValidationError(_("Give the unavailable time as two dates and times.")) from exc


def venue_edit(request: HttpRequest, edition: Edition) -> None:
    venues.venue_update(
        actor=request.user,
        venue=_venue(request, edition),
        name=request.POST.get("name", ""),
        address=request.POST.get("address", ""),
        language=request.POST.get("language") or None,
    )
    messages.success(request, _("Venue saved."))


def venue_delete(request: HttpRequest, edition: Edition) -> None:
    venues.venue_delete(actor=request.user, venue=_venue(request, edition))
    messages.success(request, _("Venue deleted."))


def room_edit(request: HttpRequest, edition: Edition) -> None:
    venues.room_update(
        actor=request.user,
        room=_room(request, edition),
        name=request.POST.get("name", ""),
        seats=seats(request),
        formats=request.POST.get("formats", "").split(","),
        subtitles=bool(request.POST.get("subtitles")),
    )
    messages.success(request, _("Room saved."))


def room_delete(request: HttpRequest, edition: Edition) -> None:
    venues.room_delete(actor=request.user, room=_room(request, edition))
    messages.success(request, _("Room deleted."))


def guest_away_add(request: HttpRequest, edition: Edition) -> None:
    guest = _guest(request, edition)
    found = span(request)
    if found is None:
        raise ValidationError(_("Give the unavailable time as two dates and times."))
    guests.guest_away_add(actor=request.user, guest=guest, start=found[0], end=found[1])
    messages.success(request, _("Unavailable time added; propose the schedule again to respect it."))


def guest_away_remove(request: HttpRequest, edition: Edition) -> None:
    guests.guest_away_remove(
        actor=request.user,
        guest=_guest(request, edition),
        start=request.POST.get("start", ""),
        end=request.POST.get("end", ""),
    )
    messages.success(request, _("Unavailable time removed."))


def policy(request: HttpRequest, edition: Edition) -> None:
    number = _("Give a whole number.")
    tickets.policy_set(
        actor=request.user,
        edition=edition,
        per_person=_optional_int(request, "per_person", number) or 0,
        per_day=_optional_int(request, "per_day", number),
        held_release_min=_optional_int(request, "held_release_min", number) or 0,
        currency=request.POST.get("currency", ""),
        section_prices={s.kind: request.POST.get(f"price_{s.kind}", "") for s in edition.sections.all()},
    )
    messages.success(request, _("Ticket settings saved."))


def screening_tickets(request: HttpRequest, edition: Edition) -> None:
    screening = get_visible_or_404(
        Screening.objects.filter(edition=edition).select_related("room", "edition", "submission__section"),
        pk=id_from(request.POST.get("screening")) or 0,
    )
    tickets.screening_tickets_set(
        actor=request.user,
        screening=screening,
        held_seats=_optional_int(request, "held_seats", _("Give a whole number.")) or 0,
        price=request.POST.get("price", ""),
    )
    messages.success(request, _("Tickets of the screening saved."))


ACTIONS: dict[str, Callable[[HttpRequest, Edition], None]] = {
    "venue_edit": venue_edit,
    "venue_delete": venue_delete,
    "room_edit": room_edit,
    "room_delete": room_delete,
    "guest_away_add": guest_away_add,
    "guest_away_remove": guest_away_remove,
    "policy": policy,
    "tickets": screening_tickets,
}
