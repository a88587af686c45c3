"""Venues, rooms, screenings and grid versions of an edition (app label ``festival``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from korkyt.core.models import TimeStampedModel
from korkyt.core.translations import LanguageTagField


class Venue(models.Model):
    """A place of the edition (a cinema, a theatre) with its address."""

    edition = models.ForeignKey("festival.Edition", on_delete=models.CASCADE, related_name="venue_set")
    name = models.CharField(_("venue"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    #: The language of the venue's name, address and rooms' names (their ``lang`` on pages).
    language = LanguageTagField(
        _("language of the names"),
        default="en",
        help_text=_("The language the venue's name, its address and its rooms' names are written in."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    #: Minutes to travel to the edition's other venues: ``{"<venue id>": minutes}`` (kept symmetric).
    travel_min = models.JSONField(_("travel minutes"), default=dict, blank=True)

    class Meta:
        app_label = "festival"
        ordering = ["position", "pk"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="venue_name_once")]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    """A screening room: seats, the projection formats it plays (DCP, ProRes, …), whether it shows
    subtitles."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("room"), max_length=120)
    seats = models.PositiveIntegerField(_("seats"))
    formats = models.JSONField(_("projection formats"), default=list)
    subtitles = models.BooleanField(_("shows subtitles"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        app_label = "festival"
        ordering = ["venue__position", "position", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="room_name_once"),
            models.CheckConstraint(condition=Q(seats__gt=0), name="room_has_seats"),
        ]

    def __str__(self) -> str:
        return f"{self.venue.name} · {self.name}"


class ScreeningKind(models.TextChoices):
    JURY = "jury", _("Jury screening")
    PRESS = "press", _("Press screening")
    PUBLIC = "public", _("Public screening")
    GALA = "gala", _("Gala")


class ScreeningState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MOVED = "moved", _("Moved")
    CANCELLED = "cancelled", _("Cancelled")


class Screening(TimeStampedModel):
    """One screening of a selected film in a room. Moving or cancelling changes ``state`` (the title stays);
    ``locked`` screenings keep their place when the rest is re-optimised. Public screenings carry a
    :class:`~korkyt.events.models.Bookable` for their tickets."""

    edition = models.ForeignKey("festival.Edition", on_delete=models.CASCADE, related_name="screenings")
    submission = models.ForeignKey("festival.Submission", on_delete=models.CASCADE, related_name="screenings")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="screenings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    kind = models.CharField(_("kind"), max_length=8, choices=ScreeningKind.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=ScreeningState.choices, default=ScreeningState.SCHEDULED
    )
    locked = models.BooleanField(_("locked"), default=False)
    qa = models.BooleanField(_("Q&A with guests"), default=False)
    held_seats = models.PositiveIntegerField(_("held seats"), default=0)
    #: None: the section's price (the edition's ticket policy); 0: free.
    price = models.DecimalField(_("price"), max_digits=10, decimal_places=2, null=True, blank=True)
    bookable = models.OneToOneField(
        "events.Bookable", on_delete=models.PROTECT, null=True, blank=True, related_name="screening"
    )

    class Meta:
        app_label = "festival"
        ordering = ["starts_at", "room__venue__position", "room__position", "pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="screening_ends_after")
        ]
        indexes = [models.Index(fields=["edition", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.submission_id} · {self.room_id} · {self.starts_at:%Y-%m-%d %H:%M}"


class TicketPolicy(models.Model):
    """How an edition sells tickets: seats per person and screening, optionally per day, when the held
    seats (jury, press, guests) go on sale before a screening, the currency and a price per section
    (``{"<section kind>": "1500.00"}``; none: free). A screening's own price overrides its section's."""

    edition = models.OneToOneField("festival.Edition", on_delete=models.CASCADE, related_name="ticket_policy")
    per_person = models.PositiveSmallIntegerField(_("tickets per person and screening"), default=2)
    per_day = models.PositiveSmallIntegerField(_("tickets per person and day"), null=True, blank=True)
    held_release_min = models.PositiveIntegerField(
        _("held seats go on sale (minutes before the screening)"), default=120
    )
    currency = models.CharField(_("currency"), max_length=3, default="KZT")
    section_prices = models.JSONField(_("price per section"), default=dict, blank=True)

    class Meta:
        app_label = "festival"
        verbose_name = _("ticket policy")
        verbose_name_plural = _("ticket policies")
        constraints = [
            models.CheckConstraint(condition=Q(per_person__gte=1), name="ticket_policy_per_person_min"),
            models.CheckConstraint(
                condition=Q(per_day__isnull=True) | Q(per_day__gte=1), name="ticket_policy_per_day_min"
            ),
        ]

    def __str__(self) -> str:
        return f"tickets of {self.edition_id}"


class GridVersion(models.Model):
    """A snapshot of the edition's grid (proposed by the solver, edited, or published) with its diff to
    the version before: ``{"added": [...], "removed": [...], "moved": [...]}``."""

    class Origin(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        EDITED = "edited", _("Edited")
        PUBLISHED = "published", _("Published")

    edition = models.ForeignKey("festival.Edition", on_delete=models.CASCADE, related_name="grid_versions")
    number = models.PositiveIntegerField()
    origin = models.CharField(max_length=10, choices=Origin.choices)
    snapshot = models.JSONField(default=list)
    diff = models.JSONField(default=dict)
    summary = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        app_label = "festival"
        ordering = ["edition", "-number"]
        verbose_name = _("grid version")
        verbose_name_plural = _("grid versions")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="grid_version_once")]

    def __str__(self) -> str:
        return f"grid {self.edition_id} v{self.number}"


class ScreeningStar(models.Model):
    """A screening a signed-in person starred: their personal schedule and its calendar feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_stars"
    )
    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "festival"
        ordering = ["screening__starts_at", "pk"]
        verbose_name = _("starred screening")
        verbose_name_plural = _("starred screenings")
        constraints = [models.UniqueConstraint(fields=["user", "screening"], name="screening_star_once")]

    def __str__(self) -> str:
        return f"{self.user_id} ★ {self.screening_id}"


class ScreeningGuest(models.Model):
    """A guest of a selected film (director, actor ...) who comes for a Q&A: the scheduler places the
    film's first public screening when every Q&A guest is available, and the programme names them."""

    edition = models.ForeignKey("festival.Edition", on_delete=models.CASCADE, related_name="guests")
    submission = models.ForeignKey("festival.Submission", on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=120, blank=True)
    qa = models.BooleanField(_("Q&A"), default=True)
    #: Times the guest cannot attend: ``[["YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM"], ...]`` (festival time).
    unavailable = models.JSONField(_("unavailable"), default=list, blank=True)

    class Meta:
        app_label = "festival"
        ordering = ["submission", "pk"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self) -> str:
        return self.name
