"""API: cross-script search over films and people (a contract other tools depend on)."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from korkyt.accounts.auth import actor
from korkyt.catalogue.preferences import preferred_script
from korkyt.core.errors import ErrorOut
from korkyt.core.languages import TAG_MAX_LENGTH, request_language
from korkyt.search.results import search_results
from korkyt.search.schemas import SearchOut, SearchResultOut

router = Router(tags=["search"])
#: the filters that narrow films only: with ``type=person`` they are refused (422, each named)
FILM_FILTERS = ("kind", "country", "year_from", "year_to", "language")


class SearchQuery(Schema):
    q: str = Field(..., max_length=200, description="Text in any script or spelling.")
    type: Literal["film", "person"] | None = None
    limit: int = Field(20, ge=1, le=100)
    kind: str | None = Field(None, max_length=12, description="Films of this kind only")
    country: str | None = Field(None, max_length=2, description="Films produced in this country")
    year_from: int | None = Field(None, ge=1800, le=2200)
    year_to: int | None = Field(None, ge=1800, le=2200)
    language: str | None = Field(
        None, max_length=TAG_MAX_LENGTH, description="Films with an available track in it"
    )
    script: Literal["Cyrl", "Latn"] | None = Field(
        None, description="Preferred script of Kazakh and Uzbek titles (default: the viewer's cookie)"
    )


@router.get(
    "/search",
    response={200: SearchOut, 422: ErrorOut},
    summary="Find films and people in any script or spelling",
    description=(
        "The filters `kind`, `country`, `year_from`, `year_to` and `language` narrow films: with them only "
        "films are found, and with `type=person` they are refused (422, each named in `errors`). "
        "Ranked best first: exact > begins with the query's whole words > all words (whole words before "
        "words that only begin so) > within typos (one edit for words of 5+ letters, "
        "two for 9+) > similar. `title` is in the request's language (Accept-Language or the /<lang>/ "
        "prefix) and, for Kazakh and Uzbek, in the preferred script."
    ),
)
def search(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    if query.type == "person":
        given = [name for name in FILM_FILTERS if getattr(query, name) not in (None, "")]
        if given:  # people have no kind, country, years or tracks
            raise ValidationError(
                {
                    name: [_("Only films are filtered by this; leave it out when searching for people.")]
                    for name in given
                }
            )
    results = search_results(
        user=actor(request),
        q=query.q,
        viewer_language=request_language(),
        script=preferred_script(request),
        type=query.type,
        limit=query.limit,
        kind=query.kind,
        country=query.country,
        year_from=query.year_from,
        year_to=query.year_to,
        language=query.language,
    )
    # built from values of known types: constructed without a second validation
    return SearchOut.model_construct(
        count=len(results),
        results=[
            SearchResultOut.model_construct(
                type=r.type,
                id=r.id,
                title=r.title.text,
                title_lang=r.title.lang,
                original_title=r.original_title.text,
                original_title_lang=r.original_title.lang,
                year=r.year,
                url=r.url,
            )
            for r in results
        ],
    )
