"""API: films (with titles, countries, synopses), credits, versions and tracks; people; companies."""

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from korkyt.accounts.auth import actor
from korkyt.catalogue import selectors, services
from korkyt.catalogue.models import Company, Credit, Film, Person, Track
from korkyt.catalogue.preferences import preferred_script
from korkyt.catalogue.schemas import (
    CompanyIn,
    CompanyOut,
    CompanyPatch,
    CountryOut,
    CreditIn,
    CreditOut,
    CreditPatch,
    FilmIn,
    FilmOut,
    FilmPatch,
    NameOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    SynopsisOut,
    TitleIn,
    TitleOut,
    TrackIn,
    TrackOut,
    TrackPatch,
    VersionIn,
    VersionOut,
)
from korkyt.core.api_auth import api_writer
from korkyt.core.errors import ERRORS, MappedPage
from korkyt.core.http import get_visible_or_404
from korkyt.core.images.api import register_image_routes
from korkyt.core.languages import TAG_MAX_LENGTH, request_language
from korkyt.core.pagination import Pagination, check_id
from korkyt.institutions.models import Institution
from korkyt.institutions.selectors import institution_seen, institution_visible

router = Router(tags=["catalogue"])


def _owner_code(owner: Institution | None, request: HttpRequest) -> str | None:
    """The owning institution's code, or None when the reader may not see that institution (a private
    one is not named through the records it catalogues)."""
    return owner.code if owner is not None and institution_seen(actor(request), owner) else None


def film_out(film: Film, request: HttpRequest) -> FilmOut:
    title = selectors.film_title(film, request_language(), preferred_script(request))
    original = selectors.film_original_title(film) or title
    return FilmOut(
        id=film.pk,
        title=title.text,
        title_lang=title.lang,
        original_title=original.text,
        original_title_lang=original.lang,
        kind=film.kind,
        year=film.year,
        runtime=film.runtime,
        status=film.status,
        owner=_owner_code(film.owner, request),
        countries=[CountryOut(country=str(c.country), role=c.role) for c in film.countries.all()],
        original_languages=list(film.original_languages),
        titles=[
            TitleOut(
                id=t.pk, text=t.text, language=t.language, kind=t.kind, generated=t.generated, scheme=t.scheme
            )
            for t in selectors.film_titles(film)
        ],
        synopses=[SynopsisOut(language=s.language, text=s.text) for s in film.synopses.all()],
        imdb_id=film.imdb_id,
        tmdb_id=film.tmdb_id,
        wikidata_id=film.wikidata_id,
        eidr_id=film.eidr_id,
        isan=film.isan,
        source_urls=list(film.source_urls),
        memorandum=film.memorandum_id,
        area=film.area.code if film.area else None,
        tracks=[_track_out(t) for t in film.tracks.all()],
        versions=[
            VersionOut(id=v.pk, kind=v.kind, language=v.language, runtime=v.runtime, note=v.note)
            for v in film.versions.all()
        ],
        url=reverse("catalogue:film_detail", args=[film.pk]),
    )


def _track_out(track: Track) -> TrackOut:
    return TrackOut(
        id=track.pk,
        kind=track.kind,
        language=track.language,
        status=track.status,
        version=track.version_id,
        note=track.note,
    )


def _person_out(person: Person, request: HttpRequest) -> PersonOut:
    name = selectors.person_name(person, request_language(), preferred_script(request))
    return PersonOut(
        id=person.pk,
        name=name.text,
        name_lang=name.lang,
        owner=_owner_code(person.owner, request),
        birth_year=person.birth_year,
        death_year=person.death_year,
        imdb_id=person.imdb_id,
        wikidata_id=person.wikidata_id,
        source_urls=list(person.source_urls),
        names=[
            NameOut(text=n.text, language=n.language, generated=n.generated, scheme=n.scheme)
            for n in person.names.all()
        ],
        url=reverse("catalogue:person_detail", args=[person.pk]),
    )


