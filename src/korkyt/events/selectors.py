"""Reads scoped to the viewer: published events for everyone, drafts for their organisers; a person's own
registrations; an event's participants for its organisers."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids, scoped_roles
from korkyt.core.actors import Actor
from korkyt.core.languages import request_language
from korkyt.core.models import Job
from korkyt.core.permissions import is_platform_admin
from korkyt.core.translations import Text, translated
from korkyt.events.managers import begun_bookables_q, managed_bookables_q
from korkyt.events.models import (
    ACTIVE,
    Bookable,
    CalendarFeed,
    CheckIn,
    Event,
    EventStatus,
    Quota,
    Registration,
    RegistrationStatus,
    Session,
)

S = RegistrationStatus


def _organised_q(user: Actor) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    editor_of = institution_ids(user, Role.EDITOR)
    if user.pk is None:
        return Q(organisers__in=editor_of)
    managed = [
        oid
        for (tid, oid), roles in scoped_roles(user).items()
        if tid == _event_type_id() and Role.EVENT_MANAGER in roles
    ]
    created = Q(created_by=user.pk) if editor_of else Q(pk__in=[])  # as events.rules.is_organiser
    return Q(organisers__in=editor_of) | created | Q(pk__in=managed)


def _event_type_id() -> int:
    return ContentType.objects.get_for_model(Event).pk


def event_managed(user: Actor) -> QuerySet[Event]:
    """Events whose participants ``user`` manages (organiser or platform admin)."""
    if is_platform_admin(user):
        return Event.objects.all()
    ids = Event.objects.filter(_organised_q(user)).values("pk")
    return Event.objects.filter(pk__in=ids)


def event_visible(user: Actor) -> QuerySet[Event]:
    """Published, cancelled and completed events for everyone; drafts for their organisers."""
    base = Event.objects.select_related("bookable", "memorandum", "area").prefetch_related(
        "translations",
        "sessions",  # the sessions: whether registration is open (``registration_open``)
    )
    if is_platform_admin(user):
        qs = base
    else:
        qs = base.filter(Q(pk__in=event_managed(user).values("pk")) | ~Q(status=EventStatus.DRAFT))
    return qs.annotate(
        starts_at=Subquery(
            Session.objects.filter(event=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
        ),
        n_confirmed=_per_bookable(Sum("seats"), S.CONFIRMED, S.OFFERED),
        n_waitlisted=_per_bookable(Count("pk"), S.WAITLISTED),
    )


def _per_bookable(aggregate: Sum | Count, *statuses: str) -> Coalesce:
    """``aggregate`` over the event's registrations in ``statuses``, as a subquery: an aggregate over a
    join beside the sessions' would count each registration once per session."""
    rows = (
        Registration.objects.filter(bookable=OuterRef("bookable"), status__in=statuses)
        .order_by()
        .values("bookable")
        .annotate(n=aggregate)
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def event_list(
    *,
    user: Actor,
    status: str | None = None,
    registration_open: bool | None = None,
    when: str | None = None,
    kind: str | None = None,
) -> QuerySet[Event]:
    """The events ``user`` may see, by their first session. ``when``: ``"upcoming"`` (not over: a session
    still to end, or none yet), soonest first; ``"past"``, the latest first."""
    qs = event_visible(user)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if when in ("upcoming", "past"):
        not_over = _not_over(timezone.now())
        if when == "upcoming":
            return qs.filter(not_over).order_by(F("starts_at").asc(nulls_last=True), "pk")
        return qs.exclude(not_over).order_by(F("starts_at").desc(nulls_last=True), "-pk")
    if registration_open is not None:
        now = timezone.now()
        open_q = (
            Q(status=EventStatus.PUBLISHED)
            & (Q(bookable__opens_at__isnull=True) | Q(bookable__opens_at__lte=now))
            & (Q(bookable__closes_at__isnull=True) | Q(bookable__closes_at__gt=now))
            & _not_over(now)  # with no closing time set, registration closes when the last session ends
        )
        qs = qs.filter(open_q) if registration_open else qs.exclude(open_q)
    return qs.order_by("starts_at", "pk")


def event_title(event: Event, language: str | None = None) -> Text:
    return translated(
        event.translations.all(), language or request_language(), event.original_language, field="title"
    ) or Text(f"#{event.pk}", "en")


def event_description(event: Event, language: str | None = None) -> Text | None:
    return translated(
        event.translations.all(), language or request_language(), event.original_language, field="description"
    )


def registration_visible(user: Actor) -> QuerySet[Registration]:
    """A person's own registrations, those of the events they organise, and those of bookables another
    app's registered manager says they manage (festival staff: their edition's screening tickets)."""
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    if is_platform_admin(user):
        qs = Registration.objects.all()
    else:
        managed = event_managed(user).filter(bookable=OuterRef("bookable"))
        own = Q(user=user.pk) if user.pk is not None else Q(pk__in=[])
        qs = Registration.objects.filter(own | Exists(managed) | managed_bookables_q(user, "bookable"))
    return qs.select_related("bookable__event", "user")


def bookable_manageable(user: Actor, bookable_id: int) -> bool:
    """Whether ``user`` manages the registrations of the bookable: a platform administrator, an organiser
    of its event, or someone a registered bookable manager names (one query, no Python per row)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_platform_admin(user):
        return True
    managed = event_managed(user).filter(bookable=OuterRef("pk"))
    return Bookable.objects.filter(
        Q(pk=bookable_id) & (Exists(managed) | managed_bookables_q(user, "pk"))
    ).exists()


def registration_mine(user: Actor) -> QuerySet[Registration]:
    if not getattr(user, "is_authenticated", False):
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user.pk, bookable__event__isnull=False)
        .select_related("bookable__event", "certificate")
        .prefetch_related(
            "bookable__event__translations",
            "bookable__event__sessions",
            "bookable__event__questions__translations",
            "files",
        )
        .order_by("-created_at")
    )


def participants(event: Event) -> QuerySet[Registration]:
    """An event's registrations for its organisers (the caller checked the permission)."""
    return (
        Registration.objects.filter(bookable=event.bookable_id)
        .select_related("user", "certificate")
        .order_by("status", "position", "created_at", "pk")
    )


def registration_active(*, event: Event, user: Actor) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(bookable=event.bookable_id, user=user.pk, status__in=ACTIVE).first()


def checkin_counts(event: Event, session_id: int | None) -> dict[str, int]:
    """Confirmed seats and how many of them are checked in for the session (the live count)."""
    confirmed = Registration.objects.filter(bookable=event.bookable_id, status=S.CONFIRMED)
    present = CheckIn.objects.filter(registration__bookable=event.bookable_id, session=session_id)
    return {"confirmed": confirmed.count(), "present": present.count()}


def checkins_recent(event: Event, session_id: int | None, limit: int = 10) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        registration__bookable=event.bookable_id, session=session_id
    ).select_related("registration__user")[:limit]


