"""The grid page's staff forms: add or edit a venue or a room, the travel time between two venues, a guest
and their unavailable times, the edition's ticket settings, a screening's tickets and its move.

The forms read what was typed (whole numbers, the festival's wall times: ``core.forms.MomentField`` in the
edition's time zone) and leave the rules to the services, whose refusals land on the field they name
(``core.forms.add_service_errors``). A refused form
comes back on the page as typed, its ``<details>`` open. Field names are the page's POST contract (the
tests and the move check post them); the ``auto_id`` of a form per venue, room, guest or screening keeps
the page's ids unique."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from korkyt.core.forms import LangSelect, MomentField
from korkyt.core.languages import content_language_choices
from korkyt.core.translations import Text
from korkyt.festival.programme.models import Room, Venue
from korkyt.festival.programme.venues import ADDRESS_MAX, MAX_SEATS, ROOM_NAME_MAX, VENUE_NAME_MAX

WHOLE = {"invalid": _("Give a whole number.")}
SPAN_ERROR = _("Give the unavailable time as two dates and times.")
SPAN_MESSAGES = {"invalid": SPAN_ERROR, "required": SPAN_ERROR}


def _number(label: Any, low: int, high: int, *, required: bool = True) -> forms.IntegerField:
    """A whole number; the range is the browser's hint, the service checks it (and names the range)."""
    return forms.IntegerField(
        label=label,
        required=required,
        error_messages=WHOLE,
        widget=forms.NumberInput(attrs={"min": low, "max": high}),
    )


def _venue_choices(venues: list[Venue]) -> list[tuple[str, Text]]:
    return [(str(v.pk), Text(v.name, v.language)) for v in venues]


class VenueForm(forms.Form):
    """A venue of the edition (``venue``: the one edited; its name and address are in its language)."""

    name = forms.CharField(label=_("Name"), max_length=VENUE_NAME_MAX)
    address = forms.CharField(label=_("Address"), max_length=ADDRESS_MAX, required=False)
    language = forms.ChoiceField(label=_("Language of the names"), required=False)  # empty: kept

    def __init__(self, *args: Any, venue: Venue | None = None, language: str = "en", **kwargs: Any) -> None:
        if venue is not None:
            kwargs.setdefault("auto_id", f"id_venue{venue.pk}_%s")
            kwargs.setdefault("initial", {"name": venue.name, "address": venue.address})
            language = venue.language
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", language)
        super().__init__(*args, **kwargs)
        choices = list(content_language_choices())
        if language not in dict(choices):  # a tag given through the API stays a choice
            choices.append((language, language))
        self.fields["language"].choices = choices  # type: ignore[attr-defined]
        for name in ("name", "address"):
            self.fields[name].widget.attrs["lang"] = language


class RoomForm(forms.Form):
    """A room: added to one of ``venues``, or ``room`` edited (then no venue is chosen)."""

    venue = forms.ChoiceField(label=_("Venue"), widget=LangSelect)
    name = forms.CharField(label=_("Name"), max_length=ROOM_NAME_MAX)
    seats = _number(_("Seats"), 1, MAX_SEATS)
    formats = forms.CharField(label=_("Projection formats (comma-separated)"), initial="DCP")
    subtitles = forms.BooleanField(label=_("shows subtitles"), required=False, initial=True)

    def __init__(
        self, *args: Any, venues: list[Venue] | None = None, room: Room | None = None, **kwargs: Any
    ) -> None:
        if room is not None:
            kwargs.setdefault("auto_id", f"id_room{room.pk}_%s")
            kwargs.setdefault(
                "initial",
                {
                    "name": room.name,
                    "seats": room.seats,
                    "formats": ",".join(room.formats),
                    "subtitles": room.subtitles,
                },
            )
        else:
            kwargs.setdefault("auto_id", "id_room_%s")
        super().__init__(*args, **kwargs)
        if room is not None:
            del self.fields["venue"]
            self.fields["name"].widget.attrs["lang"] = room.venue.language
        else:
            self.fields["venue"].choices = _venue_choices(venues or [])  # type: ignore[attr-defined]

    def formats_list(self) -> list[str]:
        return str(self.cleaned_data["formats"]).split(",")


class TravelForm(forms.Form):
    a = forms.ChoiceField(label=_("From"), widget=LangSelect)
    b = forms.ChoiceField(label=_("To"), widget=LangSelect)
    minutes = _number(_("Minutes"), 0, 600)

    def __init__(self, *args: Any, venues: list[Venue], **kwargs: Any) -> None:
        if len(venues) > 1:
            kwargs.setdefault("initial", {"b": str(venues[1].pk)})
        kwargs.setdefault("auto_id", "id_travel_%s")
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            self.fields[name].choices = _venue_choices(venues)  # type: ignore[attr-defined]


