"""API shapes of the festival. Input schemas refuse unknown fields (core.schemas.InputSchema)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from korkyt.core.schemas import InputSchema


class EditionOut(Schema):
    id: int
    number: int
    name: str = Field(
        description="The festival's name for the edition in the request's language (Accept-Language), "
        "e.g. Korkyt Ata 6 · Aktau 2027, Қорқыт Ата 6 · Ақтау 2027."
    )
    city: str = Field(description="The host city as entered.")
    country: str
    starts_on: dt.date
    ends_on: dt.date
    venues: list[str]
    language: str = Field(description="The language the venues (and the edition's notes) are written in.")
    time_zone: str = Field(description="IANA zone of the festival's wall times, e.g. Asia/Aqtau")
    results_at: dt.datetime | None
    results_published: bool = Field(
        description="The awards are public: from results_at on; without it, each as soon as it is decided."
    )
    results_final: bool = Field(
        description="The jury's work (scores, conflicts, jurors, awards) can no longer change: results_at "
        "is set and has passed. Without results_at it stays open."
    )
    url: str


class SectionOut(Schema):
    id: int
    edition: int
    kind: str
    name: str
    year_from: int | None
    year_to: int | None
    runtime_min: int | None
    runtime_max: int | None
    countries: list[str]
    premiere: str
    jury_languages: list[str]
    max_per_country: int | None
    direct_allowed: bool
    entries_close_at: dt.datetime | None = Field(
        None, description="The section's own deadline, when earlier than the call's last one (else null)."
    )


class ReasonOut(Schema):
    code: str
    message: str
    link: str | None = None


class SubmissionOut(Schema):
    id: int
    edition: int
    section: str
    film: int
    title: str
    title_lang: str
    country: str
    route: str
    agency: str | None
    nomination: str
    status: str
    premiere: str
    screening_languages: list[str]
    eligibility: list[ReasonOut]
    screener_url: str | None = Field(
        None, description="only for the entrant, staff, assigned reviewers, jurors"
    )
    screener_password: str | None = None


class SubmissionIn(InputSchema):
    section: int
    film: int
    premiere: str = "none"
    screener_url: str = Field("", max_length=500)
    screener_password: str = Field("", max_length=200)
    submit: bool = False
    waiver_code: str = Field("", max_length=40)


class SubmissionPatch(InputSchema):
    """What the entrant may still change while the entry is a draft, incomplete or ineligible; a field left
    out stays as it is."""

    premiere: str | None = None
    runtime: int | None = Field(None, ge=1, le=1500, description="Running time of the screening copy (min).")
    screener_url: str | None = Field(None, max_length=500, description="Empty: no screener link.")
    screener_password: str | None = Field(None, max_length=200)
    resubmit: bool = Field(
        True,
        description=(
            "An incomplete or ineligible entry is sent again with the change, so that the eligibility check "
            "reads it (as the entry page does); false keeps it as it is."
        ),
    )


class TransitionIn(InputSchema):
    name: str = Field(
        description=(
            "submit, resubmit, withdraw, admit, start_review, shortlist, select, decline, reconsider, "
            "set_aside (festival staff: a duplicate or an entry made without the film's rights; needs a note)"
        )
    )
    note: str = Field("", max_length=300)


class ReviewOut(Schema):
    id: int
    submission: int
    reviewer: str
    scores: dict[str, float]
    total: float | None
    comment: str
    flag: str
    submitted_at: dt.datetime | None


class ReviewIn(InputSchema):
    scores: dict[str, float | None]
    comment: str = ""
    note: str = ""
    flag: str = ""
    submit: bool = False


class JurorOut(Schema):
    id: int
    edition: int
    section: str
    name: str
    president: bool


class AwardWinnerOut(Schema):
    film: int
    title: str
    title_lang: str
    statement: str | None
    statement_lang: str | None


class AwardOut(Schema):
    id: int
    edition: int
    code: str
    kind: str
    name: str
    name_lang: str
    section: str | None
    winners: list[AwardWinnerOut]


class AwardDecisionIn(InputSchema):
    submission: int = Field(description="the selected entry given the award")
    statements: dict[str, str] = Field(
        default_factory=dict,
        max_length=20,
        description='the jury\'s statement per language tag ({"en": "…", "ru": "…"}); blank ones left out',
    )


class TicketHolderOut(Schema):
    name: str = Field(
        description="The account's full name (or user name), or the name given at the box office."
    )
    email: str = Field(description="The account's e-mail, or the one given at the box office (may be empty).")


class TicketOut(Schema):
    id: int
    status: str = Field(description="confirmed, waitlisted, offered, pending, cancelled or rejected.")
    seats: int
    channel: str = Field(description="online (booked by an account) or box_office (sold at the door).")
    payment: str = Field(description="free, unpaid (a reservation to pay at the box office) or paid.")
    amount: Decimal | None = Field(description="The price of all its seats; null when free.")
    currency: str = Field(description="ISO 4217; empty when free.")
    paid_at: dt.datetime | None
    checked_in: bool = Field(description="Whether the ticket was read at the door.")
    holder: TicketHolderOut


class TicketSaleIn(InputSchema):
    seats: int = Field(1, description="Seats sold at once, 1–10 (the per-person limit does not apply).")
    paid: bool = Field(True, description="Paid now; false: a reservation to pay (priced screenings only).")
    name: str = Field("", max_length=200, description="The buyer's name (optional).")
    email: str = Field("", max_length=254, description="Where the ticket with its QR code goes (optional).")


class TicketSoldOut(TicketOut):
    code: str = Field(description="The ticket code as printed and read out at the door (K3M9X-2QW7B).")


class ScreeningGuestOut(Schema):
    name: str
    name_lang: str = Field(
        description="A lang value for the name, typed with no language: its script (und-Cyrl, und-Latn…)."
    )
    role: str


class ScreeningOut(Schema):
    id: int
    film: int = Field(description="The film's id in the catalogue.")
    submission: int
    title: str = Field(description="The film's title in the request's language (Accept-Language) or nearest.")
    title_lang: str
    section: str = Field(description="feature, documentary, animation, shorts, panorama or retrospective.")
    kind: str = Field(description="public or gala.")
    state: str = Field(description="scheduled, moved or cancelled (a cancelled screening stays listed).")
    starts_at: dt.datetime = Field(description="With the festival's UTC offset (time_zone).")
    ends_at: dt.datetime
    day: dt.date = Field(
        description="The festival day it belongs to: a festival day runs from 05:00 to 05:00 the next "
        "morning (the festival's time), so a 00:30 screening is the evening before's late show."
    )
    time_zone: str
    venue: str
    venue_address: str
    room: str
    venue_language: str = Field(description="The language the venue, its address and room are written in.")
    version: str = Field(
        description="The version screened in the request's language (Kazakh with Turkish subtitles)."
    )
    qa: bool = Field(description="A Q&A with the film's guests follows.")
    guests: list[ScreeningGuestOut] = Field(description="The guests present, for a Q&A screening.")
    tickets_available: bool = Field(description="A seat can be booked now (not if full, cancelled or past).")
    price: Decimal | None = Field(description="Per seat; null when free.")
    currency: str = Field(description="ISO 4217; empty when free.")
    ics_url: str
