"""allauth's account pages (sign-up, password reset, password change, email addresses, confirming access)
rendered in every interface language carry no English left over: neither allauth's own strings (allauth
has no Kazakh or Turkmen catalogue) nor Django's password-validator messages (the "at least 10
characters" rule), which Korkyt's catalogue translates (accounts/library_messages.py)."""

from __future__ import annotations

import html
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# English that a page in another language must not show (each was seen on these pages before).
ENGLISH = (
    "Change Password",
    "Current Password",
    "New Password",
    "Email Addresses",
    "The following email addresses are associated",
    "Verified",
    "Primary",
    "Make Primary",
    "Re-send Verification",
    "Add Email",
    "Confirm Access",
    "Please reauthenticate",
    "Enter your password",
    "Alternative options",
    "Send me a sign-in code",
    "Please type your current password",
    "at least 10 characters",
    "This password is too short",
    "Your password must contain",
    "too similar to your other personal information",
    "commonly used password",
    "entirely numeric",
    "This password is too common",
    "You must type the same password",
    "Enter a valid email address",
    "Email address",
    "A user with that username already exists",
    "do not match an account",
)
PASSWORD = "a long enough passphrase 42"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()  # allauth keeps its rate-limit counters in the cache


def _visible(body: str) -> str:
    """The page's text and the attributes a person reads (placeholders, titles, labels), without the
    site's header and footer."""
    body = re.sub(r"(?s)<(script|style|header|footer)\b.*?</\1>", " ", body)
    attributes = re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', body)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", body) + " " + " ".join(attributes))


def _person() -> object:
    user = UserFactory(username="someone", email="someone@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email="other@example.org", verified=False, primary=False)
    return user


def _pages(lang: str) -> dict[str, str]:
    user = _person()
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(user)
    base = f"/{lang}/accounts"
    answers = {
        "sign-up": anonymous.get(f"{base}/signup/"),
        "sign-up refused": anonymous.post(
            f"{base}/signup/",
            {"email": "new@example.org", "username": "new", "password1": "123", "password2": "1234"},
        ),
        "sign-up mismatch": anonymous.post(
            f"{base}/signup/",
            {
                "email": "new@example.org",
                "username": "new",
                "password1": PASSWORD,
                "password2": PASSWORD + "!",
            },
        ),
        "sign-up taken": anonymous.post(
            f"{base}/signup/",
            {"email": "new@example.org", "username": "someone", "password1": PASSWORD, "password2": PASSWORD},
        ),
        "sign-in refused": anonymous.post(f"{base}/login/", {"username": "someone", "password": "wrong one"}),
        "password reset": anonymous.get(f"{base}/password/reset/"),
        "password reset refused": anonymous.post(f"{base}/password/reset/", {"email": "not an address"}),
        "password change": signed_in.get(f"{base}/password/change/"),
        "password change refused": signed_in.post(
            f"{base}/password/change/", {"oldpassword": "wrong", "password1": "123", "password2": "1234"}
        ),
        "email addresses": signed_in.get(f"{base}/email/"),
        "email refused": signed_in.post(f"{base}/email/", {"email": "bad", "action_add": ""}),
        "confirm access": signed_in.get(f"{base}/reauthenticate/"),
    }
    pages = {}
    for name, answer in answers.items():
        assert answer.status_code == 200, (name, answer.status_code)
        assert f'<html lang="{lang}"' in answer.content.decode(), name
        pages[name] = _visible(answer.content.decode())
    return pages


def test_the_pages_show_the_known_english_strings_in_english() -> None:
    """The check below looks for what the English pages really show (so it cannot pass vacuously)."""
    text = " ".join(_pages("en").values())
    assert [phrase for phrase in ENGLISH if phrase not in text] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_account_pages_have_no_english_left(lang: str) -> None:
    left = {(name, phrase) for name, text in _pages(lang).items() for phrase in ENGLISH if phrase in text}
    assert not left, f"English on the {lang} account pages: {sorted(left)}"
