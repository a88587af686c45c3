"""Public pages for institutions and memoranda, and the staff pages that edit them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_countries import countries

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.core.collation import sort_by_name
from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.core.images.present import Picture, first_picture
from korkyt.core.images.views import manage_images
from korkyt.core.languages import DEFAULT_TAG, content_language_label, normalize_tag, request_language
from korkyt.core.translations import Text
from korkyt.core.views import delete_confirmed
from korkyt.institutions import selectors, services
from korkyt.institutions.forms import InstitutionCreateForm, InstitutionEditForm, MemorandumForm
from korkyt.institutions.models import Institution, InstitutionKind, Memorandum, MemorandumStatus

PAGE_SIZE = 20


def _institution_card(institution: Institution, logo: str = "") -> dict[str, Any]:
    """Names and description in the reader's language; the logo at size ``logo`` when asked for (from
    prefetched ``images``)."""
    name, short, description = selectors.institution_texts(institution, request_language())
    return {
        "obj": institution,
        "name": name,
        "short": short,
        "description": description,
        "logo": _logo(institution, name, logo) if logo else None,
    }


def _logo(institution: Institution, name: Text, size: str) -> Picture | None:
    return first_picture(
        institution.images.all(),
        size,
        kinds=Institution.images.field.image_kinds,
        language=request_language(),
        default_alt=_("Logo of %(name)s") % {"name": name.text},
    )


def _memorandum_card(memorandum: Memorandum, user: Any = None) -> dict[str, Any]:
    """The memorandum as its lists and pages show it to ``user`` (None: anyone signed out)."""
    return {
        "obj": memorandum,
        "title": selectors.memorandum_title(memorandum, request_language()),
        "place": selectors.memorandum_place(memorandum, request_language()),
        "summary": selectors.memorandum_summary(memorandum, request_language()),
        "parties": [_institution_card(p) for p in selectors.memorandum_parties_seen(memorandum, user)],
    }


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def institution_list(request: HttpRequest) -> HttpResponse:
    country = request.GET.get("country") or None
    kind = request.GET.get("kind") or None
    if country and country.upper() not in dict(countries):
        country = None
    if kind and kind not in InstitutionKind.values:
        kind = None
    q = (request.GET.get("q") or "").strip()[:100] or None
    page = _page(request, selectors.institution_list(user=request.user, country=country, kind=kind, q=q))
    template = (
        "institutions/_institution_results.html"
        if getattr(request, "htmx", False)
        else "institutions/institution_list.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "cards": [_institution_card(i, logo="small") for i in page],
            "kinds": InstitutionKind.choices,
            "kind": kind,
            "country": country,
            "q": q or "",
            "countries": sort_by_name(
                {(str(i.country), i.country.name) for i in selectors.institution_visible(request.user)},
                name=lambda c: c[1],
            ),
        },
    )


def institution_detail(request: HttpRequest, code: str) -> HttpResponse:
    institution = get_visible_or_404(selectors.institution_list(user=request.user), code=code.upper())
    memoranda = selectors.memorandum_list(user=request.user, institution=institution.code)
    return render(
        request,
        "institutions/institution_detail.html",
        {
            "card": (card := _institution_card(institution, logo="card")),
            "og_title": str(card["name"]),
            "og_description": next(
                (str(t) for t in (card["description"], card["short"]) if t and str(t)), ""
            ),
            "memoranda": [_memorandum_card(m, request.user) for m in memoranda],
            "can_edit": request.user.has_perm("institutions.change_institution", institution),
        },
    )


def memorandum_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    if status and status not in MemorandumStatus.values:
        status = None
    area = request.GET.get("area") or None
    editor = request.user.is_authenticated and bool(institution_ids(request.user, Role.EDITOR))
    mine = editor and request.GET.get("mine") == "1"
    page = _page(request, selectors.memorandum_list(user=request.user, status=status, area=area, mine=mine))
    template = (
        "institutions/_memorandum_results.html"
        if getattr(request, "htmx", False)
        else "institutions/memorandum_list.html"
    )
    return render(
        request,
        template,
        {
            "page": page,
            "cards": [_memorandum_card(m, request.user) for m in page],
            "status": status,
            "area": area,
            "editor": editor,
            "mine": mine,
            "statuses": MemorandumStatus.choices,
            "areas": selectors.area_list(),
            "can_create": request.user.has_perm("institutions.add_memorandum"),
        },
    )


def memorandum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    memorandum = get_visible_or_404(selectors.memorandum_visible(request.user), pk=pk)
    return render(
        request,
        "institutions/memorandum_detail.html",
        {
            "card": (card := _memorandum_card(memorandum, request.user)),
            "og_title": str(card["title"]),
            "og_description": str(card["summary"] or ""),
            "framework": (
                _institution_card(memorandum.framework)
                if memorandum.framework and selectors.institution_seen(request.user, memorandum.framework)
                else None
            ),
            "report": selectors.memorandum_report(memorandum=memorandum, user=request.user),
            "can_edit": request.user.has_perm("institutions.change_memorandum", memorandum),
            "can_delete": request.user.has_perm("institutions.delete_memorandum", memorandum),
        },
    )


#: Activities shown per area on a memorandum's page of activities; an area with more links to its own pages.
AREA_NEWEST = 20
AREA_PAGE_SIZE = 50


def memorandum_activities(request: HttpRequest, pk: int) -> HttpResponse:
    """What a memorandum produced: the newest activities recorded under it, per area, linked to their pages;
    ``?area=CODE`` lists every activity of one area, page by page."""
    memorandum = get_visible_or_404(selectors.memorandum_visible(request.user), pk=pk)
    card = _memorandum_card(memorandum, request.user)
    code = request.GET.get("area")
    # one area's pages read the titles of that page only: the others are counted
    areas = selectors.memorandum_activities(
        memorandum=memorandum, user=request.user, newest=0 if code else AREA_NEWEST
    )
    context: dict[str, Any] = {
        "card": card,
        "areas": areas,
        "total": sum(a.count for a in areas),
        "og_title": _("What this memorandum produced: %(title)s") % {"title": card["title"]},
    }
    if code:
        area = next((a for a in areas if a.code == code), None)
        if area is None:
            raise Http404
        rows = selectors.area_activities(memorandum=memorandum, area=code)
        page = Paginator(rows, AREA_PAGE_SIZE).get_page(request.GET.get("page"))
        seen = selectors.activity_seen(list(page.object_list), request.user)  # the others: counted only
        area.rows = selectors.activity_titles(seen, request_language())
        context.update({"areas": [area], "area": area, "page": page})
    return render(request, "institutions/memorandum_activities.html", context)


def memorandum_document(request: HttpRequest, pk: int) -> FileResponse:
    memorandum = get_visible_or_404(selectors.memorandum_visible(request.user), pk=pk)
    if not memorandum.document:
        raise Http404
    return FileResponse(
        memorandum.document.open("rb"),
        content_type="application/pdf",
        filename=f"memorandum-{memorandum.pk}.pdf",
    )


# Staff -------------------------------------------------------------------------------------------


def _editable_institution(request: HttpRequest, code: str) -> Institution:
    institution = get_visible_or_404(selectors.institution_list(user=request.user), code=code.upper())
    if not request.user.has_perm("institutions.change_institution", institution):
        raise PermissionDenied
    return institution


def _texts(data: dict[str, Any]) -> dict[str, Any]:
    """The institution's texts in one language, as an institution form gives them."""
    return {key: data[key] for key in ("language", "name", "short_name", "description")}


