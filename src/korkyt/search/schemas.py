from __future__ import annotations

from ninja import Field, Schema


class SearchResultOut(Schema):
    type: str = Field(..., description="film or person")
    id: int
    title: str = Field(..., description="Title (or name) in the request's language and preferred script.")
    title_lang: str = Field(
        ..., description="BCP 47 tag of the language and script `title` is written in (for `lang`)."
    )
    original_title: str = Field(..., description="Original title (or main name) as written.")
    original_title_lang: str = Field(
        ..., description="BCP 47 tag of the language and script `original_title` is written in."
    )
    year: int | None = Field(..., description="Production year (year of birth for a person).")
    url: str


class SearchOut(Schema):
    count: int
    results: list[SearchResultOut]
