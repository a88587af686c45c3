"""Who manages the registrations of a bookable beyond an event's organisers: other apps that put bookables
on sale (the festival's screenings) register a *bookable manager* here in their ``AppConfig.ready``.

A manager is a callable ``(user) -> QuerySet`` of Bookable ids (e.g. ``Screening.objects.filter(...)
.values("bookable")``) that the user manages. It is used as a subquery, never row by row: registrations
visible to the user (``selectors.registration_visible``) and every "manage this bookable's registrations"
check (``selectors.bookable_manageable``: cancelling someone else's booking, a box-office sale) accept
bookables any registered manager returns. The events app itself does not know who registers (the import
contracts forbid it to import the apps that build on it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet

from korkyt.core.actors import Actor

#: ``manager(user)`` → a QuerySet of Bookable ids the user manages (one column: the id).
BookableManager = Callable[[Actor], QuerySet[Any]]
_managers: list[BookableManager] = []


def register_bookable_manager(manager: BookableManager) -> BookableManager:
    """Add ``manager`` (idempotent: registering the same callable twice keeps one)."""
    if manager not in _managers:
        _managers.append(manager)
    return manager


def managed_bookables_q(user: Actor, field: str = "pk") -> Q:
    """A filter on ``field`` (a Bookable id: ``pk`` on Bookable, ``bookable`` on Registration) matching
    the bookables registered managers say ``user`` manages; matches nothing without any."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    q = Q(pk__in=[])
    for manager in _managers:
        q |= Q(**{f"{field}__in": manager(user)})
    return q


#: ``ended(cutoff)`` → a QuerySet of Bookable ids whose occasion (a screening) ended before ``cutoff``.
EndedBookables = Callable[[dt.datetime], QuerySet[Any]]
_ended: list[EndedBookables] = []


def register_ended_bookables(finder: EndedBookables) -> EndedBookables:
    """Add ``finder`` for the retention of personal data (idempotent): the registrations of bookables it
    names are erased like those of an event that ended before the cutoff."""
    if finder not in _ended:
        _ended.append(finder)
    return finder


def ended_bookables_q(cutoff: dt.datetime, field: str = "bookable") -> Q:
    """A filter on ``field`` matching the bookables registered finders say ended before ``cutoff``."""
    q = Q(pk__in=[])
    for finder in _ended:
        q |= Q(**{f"{field}__in": finder(cutoff)})
    return q


#: ``begun(now)`` → a QuerySet of Bookable ids whose one occasion has begun by ``now`` (a screening), so a
#: seat given back then could serve nobody: cancelling is refused and nobody waiting is offered it.
BegunBookables = Callable[[dt.datetime], QuerySet[Any]]
_begun: list[BegunBookables] = []


def register_begun_bookables(finder: BegunBookables) -> BegunBookables:
    """Add ``finder`` (idempotent) for ``selectors.event_over``."""
    if finder not in _begun:
        _begun.append(finder)
    return finder


def begun_bookables_q(now: dt.datetime, field: str = "pk") -> Q:
    """A filter on ``field`` matching the bookables registered finders say have begun by ``now``."""
    q = Q(pk__in=[])
    for finder in _begun:
        q |= Q(**{f"{field}__in": finder(now)})
    return q
