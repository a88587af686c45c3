"""The edition's venues and rooms: create, rename, resize, delete. A venue keeps the language its name,
address and rooms' names are written in, for their ``lang`` on pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.translations import validate_language_tag
from korkyt.core.validation import require_perm
from korkyt.events import booking
from korkyt.festival.models import Edition
from korkyt.festival.programme.models import Room, Screening, Venue
from korkyt.festival.programme.tickets import sync_capacity, when_text

PERM = "festival.manage_edition"

#: The most seats a room may have, and the longest name of a projection format.
MAX_SEATS, MAX_FORMAT_LENGTH = 100_000, 20
#: The model's lengths: a venue's name and address, a room's name.
VENUE_NAME_MAX, ADDRESS_MAX, ROOM_NAME_MAX = 200, 300, 120


def _venue_fields(name: str, address: str, language: str) -> tuple[str, str, str]:
    name, address, language = name.strip(), address.strip(), language.strip()
    if not name:
        raise ValidationError({"name": _("Give the venue a name.")})
    if len(name) > VENUE_NAME_MAX:
        raise ValidationError(
            {"name": _("A venue's name has at most %(n)s characters.") % {"n": VENUE_NAME_MAX}}
        )
    if len(address) > ADDRESS_MAX:
        raise ValidationError({"address": _("An address has at most %(n)s characters.") % {"n": ADDRESS_MAX}})
    try:
        validate_language_tag(language)
    except ValidationError as exc:
        raise ValidationError({"language": exc.messages}) from exc
    return name, address, language


def venue_create(
    *, actor: Actor, edition: Edition, name: str, address: str = "", language: str = "en"
) -> Venue:
    """A venue of ``edition``; ``language`` is the one its name, address and rooms' names are written in."""
    require_perm(actor, PERM, edition)
    name, address, language = _venue_fields(name, address, language)
    if Venue.objects.filter(edition=edition, name=name).exists():
        raise ValidationError({"name": _("This edition already has a venue of that name.")})
    venue = Venue.objects.create(
        edition=edition,
        name=name,
        address=address,
        language=language,
        position=Venue.objects.filter(edition=edition).count(),
    )
    audit_log(obj=venue, action="festival.venue.create", actor=actor)
    return venue


def room_create(
    *, actor: Actor, venue: Venue, name: str, seats: int, formats: list[str], subtitles: bool = True
) -> Room:
    require_perm(actor, PERM, venue.edition)
    name, formats = _room_fields(name, seats, formats)
    if Room.objects.filter(venue=venue, name=name).exists():
        raise ValidationError({"name": _("This venue already has a room of that name.")})
    room = Room.objects.create(
        venue=venue,
        name=name,
        seats=seats,
        formats=formats,
        subtitles=subtitles,
        position=venue.rooms.count(),
    )
    audit_log(obj=room, action="festival.room.create", actor=actor)
    return room


def venue_update(
    *, actor: Actor, venue: Venue, name: str, address: str = "", language: str | None = None
) -> Venue:
    """Rename a venue, change its address, or the language they are written in (``None``: kept)."""
    require_perm(actor, PERM, venue.edition)
    name, address, language = _venue_fields(name, address, venue.language if language is None else language)
    if Venue.objects.filter(edition=venue.edition, name=name).exclude(pk=venue.pk).exists():
        raise ValidationError({"name": _("This edition already has a venue of that name.")})
    before = {"name": venue.name, "address": venue.address, "language": venue.language}
    venue.name, venue.address, venue.language = name, address, language
    venue.save(update_fields=["name", "address", "language"])
    audit_log(obj=venue, action="festival.venue.update", actor=actor, data={"before": before})
    return venue


