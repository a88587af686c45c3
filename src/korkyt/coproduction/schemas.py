from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from korkyt.core.languages import TAG_MAX_LENGTH
from korkyt.core.schemas import Day, InputSchema

Kind = Literal["fiction", "documentary", "animation"]
Stage = Literal["development", "financing", "production", "post_production", "completed", "cancelled"]
Currency = Literal["KZT", "TRY", "UZS", "AZN", "KGS", "TMT", "EUR", "USD", "RUB"]
Money = Decimal


class ProjectTextIn(InputSchema):
    language: str = Field(..., max_length=TAG_MAX_LENGTH, description="BCP 47 tag, e.g. kk-Cyrl, en.")
    title: str = Field(..., max_length=300)
    logline: str = Field("", max_length=500)
    synopsis: str = Field("", max_length=20000)
    version: str | None = Field(
        None,
        max_length=64,
        description="The project's `version` as read; a project changed since is refused (409 `stale`).",
    )


class ProjectTextOut(Schema):
    language: str
    title: str
    logline: str
    synopsis: str


class ProjectIn(InputSchema):
    kind: Kind
    title: str = Field(..., max_length=300)
    language: str = Field(..., max_length=TAG_MAX_LENGTH, description="The language of the title.")
    logline: str = Field("", max_length=500)
    synopsis: str = Field("", max_length=20000)
    stage: Stage = "development"
    currency: Currency = "USD"
    runtime_min: int | None = Field(None, ge=1, le=10000)
    budget: Money | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    female_director: bool | None = Field(
        None, description="One or more of the directors attached is a woman (null: not said)."
    )
    shooting_starts_on: Day | None = None
    shooting_ends_on: Day | None = None
    applied_on: Day | None = None
    memorandum: int | None = Field(None, description="Id of the memorandum the project is made under.")
    area: str | None = Field(None, max_length=40, description="Code of the memorandum's area of cooperation.")
    film: int | None = Field(None, description="Id of the catalogue film it became.")
    is_published: bool = False


class ProjectPatch(InputSchema):
    kind: Kind | None = None
    stage: Stage | None = None
    currency: Currency | None = None
    runtime_min: int | None = Field(None, ge=1, le=10000)
    budget: Money | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    female_director: bool | None = None
    shooting_starts_on: Day | None = None
    shooting_ends_on: Day | None = None
    applied_on: Day | None = None
    memorandum: int | None = None
    area: str | None = Field(None, max_length=40)
    film: int | None = None
    version: str | None = Field(
        None,
        max_length=64,
        description="The project's `version` as read; a project changed since is refused (409 `stale`).",
    )


class PublishIn(InputSchema):
    published: bool


class PartnerIn(InputSchema):
    company: int | None = Field(None, description="Id of a catalogue company.")
    institution: str | None = Field(None, max_length=30, description="Code of an institution.")
    name: str = Field("", max_length=300)
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2 (default: the company's).")
    role: Literal["majority", "minority", "financial"] = "minority"
    finance_only: bool = False


class PartnerOut(Schema):
    id: int
    key: str = Field(..., description="The partner's id in the eligibility input and output.")
    name: str
    name_lang: str
    country: str
    role: str
    finance_only: bool
    company: int | None
    institution: str | None


class SourceIn(InputSchema):
    kind: Literal["partner_equity", "national_fund", "turksoy", "broadcaster", "eurimages", "other"]
    partner: int | None = Field(None, description="Id of the partner whose share it counts toward.")
    name: str = Field("", max_length=200)
    amount: Money = Field(..., ge=0, max_digits=18, decimal_places=2)
    currency: Currency
    status: Literal["confirmed", "pending"] = "pending"
    rate: Decimal | None = Field(
        None,
        gt=0,
        max_digits=24,
        decimal_places=12,
        description="Units of this currency per one unit of the project's.",
    )
    rate_on: Day | None = None


class SourceOut(Schema):
    id: int
    kind: str
    partner: int | None
    name: str
    amount: Money
    currency: str
    status: str
    rate: Decimal | None
    rate_on: dt.date | None


class ElementIn(InputSchema):
    job: Literal[
        "director",
        "scriptwriter",
        "composer",
        "director_of_photography",
        "sound",
        "editor",
        "production_designer",
        "costume_designer",
        "shooting_location",
        "vfx_location",
        "post_production_location",
        "role",
    ]
    country: str = Field(..., max_length=2)
    person: int | None = Field(None, description="Id of a catalogue person.")
    name: str = Field("", max_length=300)
    days: int | None = Field(None, ge=1, le=1000)


class ElementOut(Schema):
    id: int
    job: str
    country: str
    person: int | None
    name: str
    days: int | None


class ReviewOut(Schema):
    country: str
    authority: str
    status: str
    comments: str
    decided_at: dt.datetime | None


class ProjectOut(Schema):
    id: int
    title: str
    title_lang: str
    kind: str
    stage: str
    status: str
    currency: str
    runtime_min: int | None
    budget: Money | None
    female_director: bool | None
    shooting_starts_on: dt.date | None
    shooting_ends_on: dt.date | None
    applied_on: dt.date | None
    memorandum: int | None
    area: str | None
    film: int | None
    is_published: bool
    version: str = Field(..., description="Sent back with a change (PATCH, texts): refused once stale.")
    url: str
    translations: list[ProjectTextOut]
    partners: list[PartnerOut]
    financing: list[SourceOut]
    elements: list[ElementOut]
    reviews: list[ReviewOut]


class EligibilityOut(Schema):
    evaluated: bool
    missing: dict[str, str] = Field(
        default_factory=dict, description="What the project lacks to be evaluated."
    )
    shares: dict[str, Decimal] = Field(default_factory=dict)
    instruments: list[dict[str, Any]] = Field(
        default_factory=list, description="korkyt treaties check's output (docs/coproduction.md)."
    )
    basis: str | None = None


class AdviceIn(InputSchema):
    instrument: str = Field(..., max_length=30)
    index: int = Field(..., ge=0, le=100)
    digest: str | None = Field(
        None,
        max_length=64,
        description="The advice's `digest` as read; advice that changed since is refused (409 `stale`).",
    )


class TransitionIn(InputSchema):
    name: Literal["submit"]


class TransitionOut(Schema):
    name: str
    label: str


class DecisionIn(InputSchema):
    decision: Literal["approve", "return"]
    comments: str = Field("", max_length=5000)


class DocumentOut(Schema):
    id: int
    kind: str
    filename: str
    file_type: str = Field(
        ..., description="What the content is (pdf, docx, odt, xlsx…), not the name's suffix."
    )
    size: int
    uploaded_at: dt.datetime
    url: str = Field(..., description="The file, for those who may read the project's documents.")


class ChecklistRowOut(Schema):
    kind: str = Field(
        ..., description="synopsis, treatment, script, contract, cast_crew, budget, financing_plan…"
    )
    label: str
    asked_by: list[str] = Field(..., description="The applicable instruments that ask for it (short names).")
    document: DocumentOut | None
