"""Every write of the events app. Bookings go through the generic engine in korkyt.events.booking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.accounts.rules import memberships
from korkyt.core.actors import Actor, saved_user
from korkyt.core.validation import Errors, add_error, clean_tag, full_clean_into, raise_errors, require_perm
from korkyt.core.workflow import transition_apply
from korkyt.events import booking, notifications
from korkyt.events.models import (
    Audience,
    Bookable,
    BookingMode,
    Event,
    EventStatus,
    EventTranslation,
    Question,
    QuestionKind,
    Quota,
    Registration,
    RegistrationStatus,
    Session,
)

S = RegistrationStatus


@dataclass
class SessionData:
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str = ""
    capacity: int | None = None
    room: str = ""


@dataclass
class QuestionData:
    kind: str
    label: str
    choices: list[str] = field(default_factory=list)
    required: bool = False


def event_create(
    *,
    actor: Actor,
    kind: str,
    titles: Mapping[str, str],
    descriptions: Mapping[str, str] | None = None,
    organisers: Sequence[Any] = (),
    sessions: Sequence[SessionData] = (),
    questions: Sequence[QuestionData] = (),
    capacity: int | None = None,
    per_country_limit: int | None = None,
    quotas: Mapping[str, int] | None = None,
    mode: str = BookingMode.AUTOMATIC,
    waitlist: bool = True,
    offer_hours: int | None = None,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
    audience: str = Audience.ANYONE,
    venue: str = "",
    address: str = "",
    map_url: str = "",
    time_zone: str = "Asia/Aqtau",
    online_url: str = "",
    instruction_languages: Sequence[str] = (),
    interpretation_languages: Sequence[str] = (),
    memorandum: Any = None,
    area: Any = None,
    speakers: Sequence[Any] = (),
) -> Event:
    """Create a draft event with its texts, sessions, form, capacity and quotas. The event's capacity is
    the smallest of its own seats and its sessions' (every participant attends every session)."""
    require_perm(actor, "events.add_event")
    errors: Errors = {}
    texts: dict[str, str] = {}
    for i, (lang, title) in enumerate(titles.items()):
        tag = clean_tag(lang, f"titles[{i}].language", errors)
        if tag and (title or "").strip():
            texts[tag] = title.strip()
    if not texts:
        add_error(errors, "titles", _("Give the event a title."))
    langs = [clean_tag(t, f"instruction_languages[{i}]", errors) for i, t in enumerate(instruction_languages)]
    interp = [
        clean_tag(t, f"interpretation_languages[{i}]", errors) for i, t in enumerate(interpretation_languages)
    ]
    for i, s in enumerate(sessions):
        if timezone.is_naive(s.starts_at) or timezone.is_naive(s.ends_at):
            add_error(errors, f"sessions[{i}].starts_at", _("Give times with their time zone."))
        elif s.ends_at <= s.starts_at:
            add_error(errors, f"sessions[{i}].ends_at", _("A session ends after it starts."))
    for code in quotas or {}:
        if code not in countries:
            add_error(errors, "quotas", _("Unknown country “%(code)s”.") % {"code": code})
    for i, q in enumerate(questions):
        if q.kind not in QuestionKind.values:
            add_error(errors, f"questions[{i}].kind", _("Unknown question kind."))
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and not q.choices:
            add_error(errors, f"questions[{i}].choices", _("A choice question needs options."))
    if not venue and not online_url:
        add_error(errors, "venue", _("Give a venue or an online link."))
    seat_limits = [c for c in [capacity, *(s.capacity for s in sessions)] if c is not None]
    bookable = Bookable(
        capacity=min(seat_limits) if seat_limits else None,
        per_country_limit=per_country_limit,
        mode=mode,
        waitlist=waitlist,
        offer_hours=offer_hours,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    full_clean_into(bookable, errors)
    event = Event(
        kind=kind,
        audience=audience,
        venue=venue,
        address=address,
        map_url=map_url,
        time_zone=time_zone,
        online_url=online_url,
        instruction_languages=[t for t in langs if t],
        interpretation_languages=[t for t in interp if t],
        memorandum=memorandum,
        area=area,
        original_language=next(iter(texts), "en"),
        created_by=saved_user(actor),
    )
    full_clean_into(event, errors, exclude=["bookable"])
    if memorandum is not None and area is None:
        add_error(errors, "area", _("Name the area of cooperation the event is held under."))
    raise_errors(errors)
    with transaction.atomic():
        bookable.save()
        event.bookable = bookable
        event.save()
        event.organisers.set(organisers)
        event.speakers.set(speakers)
        descriptions = descriptions or {}
        for lang, title in texts.items():
            description = descriptions.get(lang) or descriptions.get(lang.split("-")[0], "")
            EventTranslation.objects.create(event=event, language=lang, title=title, description=description)
        for s in sessions:
            Session.objects.create(
                event=event,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                title=s.title,
                capacity=s.capacity,
                room=s.room,
            )
        for i, q in enumerate(questions):
            Question.objects.create(
                event=event,
                kind=q.kind,
                label=q.label,
                choices=list(q.choices),
                required=q.required,
                position=i,
            )
        for code, limit in (quotas or {}).items():
            Quota.objects.create(bookable=bookable, country=code, limit=limit)
    return event


def _record_activity(event: Event) -> None:
    if event.memorandum is None or event.area is None:
        return
    from korkyt.institutions.services import activity_record

    first = event.sessions.order_by("starts_at").first()
    activity_record(
        memorandum=event.memorandum,
        area=event.area,
        activity=event,
        happened_on=first.starts_at.date() if first else None,
    )


def event_transition(*, actor: Actor, event: Event, name: str) -> Event:
    """Publish, unpublish, cancel or complete an event (core workflow: permission, lock, audit entry).
    Publishing records the event as an activity of its memorandum."""
    with transaction.atomic():
        transition_apply(actor=actor, obj=event, name=name)
        if event.status == EventStatus.PUBLISHED:
            _record_activity(event)
    return event


def _clean_answers(event: Event, answers: Mapping[str, Any], errors: Errors) -> tuple[dict[str, Any], str]:
    """The answers keyed by question id, checked against the form; and the country answered, if any."""
    clean: dict[str, Any] = {}
    country = ""
    questions = {str(q.pk): q for q in event.questions.all()}
    for key in answers:
        if str(key) not in questions:
            add_error(errors, f"answers.{key}", _("No such question in this form."))
    for key, q in questions.items():
        value = answers.get(key, answers.get(int(key)) if key.isdigit() else None)  # type: ignore[call-overload]
        name = f"answers.{key}"
        empty = value in (None, "", [], False)
        if empty:
            if q.required:
                add_error(errors, name, _("This answer is required."))
            continue
        if q.kind in (QuestionKind.TEXT, QuestionKind.LONG_TEXT, QuestionKind.FILE):
            if not isinstance(value, str) or len(value) > (500 if q.kind == QuestionKind.TEXT else 10_000):
                add_error(errors, name, _("Give a text of reasonable length."))
                continue
        elif q.kind == QuestionKind.SINGLE:
            if value not in q.choices:
                add_error(errors, name, _("Choose one of the options."))
                continue
        elif q.kind == QuestionKind.MULTIPLE:
            if not isinstance(value, list) or any(v not in q.choices for v in value):
                add_error(errors, name, _("Choose among the options."))
                continue
        elif q.kind == QuestionKind.COUNTRY:
            if not isinstance(value, str) or value.upper() not in countries:
                add_error(errors, name, _("Choose a country."))
                continue
            value = value.upper()
            country = country or value
        elif q.kind == QuestionKind.CONSENT and value is not True:
            add_error(errors, name, _("Tick the box to agree."))
            continue
        clean[key] = value
    return clean, country


def _home_country(user: Any) -> str:
    """The country of the user's first institution (for quotas when the form asks none)."""
    from korkyt.institutions.models import Institution

    ids = sorted(memberships(user))
    if not ids:
        return ""
    return str(Institution.objects.filter(pk=ids[0]).values_list("country", flat=True).first() or "")


def registration_create(
    *, actor: Actor, event: Event, answers: Mapping[str, Any] | None = None
) -> Registration:
    """Register ``actor`` for ``event`` through the booking engine: confirmed, pending or waitlisted, or a
    BookingError with its code (``already_registered``, ``registration_closed``, ``full``,
    ``country_quota_full``, ``not_published``, ``invited_only``)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to register."))
    if event.status != EventStatus.PUBLISHED:
        raise booking.BookingError(_("This event is not open for registration."), "not_published")
    if event.audience == Audience.INVITED:
        raise booking.BookingError(_("This event is by invitation only."), "invited_only")
    if event.audience == Audience.PROFESSIONALS and not memberships(actor):
        raise booking.BookingError(
            _("This event is for professionals of the member institutions."), "professionals_only"
        )
    errors: Errors = {}
    clean, country = _clean_answers(event, answers or {}, errors)
    raise_errors(errors)
    with transaction.atomic():
        reg = booking.book(
            bookable_id=event.bookable_id, user=actor, country=country or _home_country(actor), answers=clean
        )
        notifications.send_on_commit(reg)
    return reg


def registration_cancel(*, actor: Actor, registration: Registration) -> list[Registration]:
    """The participant (or an organiser) cancels; the freed seat goes to the waiting list."""
    if registration.user_id != getattr(actor, "pk", None):
        event = registration.bookable.event
        require_perm(actor, "events.manage_registrations", event)
    with transaction.atomic():
        _reg, promoted = booking.cancel(registration_id=registration.pk)
    return promoted


def registration_offer_accept(*, actor: Actor, registration: Registration) -> Registration:
    if registration.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("You may not do this."))
    with transaction.atomic():
        return booking.confirm(registration_id=registration.pk)


DECISIONS = ("accept", "reject", "shortlist", "unshortlist")


def registrations_decide(
    *, actor: Actor, event: Event, ids: Iterable[int], decision: str
) -> list[Registration]:
    """Organisers' bulk decision on applications: accept (a seat, or the waiting list when full), reject
    (frees a held seat for the waiting list), shortlist or unshortlist."""
    require_perm(actor, "events.manage_registrations", event)
    if decision not in DECISIONS:
        raise ValidationError({"decision": [_("Unknown decision.")]})
    done: list[Registration] = []
    with transaction.atomic():
        for pk in sorted(set(ids)):
            reg = Registration.objects.filter(pk=pk, bookable=event.bookable_id).first()
            if reg is None:
                continue
            if decision == "accept" and reg.status == S.PENDING:
                reg = booking.confirm(registration_id=pk)
            elif decision == "reject" and reg.status not in (S.CANCELLED, S.REJECTED):
                reg, _promoted = booking.cancel(registration_id=pk, status=S.REJECTED)
            elif decision in ("shortlist", "unshortlist"):
                reg.shortlisted = decision == "shortlist"
                reg.save(update_fields=["shortlisted", "updated_at"])
            done.append(reg)
    return done


def offers_expire() -> int:
    """The periodic job: offers past their time pass on to the next person."""
    return booking.offers_expire()
