"""API: co-production projects, their partners, financing plan, elements, eligibility and workflow.

Reads answer what the viewer may see (another producer's draft is a 404); writes need credentials (401)
and the permission (403); every 4xx has the one error shape (korkyt.core.errors)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from korkyt import treaties
from korkyt.accounts.auth import actor
from korkyt.coproduction import eligibility, selectors, services
from korkyt.coproduction.models import Project, ProjectDocument
from korkyt.coproduction.schemas import (
    AdviceIn,
    ChecklistRowOut,
    DecisionIn,
    DocumentOut,
    ElementIn,
    ElementOut,
    EligibilityOut,
    PartnerIn,
    PartnerOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ProjectTextIn,
    ProjectTextOut,
    PublishIn,
    ReviewOut,
    SourceIn,
    SourceOut,
    TransitionIn,
    TransitionOut,
)
from korkyt.core.api_auth import api_writer
from korkyt.core.concurrency import version_of
from korkyt.core.errors import ERRORS, ErrorOut, MappedPage
from korkyt.core.http import get_visible_or_404, private_download
from korkyt.core.languages import request_language
from korkyt.core.pagination import Pagination
from korkyt.core.uploads import DOCUMENT_TYPES
from korkyt.core.workflow import transitions_available

router = Router(tags=["coproductions"])


class ProjectFilters(Schema):
    status: str | None = None
    kind: str | None = None


def _get(request: HttpRequest, project_id: int) -> Project:
    return get_visible_or_404(selectors.project_visible(actor(request)), pk=project_id)


def project_out(project: Project) -> ProjectOut:
    lang = request_language()
    title = selectors.project_title(project, lang)
    return ProjectOut(
        id=project.pk,
        title=title.text,
        title_lang=title.lang,
        kind=project.kind,
        stage=project.stage,
        status=project.status,
        currency=project.currency,
        runtime_min=project.runtime_min,
        budget=project.budget,
        female_director=project.female_director,
        shooting_starts_on=project.shooting_starts_on,
        shooting_ends_on=project.shooting_ends_on,
        applied_on=project.applied_on,
        memorandum=project.memorandum_id,
        area=project.area.code if project.area else None,
        film=project.film_id,
        is_published=project.is_published,
        version=version_of(project),
        url=reverse("coproduction:project_detail", args=[project.pk]),
        translations=[
            ProjectTextOut(language=t.language, title=t.title, logline=t.logline, synopsis=t.synopsis)
            for t in project.translations.all()
        ],
        partners=[
            PartnerOut(
                id=p.pk,
                key=eligibility.partner_key(p),
                name=(name := selectors.partner_name(p, lang)).text,
                name_lang=name.lang,
                country=str(p.country),
                role=p.role,
                finance_only=p.finance_only,
                company=p.company_id,
                institution=p.institution.code if p.institution else None,
            )
            for p in project.partners.all()
        ],
        financing=[
            SourceOut(
                id=s.pk,
                kind=s.kind,
                partner=s.partner_id,
                name=s.name,
                amount=s.amount,
                currency=s.currency,
                status=s.status,
                rate=s.rate,
                rate_on=s.rate_on,
            )
            for s in project.financing.all()
        ],
        elements=[
            ElementOut(
                id=e.pk, job=e.job, country=str(e.country), person=e.person_id, name=e.name, days=e.days
            )
            for e in project.elements.all()
        ],
        reviews=[
            ReviewOut(
                country=str(r.country),
                authority=r.institution.code,
                status=r.status,
                comments=r.comments,
                decided_at=r.decided_at,
            )
            for r in project.reviews.all()
        ],
    )


def _refs(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = actor(request)
    if data.get("memorandum") is not None:
        data["memorandum"] = selectors.memorandum_ref(user, data["memorandum"])
    if data.get("area") is not None:
        data["area"] = selectors.area_ref(data["area"])
    if data.get("film") is not None:
        data["film"] = selectors.film_ref(user, data["film"])
    return data


@router.get("/coproductions", response={200: list[ProjectOut], **ERRORS}, summary="List co-productions")
@paginate(Pagination)
def project_list(request: HttpRequest, filters: Query[ProjectFilters]) -> MappedPage:
    rows = selectors.project_list(user=actor(request), **filters.model_dump())
    return MappedPage(rows.prefetch_related("financing", "elements"), project_out)


@router.post("/coproductions", response={201: ProjectOut, **ERRORS}, summary="Create a co-production")
def project_create(request: HttpRequest, payload: ProjectIn) -> Status[ProjectOut]:
    user = api_writer(request)
    project = services.project_create(actor=user, **_refs(request, payload.model_dump()))
    return Status(201, project_out(_get(request, project.pk)))


@router.get("/coproductions/{project_id}", response={200: ProjectOut, **ERRORS}, summary="One co-production")
def project_detail(request: HttpRequest, project_id: int) -> ProjectOut:
    return project_out(_get(request, project_id))


@router.patch(
    "/coproductions/{project_id}",
    response={200: ProjectOut, 409: ErrorOut, **ERRORS},
    summary="Change a co-production",
)
def project_update(request: HttpRequest, project_id: int, payload: ProjectPatch) -> ProjectOut:
    """The fields given; with `version` (as read), refused with 409 `stale` once the project changed."""
    project = _get(request, project_id)
    user = api_writer(request)
    services.project_update(
        actor=user, project=project, **_refs(request, payload.model_dump(exclude_unset=True))
    )
    return project_out(_get(request, project_id))


@router.delete(
    "/coproductions/{project_id}", response={204: None, **ERRORS}, summary="Delete a co-production"
)
def project_delete(request: HttpRequest, project_id: int) -> Status[None]:
    project = _get(request, project_id)
    services.project_delete(actor=api_writer(request), project=project)
    return Status(204, None)


@router.post(
    "/coproductions/{project_id}/texts",
    response={200: ProjectOut, 409: ErrorOut, **ERRORS},
    summary="Title and texts in a language",
)
def project_text(request: HttpRequest, project_id: int, payload: ProjectTextIn) -> ProjectOut:
    project = _get(request, project_id)
    services.project_set_text(actor=api_writer(request), project=project, **payload.model_dump())
    return project_out(_get(request, project_id))


@router.post(
    "/coproductions/{project_id}/publish", response={200: ProjectOut, **ERRORS}, summary="Publish or hide"
)
def project_publish(request: HttpRequest, project_id: int, payload: PublishIn) -> ProjectOut:
    project = _get(request, project_id)
    services.project_publish(actor=api_writer(request), project=project, published=payload.published)
    return project_out(_get(request, project_id))


@router.post(
    "/coproductions/{project_id}/partners", response={201: ProjectOut, **ERRORS}, summary="Add a partner"
)
def partner_add(request: HttpRequest, project_id: int, payload: PartnerIn) -> Status[ProjectOut]:
    project = _get(request, project_id)
    user = api_writer(request)
    data = payload.model_dump()
    data["company"] = selectors.company_ref(user, data["company"]) if data["company"] is not None else None
    data["institution"] = (
        selectors.institution_ref(user, data["institution"]) if data["institution"] else None
    )
    services.partner_add(actor=user, project=project, **data)
    return Status(201, project_out(_get(request, project_id)))


@router.delete(
    "/coproductions/{project_id}/partners/{partner_id}",
    response={204: None, **ERRORS},
    summary="Remove a partner",
)
def partner_remove(request: HttpRequest, project_id: int, partner_id: int) -> Status[None]:
    project = _get(request, project_id)
    partner = get_visible_or_404(project.partners.all(), pk=partner_id)
    services.partner_remove(actor=api_writer(request), partner=partner)
    return Status(204, None)


@router.post(
    "/coproductions/{project_id}/financing",
    response={201: ProjectOut, **ERRORS},
    summary="Add a financing source",
)
def source_add(request: HttpRequest, project_id: int, payload: SourceIn) -> Status[ProjectOut]:
    project = _get(request, project_id)
    user = api_writer(request)
    data = payload.model_dump()
    data["partner"] = selectors.partner_ref(project, data["partner"]) if data["partner"] is not None else None
    services.source_add(actor=user, project=project, **data)
    return Status(201, project_out(_get(request, project_id)))


@router.delete(
    "/coproductions/{project_id}/financing/{source_id}",
    response={204: None, **ERRORS},
    summary="Remove a financing source",
)
def source_remove(request: HttpRequest, project_id: int, source_id: int) -> Status[None]:
    project = _get(request, project_id)
    source = get_visible_or_404(project.financing.all(), pk=source_id)
    services.source_remove(actor=api_writer(request), source=source)
    return Status(204, None)


@router.post(
    "/coproductions/{project_id}/elements",
    response={201: ProjectOut, 409: ErrorOut, **ERRORS},
    summary="Set a key element",
)
def element_set(request: HttpRequest, project_id: int, payload: ElementIn) -> Status[ProjectOut]:
    project = _get(request, project_id)
    user = api_writer(request)
    data = payload.model_dump()
    data["person"] = selectors.person_ref(user, data["person"]) if data["person"] is not None else None
    services.element_set(actor=user, project=project, **data)
    return Status(201, project_out(_get(request, project_id)))


@router.delete(
    "/coproductions/{project_id}/elements/{element_id}",
    response={204: None, **ERRORS},
    summary="Remove an element",
)
def element_remove(request: HttpRequest, project_id: int, element_id: int) -> Status[None]:
    project = _get(request, project_id)
    element = get_visible_or_404(project.elements.all(), pk=element_id)
    services.element_remove(actor=api_writer(request), element=element)
    return Status(204, None)


def _eligibility_out(project: Project) -> EligibilityOut:
    result = eligibility.evaluate(project)
    if result.evaluation is None:
        return EligibilityOut(evaluated=False, missing=result.missing)
    data = treaties.to_json(result.evaluation)
    roles = eligibility.role_elements(project)
    for verdict, out in zip(result.evaluation.verdicts, data["instruments"], strict=True):
        for advice, row in zip(verdict.advice, out["advice"], strict=True):
            row["digest"] = eligibility.advice_digest(verdict.id, advice, roles)
    return EligibilityOut(
        evaluated=True, shares=data["shares"], instruments=data["instruments"], basis=data["basis"]
    )


@router.get(
    "/coproductions/{project_id}/eligibility",
    response={200: EligibilityOut, **ERRORS},
    summary="Every instrument's verdict, checks, points and advice",
)
def project_eligibility(request: HttpRequest, project_id: int) -> EligibilityOut:
    return _eligibility_out(_get(request, project_id))


@router.post(
    "/coproductions/{project_id}/advice",
    response={200: EligibilityOut, 409: ErrorOut, **ERRORS},
    summary="Apply one piece of advice to the project",
)
def advice_apply(request: HttpRequest, project_id: int, payload: AdviceIn) -> EligibilityOut:
    """With the advice's `digest` (as read), refused with 409 `stale` once the advice changed."""
    project = _get(request, project_id)
    services.advice_apply(
        actor=api_writer(request),
        project=project,
        instrument=payload.instrument,
        index=payload.index,
        digest=payload.digest,
    )
    return _eligibility_out(_get(request, project_id))


