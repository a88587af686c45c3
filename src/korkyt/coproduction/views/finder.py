"""The partner finder: which countries and catalogue companies, bringing which share, would make a project
qualify under an instrument (korkyt.treaties.find_partners); a producer takes a suggestion in one click."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from korkyt.catalogue import selectors as catalogue_selectors
from korkyt.coproduction import eligibility, services, wording
from korkyt.coproduction.views import _card, _get
from korkyt.coproduction.wording import percent
from korkyt.core.feedback import flash_refusal
from korkyt.core.http import decimal_from, get_visible_or_404, id_from
from korkyt.core.languages import request_language
from korkyt.treaties import CURRENCIES, load_rulebook


def partner_finder(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    findings, missing = eligibility.find_partners(project, user=request.user)
    book = {inst.id: inst for inst in load_rulebook().instruments}
    lang = request_language()
    rows = [
        {
            "s": f.suggestion,
            "instrument": wording.instrument_title(book[f.suggestion.instrument]),
            "country": countries.name(f.suggestion.country),
            "share": f"{percent(f.suggestion.share_min)} – {percent(f.suggestion.share_max)}",
            "companies": [(c, catalogue_selectors.company_name(c, lang)) for c in f.companies],
        }
        for f in findings
    ]
    return render(
        request,
        "coproduction/partner_finder.html",
        {
            "card": _card(project),
            "rows": rows,
            "missing": missing,
            "can_edit": request.user.has_perm("coproduction.change_project", project),
        },
    )


@login_required
@require_POST
def partner_finder_take(request: HttpRequest, pk: int) -> HttpResponse:
    project = _get(request, pk)
    if not request.user.has_perm("coproduction.change_project", project):
        raise PermissionDenied
    country = request.POST.get("country", "").upper()
    company_id = request.POST.get("company", "")
    amount = decimal_from(request.POST.get("amount", ""))
    if country not in dict(countries) or amount is None or amount <= 0 or project.currency not in CURRENCIES:
        messages.error(request, _("This suggestion is no longer valid; look again."))
        return redirect("coproduction:partner_finder", pk=pk)
    company = None
    if company_id:
        company = get_visible_or_404(
            catalogue_selectors.company_list(user=request.user, country=country), pk=id_from(company_id) or 0
        )
    try:
        services.partner_from_finder(
            actor=request.user, project=project, company=company, country=country, amount=amount
        )
    except ValidationError as exc:
        flash_refusal(request, exc)
        return redirect("coproduction:partner_finder", pk=pk)
    messages.success(request, _("The co-producer was added with a pending contribution."))
    return redirect("coproduction:project_detail", pk=pk)
