"""Site shell: home page with the network, staff dashboard, API tokens, language switch, error pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from korkyt.accounts import selectors as account_selectors
from korkyt.accounts import services as account_services
from korkyt.accounts.forms import TokenForm
from korkyt.accounts.invitations import pending_for as pending_invitations
from korkyt.accounts.models import User
from korkyt.catalogue.preferences import preferred_script
from korkyt.catalogue.selectors import film_original_title, film_title, film_worklist
from korkyt.coproduction import selectors as coproduction_selectors
from korkyt.core.countries import country_name
from korkyt.core.feedback import error_page
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404, local_next
from korkyt.core.labels import language_label
from korkyt.core.languages import content_language_label, request_language
from korkyt.core.middleware import NulInRequest
from korkyt.core.permissions import is_platform_admin
from korkyt.core.ratelimit import RateLimited, hit
from korkyt.core.titles import title_of
from korkyt.core.uploads import request_too_large_message
from korkyt.events import selectors as events_selectors
from korkyt.festival import selectors as festival_selectors
from korkyt.institutions import selectors
from korkyt.institutions.views import _institution_card, _memorandum_card
from korkyt.localization import selectors as localization_selectors
from korkyt.localization.dubbing import selectors as dubbing_selectors
from korkyt.web import network


class AuthedRequest(HttpRequest):
    user: User  # type: ignore[assignment]


#: Cards of institutions on the home page, and of institutions and memoranda on the work page: the rest
#: are on the lists they link to.
HOME_INSTITUTIONS = 12
STAFF_CARDS = 12


def home(request: HttpRequest) -> HttpResponse:
    """The network is drawn from counts the database makes; a few cards of each kind link to the lists."""
    institutions = list(selectors.institution_list(user=request.user)[: HOME_INSTITUTIONS + 1])
    memoranda = selectors.memorandum_list(user=request.user)
    network_memoranda = selectors.memorandum_network(user=request.user)
    graph = network.build(selectors.institution_country_counts(user=request.user), network_memoranda)
    return render(
        request,
        "web/home.html",
        {
            "graph": graph,
            "institutions": [_institution_card(i) for i in institutions[:HOME_INSTITUTIONS]],
            "more_institutions": len(institutions) > HOME_INSTITUTIONS,
            "memoranda": [_memorandum_card(m, request.user) for m in memoranda[:6]],
            "memoranda_count": memoranda.count(),
            "pairs": selectors.country_pair_report(user=request.user),
            "latest": selectors.activity_latest(user=request.user, limit=8),
        },
    )


@login_required
def staff(request: AuthedRequest) -> HttpResponse:
    # the institutions and memoranda the person edits (an administrator, who may edit every one, their
    # own), a few cards: the lists hold the rest
    editable = list(selectors.institution_editable(user=request.user, own=True)[: STAFF_CARDS + 1])
    memoranda = list(selectors.memorandum_editable(user=request.user, own=True)[: STAFF_CARDS + 1])
    is_admin = is_platform_admin(request.user)
    can_create = request.user.has_perm("institutions.add_memorandum")
    can_add_institution = request.user.has_perm("institutions.add_institution")
    can_add_film = request.user.has_perm("catalogue.add_film")
    films, films_total, drafts_total = film_worklist(request.user)
    script, language = preferred_script(request), request_language()
    festival = festival_selectors.work_of(request.user)
    coproductions = coproduction_selectors.work_of(request.user)
    events = events_selectors.work_of(request.user)
    dubbing = [
        {
            **row,
            "film": film_original_title(row["obj"].film),
            "target": language_label(row["obj"].target_language),
        }
        for row in dubbing_selectors.work_of(request.user)
    ]
    # an adaptation is listed with its dubbing job, not again as a translation job
    jobs = _work_rows(request.user, skip={row["obj"].adaptation_id for row in dubbing})
    invitations = [  # roles offered to the person, to accept or decline (accounts.invitations)
        {
            "obj": row.invitation,
            "title": title_of(row.scope, language),
            "inviter": (
                account_selectors.user_name(row.invitation.invited_by, language)
                if row.invitation.invited_by
                else ""
            ),
        }
        for row in pending_invitations(request.user)
    ]
    return render(
        request,
        "web/staff.html",
        {
            "invitations": invitations,
            "festival": festival,
            "festival_work": any(
                festival[k] for k in ("jury", "reviews", "submissions", "editions", "nominations", "tickets")
            ),
            "coproductions": {
                **coproductions,
                "producing": [
                    {"obj": p, "title": coproduction_selectors.project_title(p, language)}
                    for p in coproductions["producing"]
                ],
                "deciding": [
                    {
                        "obj": r,
                        "title": coproduction_selectors.project_title(r.project, language),
                        "country": country_name(r.country),
                    }
                    for r in coproductions["deciding"]
                ],
            },
            "events": {
                "organising": [
                    {"obj": e, "title": events_selectors.event_title(e, language)}
                    for e in events["organising"]
                ],
                "registrations": [
                    {"obj": r, "title": events_selectors.event_title(r.bookable.event, language)}
                    for r in events["registrations"]
                ],
            },
            "dubbing": dubbing,
            "jobs": jobs,
            "institutions": [_institution_card(i) for i in editable[:STAFF_CARDS]],
            "all_institutions": is_admin or len(editable) > STAFF_CARDS,
            "memoranda": [_memorandum_card(m, request.user) for m in memoranda[:STAFF_CARDS]],
            "all_memoranda": is_admin or len(memoranda) > STAFF_CARDS,
            "memoranda_mine": not is_admin,  # "All memoranda": those one edits (all: an administrator)
            "memberships": account_selectors.membership_list(user=request.user),
            "can_create": can_create,
            "can_add_institution": can_add_institution,
            "can_add_film": can_add_film,
            "films": [{"obj": f, "title": film_title(f, language, script)} for f in films],
            "films_total": films_total,
            "drafts_total": drafts_total,
            "edits": bool(editable or memoranda or can_create or can_add_institution or is_admin),
        },
    )


def _work_rows(user: User, skip: set[int]) -> list[dict[str, Any]]:
    """The open jobs the user translates or reviews (but those in ``skip``), each with the user's part."""
    rows = []
    for job in localization_selectors.job_worklist(user=user).exclude(pk__in=skip)[:100]:
        rows.append(
            {
                "obj": job,
                "film": film_original_title(job.film),
                "target": content_language_label(job.target_language),
                "role": _("Translator") if job.assignee_id == user.pk else _("Reviewer"),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: AuthedRequest) -> HttpResponse:
    created: str | None = None
    retry_after: int | None = None
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke = _int(request.POST.get("revoke"))
            token = get_visible_or_404(account_selectors.token_list(user=request.user), pk=revoke)
            account_services.token_revoke(token=token)
            messages.success(request, _("The token was revoked."))
            return redirect("web:tokens")
        if form.is_valid():
            try:
                hit(request, action="token_create", setting="KORKYT_RATE_TOKENS", user=request.user)
                _row, created = account_services.token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    expires_in_days=form.cleaned_data["expires_in_days"],
                )
            except RateLimited as exc:
                retry_after = exc.retry_after
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                form = TokenForm()
    response = render(
        request,
        "web/tokens.html",
        {
            "form": form,
            "created": created,
            "tokens": account_selectors.token_list(user=request.user),
            "now_ts": timezone.now(),
        },
        status=429 if retry_after else 200,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language, remember it (cookie, and the user's profile), stay on the same page."""
    language = request.POST.get("language", "")
    next_url = local_next(request, request.POST.get("next")) or "/"
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    # translate_url reads the path in the active language, which comes from the cookie or the profile here
    # (this address has no language prefix): read it in the language the page was in.
    with translation.override(get_language_from_path(urlsplit(next_url).path) or translation.get_language()):
        target = translate_url(next_url, language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    if request.user.is_authenticated:
        account_services.user_set_language(user=request.user, language=language)  # type: ignore[arg-type]
    return response


def healthz(request: HttpRequest) -> JsonResponse:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": title, "errors": []}, status=status)
    return error_page(request, status, message)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, NulInRequest):
        return _error(request, 400, "bad_request", exception.message)
    if isinstance(exception, RequestDataTooBig):  # a form past the upload limit: said with the limit
        return _error(request, 413, "too_large", request_too_large_message())
    return _error(request, 400, "bad_request", _("The request could not be understood."))


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "forbidden", _("You do not have permission to do this."))


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "not_found", _("This page does not exist, or you may not see it."))


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request, 500, "server_error", _("Something went wrong on our side. Please try again later.")
    )