def venue_delete(*, actor: Actor, venue: Venue) -> None:
    """Delete a venue and its rooms; refused while one of its rooms has screenings."""
    require_perm(actor, PERM, venue.edition)
    busy = Screening.objects.filter(room__venue=venue).count()
    if busy:
        raise ValidationError(
            _("%(venue)s has %(n)s screenings in its rooms (cancelled ones count): move them first.")
            % {"venue": venue.name, "n": busy}
        )
    with transaction.atomic():
        audit_log(obj=venue.edition, action="festival.venue.delete", actor=actor, data={"venue": venue.name})
        for other in Venue.objects.select_for_update().filter(edition=venue.edition).exclude(pk=venue.pk):
            if str(venue.pk) in (other.travel_min or {}):
                other.travel_min = {k: v for k, v in other.travel_min.items() if k != str(venue.pk)}
                other.save(update_fields=["travel_min"])
        venue.delete()


def _room_fields(name: str, seats: int, formats: list[str]) -> tuple[str, list[str]]:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the room a name.")})
    if len(name) > ROOM_NAME_MAX:
        raise ValidationError(
            {"name": _("A room's name has at most %(n)s characters.") % {"n": ROOM_NAME_MAX}}
        )
    if seats < 1:
        raise ValidationError({"seats": _("A room needs at least one seat.")})
    if seats > MAX_SEATS:
        raise ValidationError(
            {
                "seats": _("A room has at most %(n)s seats.")
                % {"n": number_format(MAX_SEATS, force_grouping=True)}
            }
        )
    clean = sorted({f.strip().upper() for f in formats if f.strip()})
    if not clean:
        raise ValidationError({"formats": _("Name at least one projection format.")})
    if len(clean) > 10 or any(len(f) > MAX_FORMAT_LENGTH for f in clean):
        raise ValidationError(
            {
                "formats": _("Name at most 10 projection formats of at most %(n)s characters each.")
                % {"n": MAX_FORMAT_LENGTH}
            }
        )
    return name, clean


def room_update(
    *, actor: Actor, room: Room, name: str, seats: int, formats: list[str], subtitles: bool
) -> Room:
    """Rename a room, change its seats (never below the tickets its screenings have sold), its formats."""
    require_perm(actor, PERM, room.venue.edition)
    name, clean = _room_fields(name, seats, formats)
    if Room.objects.filter(venue=room.venue, name=name).exclude(pk=room.pk).exists():
        raise ValidationError({"name": _("This venue already has a room of that name.")})
    before = {"name": room.name, "seats": room.seats, "formats": room.formats, "subtitles": room.subtitles}
    try:
        with transaction.atomic():
            room.name, room.seats, room.formats, room.subtitles = name, seats, clean, subtitles
            room.save(update_fields=["name", "seats", "formats", "subtitles"])
            for screening in (
                Screening.objects.filter(room=room, bookable__isnull=False)
                .select_related("room", "edition", "submission__film")
                .order_by("starts_at", "pk")
            ):
                try:
                    sync_capacity(screening)
                except booking.BookingError as exc:
                    raise ValidationError({"seats": _screening_refusal(screening, exc)}) from exc
            audit_log(obj=room, action="festival.room.update", actor=actor, data={"before": before})
    except ValidationError:
        # nothing was saved: the room the caller holds is as it was
        room.name, room.seats, room.formats, room.subtitles = before.values()
        raise
    return room


def _screening_refusal(screening: Screening, exc: booking.BookingError) -> str:
    """The engine's refusal, with the screening it concerns: staff go to that one (e.g. to hold fewer
    seats back)."""
    from korkyt.festival.selectors import submission_title

    return _("The screening of “%(title)s” (%(when)s): %(reason)s") % {
        "title": submission_title(screening.submission).text,
        "when": when_text(screening),
        "reason": " ".join(exc.messages),
    }


def room_delete(*, actor: Actor, room: Room) -> None:
    """Delete a room; refused while it has screenings (move or cancel them first)."""
    require_perm(actor, PERM, room.venue.edition)
    busy = Screening.objects.filter(room=room).count()
    if busy:
        raise ValidationError(
            _("%(room)s has %(n)s screenings (cancelled ones count): move them to another room first.")
            % {"room": str(room), "n": busy}
        )
    audit_log(obj=room.venue, action="festival.room.delete", actor=actor, data={"room": room.name})
    room.delete()


def rooms_of(edition: Edition) -> list[Room]:
    return list(Room.objects.filter(venue__edition=edition).select_related("venue"))
