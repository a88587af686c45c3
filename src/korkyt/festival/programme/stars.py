"""Starred screenings: a signed-in person's own festival schedule, and the private calendar feed that
carries it (the events app's per-person feed token: one address per person, renewable)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from korkyt.events.models import ACTIVE, HOLDING, Registration, RegistrationStatus
from korkyt.festival.programme.models import Screening, ScreeningStar, ScreeningState
from korkyt.festival.programme.selectors import is_shown_publicly, shown_publicly


def star_set(*, user: Any, screening: Screening, starred: bool) -> bool:
    """Star or unstar a public screening of a published programme; returns whether it is starred now.
    Doing it twice is harmless (a double click, two tabs)."""
    if not getattr(user, "is_authenticated", False):
        raise ValidationError(_("Sign in to star screenings."))
    if not is_shown_publicly(screening):
        raise ValidationError(_("Only screenings of a published programme can be starred."))
    if not starred:
        ScreeningStar.objects.filter(user=user, screening=screening).delete()
        return False
    try:
        with transaction.atomic():
            ScreeningStar.objects.get_or_create(user=user, screening=screening)
    except IntegrityError:  # the same star saved at the same moment by another request
        pass
    return True


def starred_ids(user: Any, screenings: list[Screening]) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        ScreeningStar.objects.filter(user=user, screening__in=[s.pk for s in screenings]).values_list(
            "screening_id", flat=True
        )
    )


def _visible(qs: QuerySet[Screening]) -> list[Screening]:
    """Of ``qs``, those on the public side (:func:`~korkyt.festival.programme.selectors.shown_publicly`),
    in time order."""
    rows = (
        shown_publicly(qs)
        .select_related("room__venue", "submission__film", "submission__section", "edition")
        .prefetch_related("submission__film__titles")  # each screening is named by its film's title
    )
    return list(rows.order_by("starts_at", "pk"))


def my_screenings(user: Any) -> list[Screening]:
    """Starred screenings of published programmes, in time order (cancelled and moved ones included:
    their state is shown)."""
    return _visible(Screening.objects.filter(stars__user=user).distinct())


def _voided() -> Q:
    """Tickets cancelled with their screening (they stay listed, and in the feed, as cancelled)."""
    return Q(status=RegistrationStatus.CANCELLED, bookable__screening__state=ScreeningState.CANCELLED)


def my_tickets(user: Any) -> list[tuple[Screening, Registration]]:
    """The screenings of published programmes ``user`` holds a ticket for, has been offered a seat at, or
    waits for, in time order, each with its registration (cancelled and moved screenings included: their
    state is shown; a cancelled screening's tickets were cancelled with it)."""
    held = {
        r.bookable_id: r  # the latest (one voided with its screening over one given back before)
        for r in Registration.objects.filter(
            Q(status__in=ACTIVE) | _voided(), user=user, bookable__screening__isnull=False
        ).order_by("pk")
    }
    if not held:
        return []
    screenings = _visible(Screening.objects.filter(bookable_id__in=list(held)))
    return [(s, held[s.bookable_id]) for s in screenings if s.bookable_id is not None]


def feed_screenings(user: Any) -> list[Screening]:
    """What the personal feed carries: starred screenings and those the person holds a ticket for (a
    cancelled one stays, with STATUS:CANCELLED, so the calendar updates rather than losing it)."""
    held = Registration.objects.filter(
        Q(status__in=HOLDING) | _voided(), user=user, bookable__screening__isnull=False
    ).values_list("bookable__screening", flat=True)
    return _visible(Screening.objects.filter(Q(pk__in=held) | Q(stars__user=user)).distinct())
