"""Read side of the programme: the staff grid (days × rooms), the public programme of a published grid,
the version screened (from the catalogue's tracks), schema.org ScreeningEvent data and the ICS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import icalendar
from django.conf import settings
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from korkyt.accounts.personal_data import moment
from korkyt.core.calendar import ics_calendar, ics_parties, ics_revision
from korkyt.core.collation import sort_by_name
from korkyt.core.jsonld import json_ld_dumps
from korkyt.core.languages import content_language_label
from korkyt.core.translations import json_ld_text
from korkyt.events.models import CheckIn, Registration
from korkyt.festival.models import Edition
from korkyt.festival.programme.days import day_bounds, festival_day, is_festival_day
from korkyt.festival.programme.models import (
    GridVersion,
    Room,
    Screening,
    ScreeningStar,
    ScreeningState,
    Venue,
)
from korkyt.festival.programme.services import local, published, rooms_of
from korkyt.festival.programme.tickets import TICKETED, screening_title
from korkyt.festival.selectors import edition_over, is_staff_of, submission_title
from korkyt.festival.templatetags.festival_names import projection_formats


def _rows(qs: QuerySet[Screening]) -> QuerySet[Screening]:
    return qs.select_related(
        "edition", "room__venue", "submission__section", "submission__film", "bookable"
    ).prefetch_related("submission__film__titles", "submission__film__tracks")


def grid(edition: Edition, day: dt.date) -> dict[str, Any]:
    """One festival day of the grid (its night included): the rooms as columns, each with its screenings
    in time order."""
    rooms = rooms_of(edition)
    start, end = day_bounds(edition, day)
    screenings = list(
        _rows(Screening.objects.filter(edition=edition, starts_at__gte=start, starts_at__lt=end))
    )
    columns = [
        {"room": room, "screenings": [decorate(s) for s in screenings if s.room_id == room.pk]}
        for room in rooms
    ]
    return {"day": day, "columns": columns, "count": len(screenings)}


def subtitle_languages(film: Any) -> list[str]:
    """The language tags of the film's available subtitle tracks, each once, in order."""
    return sorted(
        {t.language for t in film.tracks.all() if t.kind == "subtitles" and t.status == "available"}
    )


def version_screened(screening: Screening) -> str:
    """The version screened in words, e.g. "Kazakh with Turkish and English subtitles" (the film's original
    languages and its available subtitle tracks)."""
    film = screening.submission.film
    original = ", ".join(str(content_language_label(t)) for t in (film.original_languages or []))
    subs = sort_by_name({str(content_language_label(tag)) for tag in subtitle_languages(film)})
    if original and subs:
        return _("%(original)s with %(subtitles)s subtitles") % {
            "original": original,
            "subtitles": ", ".join(subs),
        }
    if subs:
        return _("Subtitles: %(subtitles)s") % {"subtitles": ", ".join(subs)}
    return original


def decorate(screening: Screening) -> dict[str, Any]:
    """A screening's row: its title, the version screened, its festival ``day`` and ``overnight`` when it
    starts after that day's midnight (its date is then shown with its time)."""
    title = submission_title(screening.submission)
    edition = screening.edition
    day = festival_day(edition, screening.starts_at)
    return {
        "obj": screening,
        "title": title,
        "version": version_screened(screening),
        "day": day,
        "overnight": local(edition, screening.starts_at).date() != day,
    }


def published_ids(edition: Edition | int) -> set[int]:
    """The screenings the edition's last published version recorded (its snapshot's ids); none before
    publishing. A screening placed since (a re-proposal, added by hand) is not among them until staff
    publish again."""
    version = published(edition)
    return set() if version is None else {int(item["id"]) for item in version.snapshot}


def open_programmes() -> list[Edition]:
    """The editions whose published programme one can still book and star in (not over where they are
    held), the soonest first: *My festival programme* leads there."""
    editions = (
        Edition.objects.filter(
            ends_on__gte=dt.date.today() - dt.timedelta(days=1),
            grid_versions__origin=GridVersion.Origin.PUBLISHED,
        )
        .distinct()
        .order_by("starts_on")
    )
    return [e for e in editions if not edition_over(e)]


def shown_publicly(qs: QuerySet[Screening], edition: Edition | None = None) -> QuerySet[Screening]:
    """The one rule of the public side (pages, API, ICS, stars and personal feeds, PDF, JSON-LD): of
    ``qs``, the public and gala screenings that are part of their edition's published version (moved or
    cancelled since: still shown, with their state). ``edition``: the one edition ``qs`` is of."""
    editions = (
        [edition.pk] if edition is not None else set(qs.order_by().values_list("edition_id", flat=True))
    )
    ids: set[int] = set().union(*(published_ids(e) for e in editions))
    return qs.filter(kind__in=TICKETED, pk__in=ids)


def is_shown_publicly(screening: Screening) -> bool:
    """Whether ``screening`` is on the public side (:func:`shown_publicly`)."""
    return shown_publicly(Screening.objects.filter(pk=screening.pk), screening.edition).exists()