@router.get(
    "/coproductions/{project_id}/transitions",
    response={200: list[TransitionOut], **ERRORS},
    summary="The workflow moves the viewer may take now",
)
def transition_list(request: HttpRequest, project_id: int) -> list[TransitionOut]:
    project = _get(request, project_id)
    return [
        TransitionOut(name=t.name, label=str(t.label))
        for t in transitions_available(actor=actor(request), obj=project)
    ]


@router.post(
    "/coproductions/{project_id}/transitions",
    response={200: ProjectOut, **ERRORS},
    summary="Submit to the authorities",
)
def transition_apply(request: HttpRequest, project_id: int, payload: TransitionIn) -> ProjectOut:
    project = _get(request, project_id)
    services.project_submit(actor=api_writer(request), project=project)
    return project_out(_get(request, project_id))


@router.post(
    "/coproductions/{project_id}/reviews/{country}",
    response={200: ProjectOut, **ERRORS},
    summary="An authority approves or returns the project",
)
def review_decide(request: HttpRequest, project_id: int, country: str, payload: DecisionIn) -> ProjectOut:
    project = _get(request, project_id)
    review = get_visible_or_404(project.reviews.select_related("project"), country=country.upper()[:2])
    services.review_decide(actor=api_writer(request), review=review, **payload.model_dump())
    return project_out(_get(request, project_id))


