"""The grid page's staff actions. Each POST action calls one service.

The actions with something typed (``FORMS``: add or edit a venue or a room, a travel time, a guest or an
unavailable time, the ticket settings, a screening's tickets, a move) read a form
(``programme.forms``): a form or service refusal comes back as a ``Refused``, which the page shows with the
form as typed and the reasons on its fields. The others (``ACTIONS``: delete, remove) have nothing typed:
their refusal is a ValidationError, shown as a message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, id_from
from korkyt.festival import selectors as festival_selectors
from korkyt.festival.models import Edition, Submission
from korkyt.festival.programme import guests, selectors, services, tickets, venues
from korkyt.festival.programme.days import festival_day
from korkyt.festival.programme.forms import (
    GuestAwayForm,
    GuestForm,
    MoveForm,
    PolicyForm,
    RoomForm,
    ScreeningTicketsForm,
    TravelForm,
    VenueForm,
)
from korkyt.festival.programme.models import Room, Screening, ScreeningGuest, Venue


@dataclass
class Refused:
    """A form the page shows again as typed: its action, the id of the row it is about (a venue, room,
    guest or screening; ``None`` for the page's add forms) and the bound form with its errors."""

    action: str
    key: int | None
    form: forms.Form

    def of(self, action: str, key: int | None = None) -> forms.Form | None:
        return self.form if (self.action, self.key) == (action, key) else None


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


def _screening(request: HttpRequest, edition: Edition) -> Screening:
    return get_visible_or_404(
        Screening.objects.filter(edition=edition).select_related("room", "edition", "submission__section"),
        pk=id_from(request.POST.get("screening")) or 0,
    )


def _run(
    request: HttpRequest, refused: Refused, call: Callable[[dict[str, Any]], Any], done: str
) -> Refused | None:
    """Validate the form and call the service with its data: ``done`` as the page's message, or the
    refusal with the reasons on the form."""
    form = refused.form
    if not form.is_valid():
        return refused
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return refused
    messages.success(request, done)
    return None


def venue_add(request: HttpRequest, edition: Edition) -> Refused | None:
    form = VenueForm(request.POST)
    return _run(
        request,
        Refused("venue", None, form),
        lambda d: venues.venue_create(
            actor=request.user,
            edition=edition,
            name=d["name"],
            address=d["address"],
            language=d["language"] or "en",
        ),
        _("Venue added."),
    )


def venue_edit(request: HttpRequest, edition: Edition) -> Refused | None:
    venue = _venue(request, edition)
    form = VenueForm(request.POST, venue=venue)
    return _run(
        request,
        Refused("venue_edit", venue.pk, form),
        lambda d: venues.venue_update(
            actor=request.user,
            venue=venue,
            name=d["name"],
            address=d["address"],
            language=d["language"] or None,
        ),
        _("Venue saved."),
    )


def room_add(request: HttpRequest, edition: Edition) -> Refused | None:
    form = RoomForm(request.POST, venues=list(Venue.objects.filter(edition=edition)))

    def add(d: dict[str, Any]) -> None:
        venue = Venue.objects.get(edition=edition, pk=d["venue"])
        venues.room_create(
            actor=request.user,
            venue=venue,
            name=d["name"],
            seats=d["seats"],
            formats=form.formats_list(),
            subtitles=d["subtitles"],
        )

    return _run(request, Refused("room", None, form), add, _("Room added."))


def room_edit(request: HttpRequest, edition: Edition) -> Refused | None:
    room = _room(request, edition)
    form = RoomForm(request.POST, room=room)
    return _run(
        request,
        Refused("room_edit", room.pk, form),
        lambda d: venues.room_update(
            actor=request.user,
            room=room,
            name=d["name"],
            seats=d["seats"],
            formats=form.formats_list(),
            subtitles=d["subtitles"],
        ),
        _("Room saved."),
    )


def travel(request: HttpRequest, edition: Edition) -> Refused | None:
    places = list(Venue.objects.filter(edition=edition))
    form = TravelForm(request.POST, venues=places)
    by_id = {str(v.pk): v for v in places}
    return _run(
        request,
        Refused("travel", None, form),
        lambda d: guests.venue_travel_set(
            actor=request.user, a=by_id[d["a"]], b=by_id[d["b"]], minutes=d["minutes"]
        ),
        _("Travel time saved."),
    )


def guest_add(request: HttpRequest, edition: Edition) -> Refused | None:
    form = GuestForm(request.POST, entries=entry_choices(edition))

    def add(d: dict[str, Any]) -> None:
        away = form.span()
        guests.guest_add(
            actor=request.user,
            submission=Submission.objects.get(section__edition=edition, pk=d["submission"]),
            name=d["name"],
            role=d["role"],
            qa=d["qa"],
            unavailable=[away] if away else [],
        )

    return _run(
        request,
        Refused("guest", None, form),
        add,
        _("Guest added; propose the schedule again to place the Q&A."),
    )


def guest_away_add(request: HttpRequest, edition: Edition) -> Refused | None:
    guest = _guest(request, edition)
    form = GuestAwayForm(request.POST, guest=guest)

    def add(d: dict[str, Any]) -> None:
        found = form.span()
        assert found is not None  # both fields are required
        guests.guest_away_add(actor=request.user, guest=guest, start=found[0], end=found[1])

    return _run(
        request,
        Refused("guest_away_add", guest.pk, form),
        add,
        _("Unavailable time added; propose the schedule again to respect it."),
    )


def policy(request: HttpRequest, edition: Edition) -> Refused | None:
    form = PolicyForm(request.POST, policy=tickets.policy_of(edition), sections=list(edition.sections.all()))
    return _run(
        request,
        Refused("policy", None, form),
        lambda d: tickets.policy_set(
            actor=request.user,
            edition=edition,
            per_person=d["per_person"],
            per_day=d["per_day"],
            held_release_min=d["held_release_min"],
            currency=d["currency"],
            section_prices=form.section_prices(),
        ),
        _("Ticket settings saved."),
    )


def screening_tickets(request: HttpRequest, edition: Edition) -> Refused | None:
    screening = _screening(request, edition)
    form = ScreeningTicketsForm(request.POST, screening=screening)
    return _run(
        request,
        Refused("tickets", screening.pk, form),
        lambda d: tickets.screening_tickets_set(
            actor=request.user, screening=screening, held_seats=d["held_seats"] or 0, price=d["price"]
        ),
        _("Tickets of the screening saved."),
    )


def move(
    request: HttpRequest, edition: Edition, when: Callable[[], tuple[Room, dt.datetime]]
) -> tuple[Refused | None, dt.date | None]:
    """Move a screening (``when`` reads the room and the wall time); the conflicts it leaves are warnings.
    Returns the refusal, or the festival day the screening now falls on (a 00:30 start: the evening
    before)."""
    screening = _screening(request, edition)
    form = MoveForm(request.POST, screening=screening, rooms=selectors.room_choices(edition), tz=edition.tz)
    moved: list[dt.date] = []

    def go(_d: dict[str, Any]) -> None:
        room, starts_at = when()
        for text in services.move(actor=request.user, screening=screening, room=room, starts_at=starts_at):
            messages.warning(request, text)
        moved.append(festival_day(edition, starts_at))

    refused = _run(request, Refused("move", screening.pk, form), go, _("Screening moved."))
    return refused, (moved[0] if moved else None)


def entry_choices(edition: Edition) -> list[tuple[str, Any]]:
    """The selected films a guest can come with, by title in the reader's language."""
    return [(str(sub.pk), festival_selectors.submission_title(sub)) for sub in services.selected(edition)]


FORMS: dict[str, Callable[[HttpRequest, Edition], Refused | None]] = {
    "venue": venue_add,
    "venue_edit": venue_edit,
    "room": room_add,
    "room_edit": room_edit,
    "travel": travel,
    "guest": guest_add,
    "guest_away_add": guest_away_add,
    "policy": policy,
    "tickets": screening_tickets,
}


def venue_delete(request: HttpRequest, edition: Edition) -> None:
    venues.venue_delete(actor=request.user, venue=_venue(request, edition))
    messages.success(request, _("Venue deleted."))


def room_delete(request: HttpRequest, edition: Edition) -> None:
    venues.room_delete(actor=request.user, room=_room(request, edition))
    messages.success(request, _("Room deleted."))


def guest_remove(request: HttpRequest, edition: Edition) -> None:
    guests.guest_remove(actor=request.user, guest=_guest(request, edition))


def guest_away_remove(request: HttpRequest, edition: Edition) -> None:
    guests.guest_away_remove(
        actor=request.user,
        guest=_guest(request, edition),
        start=request.POST.get("start", ""),
        end=request.POST.get("end", ""),
    )
    messages.success(request, _("Unavailable time removed."))


ACTIONS: dict[str, Callable[[HttpRequest, Edition], None]] = {
    "venue_delete": venue_delete,
    "room_delete": room_delete,
    "guest_remove": guest_remove,
    "guest_away_remove": guest_away_remove,
}
