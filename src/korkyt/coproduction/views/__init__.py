"""Pages: the list of co-productions, a project with its verdicts, the forms that create and change it,
its financing table, and the authorities' decisions."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from korkyt.coproduction import eligibility, selectors, services, wording
from korkyt.coproduction.forms import (
    DecisionForm,
    DocumentForm,
    ElementForm,
    PartnerForm,
    ProjectForm,
    SourceForm,
)
from korkyt.coproduction.models import Project, ProjectKind, ProjectStatus
from korkyt.coproduction.rule_sources import source_text
from korkyt.core import once
from korkyt.core.concurrency import VERSION_FIELD, version_of
from korkyt.core.feedback import flash_refusal, section_tag
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.core.languages import DEFAULT_TAG, request_language
from korkyt.core.translations import Text
from korkyt.core.workflow import transitions_available
from korkyt.institutions import selectors as institution_selectors

PAGE_SIZE = 20


def _get(request: HttpRequest, pk: int) -> Project:
    return get_visible_or_404(selectors.project_visible(request.user), pk=pk)


def _card(project: Project) -> dict[str, Any]:
    lang = request_language()
    return {
        "obj": project,
        "title": selectors.project_title(project, lang),
        "logline": selectors.project_text(project, lang, "logline"),
        "synopsis": selectors.project_text(project, lang, "synopsis"),
    }


def project_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    kind = request.GET.get("kind") or None
    status = status if status in ProjectStatus.values else None
    kind = kind if kind in ProjectKind.values else None
    deciding = selectors.waiting_reviews(request.user).exists()  # an agency's editor with decisions to take
    waiting = deciding and request.GET.get("waiting") == "1"
    rows = selectors.project_list(user=request.user, status=status, kind=kind, waiting=waiting)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "coproduction/project_list.html",
        {
            "page": page,
            "cards": [_card(p) for p in page.object_list],
            "statuses": ProjectStatus.choices,
            "kinds": ProjectKind.choices,
            "status": status,
            "kind": kind,
            "deciding": deciding,
            "waiting": waiting,
        },
    )


def _financing_rows(
    project: Project, names: dict[int, Text] | None = None
) -> tuple[list[dict[str, Any]], Decimal | None]:
    """The financing lines, each with its amount in the project's currency and its partner's name in its
    language (``names``: partner row id → name, when the caller has them already)."""
    sources = selectors.project_financing(project)
    if names is None:
        lang = request_language()
        names = {p.pk: selectors.partner_name(p, lang) for p in selectors.project_partners(project)}
    rates, missing = eligibility.rates_of(project, sources)
    rows, total = [], Decimal(0)
    complete = not missing
    for source in sources:
        if source.currency == project.currency:
            converted: Decimal | None = source.amount
        elif source.currency in rates:
            converted = (source.amount / rates[source.currency]).quantize(Decimal("0.01"))
        else:
            converted = None
        if converted is not None:
            total += converted
        partner = names.get(source.partner_id) if source.partner_id else None
        rows.append({"obj": source, "converted": converted, "partner": partner})
    return rows, (total if complete else None)


def _verdicts(
    result: eligibility.Eligibility, names: dict[str, Text], roles: list[Any]
) -> list[dict[str, Any]]:
    """Every verdict with its reason, checks and advice worded in the viewer's language (HTML: partners'
    names carry their ``lang``); each piece of advice with its fingerprint, which its button sends back
    (``roles``: the project's performing roles)."""
    if result.evaluation is None:
        return []
    out = []
    for verdict in result.evaluation.verdicts:
        inst = result.instruments.get(verdict.id)
        checks = [
            {
                "c": c,
                "name": wording.rule_name(c.rule),
                "subject": wording.subject_html(c.rule, c.subject, names),
                "text": wording.render_html(c.texts, names),
                "value": wording.check_value(c),
                "limits": wording.limits(c.rule, c.min, c.max),
                "source": source_text(c.source),
            }
            for c in verdict.checks
        ]
        advice = [
            {
                "index": n,
                "digest": eligibility.advice_digest(verdict.id, a, roles),
                "a": a,
                "text": wording.render_html(a.texts, names),
                "breaks": [wording.render_html(b.texts, names) for b in a.breaks],
            }
            for n, a in enumerate(verdict.advice)
        ]
        out.append(
            {
                "v": verdict,
                "title": wording.instrument_title(inst) if inst else Text(verdict.id, "en"),
                "source": inst.source if inst else "",
                "reason": wording.render_html(verdict.why, names),
                "checks": checks,
                "advice": advice,
                "failed": [c for c in verdict.checks if not c.ok],
            }
        )
    return out


def _detail_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    user = request.user
    result = eligibility.evaluate(project)
    lang = request_language()
    shares = result.evaluation.shares if result.evaluation else {}
    keys = {p.pk: k for k, p in result.partner_ids.items()}
    rows = selectors.project_partners(project)
    names = {p.pk: selectors.partner_name(p, lang) for p in rows}
    financing, total = _financing_rows(project, names)
    lines = Counter(row["obj"].partner_id for row in financing)  # removing a partner removes these
    by_pk = {p.pk: shares[keys[p.pk]] for p in rows if keys.get(p.pk, "") in shares}
    roles = selectors.partner_roles(rows, by_pk)
    partners = [
        {
            "obj": p,
            "name": names[p.pk],
            "share": by_pk.get(p.pk),
            "role": roles[p.pk],
            "lines": lines.get(p.pk, 0),
        }
        for p in rows
    ]
    can_edit = user.has_perm("coproduction.change_project", project)
    reviews = [
        {
            "obj": r,
            "authority": institution_selectors.institution_texts(r.institution, lang)[0],
            "may_decide": project.status == ProjectStatus.SUBMITTED
            and r.status == "pending"
            and user.has_perm("coproduction.review_project", r),
        }
        for r in selectors.project_reviews(project)
    ]
    card = _card(project)
    return {
        "card": card,
        "og_title": str(card["title"]),
        "og_description": next((str(t) for t in (card["logline"], card["synopsis"]) if t and str(t)), ""),
        "partners": partners,
        "financing": financing,
        "total": total,
        "elements": [
            {"obj": e, "name": selectors.element_name(e, lang)} for e in selectors.project_elements(project)
        ],
        "reviews": reviews,
        "eligibility": result,
        "documents": selectors.document_checklist(project, result),
        "can_view_documents": user.has_perm("coproduction.view_documents", project),
        "document_form": DocumentForm(prefix="document") if can_edit else None,
        "verdicts": _verdicts(
            result,
            {k: names.get(p.pk) or selectors.partner_name(p, lang) for k, p in result.partner_ids.items()},
            eligibility.role_elements(project),
        ),
        "basis": (
            wording.instrument_title(result.instruments[result.basis])
            if result.basis in result.instruments
            else None
        ),
        "memorandum_title": (  # a draft memorandum is named only to whoever may see it
            institution_selectors.memorandum_title(project.memorandum, lang)
            if project.memorandum and user.has_perm("institutions.view_memorandum", project.memorandum)
            else None
        ),
        "can_edit": can_edit,
        "can_publish": user.has_perm("coproduction.publish_project", project),
        "transitions": transitions_available(actor=user, obj=project),
        "partner_form": PartnerForm(prefix="partner") if can_edit else None,
        "source_form": SourceForm(prefix="source", project=project) if can_edit else None,
        "element_form": ElementForm(prefix="element") if can_edit else None,
        "decision_form": DecisionForm(prefix="decision"),
    }


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    return render(request, "coproduction/project_detail.html", _detail_context(request, project))


def project_financing(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    financing, total = _financing_rows(project)
    return render(
        request,
        "coproduction/project_financing.html",
        {"card": _card(project), "financing": financing, "total": total},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("coproduction.add_project"):
        raise PermissionDenied
    memoranda = institution_selectors.memorandum_visible(request.user)
    form = ProjectForm(
        request.POST or None,
        memoranda=memoranda,
        new=True,
        initial={"language": DEFAULT_TAG.get(request_language(), "en")},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop(once.FIELD, None)

        def make() -> str:
            project = services.project_create(actor=request.user, **data)
            return reverse("coproduction:project_detail", args=[project.pk])

        try:
            location, made = once.run_once(request, key, make)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if made:
                messages.success(request, _("The project was created."))
            else:
                messages.info(request, once.already_sent_message())
            return redirect(location)
    return render(request, "coproduction/project_form.html", {"form": form, "card": None})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    if not request.user.has_perm("coproduction.change_project", project):
        raise PermissionDenied
    language = request.GET.get("language") or project.original_language or "en"
    text = project.translations.filter(language=language).first()
    initial = {
        VERSION_FIELD: version_of(project),
        "title": text.title if text else "",
        "logline": text.logline if text else "",
        "synopsis": text.synopsis if text else "",
        "language": language,
        **{
            f: getattr(project, f)
            for f in (
                "kind",
                "stage",
                "runtime_min",
                "budget",
                "female_director",
                "currency",
                "shooting_starts_on",
                "shooting_ends_on",
                "applied_on",
                "memorandum",
                "area",
            )
        },
    }
    memoranda = institution_selectors.memorandum_visible(request.user)
    form = ProjectForm(request.POST or None, memoranda=memoranda, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_edit(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as exc:
            # someone else saved the project meanwhile: said above the form, what was typed kept
            add_service_errors(form, exc, {VERSION_FIELD: NON_FIELD_ERRORS})
        else:
            messages.success(request, _("Saved."))
            return redirect("coproduction:project_detail", pk=project.pk)
    return render(request, "coproduction/project_form.html", {"form": form, "card": _card(project)})


#: the section of the project's page each list is in (its anchor): an addition or a removal lands the reader
#: back there, with the message said inside it
SECTIONS = {"partner": "partners", "source": "financing", "element": "elements"}


def _back_to(pk: int, what: str) -> HttpResponse:
    return redirect(reverse("coproduction:project_detail", args=[pk]) + f"#{SECTIONS[what]}")


def _post_form(request: HttpRequest, pk: int, form_class: Any, prefix: str, save: Any) -> HttpResponse:
    project = _get(request, pk)
    if not request.user.has_perm("coproduction.change_project", project):
        raise PermissionDenied
    kwargs = {"project": project} if form_class is SourceForm else {}
    form = form_class(request.POST, prefix=prefix, **kwargs)
    if form.is_valid():
        try:
            save(project, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."), extra_tags=section_tag(SECTIONS[prefix]))
            return _back_to(pk, prefix)
    context = _detail_context(request, project)
    context[f"{prefix}_form"] = form
    return render(request, "coproduction/project_detail.html", context, status=422)


def _picked(request: HttpRequest, prefix: str) -> dict[str, Any]:
    """The catalogue entry chosen in a form's picker (``<prefix>-pick``), as service arguments."""
    value = request.POST.get(f"{prefix}-pick", "")
    return selectors.pick_resolve(request.user, value, "name") if value else {}


@login_required
def pick(request: HttpRequest, what: str) -> HttpResponse:
    """The picker's matches for the text typed (an htmx fragment of radio buttons)."""
    if what not in ("partner", "person"):
        raise Http404
    query = str(next((v for k, v in request.GET.items() if k.endswith("name")), ""))
    field = request.GET.get("field", "")
    if field not in ("partner-pick", "element-pick"):
        field = "partner-pick" if what == "partner" else "element-pick"
    candidates = selectors.pick_candidates(request.user, what, query, request_language())
    chosen = next((c["value"] for c in candidates if c["exact"]), "")  # else the name as typed
    return render(
        request,
        "coproduction/_pick.html",
        {"candidates": candidates, "field": field, "query": query, "chosen": chosen},
    )


@login_required
@require_POST
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(
        request,
        pk,
        PartnerForm,
        "partner",
        lambda project, data: services.partner_add(
            actor=request.user, project=project, **data, **_picked(request, "partner")
        ),
    )


@login_required
@require_POST
def source_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(
        request,
        pk,
        SourceForm,
        "source",
        lambda project, data: services.source_add(actor=request.user, project=project, **data),
    )


@login_required
@require_POST
def element_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_form(
        request,
        pk,
        ElementForm,
        "element",
        lambda project, data: services.element_set(
            actor=request.user, project=project, **data, **_picked(request, "element")
        ),
    )


@login_required
@require_POST
def item_remove(request: HttpRequest, pk: int, what: str, item: int) -> HttpResponse:
    project = _get(request, pk)
    if what == "partner":
        services.partner_remove(
            actor=request.user, partner=get_visible_or_404(project.partners.all(), pk=item)
        )
    elif what == "source":
        services.source_remove(
            actor=request.user, source=get_visible_or_404(project.financing.all(), pk=item)
        )
    elif what == "element":
        services.element_remove(
            actor=request.user, element=get_visible_or_404(project.elements.all(), pk=item)
        )
    else:
        return redirect("coproduction:project_detail", pk=pk)
    messages.success(request, _("Removed."), extra_tags=section_tag(SECTIONS[what]))
    return _back_to(pk, what)


def _run(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        flash_refusal(request, exc)
    else:
        messages.success(request, done)
    return redirect("coproduction:project_detail", pk=pk)


@login_required
@require_POST
def advice_apply(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    try:
        index = int(request.POST.get("index", ""))
    except ValueError:
        index = -1
    instrument = request.POST.get("instrument", "")[:30]
    digest = request.POST.get("digest", "")[:64] or None  # the advice as the page showed it
    return _run(
        request,
        pk,
        lambda: services.advice_apply(
            actor=request.user, project=project, instrument=instrument, index=index, digest=digest
        ),
        _("The advice was applied."),
    )


@login_required
@require_POST
def project_submit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    return _run(
        request,
        pk,
        lambda: services.project_submit(actor=request.user, project=project),
        _("The project was submitted to the authorities."),
    )


@login_required
@require_POST
def project_publish(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    published = request.POST.get("published") == "1"
    return _run(
        request,
        pk,
        lambda: services.project_publish(actor=request.user, project=project, published=published),
        _("Saved."),
    )


@login_required
@require_POST
def review_decide(request: HttpRequest, pk: int, country: str) -> HttpResponse:
    project = _get(request, pk)
    review = get_visible_or_404(project.reviews.select_related("project"), country=country.upper()[:2])
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():  # no decision chosen: said beside the form, the comments kept
        context = {**_detail_context(request, project), "failed_review": review.pk, "failed_form": form}
        return render(request, "coproduction/project_detail.html", context, status=400)
    try:
        services.review_decide(actor=request.user, review=review, **form.cleaned_data)
    except ValidationError as exc:
        if not any(key in form.fields for key in getattr(exc, "error_dict", {})):
            flash_refusal(request, exc)  # the review is no longer to decide: said above the page
            return redirect("coproduction:project_detail", pk=pk)
        # a return without comments: said beside the comments, the choice kept (sent again, it is no approval)
        add_service_errors(form, exc)
        context = {**_detail_context(request, project), "failed_review": review.pk, "failed_form": form}
        return render(request, "coproduction/project_detail.html", context, status=422)
    messages.success(request, _("Your decision was recorded."))
    return redirect("coproduction:project_detail", pk=pk)


def project_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable dossier (PDF): partners, financing table and every verdict, in the viewer's language."""
    from weasyprint import HTML

    project = _get(request, pk)
    page = render(request, "coproduction/dossier.html", _detail_context(request, project)).content.decode()
    pdf = HTML(string=page, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="coproduction-{project.pk}.pdf"'
    return response
