"""Sign in and out (failed sign-ins are counted by django-axes and locked out after too many), and the
person's own account: profile, names, data export and deletion. Sign-up, address confirmation and password
reset are django-allauth's views with Korkyt's templates."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, cast

from django.apps import apps
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from korkyt.accounts import invitations, selectors, services
from korkyt.accounts.forms import DeleteAccountForm, NameForm, ProfileForm, RoleGrantForm, SignInForm
from korkyt.accounts.models import INVITED_ROLES, Role, RoleInvitation, User
from korkyt.accounts.scopes import grantable_roles, scope_roles
from korkyt.core.feedback import refusal_messages
from korkyt.core.forms import add_service_errors
from korkyt.core.http import get_visible_or_404
from korkyt.core.permissions import is_platform_admin
from korkyt.core.ratelimit import RateLimited, hit
from korkyt.core.titles import title_of


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        # The user's interface language wins after sign-in, unless they just chose one on this page.
        language = translation.get_language() or user.language
        if user.language and user.language != language and not self.request.COOKIES.get("django_language"):
            language = user.language
        response.set_cookie("django_language", language, max_age=365 * 24 * 3600, samesite="Lax")
        messages.success(self.request, _("Signed in as %(name)s.") % {"name": str(user)})
        return response


class SignOutView(auth_views.LogoutView):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    initial = {
        "language": user.language,
        "script": user.script,
        "country": user.country,
        "organisation": user.organisation,
        "organisation_company": user.organisation_company_id,
    }
    form = ProfileForm(request.POST if "profile" in request.POST else None, initial=initial)
    name_form = NameForm(request.POST if "name" in request.POST else None, prefix="name")
    if request.method == "POST":
        bound = form if "profile" in request.POST else name_form
        if bound.is_valid():
            try:
                if bound is form:
                    services.user_profile_update(user=user, **form.cleaned_data)
                else:
                    services.user_name_set(user=user, **name_form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(bound, exc)
            else:
                messages.success(request, _("Your profile is saved."))
                response = redirect("accounts:profile")
                if bound is form:
                    response.set_cookie(
                        "django_language",
                        user.language,
                        max_age=365 * 24 * 3600,
                        samesite="Lax",  # type: ignore[union-attr]
                    )
                return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "name_form": name_form,
            "names": user.names.order_by("language"),
            "roles": selectors.role_list(user=user),
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """A JSON file with everything the platform keeps about the signed-in person."""
    user = cast(User, request.user)
    data = selectors.user_export(user=user)
    stamp = timezone.now().strftime("%Y%m%d")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    name = f"korkyt-{user.username}-{stamp}.json"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name) or ""
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete(user=cast(User, request.user), password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            logout(request)
            messages.success(request, _("Your account and its data are deleted."))
            return redirect("web:home")
    return render(request, "accounts/delete.html", {"form": form})


# --- staff of an object: who holds which role on it ---------------------------------------------------


def _scope_or_404(request: HttpRequest, model: str, pk: int) -> tuple[Model, list[str]]:
    """The object (of a kind that roles are held on) and the roles the viewer may grant there; Http404
    for other kinds, unknown ids and anyone who manages nothing on it."""
    try:
        model_class = apps.get_model(model)
    except (LookupError, ValueError):
        raise Http404 from None
    if not scope_roles(model_class):
        raise Http404
    scope = get_visible_or_404(model_class._default_manager.all(), pk=pk)
    roles = grantable_roles(request.user, scope)
    if not roles:
        raise Http404
    return scope, roles


def _day_start(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@login_required
@require_http_methods(["GET", "POST"])
def scope_roles_page(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    """``/accounts/roles/<app_label>.<model>/<pk>/``: the people holding a role on the object, a form to
    grant one by email address (optionally between two dates) and a button to revoke each.

    A role passed on by invitation (``INVITED_ROLES``, by anyone but a platform administrator) is not granted
    here: the address is invited, with the same answer whether or not an account has it, and the person
    accepts or declines (``accounts.invitations``). Those who manage only such roles see the holders by
    name, without their addresses."""
    scope, roles = _scope_or_404(request, model, pk)
    choices = [(role, Role(role).label) for role in roles]
    form = RoleGrantForm(request.POST or None, roles=choices)
    status = 400 if request.method == "POST" else 200
    retry_after: int | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        until = data["valid_until"]
        window: dict[str, Any] = {
            "valid_from": _day_start(data["valid_from"]),
            "valid_until": _day_start(until + dt.timedelta(days=1)) if until else None,
        }
        try:
            if invitations.by_invitation(request.user, data["role"]):
                hit(request, action="role_invite", setting="KORKYT_RATE_INVITATIONS", user=request.user)
                invitations.invitation_create(
                    actor=request.user, scope=scope, email=data["email"], role=data["role"], **window
                )
                done = _("An invitation to %(role)s has been sent to %(address)s.") % {
                    "role": Role(data["role"]).label,
                    "address": data["email"],
                }
            else:
                user = selectors.user_by_email(data["email"])
                if user is None:
                    raise ValidationError(
                        {"email": _("No account has this address. Ask the person to sign up first.")}
                    )
                services.role_grant(actor=request.user, user=user, role=data["role"], scope=scope, **window)
                done = _("%(name)s now holds the role “%(role)s”.") % {
                    "name": str(user),
                    "role": Role(data["role"]).label,
                }
        except RateLimited as exc:
            form.add_error(None, str(exc))
            status, retry_after = 429, exc.retry_after
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, done)
            return redirect(request.path)
    now = timezone.now()
    holders = [
        {
            "assignment": assignment,
            "until_day": _last_day(assignment.valid_until),
            "state": (
                "ended"
                if assignment.valid_until and assignment.valid_until <= now
                else "future"
                if assignment.valid_from and assignment.valid_from > now
                else "active"
            ),
            "may_revoke": assignment.role in roles,
        }
        for assignment in selectors.scope_role_holders(actor=request.user, scope=scope)
    ]
    invited = [role for role in roles if invitations.by_invitation(request.user, role)]
    pending = [
        {"invitation": row, "until_day": _last_day(row.valid_until)}
        for row in invitations.pending_on(scope).filter(role__in=invited)
    ]
    response = render(
        request,
        "accounts/scope_roles.html",
        {
            "scope": scope,
            "kind": type(scope)._meta.verbose_name,
            "holders": holders,
            "pending": pending,
            "invites": bool(invited),  # the form sends an invitation rather than grants
            # a producer (who may be anyone who signed up) sees colleagues by name, not their addresses
            "show_emails": is_platform_admin(request.user) or any(r not in INVITED_ROLES for r in roles),
            "form": form,
        },
        status=status,
    )
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def _last_day(until: dt.datetime | None) -> dt.date | None:
    """The last day a window ending at ``until`` includes (it ends at the start of the day after)."""
    return timezone.localtime(until - dt.timedelta(microseconds=1)).date() if until else None


@login_required
@require_POST
def scope_invitation_revoke(request: HttpRequest, model: str, pk: int, invitation: int) -> HttpResponse:
    """Withdraw an open invitation to a role on the object (those who may grant that role there)."""
    scope, roles = _scope_or_404(request, model, pk)
    row = get_visible_or_404(invitations.pending_on(scope).filter(role__in=roles), pk=invitation)
    try:
        invitations.invitation_revoke(actor=request.user, invitation=row)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The invitation to %(address)s is withdrawn.") % {"address": row.email})
    return redirect("accounts:scope_roles", model=model, pk=pk)


@login_required
@require_POST
def scope_role_revoke(request: HttpRequest, model: str, pk: int, assignment: int) -> HttpResponse:
    """Take one role on the object away (the same people who may grant it)."""
    scope, roles = _scope_or_404(request, model, pk)
    row = get_visible_or_404(
        selectors.scope_role_holders(actor=request.user, scope=scope).filter(role__in=roles), pk=assignment
    )
    try:
        services.role_revoke(actor=request.user, user=row.user, role=row.role, scope=scope)
    except PermissionDenied:
        raise Http404 from None
    messages.success(
        request,
        _("%(name)s no longer holds the role “%(role)s”.")
        % {"name": str(row.user), "role": Role(row.role).label},
    )
    return redirect("accounts:scope_roles", model=model, pk=pk)


# --- an invitation to a role, as its recipient sees it ------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """``/accounts/invitations/<token>/``: the link of the mail. An unknown link answers 404, one no longer
    open 410, someone signed in with another address 403 — each a page that says so."""
    found = invitations.by_token(token)
    if found is None:
        return _invitation_page(request, None, "unknown", status=404)
    return _answer_invitation(request, found, refused_status=403)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_received(request: HttpRequest, pk: int) -> HttpResponse:
    """``/accounts/invitations/received/<id>/``: the same page reached from *My work*, for the person it was
    sent to (anyone else: 404)."""
    found = invitations.received_by(request.user, pk)
    if found is None:
        raise Http404
    return _answer_invitation(request, found, refused_status=404)


def _answer_invitation(request: HttpRequest, found: RoleInvitation, *, refused_status: int) -> HttpResponse:
    if not found.is_open():
        state = "expired" if found.state == RoleInvitation.State.PENDING else "closed"
        return _invitation_page(request, found, state, status=410)
    if not invitations.holds_address(request.user, found.email):
        return _invitation_page(request, found, "other_address", status=refused_status)
    if request.method == "POST":
        user = cast(User, request.user)
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                invitations.invitation_accept(user=user, invitation=found)
                messages.success(
                    request, _("You now hold the role “%(role)s”.") % {"role": Role(found.role).label}
                )
            elif answer == "decline":
                invitations.invitation_decline(user=user, invitation=found)
                messages.success(request, _("You declined the invitation."))
            else:
                return _invitation_page(request, found, "open", status=400)
        except ValidationError as exc:
            reason = " ".join(refusal_messages(exc))
            return _invitation_page(request, found, "invalid", status=410, error=reason)
        except PermissionDenied:
            return _invitation_page(request, found, "other_address", status=refused_status)
        return redirect("web:staff")
    return _invitation_page(request, found, "open", status=200)


def _invitation_page(
    request: HttpRequest, found: RoleInvitation | None, state: str, *, status: int, error: str = ""
) -> HttpResponse:
    scope = invitations.scope_of(found) if found is not None and state == "open" else None
    return render(
        request,
        "accounts/invitation.html",
        {
            "invitation": found if state == "open" else None,
            "scope": scope,
            "title": title_of(scope) if scope is not None else None,
            "kind": type(scope)._meta.verbose_name if scope is not None else "",
            "until_day": _last_day(found.valid_until) if found is not None else None,
            "state": state,
            "error": error,
        },
        status=status,
    )
