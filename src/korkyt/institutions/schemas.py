from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from korkyt.core.languages import TAG_MAX_LENGTH
from korkyt.core.schemas import Day, InputSchema


class InstitutionTextIn(InputSchema):
    language: str = Field(
        ..., description="BCP 47 tag with script, e.g. kk-Cyrl, uz-Latn, en.", max_length=TAG_MAX_LENGTH
    )
    name: str | None = Field(None, max_length=300)
    short_name: str | None = Field(None, max_length=80)
    description: str | None = Field(None, max_length=5000)


class InstitutionTextOut(Schema):
    language: str
    name: str
    short_name: str
    description: str


class InstitutionIn(InputSchema):
    code: str = Field(..., max_length=30, examples=["KZ-SCSNC"])
    kind: str
    country: str = Field(..., max_length=2, description="ISO 3166-1 alpha-2")
    website: str = Field("", max_length=500)
    native_language: str = Field("en", max_length=TAG_MAX_LENGTH)
    source_url: str = Field("", max_length=500)
    is_public: bool = True
    translations: list[InstitutionTextIn] = Field(..., min_length=1, max_length=20)


class InstitutionPatch(InputSchema):
    kind: str | None = None
    country: str | None = Field(None, max_length=2)
    website: str | None = Field(None, max_length=500)
    native_language: str | None = Field(None, max_length=TAG_MAX_LENGTH)
    source_url: str | None = Field(None, max_length=500)
    is_public: bool | None = None
    translations: list[InstitutionTextIn] = Field(default_factory=list, max_length=20)


class InstitutionOut(Schema):
    code: str
    kind: str
    country: str
    name: str = Field(..., description="Name in the requested language (fallback: English, then original).")
    name_lang: str = Field(..., description="Language tag of `name`.")
    website: str
    native_language: str
    source_url: str
    is_public: bool
    url: str
    translations: list[InstitutionTextOut]


class AreaOut(Schema):
    code: str
    group: str
    name: str


class MemorandumTextIn(InputSchema):
    language: str = Field(..., max_length=TAG_MAX_LENGTH)
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=5000)
    text: str | None = Field(None, max_length=100_000)
    place: str | None = Field(None, max_length=200, description="Where it was signed, in this language")


class MemorandumTextOut(Schema):
    language: str
    title: str
    summary: str
    place: str


class MemorandumIn(InputSchema):
    parties: list[str] = Field(..., min_length=2, max_length=20, description="Institution codes")
    areas: list[str] = Field(default_factory=list, max_length=20, description="Area codes")
    signed_on: Day | None = None
    signed_on_precision: str = Field("day", description="day, month or year")
    signed_at: str | None = Field(
        None,
        max_length=200,
        description=(
            "Deprecated, still accepted: the place of signing in English, stored as the place of the English "
            "translation (translations[].place is the preferred way; given both, they must agree)"
        ),
        json_schema_extra={"deprecated": True},
    )
    framework: str | None = Field(None, description="Institution code, e.g. TURKSOY")
    status: str = "draft"
    valid_until: Day | None = None
    source_url: str = Field("", max_length=500)
    translations: list[MemorandumTextIn] = Field(default_factory=list, max_length=20)


class MemorandumPatch(InputSchema):
    parties: list[str] | None = Field(None, min_length=2, max_length=20)
    areas: list[str] | None = Field(None, max_length=20)
    signed_on: Day | None = None
    signed_on_precision: str | None = None
    signed_at: str | None = Field(
        None,
        max_length=200,
        description=(
            "Deprecated, still accepted: the place of signing in English, stored as the place of the English "
            "translation (translations[].place is the preferred way; given both, they must agree)"
        ),
        json_schema_extra={"deprecated": True},
    )
    framework: str | None = None
    status: str | None = None
    valid_until: Day | None = None
    source_url: str | None = Field(None, max_length=500)
    translations: list[MemorandumTextIn] = Field(default_factory=list, max_length=20)


class PartyOut(Schema):
    code: str
    country: str
    name: str
    name_lang: str


class MemorandumOut(Schema):
    id: int
    title: str
    title_lang: str
    parties: list[PartyOut]
    areas: list[str]
    signed_on: dt.date | None
    signed_on_precision: str
    signed_at: str = Field(description="The place of signing in the best language (from the translations)")
    signed_at_lang: str = Field(description="The language tag of signed_at (empty when no place is given)")
    framework: str | None
    status: str
    valid_until: dt.date | None
    has_document: bool
    source_url: str
    url: str
    translations: list[MemorandumTextOut]


class AreaCountOut(Schema):
    area: str
    name: str
    count: int
    by_kind: dict[str, int]


class ActivityOut(Schema):
    area: str
    kind: str
    title: str
    title_lang: str = Field(description="The language tag the title is written in")
    detail: str = Field(description="What the activity adds, in the interface language (“Dubbing → Kazakh”)")
    happened_on: dt.date | None


class MemorandumReportOut(Schema):
    memorandum: int
    total: int
    areas: list[AreaCountOut]
    latest: list[ActivityOut]


class CountryPairOut(Schema):
    countries: list[str]
    memoranda: int
    activities: int
    by_area: dict[str, int]