@login_required
@require_http_methods(["GET", "POST"])
def institution_create(request: HttpRequest) -> HttpResponse:
    """Platform administrators add an institution (the API's ``POST /api/institutions``, as a page)."""
    if not request.user.has_perm("institutions.add_institution"):
        raise PermissionDenied
    language = DEFAULT_TAG.get(request_language(), "en")
    form = InstitutionCreateForm(
        request.POST or None, initial={"language": language, "native_language": language}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            institution = services.institution_create(
                actor=request.user,
                code=data["code"],
                kind=data["kind"],
                country=data["country"],
                website=data["website"],
                native_language=data["native_language"],
                is_public=data["is_public"],
                translations=[_texts(data)],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The institution is added. Give its editors their role on it."))
            return redirect("institutions:institution_detail", code=institution.code)
    return render(request, "institutions/institution_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request: HttpRequest, code: str) -> HttpResponse:
    institution = _editable_institution(request, code)
    try:
        language = normalize_tag(
            request.POST.get("language")
            or request.GET.get("language")
            or DEFAULT_TAG.get(request_language(), "en")
        )
    except ValidationError:
        language = "en"
    if request.method == "POST":
        form = InstitutionEditForm(request.POST, language_loaded=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.institution_update(
                    actor=request.user,
                    institution=institution,
                    website=data["website"],
                    translations=[_texts(data)],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("institutions:institution_detail", code=institution.code)
    else:
        row = selectors.institution_translation(institution, language)
        form = InstitutionEditForm(
            language_loaded=True,
            initial={
                "website": institution.website,
                "language": language,
                "name": row.name if row else "",
                "short_name": row.short_name if row else "",
                "description": row.description if row else "",
            },
        )
    return render(
        request,
        "institutions/institution_edit.html",
        {
            "form": form,
            "card": _institution_card(institution),
            "language": language,
            "language_label": content_language_label(language),
            "can_delete": request.user.has_perm("institutions.delete_institution", institution),
        },
    )


@login_required
@require_POST
def institution_delete(request: HttpRequest, code: str) -> HttpResponse:
    """Platform administrators delete an institution from the bottom of its edit page; refused, with the
    reason, while it is party to memoranda or owns films, people, companies or jobs."""
    institution = _editable_institution(request, code)
    return delete_confirmed(
        request,
        institution,
        "institutions.delete_institution",
        lambda: services.institution_delete(actor=request.user, institution=institution),
        back=reverse("institutions:institution_edit", args=[institution.code]),
        done=_("The institution was deleted."),
        then="institutions:institution_list",
    )


@login_required
@require_http_methods(["GET", "POST"])
def institution_images(request: HttpRequest, code: str) -> HttpResponse:
    """The institution's editors' page of its logo."""
    institution = _editable_institution(request, code)
    name = selectors.institution_texts(institution, request_language())[0]
    return manage_images(
        request,
        owner=institution,
        heading=name,
        back_url=reverse("institutions:institution_detail", args=[institution.code]),
        default_alt=_("Logo of %(name)s") % {"name": name.text},
    )


def _memorandum_initial(memorandum: Memorandum, language: str) -> dict[str, Any]:
    text = next((t for t in memorandum.translations.all() if t.language == language), None)
    return {
        "parties": [p.pk for p in selectors.memorandum_parties(memorandum)],
        "areas": [a.pk for a in memorandum.areas.all()],
        "status": memorandum.status,
        "signed_on": memorandum.signed_on,
        "signed_on_precision": memorandum.signed_on_precision,
        "framework": memorandum.framework_id,
        "valid_until": memorandum.valid_until,
        "source_url": memorandum.source_url,
        "language": language,
        "title": text.title if text else "",
        "summary": text.summary if text else "",
        "place": text.place if text else "",
    }


def _memorandum_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {
        "parties": list(data["parties"]),
        "areas": [a.code for a in data["areas"]],
        "status": data["status"],
        "signed_on": data["signed_on"],
        "signed_on_precision": data["signed_on_precision"],
        "framework": data["framework"],
        "valid_until": data["valid_until"],
        "source_url": data["source_url"],
    }
    # always sent: emptying the title, summary and place of a language removes its texts (the service
    # keeps a language whose full text, given through the API, remains)
    values["translations"] = [
        {
            "language": data["language"],
            "title": data["title"],
            "summary": data["summary"],
            "place": data["place"],
        }
    ]
    return values


@login_required
@require_http_methods(["GET", "POST"])
def memorandum_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("institutions.add_memorandum"):
        raise PermissionDenied
    form = MemorandumForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": DEFAULT_TAG.get(request_language(), "en"), "status": "draft"},
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            memorandum = services.memorandum_create(
                actor=request.user,
                document=form.cleaned_data["document"],
                **_memorandum_values(form.cleaned_data),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The memorandum was created."))
            return redirect("institutions:memorandum_detail", pk=memorandum.pk)
    return render(request, "institutions/memorandum_form.html", {"form": form, "card": None})


@login_required
@require_http_methods(["GET", "POST"])
def memorandum_edit(request: HttpRequest, pk: int) -> HttpResponse:
    memorandum = get_visible_or_404(selectors.memorandum_visible(request.user), pk=pk)
    if not request.user.has_perm("institutions.change_memorandum", memorandum):
        raise PermissionDenied
    try:  # the texts of one language at a time, chosen above the form (as on an institution's edit page)
        language = normalize_tag(request.GET.get("language") or DEFAULT_TAG.get(request_language(), "en"))
    except ValidationError:
        language = "en"
    form = MemorandumForm(
        request.POST or None,
        request.FILES or None,
        initial=_memorandum_initial(memorandum, language),
        user=request.user,
        memorandum=memorandum,
        language_loaded=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            values = _memorandum_values(form.cleaned_data)
            # the form lists institutions by code: the parties it has keep their order (it makes the title)
            order = [link.institution_id for link in memorandum.party_links.order_by("position")]
            values["parties"].sort(key=lambda p: order.index(p.pk) if p.pk in order else len(order))
            services.memorandum_update(actor=request.user, memorandum=memorandum, **values)
            if form.cleaned_data["document"]:
                services.memorandum_attach_document(
                    actor=request.user, memorandum=memorandum, document=form.cleaned_data["document"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("institutions:memorandum_detail", pk=memorandum.pk)
    return render(
        request,
        "institutions/memorandum_form.html",
        {"form": form, "card": _memorandum_card(memorandum, request.user), "language": language},
        status=400 if request.method == "POST" else 200,  # refused: the form again, with the reasons
    )


@login_required
@require_POST
def memorandum_delete(request: HttpRequest, pk: int) -> HttpResponse:
    memorandum = get_visible_or_404(selectors.memorandum_visible(request.user), pk=pk)
    try:
        services.memorandum_delete(actor=request.user, memorandum=memorandum)
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect("institutions:memorandum_detail", pk=pk)
    messages.success(request, _("The memorandum was deleted."))
    return redirect("institutions:memorandum_list")
