"""Reads of co-productions, scoped to the viewer (rules.visible_q is the one definition of who sees what)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.utils.translation import gettext as _

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue import selectors as catalogue_selectors
from korkyt.catalogue.models import Company, Film, Person
from korkyt.coproduction.models import (
    DocumentKind,
    Element,
    FinancingSource,
    Partner,
    PartnerRole,
    Project,
    ProjectStatus,
    Review,
    ReviewStatus,
)
from korkyt.coproduction.rules import produced_q, visible_q
from korkyt.core.actors import Actor
from korkyt.core.countries import country_name
from korkyt.core.http import id_from
from korkyt.core.languages import name_lang
from korkyt.core.translations import Text, translated
from korkyt.institutions import selectors as institution_selectors
from korkyt.institutions.models import CooperationArea, Institution, Memorandum
from korkyt.translit import query_keys, search_keys


def project_visible(user: Actor) -> QuerySet[Project]:
    """Every project ``user`` may see, with what its pages show."""
    rows = Project.objects.all()
    q = visible_q(user)
    if q is not None:
        ids = Project.objects.filter(q).values("pk")
        rows = rows.filter(pk__in=ids)
    return rows.select_related("memorandum", "area", "film", "created_by").prefetch_related(
        "translations",
        Prefetch("partners", queryset=Partner.objects.select_related("company", "institution")),
        Prefetch("reviews", queryset=Review.objects.select_related("institution", "decided_by")),
    )


def project_list(
    *, user: Actor, status: str | None = None, kind: str | None = None, waiting: bool = False
) -> QuerySet[Project]:
    """The projects ``user`` sees, filtered; with ``waiting``, those waiting for the decision of an agency
    ``user`` edits (:func:`waiting_reviews`)."""
    rows = project_visible(user)
    if waiting:
        rows = rows.filter(pk__in=waiting_reviews(user).values("project_id"))
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-created_at", "-pk")


#: How many of a producer's projects, and of the decisions waiting for an agency's editor, "My work" lists
#: (the co-productions page has them all).
WORK_LIMIT = 10


def work_of(user: Actor) -> dict[str, Any]:
    """What co-production asks of ``user``, for their "My work" page: the projects they produce (those
    returned for changes first, then drafts, then those waiting for the authorities, then approved ones;
    each group the last changed first) with their number, and, for the editors of a national agency, the
    submitted projects waiting for their country's decision (the longest waiting first)."""
    if not (user is not None and user.is_authenticated and user.is_active):
        return {"producing": [], "producing_total": 0, "deciding": [], "deciding_total": 0}
    order = Case(
        When(status=ProjectStatus.RETURNED, then=Value(0)),
        When(status=ProjectStatus.DRAFT, then=Value(1)),
        When(status=ProjectStatus.SUBMITTED, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    mine = Project.objects.filter(pk__in=Project.objects.filter(produced_q(user)).values("pk"))
    producing = list(
        mine.annotate(urgency=order)
        .prefetch_related("translations")
        .order_by("urgency", "-updated_at", "-pk")[:WORK_LIMIT]
    )
    waiting = waiting_reviews(user)
    deciding = list(
        waiting.select_related("project")
        .prefetch_related("project__translations")
        .order_by("project__updated_at", "pk")[:WORK_LIMIT]
    )
    return {
        "producing": producing,
        "producing_total": mine.count(),
        "deciding": deciding,
        "deciding_total": waiting.count() if len(deciding) == WORK_LIMIT else len(deciding),
    }


def waiting_reviews(user: Actor) -> QuerySet[Review]:
    """The pending reviews of submitted projects held by the agencies ``user`` edits (none for others)."""
    agencies = institution_ids(user, Role.EDITOR) if user is not None and user.is_authenticated else set()
    if not agencies:
        return Review.objects.none()
    return Review.objects.filter(
        status=ReviewStatus.PENDING, project__status=ProjectStatus.SUBMITTED, institution_id__in=agencies
    )


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
    if partner.name:
        # typed with no language: its script, so that screen readers do not read it as the page's language
        return Text(partner.name, name_lang(partner.name))
    return Text(str(partner.country.name), language)  # the country's name in the reader's language


def project_partners(project: Project) -> list[Partner]:
    return list(project.partners.all())


def partner_roles(partners: list[Partner], shares: dict[int, Any]) -> dict[int, str]:
    """The role each partner is shown with (its label), by row id. Once the shares are computed (``shares``:
    row id → share) the majority co-producer is the one whose share is larger than every other's, the
    other co-producers are minority ones (partners tied at the largest share keep the role they were
    given), so the page never shows a declared majority the money contradicts. A financial co-producer
    stays financial; before the shares are known each partner shows its declared role."""
    labels = dict(PartnerRole.choices)
    top = max((shares[p.pk] for p in partners if p.pk in shares and not p.finance_only), default=None)
    tied = sum(1 for p in partners if not p.finance_only and shares.get(p.pk) == top)
    out = {}
    for p in partners:
        role = p.role
        if p.finance_only or role == PartnerRole.FINANCIAL:
            role = PartnerRole.FINANCIAL
        elif p.pk in shares and top is not None:
            if shares[p.pk] != top:
                role = PartnerRole.MINORITY
            elif tied == 1:
                role = PartnerRole.MAJORITY
        out[p.pk] = str(labels[role])
    return out


def project_financing(project: Project) -> list[FinancingSource]:
    return list(project.financing.select_related("partner").all())


def project_elements(project: Project) -> list[Element]:
    return list(project.elements.select_related("person").prefetch_related("person__names").all())


def element_name(element: Element, language: str) -> Text | None:
    """Who or where an element is: the catalogue person's name in the reader's language, else the name as
    typed (marked with its script), else nothing."""
    if element.person_id:
        return catalogue_selectors.person_name(element.person, language)  # type: ignore[arg-type]
    if element.name:
        return Text(element.name, name_lang(element.name))
    return None


def project_reviews(project: Project) -> list[Review]:
    return list(project.reviews.all())


def _one(queryset: QuerySet[Any], field: str, **lookups: Any) -> Any:
    """The row a write names by id or code, among those the writer may see; else a field error."""
    found = queryset.filter(**lookups).first() if all(v not in (None, "") for v in lookups.values()) else None
    if found is None:
        raise ValidationError({field: [_("Not found: %(value)s.") % {"value": next(iter(lookups.values()))}]})
    return found


def memorandum_ref(user: Actor, memorandum_id: int) -> Memorandum:
    return _one(institution_selectors.memorandum_visible(user), "memorandum", pk=memorandum_id)  # type: ignore[no-any-return]


def area_ref(code: str) -> CooperationArea:
    return _one(CooperationArea.objects.all(), "area", code=code)  # type: ignore[no-any-return]


def film_ref(user: Actor, film_id: int) -> Film:
    return _one(catalogue_selectors.film_visible(user), "film", pk=film_id)  # type: ignore[no-any-return]


def company_ref(user: Actor, company_id: int) -> Company:
    return _one(catalogue_selectors.company_visible(user), "company", pk=company_id)  # type: ignore[no-any-return]


def institution_ref(user: Actor, code: str) -> Institution:
    return _one(institution_selectors.institution_list(user=user), "institution", code=code.upper())  # type: ignore[no-any-return]


def person_ref(user: Actor, person_id: int) -> Person:
    return _one(catalogue_selectors.person_visible(user), "person", pk=person_id)  # type: ignore[no-any-return]


def partner_ref(project: Project, partner_id: int) -> Partner:
    return _one(project.partners.all(), "partner", pk=partner_id)  # type: ignore[no-any-return]


def document_checklist(project: Project, result: Any) -> list[dict[str, Any]]:
    """The documents the applicable instruments ask for: each kind once, with the instruments that ask for
    it (their short names, in rule-book order) and the uploaded document, or None when it is missing.
    ``result`` is the project's :class:`~korkyt.coproduction.eligibility.Eligibility`."""
    uploaded = {d.kind: d for d in project.documents.all()}
    asked: dict[str, list[str]] = {}
    if result.evaluation is not None:
        for verdict in result.evaluation.verdicts:
            inst = result.instruments.get(verdict.id)
            if verdict.applies and inst is not None:
                for kind in inst.documents:
                    asked.setdefault(kind, []).append(inst.short)
    rows = [
        {
            "kind": kind,
            "label": DocumentKind(kind).label,
            "asked_by": asked[kind],
            "document": uploaded.get(kind),
        }
        for kind in DocumentKind.values
        if kind in asked
    ]
    rows += [
        {"kind": kind, "label": DocumentKind(kind).label, "asked_by": [], "document": doc}
        for kind, doc in uploaded.items()
        if kind not in asked
    ]
    return rows


def pick_candidates(user: Actor, what: str, query: str, language: str) -> list[dict[str, Any]]:
    """Catalogue entries matching ``query`` for a form's picker: companies and institutions for a partner
    (``what="partner"``), people for a key element (``what="person"``), found by name as their own lists
    find them (case, diacritics and script folded as the site's search folds them: "ала-тоо" and "Ala-Too"
    find «Ала-Тоо Анимация»). Values are ``company:<id>``, ``institution:<code>`` or ``person:<id>``; names
    in ``language`` along the fallback chain. ``exact``: the name shown is the one typed, once both are
    folded; the picker preselects such an entry, and otherwise the name as typed, so that a name is never
    replaced by a longer one of the catalogue without the person choosing it ("Kültür" is not "Kültür ve
    Turizm Bakanlığı")."""
    query = query.strip()
    if len(query) < 2:
        return []
    out: list[dict[str, Any]] = []
    typed = set(query_keys(query[:200]))
    if what == "partner":
        companies = catalogue_selectors.company_list(user=user, q=query)[:8]
        for c in companies:
            out.append(
                {
                    "value": f"company:{c.pk}",
                    "label": catalogue_selectors.company_name(c, language),
                    "country": c.country,
                    "kind": _("company"),
                }
            )
        institutions = institution_selectors.institution_list(user=user, q=query)[:8]
        for i in institutions:
            out.append(
                {
                    "value": f"institution:{i.code}",
                    "label": institution_selectors.institution_texts(i, language)[0],
                    "country": i.country,
                    "kind": _("institution"),
                }
            )
    elif what == "person":
        people = catalogue_selectors.person_list(user=user, q=query)[:10]
        for p in people:
            out.append(
                {
                    "value": f"person:{p.pk}",
                    "label": translated(p.names.all(), language, field="text") or Text(str(p), "en"),
                    "country": "",
                    "kind": _("person"),
                }
            )
    for entry in out:
        label = entry["label"]
        entry["exact"] = bool(typed & set(search_keys(label.text, label.lang)))
    return out


def pick_resolve(user: Actor, value: str, field: str) -> dict[str, Any]:
    """What a picker's value stands for, as service arguments (``{"company": …}``, ``{"institution": …}``,
    ``{"person": …}``); a value that names nothing visible is a ValidationError on ``field``."""
    kind, _sep, ref = value.partition(":")
    try:
        if kind == "company" and (pk := id_from(ref)) is not None:
            return {"company": company_ref(user, pk)}
        if kind == "institution" and ref:
            return {"institution": institution_ref(user, ref)}
        if kind == "person" and (pk := id_from(ref)) is not None:
            return {"person": person_ref(user, pk)}
    except ValidationError:
        pass
    raise ValidationError({field: [_("Choose an entry of the catalogue from the list.")]})


# What the history page calls a project's elements and partners (``register(..., title=...)``): the job
# and the country in words, where the rows say codes of themselves ("role: KZ").


def element_title(element: Element, language: str) -> Text:
    return Text(f"{element.get_job_display()}: {element.name or country_name(str(element.country))}", "")


def partner_title(partner: Partner, language: str) -> Text:
    return Text(partner.name or country_name(str(partner.country)), "")
