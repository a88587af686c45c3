from __future__ import annotations

from ninja import Field, Schema

from korkyt.core.languages import TAG_MAX_LENGTH
from korkyt.core.schemas import InputSchema

TAG = Field(
    ..., max_length=TAG_MAX_LENGTH, description="BCP 47 tag with script, e.g. kk-Cyrl, kk-Latn, uz-Latn, en."
)


class TitleIn(InputSchema):
    text: str = Field(..., max_length=300)
    language: str = TAG
    kind: str = Field(
        "original", description="original, translated, transliterated, alternative, festival, working"
    )


class TitleOut(Schema):
    id: int
    text: str
    language: str
    kind: str
    generated: bool
    scheme: str


class CountryIn(InputSchema):
    country: str = Field(..., max_length=2, description="ISO 3166-1 alpha-2")
    role: str = Field("", description="majority, minority or participating (default: first majority)")


class CountryOut(Schema):
    country: str
    role: str


class SynopsisIn(InputSchema):
    language: str = TAG
    text: str = Field("", max_length=5000, description="An empty text removes the synopsis in that language.")


class SynopsisOut(Schema):
    language: str
    text: str


class TrackOut(Schema):
    id: int
    kind: str
    language: str
    status: str
    version: int | None
    note: str


class VersionOut(Schema):
    id: int
    kind: str
    language: str
    runtime: int | None
    note: str


class FilmIn(InputSchema):
    owner: str = Field(..., max_length=30, description="Code of the owning institution")
    titles: list[TitleIn] = Field(..., min_length=1, max_length=50)
    kind: str = "feature"
    year: int | None = Field(None, ge=1888, le=2100)
    runtime: int | None = Field(None, ge=1, le=1500, description="Minutes")
    countries: list[CountryIn] = Field(default_factory=list, max_length=20)
    original_languages: list[str] = Field(default_factory=list, max_length=10)
    synopses: list[SynopsisIn] = Field(default_factory=list, max_length=20)
    source_urls: list[str] = Field(default_factory=list, max_length=20)
    status: str = "draft"
    imdb_id: str = Field("", max_length=12)
    tmdb_id: str = Field("", max_length=10)
    wikidata_id: str = Field("", max_length=13)
    eidr_id: str = Field("", max_length=40)
    isan: str = Field("", max_length=40)
    memorandum: int | None = Field(None, ge=1, le=2**53)
    area: str | None = Field(None, max_length=40)


class FilmPatch(InputSchema):
    titles: list[TitleIn] | None = Field(None, max_length=50, description="Replaces the entered titles.")
    kind: str | None = None
    year: int | None = Field(None, ge=1888, le=2100)
    runtime: int | None = Field(None, ge=1, le=1500, description="Minutes")
    countries: list[CountryIn] | None = Field(None, max_length=20)
    original_languages: list[str] | None = Field(None, max_length=10)
    synopses: list[SynopsisIn] = Field(default_factory=list, max_length=20)
    source_urls: list[str] | None = Field(None, max_length=20)
    status: str | None = None
    imdb_id: str | None = Field(None, max_length=12)
    tmdb_id: str | None = Field(None, max_length=10)
    wikidata_id: str | None = Field(None, max_length=13)
    eidr_id: str | None = Field(None, max_length=40)
    isan: str | None = Field(None, max_length=40)
    memorandum: int | None = Field(None, ge=1, le=2**53)
    area: str | None = Field(None, max_length=40)


class FilmOut(Schema):
    id: int
    title: str = Field(..., description="Title in the requested language and preferred script.")
    title_lang: str = Field(..., description="Language tag of `title`.")
    original_title: str
    original_title_lang: str
    kind: str
    year: int | None
    runtime: int | None
    status: str
    owner: str | None = Field(
        ..., description="Code of the owning institution; null when the reader may not see that institution."
    )
    countries: list[CountryOut]
    original_languages: list[str]
    titles: list[TitleOut]
    synopses: list[SynopsisOut]
    imdb_id: str
    tmdb_id: str
    wikidata_id: str
    eidr_id: str
    isan: str
    source_urls: list[str]
    memorandum: int | None
    area: str | None
    tracks: list[TrackOut]
    versions: list[VersionOut]
    url: str


