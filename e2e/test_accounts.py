"""A person from outside the agencies signs up, confirms the address from the mail written to var/mail/,
resets the password, signs in by email and deletes the account — in Kazakh, with screenshots.

The server runs its background tasks in-process (KORKYT_CELERY_EAGER) so the mail file is written when the
page answers; the mail itself goes through the same ``core.send_mail`` task and file backend as in
`make run`."""

from __future__ import annotations

import email
import re
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

from e2e.conftest import mailed, running_server, shot

PASSWORD = "steppe wind over aktau 2026"
NEW_PASSWORD = "caspian shore at dawn 2027"
EMAIL = "aigerim.producer@example.org"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("korkyt-accounts-home")


@pytest.fixture(scope="module")
def site(home: Path) -> Iterator[str]:
    with running_server(home, KORKYT_CELERY_EAGER="true") as url:
        yield url


def _text(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text part")


def _link(home: Path, fragment: str) -> str:
    for message in reversed(mailed(home)):
        found = re.search(r"https?://\S*" + re.escape(fragment) + r"\S*", _text(message))
        if found:
            assert message["To"] == EMAIL
            return found.group(0)
    raise AssertionError(f"no mail with a {fragment} link in var/mail/")


def test_person_signs_up_confirms_resets_password_and_deletes_the_account(
    site: str, home: Path, page
) -> None:  # type: ignore[no-untyped-def]
    # Sign up (the Kazakh interface).
    page.goto(site + "/kk/")
    page.click("a[href='/kk/accounts/signup/']")
    page.wait_for_url("**/kk/accounts/signup/")
    page.fill("input[name=username]", "aigerim")
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    shot(page, "accounts-signup-kk")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/kk/accounts/confirm-email/")
    shot(page, "accounts-check-mail-kk")

    # The confirmation mail, in Kazakh, written under var/mail/.
    confirm = _link(home, "/kk/accounts/confirm-email/")
    assert "Электрондық пошта мекенжайын растаңыз" in str(
        email.header.make_header(email.header.decode_header(mailed(home)[-1]["Subject"]))
    )
    page.goto(confirm)
    shot(page, "accounts-confirm-kk")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/kk/accounts/profile/")
    assert "aigerim" in page.locator("main").inner_text()
    shot(page, "accounts-profile-kk")

    # Sign out, then reset the forgotten password from the mail.
    page.click("header form button.link")
    page.wait_for_url("**/kk/")
    page.goto(site + "/kk/accounts/login/")
    page.click("a[href='/kk/accounts/password/reset/']")
    page.fill("input[name=email]", EMAIL)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/kk/accounts/password/reset/done/")
    shot(page, "accounts-reset-sent-kk")
    page.goto(_link(home, "/kk/accounts/password/reset/key/"))
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    shot(page, "accounts-new-password-kk")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/kk/accounts/password/reset/key/done/")
    shot(page, "accounts-password-changed-kk")

    # Sign in by email address with the new password.
    page.goto(site + "/kk/accounts/login/")
    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/kk/staff/")

    # Delete the account; signing in again fails.
    page.goto(site + "/kk/accounts/profile/delete/")
    page.fill("input[name=password]", NEW_PASSWORD)
    shot(page, "accounts-delete-kk")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/kk/")
    shot(page, "accounts-deleted-kk")
    page.goto(site + "/kk/accounts/login/")
    page.fill("input[name=username]", EMAIL)
    page.fill("input[name=password]", NEW_PASSWORD)
    with page.expect_navigation():  # the refusal is a new page: read it once it has come
        page.click("main form button[type=submit]")
    assert "/accounts/login/" in page.url
    assert page.locator(".errors").count() == 1
