"""API: institutions, memoranda, areas of cooperation and implementation reports."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from korkyt.accounts.auth import actor
from korkyt.core.api_auth import api_writer
from korkyt.core.errors import ERRORS, MappedPage
from korkyt.core.http import get_visible_or_404
from korkyt.core.images.api import register_image_routes
from korkyt.core.languages import request_language
from korkyt.core.pagination import Pagination
from korkyt.institutions import selectors, services
from korkyt.institutions.areas import area_name
from korkyt.institutions.models import Institution, Memorandum
from korkyt.institutions.schemas import (
    ActivityOut,
    AreaCountOut,
    AreaOut,
    CountryPairOut,
    InstitutionIn,
    InstitutionOut,
    InstitutionPatch,
    InstitutionTextOut,
    MemorandumIn,
    MemorandumOut,
    MemorandumPatch,
    MemorandumReportOut,
    MemorandumTextOut,
    PartyOut,
)

router = Router(tags=["institutions"])


def _institution_out(institution: Institution) -> InstitutionOut:
    name, _short, _desc = selectors.institution_texts(institution, request_language())
    return InstitutionOut(
        code=institution.code,
        kind=institution.kind,
        country=str(institution.country),
        name=name.text,
        name_lang=name.lang,
        website=institution.website,
        native_language=institution.native_language,
        source_url=institution.source_url,
        is_public=institution.is_public,
        url=reverse("institutions:institution_detail", args=[institution.code]),
        translations=[
            InstitutionTextOut(
                language=t.language, name=t.name, short_name=t.short_name, description=t.description
            )
            for t in institution.translations.all()
        ],
    )


def _memorandum_out(memorandum: Memorandum, user: Any) -> MemorandumOut:
    title = selectors.memorandum_title(memorandum, request_language())
    parties = []
    for party in selectors.memorandum_parties_seen(memorandum, user):
        name = selectors.institution_texts(party, request_language())[0]
        parties.append(
            PartyOut(code=party.code, country=str(party.country), name=name.text, name_lang=name.lang)
        )
    return MemorandumOut(
        id=memorandum.pk,
        title=title.text,
        title_lang=title.lang,
        parties=parties,
        areas=[a.code for a in memorandum.areas.all()],
        signed_on=memorandum.signed_on,
        signed_on_precision=memorandum.signed_on_precision,
        signed_at=place.text if (place := selectors.memorandum_place(memorandum, request_language())) else "",
        signed_at_lang=place.lang if place else "",
        framework=(
            memorandum.framework.code
            if memorandum.framework and selectors.institution_seen(user, memorandum.framework)
            else None
        ),
        status=memorandum.status,
        valid_until=memorandum.valid_until,
        has_document=bool(memorandum.document),
        source_url=memorandum.source_url,
        url=reverse("institutions:memorandum_detail", args=[memorandum.pk]),
        translations=[
            MemorandumTextOut(language=t.language, title=t.title, summary=t.summary, place=t.place)
            for t in memorandum.translations.all()
        ],
    )


def _get_institution(request: HttpRequest, code: str) -> Institution:
    institution = get_visible_or_404(selectors.institution_list(user=actor(request)), code=code.upper())
    return institution


register_image_routes(
    router,
    "/institutions/{owner_id}",
    lambda r, code: _get_institution(r, code),
    noun="institution",
    id_type=str,
)


def _get_memorandum(request: HttpRequest, memorandum_id: int) -> Memorandum:
    memorandum = get_visible_or_404(selectors.memorandum_visible(actor(request)), pk=memorandum_id)
    return memorandum


# Institutions ------------------------------------------------------------------------------------


class InstitutionFilters(Schema):
    country: str | None = None
    kind: str | None = None
    q: str | None = Field(
        None,
        description="Part of the code, or of a name in any language, case, spelling or script (folded as "
        "/api/search folds it)",
    )


@router.get("/institutions", response={200: list[InstitutionOut], **ERRORS}, summary="List institutions")
@paginate(Pagination)
def institution_list(request: HttpRequest, filters: Query[InstitutionFilters]) -> MappedPage:
    rows = selectors.institution_list(
        user=actor(request), country=filters.country, kind=filters.kind, q=filters.q
    )
    return MappedPage(rows, _institution_out)


@router.post("/institutions", response={201: InstitutionOut, **ERRORS}, summary="Create an institution")
def institution_create(request: HttpRequest, payload: InstitutionIn) -> Status[InstitutionOut]:
    data = payload.model_dump()
    institution = services.institution_create(actor=api_writer(request), **data)
    return Status(
        201,
        _institution_out(
            selectors.institution_get(user=actor(request), code=institution.code) or institution
        ),
    )


@router.get("/institutions/{code}", response={200: InstitutionOut, **ERRORS}, summary="One institution")
def institution_detail(request: HttpRequest, code: str) -> InstitutionOut:
    return _institution_out(_get_institution(request, code))


@router.patch(
    "/institutions/{code}", response={200: InstitutionOut, **ERRORS}, summary="Change an institution"
)
def institution_update(request: HttpRequest, code: str, payload: InstitutionPatch) -> InstitutionOut:
    institution = _get_institution(request, code)
    data = payload.model_dump(exclude_unset=True)
    translations = data.pop("translations", [])
    services.institution_update(
        actor=api_writer(request),
        institution=institution,
        translations=translations,
        **data,  # a null empties website and source_url; on the others it is refused, naming the field
    )
    return _institution_out(_get_institution(request, code))


@router.delete("/institutions/{code}", response={204: None, **ERRORS}, summary="Delete an institution")
def institution_delete(request: HttpRequest, code: str) -> Status[None]:
    institution = _get_institution(request, code)
    services.institution_delete(actor=api_writer(request), institution=institution)
    return Status(204, None)


# Areas -------------------------------------------------------------------------------------------


@router.get("/areas", response=list[AreaOut], summary="Areas of cooperation")
def areas(request: HttpRequest) -> list[AreaOut]:
    return [AreaOut(code=a.code, group=a.group, name=str(area_name(a.code))) for a in selectors.area_list()]


# Memoranda ---------------------------------------------------------------------------------------


class MemorandumFilters(Schema):
    institution: str | None = None
    country: str | None = None
    area: str | None = None
    status: str | None = None
    year: int | None = Field(None, ge=1900, le=2200)


@router.get("/memoranda", response={200: list[MemorandumOut], **ERRORS}, summary="List memoranda")
@paginate(Pagination)
def memorandum_list(request: HttpRequest, filters: Query[MemorandumFilters]) -> MappedPage:
    rows = selectors.memorandum_list(user=actor(request), **filters.model_dump())
    return MappedPage(rows, lambda m: _memorandum_out(m, actor(request)))


@router.post("/memoranda", response={201: MemorandumOut, **ERRORS}, summary="Create a memorandum")
def memorandum_create(request: HttpRequest, payload: MemorandumIn) -> Status[MemorandumOut]:
    memorandum = services.memorandum_create(actor=api_writer(request), **payload.model_dump())
    return Status(201, _memorandum_out(_get_memorandum(request, memorandum.pk), actor(request)))


@router.get("/memoranda/{memorandum_id}", response={200: MemorandumOut, **ERRORS}, summary="One memorandum")
def memorandum_detail(request: HttpRequest, memorandum_id: int) -> MemorandumOut:
    return _memorandum_out(_get_memorandum(request, memorandum_id), actor(request))


@router.patch(
    "/memoranda/{memorandum_id}", response={200: MemorandumOut, **ERRORS}, summary="Change a memorandum"
)
def memorandum_update(request: HttpRequest, memorandum_id: int, payload: MemorandumPatch) -> MemorandumOut:
    memorandum = _get_memorandum(request, memorandum_id)
    data = payload.model_dump(exclude_unset=True)
    services.memorandum_update(actor=api_writer(request), memorandum=memorandum, **data)
    return _memorandum_out(_get_memorandum(request, memorandum_id), actor(request))


@router.delete("/memoranda/{memorandum_id}", response={204: None, **ERRORS}, summary="Delete a memorandum")
def memorandum_delete(request: HttpRequest, memorandum_id: int) -> Status[None]:
    memorandum = _get_memorandum(request, memorandum_id)
    services.memorandum_delete(actor=api_writer(request), memorandum=memorandum)
    return Status(204, None)


@router.post(
    "/memoranda/{memorandum_id}/document",
    response={200: MemorandumOut, **ERRORS},
    summary="Attach the signed document (PDF, at most KORKYT_MAX_UPLOAD_MB, 20 MB by default)",
)
def memorandum_document(
    request: HttpRequest, memorandum_id: int, document: File[UploadedFile]
) -> MemorandumOut:
    memorandum = _get_memorandum(request, memorandum_id)
    services.memorandum_attach_document(actor=api_writer(request), memorandum=memorandum, document=document)
    return _memorandum_out(_get_memorandum(request, memorandum_id), actor(request))


# Reports -----------------------------------------------------------------------------------------


@router.get(
    "/memoranda/{memorandum_id}/report",
    response={200: MemorandumReportOut, **ERRORS},
    summary="What has been done under a memorandum, per area",
)
def memorandum_report(request: HttpRequest, memorandum_id: int) -> MemorandumReportOut:
    report = selectors.memorandum_report(
        memorandum=_get_memorandum(request, memorandum_id), user=actor(request)
    )
    return MemorandumReportOut(
        memorandum=report.memorandum_id,
        total=report.total,
        areas=[
            AreaCountOut(area=a.code, name=a.name, count=a.count, by_kind=a.by_kind) for a in report.areas
        ],
        latest=[
            ActivityOut(
                area=r.area.code,
                kind=str(r.content_type.name),
                title=r.title.text,
                title_lang=r.title.lang,
                detail=r.detail,
                happened_on=r.happened_on,
            )
            for r in report.latest
        ],
    )


@router.get(
    "/reports/country-pairs",
    response=list[CountryPairOut],
    summary="Memoranda and activities per pair of countries",
)
def country_pairs(request: HttpRequest) -> list[CountryPairOut]:
    return [
        CountryPairOut(
            countries=list(r.countries), memoranda=r.memoranda, activities=r.activities, by_area=r.by_area
        )
        for r in selectors.country_pair_report(user=actor(request))
    ]
