"""The edition's staff define its awards: name per language, kind (main award, award, special award,
special mention), section (or the whole festival) and whether it may be given ex aequo; an award nobody
has won may be deleted. The rules the decisions must keep are checked by ``services.jury``. Everyone else
gets a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import language_initial, texts_off_the_form
from korkyt.core.http import get_visible_or_404
from korkyt.festival import selectors, services
from korkyt.festival.forms import AwardForm
from korkyt.festival.models import Award, Edition
from korkyt.festival.services import jury
from korkyt.festival.staff import _edition, _put_errors


def _sections(edition: Edition) -> list[tuple[str, str]]:
    return [(s.kind, s.get_kind_display()) for s in selectors.section_list(edition)]


def _section(edition: Edition, form: AwardForm) -> Any:
    kind = form.cleaned_data.get("section") or ""
    return edition.sections.get(kind=kind) if kind else None


def awards(request: HttpRequest, number: int) -> HttpResponse:
    """The edition's awards, and a form for a new one."""
    edition = _edition(request, number)
    if request.method == "POST" and request.POST.get("action") == "rules":
        try:
            jury.award_rules_set(
                actor=request.user,
                edition=edition,
                one_main_award_per_film=bool(request.POST.get("one_main_award_per_film")),
            )
        except (ValidationError, PermissionDenied) as exc:
            flash_refusal(request, exc)
        else:
            messages.success(request, _("The award rules are saved."))
        return redirect("festival:awards", number=number)
    form = AwardForm(
        request.POST or None, sections=_sections(edition), creating=True, initial={"kind": "award"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            award = services.award_create(
                actor=request.user,
                edition=edition,
                code=form.cleaned_data["code"],
                names=form.names(),
                kind=form.cleaned_data["kind"],
                section=_section(edition, form),
                ex_aequo=form.cleaned_data["ex_aequo"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The award is added."))
            return redirect("festival:award_edit", number=number, pk=award.pk)
    rows = [
        {"obj": a, "name": selectors.award_name(a), "winners": len(a.winners.all())}
        for a in edition.awards.select_related("section").prefetch_related("translations", "winners")
    ]
    return render(
        request,
        "festival/awards.html",
        {"edition": edition, "name": selectors.edition_name(edition), "rows": rows, "form": form},
    )


def _names(award: Award) -> dict[str, str]:
    return {t.language: t.name for t in award.translations.all()}


def award_edit(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    """One award's definition; delete it while nobody has won it."""
    edition = _edition(request, number)
    award: Award = get_visible_or_404(edition.awards.select_related("section"), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            jury.award_delete(actor=request.user, award=award)
        except (ValidationError, PermissionDenied) as exc:
            flash_refusal(request, exc)
            return redirect("festival:award_edit", number=number, pk=pk)
        messages.success(request, _("The award is deleted."))
        return redirect("festival:awards", number=number)
    initial: dict[str, Any] = {
        "kind": award.kind,
        "section": award.section.kind if award.section else "",
        "ex_aequo": award.ex_aequo,
        **language_initial(_names(award), "name"),
    }
    form = AwardForm(request.POST or None, sections=_sections(edition), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            jury.award_update(
                actor=request.user,
                award=award,
                names={**texts_off_the_form(_names(award)), **form.names()},
                kind=form.cleaned_data["kind"],
                section=_section(edition, form),
                ex_aequo=form.cleaned_data["ex_aequo"],
            )
        except (ValidationError, PermissionDenied) as exc:
            award.refresh_from_db()
            _put_errors(form, exc)
        else:
            messages.success(request, _("The award is saved."))
            return redirect("festival:award_edit", number=number, pk=pk)
    return render(
        request,
        "festival/award_form.html",
        {
            "edition": edition,
            "name": selectors.edition_name(edition),
            "award": award,
            "award_name": selectors.award_name(award),
            "winners": award.winners.count(),
            "form": form,
        },
    )
