"""The jury's pages: a juror's films (seen, score, recusal with its reason) and the deliberation. What a user
may not see is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from korkyt.core.feedback import flash_refusal
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.festival import deliberation, selectors, services
from korkyt.festival.backoffice import _edition
from korkyt.festival.forms import ConflictForm
from korkyt.festival.models import JuryVote, SubmissionStatus


@login_required
def jury(request: HttpRequest) -> HttpResponse:
    """A juror's films: the selected films of their section they have no conflict with."""
    return _jury_page(request)


def _jury_page(
    request: HttpRequest, refused: ConflictForm | None = None, refused_id: int = 0
) -> HttpResponse:
    """The jury page; ``refused`` is the declared conflict with the film ``refused_id`` the service refused,
    shown in that film's row with its error and the reason as typed."""
    sections = []
    for juror in selectors.jury_sections(request.user):
        votes = {v.submission_id: v for v in JuryVote.objects.filter(juror=juror)}
        films = [
            {
                "obj": s,
                "title": selectors.submission_title(s),
                "vote": votes.get(s.pk),
                "conflict": refused
                if refused is not None and s.pk == refused_id
                else ConflictForm(submission_id=s.pk),
            }
            for s in selectors.submission_visible(request.user)
            .filter(section=juror.section, status=SubmissionStatus.SELECTED)
            .prefetch_related("film__titles")
            .order_by("pk")
        ]
        sections.append({"juror": juror, "films": films, "open": selectors.deliberation_open(juror.section)})
    if not sections:
        raise Http404
    return render(request, "festival/jury.html", {"sections": sections})


@login_required
@require_POST
def jury_vote(request: HttpRequest, pk: int) -> HttpResponse:
    sub = get_visible_or_404(selectors.submission_visible(request.user), pk=pk)
    juror = selectors.jurors_in_force(request.user).filter(section=sub.section_id).first()
    if juror is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "seen":
            services.jury_mark_seen(actor=request.user, juror=juror, submission=sub)
        elif action == "score":
            services.jury_score(
                actor=request.user, juror=juror, submission=sub, score=request.POST.get("score", "")
            )
        elif action == "recuse":
            form = ConflictForm(request.POST, submission_id=sub.pk)  # its length is the service's to check
            try:
                if form.is_valid():  # else a text no field takes (a null character)
                    services.conflict_declare(
                        actor=request.user, juror=juror, submission=sub, **form.cleaned_data
                    )
            except ValidationError as exc:
                if "reason" not in getattr(exc, "error_dict", {}):
                    raise
                add_service_errors(form, exc)
            if (
                form.errors and sub.status == SubmissionStatus.SELECTED
            ):  # in its row, as typed; nothing changed
                return _jury_page(request, refused=form, refused_id=sub.pk)
            if form.errors:  # a film the page does not list: said above the page
                raise ValidationError(list(form.errors["reason"]))
    except (ValidationError, PermissionDenied) as exc:
        flash_refusal(request, exc)
    return redirect("festival:jury")


@login_required
def deliberation_view(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    edition = _edition(number)
    section = get_visible_or_404(edition.sections.all(), kind=kind)
    is_juror = selectors.jurors_in_force(request.user).filter(section=section).exists()
    if not (is_juror or selectors.is_staff_of(request.user, edition)):
        raise Http404
    sealed = not selectors.deliberation_open(section)
    return render(
        request,
        "festival/deliberation.html",
        {
            "edition": edition,
            "name": selectors.edition_name(edition),
            "section": section,
            "sealed": sealed,
            "result": None if sealed else deliberation.deliberate(section),
        },
    )