def published_off_days(edition: Edition) -> tuple[list[Screening], list[Screening]]:
    """The screenings of the published programme (not cancelled: on sale, starred, in calendars) that
    fall before the edition's first day and after its last, as ``edition`` has its dates and time zone now
    (perhaps not saved yet: the edition's edit checks a change of dates with it)."""
    qs = shown_publicly(Screening.objects.filter(edition=edition), edition).exclude(
        state=ScreeningState.CANCELLED
    )
    before, after = [], []
    for screening in _rows(qs).order_by("starts_at", "pk"):
        day = festival_day(edition, screening.starts_at)
        if day < edition.starts_on:
            before.append(screening)
        elif day > edition.ends_on:
            after.append(screening)
    return before, after


def public_screenings_qs(
    edition: Edition, *, day: dt.date | None = None, venue: int | None = None, section: str | None = None
) -> QuerySet[Screening]:
    """The public and gala screenings of the published grid (:func:`shown_publicly`; none on a ``day``
    that is not one of the festival's), in time order."""
    if day and not is_festival_day(edition, day):
        return Screening.objects.none()
    qs = shown_publicly(Screening.objects.filter(edition=edition), edition)
    if day:
        start, end = day_bounds(edition, day)
        qs = qs.filter(starts_at__gte=start, starts_at__lt=end)
    if venue:
        qs = qs.filter(room__venue_id=venue)
    if section:
        qs = qs.filter(submission__section__kind=section)
    return _rows(qs).order_by("starts_at", "room__venue__position", "room__position", "pk")


def public_screenings(
    edition: Edition, *, day: dt.date | None = None, venue: int | None = None, section: str | None = None
) -> list[dict[str, Any]]:
    """The public programme's rows (see :func:`public_screenings_qs`): each screening with its title in the
    reader's language and the version screened."""
    return [decorate(s) for s in public_screenings_qs(edition, day=day, venue=venue, section=section)]


def _screen_counts(venue_ids: set[int]) -> dict[int, int]:
    """How many rooms each venue has, in one query."""
    if not venue_ids:
        return {}
    counted = (
        Room.objects.filter(venue_id__in=venue_ids)
        .order_by()
        .values("venue_id")
        .annotate(n=Count("pk"))
        .values_list("venue_id", "n")
    )
    return dict(counted)


def screening_path(screening: Screening) -> str:
    """Where a screening is shown to the public (there is no page per screening): its row in the programme
    of its own festival day; the programme opens on the first day, so its address alone may not show it."""
    day = festival_day(screening.edition, screening.starts_at).isoformat()
    path = reverse("festival:public_programme", args=[screening.edition.number])
    return f"{path}?day={day}#screening-{screening.pk}"


def json_ld(rows: list[dict[str, Any]], url_of: Any) -> str:
    """ScreeningEvent data: times with the edition's UTC offset; the film's spoken languages and its
    subtitles as language tags; the film's and the venue's names each marked with the language they are
    written in (JSON-LD language-tagged strings: schema.org has no language per property). The event's own
    ``name`` stays a plain string, as search engines read it."""
    status = {
        ScreeningState.SCHEDULED: "https://schema.org/EventScheduled",
        ScreeningState.MOVED: "https://schema.org/EventRescheduled",
        ScreeningState.CANCELLED: "https://schema.org/EventCancelled",
    }
    screens = _screen_counts({r["obj"].room.venue_id for r in rows})
    data = []
    for r in rows:
        screening, title = r["obj"], r["title"]
        film, venue = screening.submission.film, screening.room.venue
        event: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ScreeningEvent",
            "name": str(title),
            "startDate": screening.starts_at.astimezone(screening.edition.tz).isoformat(),
            "endDate": screening.ends_at.astimezone(screening.edition.tz).isoformat(),
            "eventStatus": status[screening.state],
            "videoFormat": projection_formats(screening.room.formats),  # trade names: "DCP, ProRes"
            "location": {
                "@type": "MovieTheater",
                "name": json_ld_text(venue.name, venue.language),
                "address": json_ld_text(venue.address, venue.language) if venue.address else "",
                "screenCount": screens.get(venue.pk, 0),
            },
            "workPresented": {"@type": "Movie", "name": json_ld_text(str(title), title.lang)},
            "url": url_of(screening),
        }
        if film.original_languages:
            event["inLanguage"] = list(film.original_languages)
        subtitles = subtitle_languages(film)
        if subtitles:
            event["subtitleLanguage"] = subtitles
        data.append(event)
    return json_ld_dumps(data)


#: The iTIP method (RFC 5546) of a screening's ICS sent by mail: the entry a holder imported from their
#: ticket (PUBLISH), moved with it (PUBLISH again: same UID, a higher SEQUENCE) or removed when the screening
#: is cancelled (CANCEL). Downloads and the calendar feed carry none (subscriptions: RFC 5545 alone).
PUBLISH, CANCEL = "PUBLISH", "CANCEL"


