"""API shapes of the events app (the contract of issue 16)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from korkyt.core.errors import ErrorOut
from korkyt.core.schemas import InputSchema


class EventOut(Schema):
    id: int
    title: str
    kind: str
    starts_at: dt.datetime | None
    capacity: int | None = Field(description="Seats; null: no limit.")
    confirmed: int = Field(description="Seats held (confirmed and offered).")
    waitlisted: int
    registration_open: bool
    url: str


class SessionOut(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int | None
    room: str


class QuotaOut(Schema):
    country: str
    limit: int | None
    used: int


class QuestionOut(Schema):
    id: int
    kind: str
    label: str = Field(description="The question as the organisers wrote it.")
    choices: list[str] = Field(description="The options as written: an answer gives one of these.")
    required: bool
    labels: dict[str, str] = Field(
        default_factory=dict, description="The question in other languages, by language tag."
    )
    options: dict[str, list[str]] = Field(
        default_factory=dict,
        description="The options in other languages, by language tag, in the order of `choices` (to show; "
        "the answer still gives the option as written).",
    )


class EventDetailOut(EventOut):
    status: str
    audience: str
    description: str
    venue: str
    address: str
    venue_language: str = Field(
        description="The language the venue, the address and the sessions' rooms are written in."
    )
    map_url: str
    online_url: str
    time_zone: str
    instruction_languages: list[str]
    interpretation_languages: list[str]
    mode: str = Field(description="automatic or review (application review).")
    waitlist: bool
    per_country_limit: int | None
    sessions: list[SessionOut]
    quotas: list[QuotaOut]
    questions: list[QuestionOut]


class EventPage(Schema):
    count: int
    results: list[EventOut]


class RegistrationIn(InputSchema):
    answers: dict[str, Any] = Field(default_factory=dict, description="{question id: value}")


class RegistrationOut(Schema):
    id: int
    status: str


class RegistrationDetailOut(RegistrationOut):
    """A booking as its booker and the event's organisers see it (404 for everyone else)."""

    seats: int = Field(description="Seats of this booking.")
    payment: str = Field(
        description="free (nothing owed: a free booking, or a reservation given back unpaid), unpaid (a "
        "reservation to pay at the box office), paid, refund (paid, given back: the money is owed back) or "
        "refunded."
    )
    amount: Decimal | None = Field(description="The booking's price, all its seats; null when free.")
    currency: str = Field(description="ISO 4217 code of the amount; empty when free.")
    paid_at: dt.datetime | None = Field(description="When the payment was recorded.")


class ConflictOut(ErrorOut):
    registration: RegistrationOut | None = None