class AwayForm(forms.Form):
    """A span of time a guest cannot attend (``guest`` given: one of that guest's; else optional, on the
    new guest's form)."""

    # read in the edition's time zone: the grid page binds its forms inside ``timezone.override``
    away_from = MomentField(label=_("Away from"), error_messages=SPAN_MESSAGES)
    away_to = MomentField(label=_("Away until"), error_messages=SPAN_MESSAGES)

    def span(self) -> tuple[dt.datetime, dt.datetime] | None:
        start, end = self.cleaned_data.get("away_from"), self.cleaned_data.get("away_to")
        return (start, end) if start and end else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("away_from")) != bool(data.get("away_to")) and not self.errors:
            raise ValidationError(SPAN_ERROR)
        return data


class GuestAwayForm(AwayForm):
    def __init__(self, *args: Any, guest: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_guest{guest.pk}_%s")
        super().__init__(*args, **kwargs)


class GuestForm(AwayForm):
    submission = forms.ChoiceField(label=_("Film"), widget=LangSelect)
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=120, required=False)
    qa = forms.BooleanField(label=_("Q&A after the first public screening"), required=False, initial=True)

    field_order = ["submission", "name", "role", "qa", "away_from", "away_to"]

    def __init__(self, *args: Any, entries: list[tuple[str, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_guest_%s")
        super().__init__(*args, **kwargs)
        self.fields["submission"].choices = entries  # type: ignore[attr-defined]
        self.fields["name"].label = pgettext_lazy("person", "Name")
        for name in ("away_from", "away_to"):
            self.fields[name].required = False


class PolicyForm(forms.Form):
    """The edition's ticket settings, with a price per section (``price_<kind>``; empty: free)."""

    per_person = _number(_("Tickets per person and screening"), 1, 20)
    per_day = _number(_("Tickets per person and day (empty: no limit)"), 1, 100, required=False)
    held_release_min = _number(_("Held seats go on sale (minutes before the screening)"), 0, 10080)
    currency = forms.CharField(  # the service names the rule (a three-letter code)
        label=_("Currency"), widget=forms.TextInput(attrs={"size": 4, "maxlength": 3})
    )

    def __init__(self, *args: Any, policy: Any, sections: list[Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_policy_%s")
        kwargs.setdefault(
            "initial",
            {
                "per_person": policy.per_person,
                "per_day": policy.per_day,
                "held_release_min": policy.held_release_min,
                "currency": policy.currency,
                **{f"price_{s.kind}": policy.section_prices.get(s.kind, "") for s in sections},
            },
        )
        super().__init__(*args, **kwargs)
        self.sections = sections
        for s in sections:
            self.fields[f"price_{s.kind}"] = forms.CharField(
                label=_("Price in %(section)s (empty: free)") % {"section": s.get_kind_display()},
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
            )

    def section_prices(self) -> dict[str, str]:
        return {s.kind: self.cleaned_data.get(f"price_{s.kind}", "") for s in self.sections}


class ScreeningTicketsForm(forms.Form):
    held_seats = _number(_("Held seats (jury, press, guests)"), 0, MAX_SEATS, required=False)
    price = forms.CharField(
        label=_("Price (empty: the section's)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )

    def __init__(self, *args: Any, screening: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_tickets{screening.pk}_%s")
        kwargs.setdefault(
            "initial",
            {"held_seats": screening.held_seats, "price": "" if screening.price is None else screening.price},
        )
        super().__init__(*args, **kwargs)
        self.fields["held_seats"].widget.attrs["max"] = screening.room.seats


class MoveForm(forms.Form):
    """Where and when a screening moves to; ``room`` and ``starts_at`` are also what the page's live
    conflict check sends, and the view reads the start as the festival's wall time (``views._when``)."""

    room = forms.ChoiceField(label=_("Room"), widget=LangSelect)
    starts_at = forms.CharField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args: Any, screening: Any, rooms: list[Room], tz: dt.tzinfo, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_move{screening.pk}_%s")
        kwargs.setdefault(
            "initial",
            {
                "room": str(screening.room_id),
                "starts_at": timezone.localtime(screening.starts_at, tz).strftime("%Y-%m-%dT%H:%M"),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [  # type: ignore[attr-defined]
            (str(r.pk), Text(str(r), r.venue.language)) for r in rooms
        ]
