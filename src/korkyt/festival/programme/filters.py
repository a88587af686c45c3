"""The public programme's filters, read in one place for the page and its printed copy: the festival day
(or every day, ``?day=all``), the venue and the section asked for in the query string.

A value the edition has nothing for is kept in ``refused`` as its reason, naming the filter: the page shows
the programme without it (a day outside the edition or no date: the default day; a section kind the edition
has no section of, or a venue that is no id: every one), or, for the id of a venue not the edition's, the
screenings of that venue, none; the PDF refuses to print something other than what was asked. The print
link carries the filters as read (``Filters.query``), so it never carries a refused one, and is not shown
when the page lists a venue the edition does not have (``Filters.printable``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from korkyt.core.http import id_from
from korkyt.festival.models import Edition, SectionKind
from korkyt.festival.programme import days, selectors
from korkyt.festival.programme.models import Venue

#: ``?day=all``: every day of the programme (the page a page at a time; the PDF all of it).
ALL_DAYS = "all"


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of one request. ``day`` None: every day; ``venue_id``: the venue asked for, ``venue``
    the edition's venue of that id (None when it has none); ``sections``: the Section filter's choices (the
    kinds of the edition's own sections, in the usual order, with their names)."""

    day: dt.date | None
    venue_id: int | None
    venue: Venue | None
    section: str | None
    sections: tuple[tuple[str, Any], ...]
    refused: tuple[str, ...] = ()

    @property
    def every_day(self) -> bool:
        return self.day is None

    @property
    def printable(self) -> bool:
        """Whether the PDF of these filters prints what the page shows: not for the id of a venue the
        edition does not have (the page lists nothing and offers to clear the filters; the PDF refuses it)."""
        return self.venue_id is None or self.venue is not None

    @property
    def section_name(self) -> str:
        return str(dict(self.sections).get(self.section or "", ""))

    def query(self) -> str:
        """The filters as a query string ("day=2026-09-08&venue=3&section=documentary"): the print link's."""
        pairs = {"day": self.day.isoformat() if self.day else ALL_DAYS}
        if self.venue is not None:
            pairs["venue"] = str(self.venue.pk)
        if self.section:
            pairs["section"] = self.section
        return urlencode(pairs)


def default_day(edition: Edition) -> dt.date:
    """The day shown unless another is asked for: today's festival day while the festival runs, else its
    first day."""
    today = days.festival_day(edition, timezone.now())
    return today if days.is_festival_day(edition, today) else edition.starts_on


def festival_day_of(edition: Edition, text: str | None) -> dt.date | None:
    """The festival day written ``YYYY-MM-DD`` in ``text``, or None (no date, or not one of the days)."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return None
    return day if days.is_festival_day(edition, day) else None


def section_choices(edition: Edition) -> tuple[tuple[str, Any], ...]:
    """The kinds of the edition's own sections, in the usual order, with their names."""
    kinds = selectors.edition_section_kinds(edition)
    return tuple((value, label) for value, label in SectionKind.choices if value in kinds)


def read(edition: Edition, query: Mapping[str, Any]) -> Filters:
    """The filters ``query`` (a request's GET) asks for, each checked against the edition."""
    refused: list[str] = []
    raw_day = query.get("day") or ""
    day: dt.date | None = None
    if raw_day != ALL_DAYS:
        day = festival_day_of(edition, raw_day)
        if raw_day and day is None:
            refused.append(_("Choose a day of the festival."))
        day = day or default_day(edition)
    raw_venue = query.get("venue") or ""
    venue_id = id_from(raw_venue)
    venue = selectors.edition_venue(edition, venue_id)
    if raw_venue and venue is None:
        refused.append(_("Choose one of the festival's venues."))
    sections = section_choices(edition)
    section = query.get("section") or None
    if section is not None and section not in dict(sections):
        refused.append(_("Choose one of the festival's sections."))
        section = None
    return Filters(
        day=day, venue_id=venue_id, venue=venue, section=section, sections=sections, refused=tuple(refused)
    )