def _ics_event(screening: Screening, language: str, url: str) -> icalendar.Event:
    item = icalendar.Event()
    host = getattr(settings, "KORKYT_MAIL_DOMAIN", "korkyt.invalid")
    item.add("uid", f"screening-{screening.pk}@{host}")
    item.add("summary", submission_title(screening.submission, language).text)
    tz = screening.edition.tz
    item.add("dtstart", screening.starts_at.astimezone(tz))
    item.add("dtend", screening.ends_at.astimezone(tz))
    ics_revision(item, screening.updated_at)
    item.add(
        "location",
        f"{screening.room.venue.name}, {screening.room.name}, {screening.room.venue.address}".strip(", "),
    )
    item.add("url", url)
    if screening.state == ScreeningState.CANCELLED:
        item.add("status", "CANCELLED")
    return item


def screening_ics(screening: Screening, language: str, url: str, method: str = "") -> bytes:
    """One screening's ICS; ``method`` (``PUBLISH``, ``CANCEL``) for one sent by mail."""
    return screenings_ics([screening], language, lambda _s: url, method=method)


def screenings_ics(
    screenings: list[Screening],
    language: str,
    url_of: Callable[[Screening], str],
    name: str = "",
    method: str = "",
) -> bytes:
    """One calendar of several screenings (a person's starred ones and tickets): a moved screening keeps
    its UID with a new SEQUENCE, a cancelled one stays with STATUS:CANCELLED, so calendars update. With a
    ``method`` (mail: :data:`PUBLISH`, :data:`CANCEL`) the calendar says it and each entry names its
    ORGANIZER, so a mail client updates or removes the entry rather than importing another."""
    cal = ics_calendar("festival", name, method)
    for screening in screenings:
        item = _ics_event(screening, language, url_of(screening))
        if method:
            ics_parties(item)
        cal.add_component(item)
    cal.add_missing_timezones()  # each TZID with its VTIMEZONE, for calendars that need one
    return bytes(cal.to_ical())


def room_choices(edition: Edition) -> list[Room]:
    return rooms_of(edition)


def screening_tickets(screening: Screening) -> QuerySet[Registration]:
    """Every registration (booking, box-office sale, waiting-list place) of the screening's bookable, with
    its account, ``checked_in`` (whether the ticket was read at the door) and ``checked_in_at`` (when) in
    the same query; none for a screening without tickets. Callers filter and order (staff page, staff API)."""
    if screening.bookable_id is None:
        return Registration.objects.none()
    return (
        Registration.objects.filter(bookable=screening.bookable_id)
        .select_related("user")
        .annotate(
            checked_in=Exists(CheckIn.objects.filter(registration=OuterRef("pk"))),
            checked_in_at=Subquery(
                CheckIn.objects.filter(registration=OuterRef("pk")).values("checked_in_at")[:1]
            ),
        )
    )


def ticket_for(user: Any, pk: int) -> tuple[Registration, bool] | None:
    """The screening ticket ``pk`` if ``user`` may see it: their own, or any of an edition they are staff
    of (a walk-in's, to print at the box office); with whether they see it as staff. None otherwise."""
    if not user.is_authenticated:
        return None
    reg = (
        Registration.objects.filter(pk=pk, bookable__screening__isnull=False)
        .select_related("user", "bookable__screening__edition", "bookable__screening__room__venue")
        .first()
    )
    if reg is None:
        return None
    if reg.user_id == user.pk:
        return reg, False
    if is_staff_of(user, reg.bookable.screening.edition):
        return reg, True
    return None


# A person's export (accounts.personal_data) ----------------------------------------------------------


def _exported_screening(screening: Screening, language: str) -> dict[str, Any]:
    return {
        "screening": screening.pk,
        "film": screening_title(screening, language),
        "starts_at": moment(screening.starts_at),
        "state": screening.state,
    }


def tickets_export(user: Any) -> list[dict[str, Any]]:
    screenings = {
        s.bookable_id: s
        for s in Screening.objects.filter(bookable__registrations__user=user.pk)
        .select_related("submission__film")
        .prefetch_related("submission__film__titles")  # the film's title, read once for all
    }
    rows = Registration.objects.filter(user=user.pk, bookable_id__in=list(screenings)).order_by("created_at")
    return [
        {
            **_exported_screening(screenings[r.bookable_id], user.language),
            "status": r.status,
            "seats": r.seats,
            "payment": r.payment,
            "amount": str(r.amount) if r.amount is not None else None,
            "currency": r.currency,
            "booked_at": moment(r.created_at),
        }
        for r in rows
    ]


def stars_export(user: Any) -> list[dict[str, Any]]:
    stars = (
        ScreeningStar.objects.filter(user=user.pk)
        .select_related("screening__submission__film")
        .prefetch_related("screening__submission__film__titles")
    )
    return [_exported_screening(star.screening, user.language) for star in stars]


def edition_venue(edition: Edition, pk: int | None) -> Venue | None:
    """The edition's venue with id ``pk`` (None for an id it has none of)."""
    return Venue.objects.filter(edition=edition, pk=pk).first() if pk else None


def edition_section_kinds(edition: Edition) -> set[str]:
    """The kinds of the edition's own sections."""
    return set(edition.sections.values_list("kind", flat=True))
