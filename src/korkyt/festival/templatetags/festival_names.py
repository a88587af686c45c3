"""Festival names in the reader's language: ``{{ edition.city|host_city }}`` (a host city when the catalogue
knows it, else as entered) and ``{{ edition|edition_name }}`` ("Қорқыт Ата 6 · Ақтау 2027"); venues and
rooms as entered, marked with the language they are written in: ``{{ venue|venue_name }}``,
``{{ room|room_name }}``, ``{{ room|room_place }}``."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from korkyt.festival import selectors
from korkyt.festival.models import Edition
from korkyt.festival.programme.models import Room, Venue

register = template.Library()


@register.filter
def host_city(city: str | None) -> str:
    return selectors.city_name(city or "")


@register.filter
def edition_name(edition: Edition | None) -> str:
    """``{{ edition|edition_name }}``: the edition as the festival names it, in the reader's language."""
    return "" if edition is None else selectors.edition_name(edition)


@register.filter
def venue_name(venue: Venue | None) -> SafeString | str:
    """``{{ venue|venue_name }}``: ``<span lang="kk-Cyrl">Ақтау драма театры</span>`` (its language)."""
    if venue is None:
        return ""
    return format_html('<span lang="{}">{}</span>', venue.language, venue.name)


@register.filter
def room_name(room: Room | None) -> SafeString | str:
    """``{{ room|room_name }}``: ``<span lang="kk-Cyrl">Үлкен сахна</span>`` (its venue's language)."""
    if room is None:
        return ""
    return format_html('<span lang="{}">{}</span>', room.venue.language, room.name)


@register.filter
def room_place(room: Room | None, separator: str = ", ") -> SafeString | str:
    """``{{ room|room_place }}``: the venue and the room, ``<span lang="kk-Cyrl">Ақтау драма театры, Үлкен
    сахна</span>``; ``{{ room|room_place:" · " }}`` joins them with another separator."""
    if room is None:
        return ""
    venue = room.venue
    return format_html('<span lang="{}">{}{}{}</span>', venue.language, venue.name, separator, room.name)


#: How the trade writes the projection formats a room's codes stand for (codes are kept in capitals so that
#: a room's "ProRes" and a film's "prores" match); a code not listed is shown as it is.
FORMAT_NAMES = {
    "PRORES": "ProRes",
    "H264": "H.264",
    "H.264": "H.264",
    "H265": "H.265",
    "H.265": "H.265",
    "BLURAY": "Blu-ray",
    "BLU-RAY": "Blu-ray",
    "35MM": "35 mm",
    "16MM": "16 mm",
    "DCP3D": "DCP 3D",
}


@register.filter
def projection_formats(codes: list[str] | None) -> str:
    """``{{ room.formats|projection_formats }}``: "DCP, ProRes, H.264" for ``["DCP", "PRORES", "H264"]``."""
    return ", ".join(FORMAT_NAMES.get(code, code) for code in codes or [])