def _company_out(company: Company, request: HttpRequest) -> CompanyOut:
    name = selectors.company_name(company, request_language())
    return CompanyOut(
        id=company.pk,
        name=name.text,
        name_lang=name.lang,
        owner=_owner_code(company.owner, request),
        kind=company.kind,
        country=str(company.country or ""),
        website=company.website,
        source_urls=list(company.source_urls),
        url=reverse("catalogue:company_detail", args=[company.pk]),
    )


def _credit_out(credit: Credit, request: HttpRequest) -> CreditOut:
    if credit.person is not None:
        name = selectors.person_name(credit.person, request_language(), preferred_script(request))
    else:
        name = selectors.company_name(credit.company, request_language())  # type: ignore[arg-type]
    return CreditOut(
        id=credit.pk,
        film=credit.film_id,
        role=credit.role,
        person=credit.person_id,
        company=credit.company_id,
        name=name.text,
        name_lang=name.lang,
        character=credit.character,
        billing_order=credit.billing_order,
    )


def _film(request: HttpRequest, film_id: int) -> Film:
    film = get_visible_or_404(selectors.film_visible_with_details(actor(request)), pk=film_id)
    return film


def _person(request: HttpRequest, person_id: int) -> Person:
    person = get_visible_or_404(selectors.person_visible(actor(request)), pk=person_id)
    return person


def _company(request: HttpRequest, company_id: int) -> Company:
    company = get_visible_or_404(selectors.company_visible(actor(request)), pk=company_id)
    return company


# Films -------------------------------------------------------------------------------------------


class FilmFilters(Schema):
    kind: str | None = None
    country: str | None = None
    year_from: int | None = Field(None, ge=1800, le=2200)
    year_to: int | None = Field(None, ge=1800, le=2200)
    language: str | None = Field(None, max_length=TAG_MAX_LENGTH)
    status: str | None = Field(None, max_length=10)
    owner: str | None = Field(None, max_length=30)


@router.get("/films", response={200: list[FilmOut], **ERRORS}, summary="List films")
@paginate(Pagination)
def film_list(request: HttpRequest, filters: Query[FilmFilters]) -> MappedPage:
    rows = selectors.film_list(user=actor(request), **filters.model_dump()).select_related("owner", "area")
    if (filters.owner or "").replace("\x00", ""):  # a code the reader may not see answers as an unknown one
        rows = rows.filter(owner__in=institution_visible(actor(request)))
    rows = rows.prefetch_related("synopses", "tracks", "versions")
    return MappedPage(rows, lambda f: film_out(f, request))


@router.post("/films", response={201: FilmOut, **ERRORS}, summary="Create a film")
def film_create(request: HttpRequest, payload: FilmIn) -> Status[FilmOut]:
    data = payload.model_dump()
    film = services.film_create(actor=api_writer(request), **data)
    return Status(201, film_out(_film(request, film.pk), request))


@router.get("/films/{film_id}", response={200: FilmOut, **ERRORS}, summary="One film")
def film_detail(request: HttpRequest, film_id: int) -> FilmOut:
    return film_out(_film(request, film_id), request)


@router.patch("/films/{film_id}", response={200: FilmOut, **ERRORS}, summary="Change a film")
def film_update(request: HttpRequest, film_id: int, payload: FilmPatch) -> FilmOut:
    film = _film(request, film_id)
    data = payload.model_dump(exclude_unset=True)
    services.film_update(actor=api_writer(request), film=film, **data)
    return film_out(_film(request, film_id), request)


@router.delete("/films/{film_id}", response={204: None, **ERRORS}, summary="Delete a film")
def film_delete(request: HttpRequest, film_id: int) -> Status[None]:
    film = _film(request, film_id)
    services.film_delete(actor=api_writer(request), film=film)
    return Status(204, None)


register_image_routes(router, "/films/{owner_id}", lambda r, i: _film(r, i), noun="film")
register_image_routes(router, "/people/{owner_id}", lambda r, i: _person(r, i), noun="person")


@router.post(
    "/films/{film_id}/titles",
    response={201: TitleOut, **ERRORS},
    summary="Add a title (its transliterations are generated)",
)
def title_create(request: HttpRequest, film_id: int, payload: TitleIn) -> Status[TitleOut]:
    film = _film(request, film_id)
    title = services.title_save(actor=api_writer(request), film=film, **payload.model_dump())
    return Status(
        201,
        TitleOut(
            id=title.pk, text=title.text, language=title.language, kind=title.kind, generated=False, scheme=""
        ),
    )


