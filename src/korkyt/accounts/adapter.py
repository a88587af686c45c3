"""django-allauth wired to Korkyt: mail rendered in the recipient's language and sent in the background,
the sign-up switch from the settings, and where a person lands once their address is verified: the page
they signed up from (the ``next`` of the sign-up, carried in the confirmation link so that it works from
any browser; this site's pages only), else *My work* when invitations to a role wait for them there, else
their profile."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from korkyt.accounts import invitations
from korkyt.accounts.models import User
from korkyt.core.http import local_next
from korkyt.core.services import mail_queue


def recipient_language(email: str, user: Any = None) -> str:
    """The interface language of the person the mail goes to; the current page's language when unknown."""
    if user is None:
        user = User.objects.filter(email__iexact=email).only("language").first()
    language = getattr(user, "language", "") or translation.get_language() or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(getattr(settings, "ACCOUNT_SIGNUP_OPEN", True))

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """A person who signs up keeps the interface language of the sign-up page (mail follows it)."""
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Render in the recipient's language, then hand the message to the ``core.send_mail`` task once
        the transaction commits (retries happen there, not in the web request)."""
        with translation.override(recipient_language(email, context.get("user"))):
            request = context.get("request") or getattr(self, "request", None)
            ctx = {"email": email, "request": request, "site_name": "Korkyt", **context}
            message = self.render_mail(template_prefix, email, ctx)
        html = None
        if isinstance(message, EmailMultiAlternatives):
            html = next((content for content, kind in message.alternatives if kind == "text/html"), None)
        body = message.body if message.content_subtype == "plain" else ""
        if message.content_subtype == "html":
            html, body = message.body, ""
        mail_queue(
            subject=str(message.subject),
            body=str(body),
            to=list(message.to),
            from_email=message.from_email,
            html=str(html) if html else None,
            headers={k: str(v) for k, v in (message.extra_headers or {}).items()},
        )

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        """The confirmation link of the mail, with the way back the sign-up (or sign-in) page was given
        when it leads to a page of this site: confirming, from this browser or another, ends there."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        back = local_next(request, _next_given(request))
        return f"{url}?{urlencode({'next': back})}" if back else url

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        """After confirming, with no way back given: where the person's next step is."""
        return _landing(email_address.user)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """The person who signed up, signed in by confirming their address (in the browser they signed up
        in), with no way back given."""
        return _landing(request.user)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """A person signed in by allauth (after confirming the address) with no way back given lands on
        *My work* when invitations wait for their answer there, else on their account page."""
        return _landing(request.user)


def _next_given(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.POST.get("next") or request.GET.get("next") or "")


def _landing(user: Any) -> str:
    """*My work* (``/staff/``, where they are listed) for a person with open invitations sent to one of
    their confirmed addresses, else their profile."""
    if isinstance(user, User) and invitations.pending_for(user):
        return reverse("web:staff")
    return reverse("accounts:profile")