# The application file ------------------------------------------------------------------------------


def _documents_project(request: HttpRequest, project_id: int) -> Project:
    """The project, for those who may read its documents (others get 404, as on the page)."""
    project = _get(request, project_id)
    if not actor(request).has_perm("coproduction.view_documents", project):
        raise Http404
    return project


def _document_out(project: Project, document: ProjectDocument) -> DocumentOut:
    return DocumentOut(
        id=document.pk,
        kind=document.kind,
        filename=document.filename,
        file_type=document.file_type,
        size=document.size,
        uploaded_at=document.updated_at,
        url=reverse("api:coproduction_document_file", args=[project.pk, document.pk]),
    )


@router.get(
    "/coproductions/{project_id}/documents",
    response={200: list[ChecklistRowOut], **ERRORS},
    summary="The document checklist: what the applicable instruments ask for, and what is uploaded",
)
def document_list(request: HttpRequest, project_id: int) -> list[ChecklistRowOut]:
    project = _documents_project(request, project_id)
    rows = selectors.document_checklist(project, eligibility.evaluate(project))
    return [
        ChecklistRowOut(
            kind=row["kind"],
            label=str(row["label"]),
            asked_by=row["asked_by"],
            document=_document_out(project, row["document"]) if row["document"] else None,
        )
        for row in rows
    ]


@router.post(
    "/coproductions/{project_id}/documents",
    response={201: DocumentOut, **ERRORS},
    summary="Upload a document of the application file (multipart: kind, file), replacing that kind's",
)
def document_upload(
    request: HttpRequest, project_id: int, kind: Form[str], file: File[UploadedFile]
) -> Status[DocumentOut]:
    project = _documents_project(request, project_id)
    document = services.document_upload(actor=api_writer(request), project=project, kind=kind, upload=file)
    return Status(201, _document_out(project, document))


@router.get(
    "/coproductions/{project_id}/documents/{document_id}/file",
    response={200: None, **ERRORS},
    url_name="coproduction_document_file",
    summary="Download a document",
)
def document_file(request: HttpRequest, project_id: int, document_id: int) -> HttpResponseBase:
    project = _documents_project(request, project_id)
    document = get_visible_or_404(project.documents.all(), pk=document_id)
    return private_download(
        document.file.open("rb"), document.filename, DOCUMENT_TYPES[document.file_type][1], request=request
    )


@router.delete(
    "/coproductions/{project_id}/documents/{document_id}",
    response={204: None, **ERRORS},
    summary="Remove a document",
)
def document_remove(request: HttpRequest, project_id: int, document_id: int) -> Status[None]:
    project = _documents_project(request, project_id)
    document = get_visible_or_404(project.documents.all(), pk=document_id)
    services.document_remove(actor=api_writer(request), document=document)
    return Status(204, None)