def checkin_candidates(event: Event, session_id: int | None, query: str) -> QuerySet[Registration]:
    """Confirmed participants whose name, user name or e-mail contains ``query`` (search by name), with
    ``present`` telling whether they are checked in for the session."""
    qs = Registration.objects.filter(bookable=event.bookable_id, status=S.CONFIRMED).select_related("user")
    for word in query.split()[:4]:
        qs = qs.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(user__email__icontains=word)
            | Q(holder_name__icontains=word)
            | Q(holder_email__icontains=word)
        )
    present = CheckIn.objects.filter(registration=OuterRef("pk"), session=session_id)
    return qs.annotate(present=Exists(present)).order_by("user__last_name", "user__first_name", "pk")[:30]


def present_ids(event: Event, among: Iterable[int] | None = None) -> set[int]:
    """Registrations checked in at any session of the event (of ``among`` only, when given: a page)."""
    found = CheckIn.objects.filter(registration__bookable=event.bookable_id)
    if among is not None:
        found = found.filter(registration__in=list(among))
    return set(found.values_list("registration", flat=True))


def any_present(event: Event) -> bool:
    """Whether anyone is checked in at any session of the event."""
    return CheckIn.objects.filter(registration__bookable=event.bookable_id).exists()


def certificates_job(event: Event) -> Job | None:
    """The latest background job issuing the event's certificates."""
    return (
        Job.objects.filter(
            kind="events.issue_certificates", subject_type=_event_type_id(), subject_id=event.pk
        )
        .order_by("-pk")
        .first()
    )


def _not_over(now: datetime) -> Any:
    """Events not over at ``now``: a session still to end, or no session yet (a draft being set up)."""
    later = Session.objects.filter(event=OuterRef("pk"), ends_at__gte=now)
    any_session = Session.objects.filter(event=OuterRef("pk"))
    return Exists(later) | ~Exists(any_session)


def seat_passes_on(bookable_id: int) -> bool:
    """Whether a seat given back goes to the waiting list: not for an event that is not published (a
    draft, a cancelled or a held event); a festival screening's seat always does (its own rules)."""
    status = Event.objects.filter(bookable=bookable_id).values_list("status", flat=True).first()
    return status in (None, EventStatus.PUBLISHED)


def checked_in(registration_id: int) -> bool:
    """Whether the registration's holder was let in (at any session): their seat can no longer be given
    back by them."""
    return CheckIn.objects.filter(registration=registration_id).exists()


def event_over(bookable_id: int, now: datetime | None = None) -> bool:
    """Whether what a bookable books is over for its seats: an event whose every session ended (the
    opposite of ``_not_over``), or a single occasion another app registered as begun (a festival screening
    that started: a seat given back then could serve nobody)."""
    now = now or timezone.now()
    if Event.objects.filter(bookable=bookable_id).exclude(_not_over(now)).exists():
        return True
    return Bookable.objects.filter(begun_bookables_q(now), pk=bookable_id).exists()