class NameIn(InputSchema):
    text: str = Field(..., max_length=200)
    language: str = Field(
        "", max_length=TAG_MAX_LENGTH, description="BCP 47 tag; guessed from the script when empty."
    )


class NameOut(Schema):
    text: str
    language: str
    generated: bool
    scheme: str


class PersonIn(InputSchema):
    names: list[NameIn] = Field(..., min_length=1, max_length=20)
    owner: str | None = Field(None, max_length=30)
    birth_year: int | None = Field(None, ge=1800, le=2100)
    death_year: int | None = Field(None, ge=1800, le=2100)
    imdb_id: str = Field("", max_length=12)
    wikidata_id: str = Field("", max_length=13)
    source_urls: list[str] = Field(default_factory=list, max_length=20)


class PersonPatch(InputSchema):
    names: list[NameIn] | None = Field(None, max_length=20, description="Replaces the names.")
    birth_year: int | None = Field(None, ge=1800, le=2100)
    death_year: int | None = Field(None, ge=1800, le=2100)
    imdb_id: str | None = Field(None, max_length=12)
    wikidata_id: str | None = Field(None, max_length=13)
    source_urls: list[str] | None = Field(None, max_length=20)


class PersonOut(Schema):
    id: int
    name: str
    name_lang: str
    owner: str | None
    birth_year: int | None
    death_year: int | None
    imdb_id: str
    wikidata_id: str
    source_urls: list[str]
    names: list[NameOut]
    url: str


class CompanyNameIn(InputSchema):
    language: str = TAG
    name: str = Field(..., max_length=200)


class CompanyIn(InputSchema):
    names: list[CompanyNameIn] = Field(..., min_length=1, max_length=20)
    owner: str | None = Field(None, max_length=30)
    kind: str = "production"
    country: str = Field("", max_length=2)
    website: str = Field("", max_length=500)
    source_urls: list[str] = Field(default_factory=list, max_length=20)


class CompanyPatch(InputSchema):
    names: list[CompanyNameIn] = Field(default_factory=list, max_length=20)
    kind: str | None = None
    country: str | None = Field(None, max_length=2)
    website: str | None = Field(None, max_length=500)
    source_urls: list[str] | None = Field(None, max_length=20)


class CompanyOut(Schema):
    id: int
    name: str
    name_lang: str
    owner: str | None
    kind: str
    country: str
    website: str
    source_urls: list[str]
    url: str


class CreditIn(InputSchema):
    role: str
    person: int | None = Field(None, ge=1, le=2**53)
    company: int | None = Field(None, ge=1, le=2**53)
    character: str = Field("", max_length=200)
    billing_order: int | None = Field(None, ge=1, le=9999)


class CreditPatch(InputSchema):
    character: str | None = Field(None, max_length=200)
    billing_order: int | None = Field(None, ge=1, le=9999)


class CreditOut(Schema):
    id: int
    film: int
    role: str
    person: int | None
    company: int | None
    name: str
    name_lang: str
    character: str
    billing_order: int | None


class TrackIn(InputSchema):
    kind: str = Field(..., description="subtitles, dub, audio_description or sdh")
    language: str = TAG
    status: str = Field("planned", description="available, in_progress or planned")
    version: int | None = Field(None, ge=1, le=2**53)
    note: str = Field("", max_length=300)


class TrackPatch(InputSchema):
    kind: str | None = None
    language: str | None = Field(None, max_length=TAG_MAX_LENGTH)
    status: str | None = None
    note: str | None = Field(None, max_length=300)


class VersionIn(InputSchema):
    kind: str = "original"
    language: str = Field("", max_length=TAG_MAX_LENGTH)
    runtime: int | None = Field(None, ge=1, le=1500)
    note: str = Field("", max_length=300)