@router.delete("/films/{film_id}/titles/{title_id}", response={204: None, **ERRORS}, summary="Remove a title")
def title_delete(request: HttpRequest, film_id: int, title_id: int) -> Status[None]:
    film = _film(request, film_id)
    title = get_visible_or_404(film.titles.all(), pk=title_id)
    services.title_delete(actor=api_writer(request), title=title)
    return Status(204, None)


# Credits -----------------------------------------------------------------------------------------


@router.get(
    "/films/{film_id}/credits", response={200: list[CreditOut], **ERRORS}, summary="Credits of a film"
)
def credit_list(request: HttpRequest, film_id: int) -> list[CreditOut]:
    return [_credit_out(c, request) for c in selectors.film_credits(_film(request, film_id))]


@router.post(
    "/films/{film_id}/credits", response={201: CreditOut, **ERRORS}, summary="Credit a person or company"
)
def credit_create(request: HttpRequest, film_id: int, payload: CreditIn) -> Status[CreditOut]:
    film = _film(request, film_id)
    writer = api_writer(request)
    data = payload.model_dump()
    person = _person(request, data.pop("person")) if data.get("person") else None
    company = _company(request, data.pop("company")) if data.get("company") else None
    data.pop("person", None)
    data.pop("company", None)
    credit = services.credit_create(actor=writer, film=film, person=person, company=company, **data)
    return Status(201, _credit_out(credit, request))


@router.patch("/credits/{credit_id}", response={200: CreditOut, **ERRORS}, summary="Change a credit")
def credit_update(request: HttpRequest, credit_id: int, payload: CreditPatch) -> CreditOut:
    credit = get_visible_or_404(selectors.credit_visible(actor(request)), pk=credit_id)
    credit = services.credit_update(
        actor=api_writer(request), credit=credit, **payload.model_dump(exclude_unset=True)
    )
    return _credit_out(credit, request)


@router.delete("/credits/{credit_id}", response={204: None, **ERRORS}, summary="Remove a credit")
def credit_delete(request: HttpRequest, credit_id: int) -> Status[None]:
    credit = get_visible_or_404(selectors.credit_visible(actor(request)), pk=credit_id)
    services.credit_delete(actor=api_writer(request), credit=credit)
    return Status(204, None)


# Versions and tracks -----------------------------------------------------------------------------


@router.post("/films/{film_id}/versions", response={201: VersionOut, **ERRORS}, summary="Add a version")
def version_create(request: HttpRequest, film_id: int, payload: VersionIn) -> Status[VersionOut]:
    film = _film(request, film_id)
    version = services.version_create(actor=api_writer(request), film=film, **payload.model_dump())
    return Status(
        201,
        VersionOut(
            id=version.pk,
            kind=version.kind,
            language=version.language,
            runtime=version.runtime,
            note=version.note,
        ),
    )


@router.get("/films/{film_id}/tracks", response={200: list[TrackOut], **ERRORS}, summary="Tracks of a film")
def track_list(request: HttpRequest, film_id: int) -> list[TrackOut]:
    film = _film(request, film_id)
    return [_track_out(t) for t in selectors.track_list(user=actor(request), film=film)]


@router.post("/films/{film_id}/tracks", response={201: TrackOut, **ERRORS}, summary="Add a track")
def track_create(request: HttpRequest, film_id: int, payload: TrackIn) -> Status[TrackOut]:
    film = _film(request, film_id)
    writer = api_writer(request)
    data = payload.model_dump()
    version_id = data.pop("version")
    version = film.versions.filter(pk=check_id(version_id)).first() if version_id else None
    if version_id and version is None:
        raise Http404
    track = services.track_create(actor=writer, film=film, version=version, **data)
    return Status(201, _track_out(track))


