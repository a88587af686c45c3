"""Events: create and edit (texts, sessions, form, capacity and quotas, all checked before anything is
written), and the status workflow."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.core.actors import Actor, saved_user
from korkyt.core.audit import audit_log
from korkyt.core.concurrency import check_version
from korkyt.core.labels import language_label
from korkyt.core.numbers import decimal
from korkyt.core.timezones import DEFAULT_TIME_ZONE
from korkyt.core.validation import (
    Errors,
    add_error,
    clean_tag,
    clean_texts,
    full_clean_into,
    raise_errors,
    require_perm,
)
from korkyt.core.workflow import transition_apply
from korkyt.events import booking
from korkyt.events.models import (
    ACTIVE,
    HOLDING,
    Audience,
    Bookable,
    BookingMode,
    Event,
    EventStatus,
    EventTranslation,
    FormKind,
    Question,
    QuestionKind,
    QuestionTranslation,
    Quota,
    Registration,
    Session,
)
from korkyt.events.services.speakers import speakers_resolve, speakers_save
from korkyt.institutions.services import check_activity_link


@dataclass
class SessionData:
    starts_at: dt.datetime
    ends_at: dt.datetime
    title: str = ""
    capacity: int | None = None
    room: str = ""
    id: int | None = None  # an existing session being edited


@dataclass
class QuestionData:
    kind: str
    label: str
    choices: list[str] = field(default_factory=list)
    required: bool = False
    id: int | None = None  # an existing question being edited
    form: str = FormKind.REGISTRATION  # or the follow-up form, or the feedback survey
    #: the question in other languages, by language tag; and a choice question's options in them, in the
    #: order of ``choices``
    labels: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Sequence[str]] = field(default_factory=dict)


def question_texts(q: QuestionData, i: int, errors: Errors) -> dict[str, tuple[str, list[str]]]:
    """The question's other languages, checked: the label and the options by the registry's tag. Options
    are kept for choice questions only and must be as many as the options as written (the same order);
    options need the question in that language too."""
    where = f"questions[{i}]"
    labels = clean_texts(
        q.labels,
        f"{where}.labels",
        errors,
        max_length=500,
        too_long=_("A question is at most %(n)s characters.") % {"n": 500},
    )
    choice = q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    out: dict[str, tuple[str, list[str]]] = {tag: (text, []) for tag, text in labels.items()}
    for j, (lang, given) in enumerate(q.options.items()):
        options = [str(o).strip() for o in given if str(o).strip()] if choice else []
        tag = clean_tag(lang, f"{where}.options[{j}].language", errors) if options else None
        if not tag:
            continue
        name = language_label(tag)
        if tag not in out:
            add_error(
                errors, f"{where}.options", _("Give the question in %(language)s too.") % {"language": name}
            )
        elif len(options) != len(q.choices):
            add_error(
                errors,
                f"{where}.options",
                _("Give %(n)s options in %(language)s, one per line, in the order of the options as written.")
                % {"n": len(q.choices), "language": name},
            )
        else:
            out[tag] = (out[tag][0], options)
    return out


@dataclass
class EventSpec:
    """Everything an organiser sets on an event; an edit gives the whole of it again."""

    kind: str
    titles: Mapping[str, str]
    descriptions: Mapping[str, str] | None = None
    organisers: Sequence[Any] = ()
    sessions: Sequence[SessionData] = ()
    questions: Sequence[QuestionData] = ()
    capacity: int | None = None
    per_country_limit: int | None = None
    quotas: Mapping[str, int] | Sequence[tuple[str, int]] | None = (
        None  # a country once; rows as the editor's
    )
    mode: str = BookingMode.AUTOMATIC
    waitlist: bool = True
    offer_hours: int | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    audience: str = Audience.ANYONE
    venue: str = ""
    address: str = ""
    venue_language: str = "en"  # the language the venue, address and rooms are written in
    map_url: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    online_url: str = ""
    instruction_languages: Sequence[str] = ()
    interpretation_languages: Sequence[str] = ()
    memorandum: Any = None
    area: Any = None
    speakers: Sequence[Any] = ()  # catalogue people, or SpeakerData rows of the editor


SPEC_FIELDS = tuple(f.name for f in fields(EventSpec))


def quota_rows(quotas: Mapping[str, int] | Sequence[tuple[str, int]] | None) -> list[tuple[str, int]]:
    """The quotas as (country, seats) rows in the order given (the editor's rows: a country given twice
    stays twice, and is refused, instead of one row silently replacing the other)."""
    if quotas is None:
        return []
    if isinstance(quotas, Mapping):
        return [(str(code), limit) for code, limit in quotas.items()]
    return [(str(code), limit) for code, limit in quotas]


def _check(actor: Actor, spec: EventSpec, event: Event, bookable: Bookable, errors: Errors) -> dict[str, str]:
    """Copy ``spec`` onto the unsaved ``event`` and ``bookable`` and add every problem to ``errors``;
    returns the titles by normalised language tag."""
    texts: dict[str, str] = {}
    for i, (lang, title) in enumerate(spec.titles.items()):
        tag = clean_tag(lang, f"titles[{i}].language", errors)
        if tag and (title or "").strip():
            if tag in texts:
                add_error(errors, f"titles[{i}].language", _("Each language once."))
            texts[tag] = title.strip()
    if not texts:
        add_error(errors, "titles", _("Give the event a title."))
    langs = [
        clean_tag(t, f"instruction_languages[{i}]", errors) for i, t in enumerate(spec.instruction_languages)
    ]
    interp = [
        clean_tag(t, f"interpretation_languages[{i}]", errors)
        for i, t in enumerate(spec.interpretation_languages)
    ]
    for i, s in enumerate(spec.sessions):
        if timezone.is_naive(s.starts_at) or timezone.is_naive(s.ends_at):
            add_error(errors, f"sessions[{i}].starts_at", _("Give times with their time zone."))
        elif s.ends_at <= s.starts_at:
            add_error(errors, f"sessions[{i}].ends_at", _("A session ends after it starts."))
    for i, q in enumerate(spec.questions):
        if q.kind not in QuestionKind.values:
            add_error(errors, f"questions[{i}].kind", _("Unknown question kind."))
        if q.form not in FormKind.values:
            add_error(errors, f"questions[{i}].form", _("Unknown form."))
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and not q.choices:
            add_error(errors, f"questions[{i}].choices", _("A choice question needs options."))
        if not q.label.strip():
            add_error(errors, f"questions[{i}].label", _("Write the question."))
        question_texts(q, i, errors)
    if not spec.venue and not spec.online_url:
        add_error(errors, "venue", _("Give a venue or an online link."))
    if spec.opens_at and spec.closes_at and spec.closes_at <= spec.opens_at:
        add_error(errors, "closes_at", _("Registration closes after it opens."))
    counts = [
        ("capacity", spec.capacity),
        ("per_country_limit", spec.per_country_limit),
        *((f"sessions[{i}].capacity", s.capacity) for i, s in enumerate(spec.sessions)),
        *((f"quotas[{i}].limit", limit) for i, (_code, limit) in enumerate(quota_rows(spec.quotas))),
    ]
    for name, count in counts:
        if count is not None and count > booking.MAX_SEATS:
            add_error(errors, name, _("At most %(n)s seats.") % {"n": decimal(booking.MAX_SEATS, 0)})
    seat_limits = [c for c in [spec.capacity, *(s.capacity for s in spec.sessions)] if c is not None]
    bookable.capacity = min(seat_limits) if seat_limits else None
    seen: set[str] = set()
    for i, (code, limit) in enumerate(quota_rows(spec.quotas)):
        if code not in countries:
            add_error(errors, f"quotas[{i}].country", _("Unknown country “%(code)s”.") % {"code": code})
        elif code in seen:
            add_error(
                errors,
                f"quotas[{i}].country",
                _("%(country)s is listed twice; give each country one quota.")
                % {"country": countries.name(code)},
            )
        seen.add(code)
        if bookable.capacity is not None and limit > bookable.capacity:
            add_error(
                errors,
                f"quotas[{i}].limit",
                _("A quota cannot be larger than the event's seats (%(n)s).") % {"n": bookable.capacity},
            )
    if (
        spec.per_country_limit is not None
        and bookable.capacity is not None
        and spec.per_country_limit > bookable.capacity
    ):
        add_error(
            errors,
            "per_country_limit",
            _("Seats per country cannot be more than the event's seats (%(n)s).") % {"n": bookable.capacity},
        )
    for name in ("per_country_limit", "mode", "waitlist", "offer_hours", "opens_at", "closes_at"):
        setattr(bookable, name, getattr(spec, name))
    # a count already refused above is not refused again by the column's own range (PostgreSQL's integer)
    full_clean_into(bookable, errors, exclude=[n for n in ("capacity", "per_country_limit") if n in errors])
    place = ("venue", "address", "venue_language", "map_url", "time_zone", "online_url")
    for name in ("kind", "audience", *place):
        setattr(event, name, getattr(spec, name))
    event.instruction_languages = [t for t in langs if t]
    event.interpretation_languages = [t for t in interp if t]
    # counted in the memorandum's public report once published: only its parties' editors place it there
    # (a link made before stays while someone else edits the event)
    kept = (getattr(spec.memorandum, "pk", None), getattr(spec.area, "pk", None)) == (
        event.memorandum_id,
        event.area_id,
    )
    check_activity_link(actor, spec.memorandum, errors, changed=not kept)
    event.memorandum, event.area = spec.memorandum, spec.area
    if not event.pk:
        event.original_language = next(iter(texts), "en")
    full_clean_into(event, errors, exclude=["bookable", "status"])
    if spec.memorandum is not None and spec.area is None:
        add_error(errors, "area", _("Name the area of cooperation the event is held under."))
    elif spec.area is not None and spec.memorandum is None:
        add_error(errors, "memorandum", _("Name the memorandum the event is held under."))
    elif spec.memorandum is not None and not spec.memorandum.areas.filter(pk=spec.area.pk).exists():
        add_error(errors, "area", _("This memorandum does not cover that area of cooperation."))
    return texts


def _write_children(
    event: Event, spec: EventSpec, texts: Mapping[str, str], speakers: Sequence[Any], actor: Actor
) -> None:
    """Texts, sessions and questions as ``spec`` gives them: rows it names by id are updated, new ones
    created, the others deleted (answers already given stay with the registrations)."""
    event.organisers.set(spec.organisers)
    event.speakers.set(speakers_save(actor=actor, resolved=speakers))
    descriptions = spec.descriptions or {}
    event.translations.exclude(language__in=list(texts)).delete()
    for lang, title in texts.items():
        description = descriptions.get(lang) or descriptions.get(lang.split("-")[0], "")
        EventTranslation.objects.update_or_create(
            event=event, language=lang, defaults={"title": title, "description": description}
        )
    keep = [s.id for s in spec.sessions if s.id]
    event.sessions.exclude(pk__in=keep).delete()
    for s in spec.sessions:
        values = {
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "title": s.title,
            "capacity": s.capacity,
            "room": s.room,
        }
        if s.id:
            event.sessions.filter(pk=s.id).update(**values)
        else:
            Session.objects.create(event=event, **values)
    keep = [q.id for q in spec.questions if q.id]
    event.questions.exclude(pk__in=keep).delete()
    for i, q in enumerate(spec.questions):
        values = {
            "kind": q.kind,
            "label": q.label.strip(),
            "choices": list(q.choices),
            "required": q.required,
            "form": q.form,
            "position": i,
        }
        if q.id:
            event.questions.filter(pk=q.id).update(**values)
            question = event.questions.get(pk=q.id)
        else:
            question = Question.objects.create(event=event, **values)
        other = question_texts(q, i, {})  # checked before anything was written
        question.translations.exclude(language__in=list(other)).delete()
        for tag, (label, options) in other.items():
            QuestionTranslation.objects.update_or_create(
                question=question, language=tag, defaults={"label": label, "choices": options}
            )


def event_create(*, actor: Actor, **given: Any) -> Event:
    """Create a draft event with its texts, sessions, form, capacity and quotas (the fields of
    :class:`EventSpec`). The event's capacity is the smallest of its own seats and its sessions' (every
    participant attends every session). Nothing is written unless everything is valid."""
    require_perm(actor, "events.add_event")
    spec = EventSpec(**given)
    errors: Errors = {}
    bookable = Bookable()
    event = Event(created_by=saved_user(actor))
    texts = _check(actor, spec, event, bookable, errors)
    speakers = speakers_resolve(
        actor=actor, speakers=spec.speakers, organisers=spec.organisers, errors=errors
    )
    raise_errors(errors)
    with transaction.atomic():
        bookable.save()
        event.bookable = bookable
        event.save()
        _write_children(event, spec, texts, speakers, actor)
        for code, limit in quota_rows(spec.quotas):
            Quota.objects.create(bookable=bookable, country=code, limit=limit)
    return event


#: The event's own fields an edit writes (never its status: the workflow's).
EDITED_FIELDS = (
    "kind",
    "audience",
    "venue",
    "address",
    "venue_language",
    "map_url",
    "time_zone",
    "online_url",
    "instruction_languages",
    "interpretation_languages",
    "memorandum",
    "area",
    "updated_at",
)


def event_update(*, actor: Actor, event: Event, version: str | None = None, **given: Any) -> Event:
    """Replace what an organiser sets on ``event`` (every field of :class:`EventSpec`). Capacity and
    quotas change under the booking lock and never below the seats already held; seats added go to the
    waiting list at once. Sessions and questions keep their ids when the edit names them. All or
    nothing: any problem raises one ValidationError naming each field, and nothing is saved.

    ``version``: the event's version (core.concurrency) the editor read; when it is given and the event
    changed since, nothing is saved (StaleError): the sessions and questions someone else added are not
    deleted by a form that never showed them. The status is never written here (a publish at the same
    moment stays)."""
    require_perm(actor, "events.change_event", event)
    spec = EventSpec(**given)
    errors: Errors = {}
    from korkyt.events import notifications  # it reads the services' certificates: imported late

    event = Event.objects.get(pk=event.pk)
    bookable = Bookable.objects.get(pk=event.bookable_id)
    before = {"capacity": bookable.capacity, "per_country_limit": bookable.per_country_limit}
    arranged = notifications.arrangements(event)
    texts = _check(actor, spec, event, bookable, errors)
    speakers = speakers_resolve(
        actor=actor, speakers=spec.speakers, organisers=spec.organisers, errors=errors
    )
    session_ids = set(event.sessions.values_list("pk", flat=True))
    question_ids = set(event.questions.values_list("pk", flat=True))
    for i, s in enumerate(spec.sessions):
        if s.id and s.id not in session_ids:
            add_error(errors, f"sessions[{i}]", _("No such session in this event."))
    if event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED) and not spec.sessions:
        add_error(errors, "sessions", _("A published or held event keeps at least one session."))
    for i, q in enumerate(spec.questions):
        if q.id and q.id not in question_ids:
            add_error(errors, f"questions[{i}]", _("No such question in this form."))
    raise_errors(errors)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        check_version(locked, version)
        event.status = locked.status
        if event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED) and not spec.sessions:
            add_error(errors, "sessions", _("A published or held event keeps at least one session."))
        held = booking.lock(bookable.pk)
        if bookable.capacity is not None and bookable.capacity < held.taken:
            add_error(
                errors,
                "capacity",
                _("%(n)s seats are already taken; give at least %(n)s.") % {"n": held.taken},
            )
        quotas = {str(q.country): q for q in held.quotas.all()}
        wanted = dict(quota_rows(spec.quotas))  # each country once: checked above
        seats = _seats_by_country(bookable)
        for code, n in sorted(seats.items()):
            limit = wanted.get(code, bookable.per_country_limit)
            if limit is not None and n > limit:
                add_error(
                    errors,
                    "quotas" if code in wanted else "per_country_limit",
                    _("%(country)s already holds %(n)s seats; its limit cannot be lower.")
                    % {"country": countries.name(code) or code, "n": n},
                )
        raise_errors(errors)  # inside the transaction: the lock is released, nothing written
        bookable.taken, bookable.waitlist_seq, bookable.version = held.taken, held.waitlist_seq, held.version
        Bookable.objects.filter(pk=bookable.pk).update(
            capacity=bookable.capacity,
            per_country_limit=bookable.per_country_limit,
            mode=bookable.mode,
            waitlist=bookable.waitlist,
            offer_hours=bookable.offer_hours,
            opens_at=bookable.opens_at,
            closes_at=bookable.closes_at,
            updated_at=timezone.now(),
        )
        for code, quota in quotas.items():
            if code not in wanted:
                if quota.used:
                    Quota.objects.filter(pk=quota.pk).update(limit=None)
                else:
                    quota.delete()
        for code, limit in wanted.items():
            Quota.objects.update_or_create(bookable=bookable, country=code, defaults={"limit": limit})
        if wanted or bookable.per_country_limit is not None:  # the counters start from the seats held
            for code, n in seats.items():
                Quota.objects.update_or_create(bookable=bookable, country=code, defaults={"used": n})
        event.save(update_fields=EDITED_FIELDS)
        _write_children(event, spec, texts, speakers, actor)
        _sync_activity(event)
        if event.status == EventStatus.PUBLISHED:  # seats added go to the waiting list
            booking.promote(booking.lock(bookable.pk))
        first = [times[0] for times in arranged[0][:1]]
        if first != [times[0] for times in notifications.arrangements(event)[0][:1]]:  # reminded anew
            Registration.objects.filter(bookable=bookable.pk).update(reminded_at=None)
        notifications.moved_on_commit(event, arranged)
        changes = {k: (v, getattr(bookable, k)) for k, v in before.items() if v != getattr(bookable, k)}
        audit_log(obj=event, action="events.event.update", actor=actor, changes=changes)
    return event


def _seats_by_country(bookable: Bookable) -> dict[str, int]:
    """The seats each country holds now (confirmed and offered; read under the bookable's lock), whether
    or not a quota counted them so far (a limit set after the registrations)."""
    rows = (
        Registration.objects.filter(bookable=bookable.pk, status__in=HOLDING)
        .exclude(country="")
        .values("country")
        .annotate(n=Sum("seats"))
    )
    return {str(r["country"]): int(r["n"] or 0) for r in rows}


def event_spec(event: Event) -> EventSpec:
    """What an organiser set on ``event``, as the edit page starts from it."""
    bookable = event.bookable
    return EventSpec(
        kind=event.kind,
        titles={t.language: t.title for t in event.translations.all()},
        descriptions={t.language: t.description for t in event.translations.all()},
        organisers=list(event.organisers.all()),
        sessions=[
            SessionData(
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                title=s.title,
                capacity=s.capacity,
                room=s.room,
                id=s.pk,
            )
            for s in event.sessions.all()
        ],
        questions=[
            QuestionData(
                kind=q.kind,
                label=q.label,
                choices=list(q.choices),
                required=q.required,
                id=q.pk,
                form=q.form,
                labels=q.labels_and_options()[0],
                options=q.labels_and_options()[1],
            )
            for q in event.questions.prefetch_related("translations")
        ],
        capacity=bookable.capacity,
        per_country_limit=bookable.per_country_limit,
        quotas={str(q.country): q.limit for q in bookable.quotas.all() if q.limit is not None},
        mode=bookable.mode,
        waitlist=bookable.waitlist,
        offer_hours=bookable.offer_hours,
        opens_at=bookable.opens_at,
        closes_at=bookable.closes_at,
        audience=event.audience,
        venue=event.venue,
        address=event.address,
        venue_language=event.venue_language,
        map_url=event.map_url,
        time_zone=event.time_zone,
        online_url=event.online_url,
        instruction_languages=list(event.instruction_languages),
        interpretation_languages=list(event.interpretation_languages),
        memorandum=event.memorandum,
        area=event.area,
        speakers=list(event.speakers.all()),
    )


def _sync_activity(event: Event) -> None:
    """Bring the event's record in its memorandum's report in line with it: a published or held event
    under a memorandum and area counts there (dated by its first session); a draft or a cancelled event,
    or one moved to another memorandum or area, is no longer counted where it was."""
    from korkyt.institutions.services import activity_record

    memorandum, area = event.memorandum, event.area
    counts = event.status in (EventStatus.PUBLISHED, EventStatus.COMPLETED)
    rows = event.memorandum_activities.all()
    if counts and memorandum is not None and area is not None:
        rows.exclude(memorandum=memorandum, area=area).delete()
        first = event.sessions.order_by("starts_at").first()
        tz = zoneinfo.ZoneInfo(event.time_zone)
        activity_record(
            memorandum=memorandum,
            area=area,
            activity=event,
            happened_on=first.starts_at.astimezone(tz).date() if first else None,
        )
    else:
        rows.delete()


def event_transition(*, actor: Actor, event: Event, name: str) -> Event:
    """Publish, unpublish, cancel or complete an event (core workflow: permission, lock, audit entry).
    Publishing records the event as an activity of its memorandum (its report counts it); going back to
    draft or cancelling removes that record."""
    with transaction.atomic():
        transition_apply(actor=actor, obj=event, name=name)
        _sync_activity(event)
        if name == "cancel":
            _registrations_cancel(event)
    return event


def _registrations_cancel(event: Event) -> None:
    """Every live registration of a cancelled event (confirmed, offered, pending, waitlisted) is cancelled
    and its seat passed on to nobody; a paid one shows its money as owed back (``refund``), an unpaid one
    as owing nothing. Each holder is told, in their language, with the ICS that removes the event from
    their calendar (the booking engine's status listeners, ``notifications``, once this commits)."""
    live = Registration.objects.filter(bookable=event.bookable_id, status__in=ACTIVE)
    for pk in live.order_by("pk").values_list("pk", flat=True):
        booking.cancel(registration_id=pk, pass_on=False)
