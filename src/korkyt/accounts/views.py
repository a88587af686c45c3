"""Sign in and out. Failed sign-ins are counted by django-axes and locked out after too many."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from korkyt.accounts.forms import SignInForm


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