@router.patch("/tracks/{track_id}", response={200: TrackOut, **ERRORS}, summary="Change a track")
def track_update(request: HttpRequest, track_id: int, payload: TrackPatch) -> TrackOut:
    track = get_visible_or_404(selectors.track_visible(actor(request)), pk=track_id)
    track = services.track_update(
        actor=api_writer(request), track=track, **payload.model_dump(exclude_unset=True)
    )
    return _track_out(track)


@router.delete("/tracks/{track_id}", response={204: None, **ERRORS}, summary="Remove a track")
def track_delete(request: HttpRequest, track_id: int) -> Status[None]:
    track = get_visible_or_404(selectors.track_visible(actor(request)), pk=track_id)
    services.track_delete(actor=api_writer(request), track=track)
    return Status(204, None)


# People ------------------------------------------------------------------------------------------


class PersonFilters(Schema):
    q: str | None = Field(
        None, description="Part of a name, in any case, spelling or script (folded as /api/search folds it)"
    )


@router.get("/people", response={200: list[PersonOut], **ERRORS}, summary="List people")
@paginate(Pagination)
def person_list(request: HttpRequest, filters: Query[PersonFilters]) -> MappedPage:
    rows = selectors.person_list(user=actor(request), q=filters.q).select_related("owner")
    return MappedPage(rows, lambda p: _person_out(p, request))


@router.post("/people", response={201: PersonOut, **ERRORS}, summary="Create a person")
def person_create(request: HttpRequest, payload: PersonIn) -> Status[PersonOut]:
    person = services.person_create(actor=api_writer(request), **payload.model_dump())
    return Status(201, _person_out(_person(request, person.pk), request))


@router.get("/people/{person_id}", response={200: PersonOut, **ERRORS}, summary="One person")
def person_detail(request: HttpRequest, person_id: int) -> PersonOut:
    return _person_out(_person(request, person_id), request)


@router.patch("/people/{person_id}", response={200: PersonOut, **ERRORS}, summary="Change a person")
def person_update(request: HttpRequest, person_id: int, payload: PersonPatch) -> PersonOut:
    person = _person(request, person_id)
    services.person_update(actor=api_writer(request), person=person, **payload.model_dump(exclude_unset=True))
    return _person_out(_person(request, person_id), request)


@router.delete("/people/{person_id}", response={204: None, **ERRORS}, summary="Delete a person")
def person_delete(request: HttpRequest, person_id: int) -> Status[None]:
    person = _person(request, person_id)
    services.person_delete(actor=api_writer(request), person=person)
    return Status(204, None)


# Companies ---------------------------------------------------------------------------------------


class CompanyFilters(Schema):
    country: str | None = None


@router.get("/companies", response={200: list[CompanyOut], **ERRORS}, summary="List companies")
@paginate(Pagination)
def company_list(request: HttpRequest, filters: Query[CompanyFilters]) -> MappedPage:
    rows = selectors.company_list(user=actor(request), country=filters.country).select_related("owner")
    return MappedPage(rows, lambda c: _company_out(c, request))


@router.post("/companies", response={201: CompanyOut, **ERRORS}, summary="Create a company")
def company_create(request: HttpRequest, payload: CompanyIn) -> Status[CompanyOut]:
    company = services.company_create(actor=api_writer(request), **payload.model_dump())
    return Status(201, _company_out(_company(request, company.pk), request))


@router.get("/companies/{company_id}", response={200: CompanyOut, **ERRORS}, summary="One company")
def company_detail(request: HttpRequest, company_id: int) -> CompanyOut:
    return _company_out(_company(request, company_id), request)


@router.patch("/companies/{company_id}", response={200: CompanyOut, **ERRORS}, summary="Change a company")
def company_update(request: HttpRequest, company_id: int, payload: CompanyPatch) -> CompanyOut:
    company = _company(request, company_id)
    services.company_update(
        actor=api_writer(request), company=company, **payload.model_dump(exclude_unset=True)
    )
    return _company_out(_company(request, company_id), request)


@router.delete("/companies/{company_id}", response={204: None, **ERRORS}, summary="Delete a company")
def company_delete(request: HttpRequest, company_id: int) -> Status[None]:
    company = _company(request, company_id)
    services.company_delete(actor=api_writer(request), company=company)
    return Status(204, None)