def registration_open(event: Event, now: datetime | None = None) -> bool:
    """Whether ``event`` takes registrations now: published, within its registration window, and not over
    (with no closing time set, registration closes when the last session ends). Reads the event's
    sessions (prefetched when the caller did)."""
    now = now or timezone.now()
    bookable = event.bookable
    if event.status != EventStatus.PUBLISHED:
        return False
    if (bookable.opens_at is not None and now < bookable.opens_at) or (
        bookable.closes_at is not None and now >= bookable.closes_at
    ):
        return False
    ends = [s.ends_at for s in event.sessions.all()]
    return not ends or max(ends) >= now


def waitlist_places(registrations: Iterable[Registration]) -> dict[int, int]:
    """Each waitlisted registration's place in its line (id → 1, 2, …), counted among those still
    waiting (``position`` is the running number it joined with and never moves): how many of them joined
    at or before it, read from each line's positions in order (one query for them all, one pass)."""
    waiting = [r for r in registrations if r.status == S.WAITLISTED and r.position is not None]
    if not waiting:
        return {}
    lines: dict[int, list[int]] = defaultdict(list)
    rows = (
        Registration.objects.filter(
            bookable_id__in={r.bookable_id for r in waiting}, status=S.WAITLISTED, position__isnull=False
        )
        .order_by("bookable_id", "position")
        .values_list("bookable_id", "position")
    )
    for bookable_id, position in rows:
        lines[bookable_id].append(position or 0)  # in order: each line sorted
    return {r.pk: bisect_right(lines[r.bookable_id], r.position or 0) for r in waiting}


def waitlist_place(registration: Registration) -> int | None:
    """The registration's place in line, None when it is not waiting."""
    return waitlist_places([registration]).get(registration.pk)


def waits_for_country(registration: Registration) -> bool:
    """Whether the registration waits because its country's seats are taken while seats are free (no
    lock: for display)."""
    from korkyt.events.booking import free_seats

    bookable = Bookable.objects.get(pk=registration.bookable_id)  # the counters as they are now
    free = free_seats(bookable)
    if not registration.country or (free is not None and free < registration.seats):
        return False
    quota = Quota.objects.filter(bookable=bookable, country=registration.country).first()
    limit = bookable.per_country_limit if quota is None or quota.limit is None else quota.limit
    used = quota.used if quota is not None else 0
    return limit is not None and used + registration.seats > limit


def work_of(user: Actor) -> dict[str, list[Any]]:
    """What events ask of ``user``, for their "My work" page: the events they organise that are not over
    (drafts included), each with its seats taken, its waiting list and the applications waiting for review;
    and their own registrations still active for events not over, the soonest first."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return {"organising": [], "registrations": []}
    now = timezone.now()
    over = (EventStatus.CANCELLED, EventStatus.COMPLETED)
    organised = Event.objects.filter(_organised_q(user)).values("pk")
    organising = list(
        event_visible(user)
        .filter(pk__in=organised)
        .exclude(status__in=over)
        .filter(_not_over(now))
        .annotate(n_pending=_per_bookable(Count("pk"), S.PENDING))
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    upcoming = Event.objects.exclude(status__in=over).filter(_not_over(now)).values("pk")
    first_session = (
        Session.objects.filter(event=OuterRef("bookable__event"))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    registrations = list(
        registration_mine(user)
        .filter(status__in=ACTIVE, bookable__event__in=upcoming)
        .annotate(starts_at=Subquery(first_session))
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    return {"organising": organising, "registrations": registrations}


def registrations_export(user: Any) -> list[dict[str, Any]]:
    """The person's event registrations with their answers, for their export (screening tickets are the
    festival's section)."""
    from korkyt.accounts.personal_data import moment as when

    rows = (
        Registration.objects.filter(user=user.pk, bookable__event__isnull=False)
        .select_related("bookable__event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": r.bookable.event.pk,
            "event_title": r.bookable.event.activity_title(user.language).text,
            "status": r.status,
            "seats": r.seats,
            "country": str(r.country or ""),
            "payment": r.payment,
            "amount": str(r.amount) if r.amount is not None else None,
            "currency": r.currency,
            "registered_at": when(r.created_at),
            "answers": r.answers,
            "followup_answers": r.followup_answers,
            "feedback_answers": r.feedback_answers,
        }
        for r in rows
    ]


def calendar_feed(token: str) -> CalendarFeed | None:
    """The private calendar a feed's token opens (events and the festival's): none for a renewed token
    or an account that was deactivated (the token is kept and works again once it is reactivated)."""
    return CalendarFeed.objects.filter(token=token[:64], user__is_active=True).select_related("user").first()
