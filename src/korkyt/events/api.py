"""API: events and registrations. Contract: docs/events.md."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from korkyt.accounts.auth import actor
from korkyt.core.errors import ERRORS, MappedPage, error_body
from korkyt.core.http import get_visible_or_404
from korkyt.core.pagination import Pagination
from korkyt.events import booking, selectors, services
from korkyt.events.models import Event, EventKind, EventStatus, Registration
from korkyt.events.schemas import (
    ConflictOut,
    EventDetailOut,
    EventOut,
    QuestionOut,
    QuotaOut,
    RegistrationDetailOut,
    RegistrationIn,
    RegistrationOut,
    SessionOut,
)

router = Router(tags=["events"])


class EventPagination(Pagination):
    """Pages as ``{"count", "results"}`` (the events contract)."""

    items_attribute = "results"

    class Output(Schema):
        count: int
        results: list[Any]


class EventFilters(Schema):
    status: EventStatus | None = None
    registration: str | None = Field(None, pattern="^(open|closed)$", description="open or closed")
    when: str | None = Field(
        None,
        pattern="^(upcoming|past)$",
        description="upcoming (not over, the soonest first) or past (over, the latest first)",
    )
    kind: EventKind | None = None


def _open(event: Event) -> bool:
    return selectors.registration_open(event)


def _event_out(event: Event) -> EventOut:
    return EventOut(**_event_fields(event))


def _event_fields(event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "title": selectors.event_title(event).text,
        "kind": event.kind,
        "starts_at": getattr(event, "starts_at", None),
        "capacity": event.bookable.capacity,
        "confirmed": getattr(event, "n_confirmed", 0),
        "waitlisted": getattr(event, "n_waitlisted", 0),
        "registration_open": _open(event),
        "url": reverse("events:event_detail", args=[event.pk]),
    }


@router.get("/events", response={200: list[EventOut], **ERRORS}, summary="List events")
@paginate(EventPagination)
def event_list(request: HttpRequest, filters: Query[EventFilters]) -> MappedPage:
    """Events the viewer may see, by their first session. `status=published&registration=open`: those taking
    registrations now; `when=upcoming` or `when=past`; `kind`."""
    registration_open = None if filters.registration is None else filters.registration == "open"
    rows = selectors.event_list(
        user=actor(request),
        status=filters.status,
        registration_open=registration_open,
        when=filters.when,
        kind=filters.kind,
    )
    return MappedPage(rows, _event_out)


@router.get("/events/{event_id}", response={200: EventDetailOut, **ERRORS}, summary="One event")
def event_detail(request: HttpRequest, event_id: int) -> EventDetailOut:
    event = get_visible_or_404(selectors.event_visible(actor(request)), pk=event_id)
    bookable = event.bookable
    description = selectors.event_description(event)
    return EventDetailOut(
        **_event_fields(event),
        status=event.status,
        audience=event.audience,
        description=description.text if description else "",
        venue=event.venue,
        address=event.address,
        venue_language=event.venue_language,
        map_url=event.map_url,
        online_url=event.online_url,
        time_zone=event.time_zone,
        instruction_languages=event.instruction_languages,
        interpretation_languages=event.interpretation_languages,
        mode=bookable.mode,
        waitlist=bookable.waitlist,
        per_country_limit=bookable.per_country_limit,
        sessions=[
            SessionOut(
                id=s.pk,
                title=s.title,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                capacity=s.capacity,
                room=s.room,
            )
            for s in event.sessions.all()
        ],
        quotas=[
            QuotaOut(country=str(q.country), limit=q.limit, used=q.used)
            for q in bookable.quotas.order_by("country")
        ],
        questions=[
            QuestionOut(
                id=q.pk,
                kind=q.kind,
                label=q.label,
                choices=q.choices,
                required=q.required,
                labels=q.labels_and_options()[0],
                options=q.labels_and_options()[1],
            )
            for q in event.questions.prefetch_related("translations")
            if q.form == "registration"
        ],
    )


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, 409: ConflictOut, **ERRORS},
    summary="Register for an event",
)
def registration_create(request: HttpRequest, payload: RegistrationIn, event_id: int) -> Status[Any]:
    """Register the signed-in user (token or session). 201 `{id, status}` with status `confirmed`,
    `waitlisted` or `pending`; 409 `already_registered` (with the existing `registration`),
    `registration_closed`, `full`, `country_quota_full`, `not_published`, `invited_only`,
    `professionals_only`."""
    user = actor(request)
    if not user.is_authenticated:
        raise PermissionDenied
    event = get_visible_or_404(selectors.event_visible(user), pk=event_id)
    try:
        reg = services.registration_create(actor=user, event=event, answers=payload.answers)
    except booking.BookingError as exc:
        body = error_body(str(exc.messages[0]), exc.code or "conflict")
        if exc.registration is not None:
            body["registration"] = {"id": exc.registration.pk, "status": exc.registration.status}
        return Status(409, body)
    return Status(201, RegistrationOut(id=reg.pk, status=reg.status))


@router.get(
    "/registrations/{registration_id}",
    response={200: RegistrationDetailOut, **ERRORS},
    summary="One registration",
)
def registration_detail(request: HttpRequest, registration_id: int) -> RegistrationDetailOut:
    """The booking with its seats and payment state, for the person who booked and the event's
    organisers; 404 for everyone else."""
    reg: Registration = get_visible_or_404(selectors.registration_visible(actor(request)), pk=registration_id)
    return RegistrationDetailOut(
        id=reg.pk,
        status=reg.status,
        seats=reg.seats,
        payment=reg.payment,
        amount=reg.amount,
        currency=reg.currency,
        paid_at=reg.paid_at,
    )


@router.delete(
    "/registrations/{registration_id}",
    response={204: None, 409: ConflictOut, **ERRORS},
    summary="Cancel a registration",
)
def registration_cancel(request: HttpRequest, registration_id: int) -> Status[Any]:
    """The participant cancels (204); the seat goes to the next person on the waiting list. Someone
    else's registration is a 404 (organisers of the event may cancel it too). 409 `event_over` once every
    session of the event has ended (for a festival screening ticket: once the screening has started)."""
    user = actor(request)
    reg = get_visible_or_404(selectors.registration_visible(user), pk=registration_id)
    try:
        services.registration_cancel(actor=user, registration=reg)
    except booking.BookingError as exc:
        return Status(409, error_body(str(exc.messages[0]), exc.code or "conflict"))
    return Status(204, None)
