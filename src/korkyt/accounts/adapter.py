"""django-allauth wired to Korkyt: mail rendered in the recipient's language and sent in the background,
the sign-up switch from the settings, the profile as the page after an address is verified."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from korkyt.accounts.models import User
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

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        return reverse("accounts:profile")

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return reverse("accounts:profile")

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """A person signed in by allauth (after confirming the address) lands on their account page."""
        return reverse("accounts:profile")
