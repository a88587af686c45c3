"""Reads of co-productions, scoped to the viewer (rules.visible_q is the one definition of who sees what)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from korkyt.catalogue import selectors as catalogue_selectors
from korkyt.coproduction.models import Element, FinancingSource, Partner, Project, Review
from korkyt.coproduction.rules import visible_q
from korkyt.core.actors import Actor
from korkyt.core.translations import Text, translated
from korkyt.institutions import selectors as institution_selectors


def project_visible(user: Actor) -> QuerySet[Project]:
    """Every project ``user`` may see, with what its pages show."""
    rows = Project.objects.all()
    q = visible_q(user)
    if q is not None:
        ids = Project.objects.filter(q).values("pk")
        rows = rows.filter(pk__in=ids)
    return rows.select_related("memorandum", "area", "film", "created_by").prefetch_related(
        "translations",
        "members",
        Prefetch("partners", queryset=Partner.objects.select_related("company", "institution")),
        Prefetch("reviews", queryset=Review.objects.select_related("institution", "decided_by")),
    )


def project_list(*, user: Actor, status: str | None = None, kind: str | None = None) -> QuerySet[Project]:
    rows = project_visible(user)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-created_at", "-pk")


def project_title(project: Project, language: str) -> Text:
    picked = translated(
        project.translations.all(), language, project.original_language or None, field="title"
    )
    return picked or Text(f"#{project.pk}", "en")


def project_text(project: Project, language: str, field: str) -> Text | None:
    return translated(project.translations.all(), language, project.original_language or None, field=field)


def partner_name(partner: Partner, language: str) -> Text:
    if partner.company_id:
        return catalogue_selectors.company_name(partner.company, language)  # type: ignore[arg-type]
    if partner.institution_id:
        return institution_selectors.institution_texts(partner.institution, language)[0]  # type: ignore[arg-type]
    return Text(partner.name or str(partner.country.name), "en")


def project_partners(project: Project) -> list[Partner]:
    return list(project.partners.all())


def project_financing(project: Project) -> list[FinancingSource]:
    return list(project.financing.select_related("partner").all())


def project_elements(project: Project) -> list[Element]:
    return list(project.elements.select_related("person").all())


def project_reviews(project: Project) -> list[Review]:
    return list(project.reviews.all())
