"""Read-only admin of the programme (venues, rooms, screenings, ticket policies, guests, grid versions):
every change goes through the programme's services and the grid page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from korkyt.festival.admin import ReadOnly
from korkyt.festival.programme.models import (
    GridVersion,
    Room,
    Screening,
    ScreeningGuest,
    TicketPolicy,
    Venue,
)


class RoomInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Room
    extra = 0
    can_delete = False
    fields = ("name", "seats", "formats", "subtitles", "position")
    readonly_fields = fields

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Venue)
class VenueAdmin(ReadOnly):
    list_display = ("name", "edition", "address", "language", "room_count")
    list_filter = ("edition",)
    search_fields = ("name", "address")
    inlines = [RoomInline]

    @admin.display(description=_("rooms"))
    def room_count(self, obj: Venue) -> int:
        return obj.rooms.count()


@admin.register(Room)
class RoomAdmin(ReadOnly):
    list_display = ("name", "venue", "seats", "formats", "subtitles")
    list_filter = ("venue__edition", "subtitles")
    search_fields = ("name", "venue__name")
    list_select_related = ("venue",)


@admin.register(Screening)
class ScreeningAdmin(ReadOnly):
    list_display = (
        "pk",
        "edition",
        "submission",
        "room",
        "starts_at",
        "kind",
        "state",
        "locked",
        "ticket_price",
        "held_seats",
        "seats_taken",
    )
    list_filter = ("edition", "kind", "state", "locked")
    date_hierarchy = "starts_at"
    list_select_related = ("edition", "submission__film", "room__venue", "bookable")

    @admin.display(description=_("price"))
    def ticket_price(self, obj: Screening) -> str:
        """What a ticket costs now: the screening's own price or its section's (the bookable's)."""
        b = obj.bookable
        if b is None or not b.price:
            return "—"
        return f"{b.price} {b.currency}"

    @admin.display(description=_("seats taken"))
    def seats_taken(self, obj: Screening) -> str:
        b = obj.bookable
        if b is None:
            return "—"
        return f"{b.taken} / {b.capacity}" if b.capacity is not None else str(b.taken)


@admin.register(TicketPolicy)
class TicketPolicyAdmin(ReadOnly):
    list_display = ("edition", "per_person", "per_day", "held_release_min", "currency", "section_prices")
    list_select_related = ("edition",)


@admin.register(ScreeningGuest)
class ScreeningGuestAdmin(ReadOnly):
    list_display = ("name", "role", "edition", "submission", "qa", "unavailable_periods")
    list_filter = ("edition", "qa")
    search_fields = ("name", "role")
    list_select_related = ("edition", "submission__film")

    @admin.display(description=_("unavailable"))
    def unavailable_periods(self, obj: ScreeningGuest) -> str:
        return "; ".join(" – ".join(map(str, span)) for span in obj.unavailable or []) or "—"


@admin.register(GridVersion)
class GridVersionAdmin(ReadOnly):
    list_display = ("edition", "number", "origin", "created_at", "created_by")
    list_filter = ("edition", "origin")
    list_select_related = ("edition", "created_by")
    exclude = ("snapshot",)
