"""Sign in and out (failed sign-ins are counted by django-axes and locked out after too many), and the
person's own account: profile, names, data export and deletion. Sign-up, address confirmation and password
reset are django-allauth's views with Korkyt's templates."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from korkyt.accounts import selectors, services
from korkyt.accounts.forms import DeleteAccountForm, NameForm, ProfileForm, SignInForm
from korkyt.accounts.models import User
from korkyt.core.forms import add_service_errors


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
    response["Content-Disposition"] = f'attachment; filename="korkyt-{user.username}-{stamp}.json"'
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
