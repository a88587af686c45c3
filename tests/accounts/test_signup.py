"""People from outside the agencies: sign-up with a confirmed address, sign-in by username or email,
password reset, profile, export and deletion; the same answers whether or not an address is known."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client

from korkyt.accounts.models import Role, User, UserName
from korkyt.accounts.services import role_grant
from korkyt.core.permissions import SYSTEM
from tests.factories import UserFactory
from tests.fakeapp.models import FakeActivity

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase 42"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()  # allauth keeps its rate-limit counters in the cache


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """Run on-commit callbacks (the mail task is queued on commit) at the end of each block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _link(message: Any) -> str:
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return found.group(0).split("testserver", 1)[1]


def _sign_up(
    client: Client, committed: Any, username: str = "aigerim", email: str = "aigerim@example.org"
) -> Any:
    with committed():
        return client.post(
            "/en/accounts/signup/",
            {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
        )


def test_sign_up_sends_a_confirmation_link_and_the_link_signs_the_person_in(
    client: Client, committed: Any
) -> None:
    response = _sign_up(client, committed)
    assert response.status_code == 302 and response["Location"].endswith("/accounts/confirm-email/")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["aigerim@example.org"]
    assert message.subject == "Korkyt · Confirm your email address"
    assert "aigerim" in message.body
    confirm = _link(message)
    page = client.get(confirm)
    assert page.status_code == 200 and b"aigerim@example.org" in page.content
    done = client.post(confirm)
    assert done.status_code == 302 and done["Location"] == "/en/accounts/profile/"
    assert EmailAddress.objects.get(email="aigerim@example.org").verified
    assert client.get("/en/accounts/profile/").status_code == 200


def test_unconfirmed_address_cannot_sign_in_yet(client: Client, committed: Any) -> None:
    _sign_up(client, committed)
    other = Client()
    response = other.post("/en/accounts/login/", {"username": "aigerim", "password": PASSWORD})
    assert response.status_code == 200
    assert b"Confirm your email address first" in response.content


def test_sign_in_by_email_address_after_confirmation(client: Client, committed: Any) -> None:
    _sign_up(client, committed)
    client.post(_link(mail.outbox[0]))
    other = Client()
    response = other.post("/en/accounts/login/", {"username": "aigerim@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert other.get("/en/accounts/profile/").status_code == 200


def test_sign_up_with_a_known_address_answers_the_same_and_mails_the_owner(
    client: Client, committed: Any
) -> None:
    owner = UserFactory(username="owner", email="taken@example.org", language="kk")
    EmailAddress.objects.create(user=owner, email="taken@example.org", verified=True, primary=True)
    response = _sign_up(client, committed, username="newcomer", email="taken@example.org")
    assert response.status_code == 302 and response["Location"].endswith("/accounts/confirm-email/")
    assert not User.objects.filter(username="newcomer").exists()
    assert len(mail.outbox) == 1
    # Sent in the owner's interface language (Kazakh), not the page's.
    assert (
        "Korkyt" in mail.outbox[0].subject
        and mail.outbox[0].subject != "Korkyt · You already have an account"
    )


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    client: Client, committed: Any
) -> None:
    UserFactory(username="known", email="known@example.org")
    with committed():
        known = client.post("/en/accounts/password/reset/", {"email": "known@example.org"})
    with committed():
        unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["nobody@example.org"]]
    assert mail.outbox[0].subject == mail.outbox[1].subject == "Korkyt · Reset your password"
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "no Korkyt account has it" in mail.outbox[1].body


def test_password_reset_link_sets_a_new_password(client: Client, committed: Any) -> None:
    UserFactory(username="forgetful", email="forgetful@example.org")
    with committed():
        client.post("/en/accounts/password/reset/", {"email": "forgetful@example.org"})
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    new = "another long passphrase 77"
    done = client.post(action, {"password1": new, "password2": new})
    assert done.status_code == 302
    assert User.objects.get(username="forgetful").check_password(new)


def test_mail_is_written_in_the_recipients_language(client: Client, committed: Any) -> None:
    UserFactory(username="ruslan", email="ruslan@example.org", language="ru")
    with committed():
        client.post("/en/accounts/password/reset/", {"email": "ruslan@example.org"})
    assert mail.outbox[0].subject == "Korkyt · Сброс пароля"


def test_sign_up_is_rate_limited(client: Client, committed: Any) -> None:
    statuses = [
        _sign_up(client, committed, username=f"bulk{i}", email=f"bulk{i}@example.org").status_code
        for i in range(12)
    ]
    assert statuses[0] == 302
    assert statuses[-1] == 429


def test_profile_keeps_names_per_language_country_and_organisation(client: Client) -> None:
    user = UserFactory(username="producer")
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {"profile": "1", "language": "kk", "script": "Latn", "country": "KZ", "organisation": "Aktau Films"},
    )
    assert response.status_code == 302
    client.post(
        "/en/accounts/profile/",
        {"name": "1", "name-language": "kk-Cyrl", "name-full_name": "Айгерім Сейітова"},
    )
    client.post(
        "/en/accounts/profile/",
        {"name": "1", "name-language": "kk-Latn", "name-full_name": "Aigerim Seiitova"},
    )
    user.refresh_from_db()
    assert (user.language, user.script, user.country.code, user.organisation) == (
        "kk",
        "Latn",
        "KZ",
        "Aktau Films",
    )
    assert dict(UserName.objects.filter(user=user).values_list("language", "full_name")) == {
        "kk-Cyrl": "Айгерім Сейітова",
        "kk-Latn": "Aigerim Seiitova",
    }
    page = client.get("/kk/accounts/profile/")
    assert "Айгерім Сейітова" in page.content.decode()


def test_export_is_a_json_download_of_ones_own_data(client: Client) -> None:
    user = UserFactory(username="juror", email="juror@example.org")
    UserName.objects.create(user=user, language="tr", full_name="Ayşe Yılmaz")
    role_grant(actor=SYSTEM, user=user, role=Role.JUROR, scope=FakeActivity.objects.create(name="2026"))
    client.force_login(user)
    response = client.get("/en/accounts/profile/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="korkyt-juror-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "juror@example.org"
    assert data["profile"]["names"] == [{"language": "tr", "full_name": "Ayşe Yılmaz"}]
    assert [r["role"] for r in data["roles"]] == ["juror"]


def test_export_and_delete_need_a_signed_in_person(client: Client) -> None:
    assert client.get("/en/accounts/profile/export/").status_code == 302
    assert client.post("/en/accounts/profile/delete/", {"password": PASSWORD}).status_code == 302


def test_delete_needs_the_password_then_removes_the_account_and_its_data(client: Client) -> None:
    user = UserFactory(username="leaving")
    UserName.objects.create(user=user, language="en", full_name="Leaving Person")
    client.force_login(user)
    wrong = client.post("/en/accounts/profile/delete/", {"password": "not it"})
    assert wrong.status_code == 200 and User.objects.filter(pk=user.pk).exists()
    done = client.post("/en/accounts/profile/delete/", {"password": "correct horse battery staple"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not UserName.objects.filter(user_id=user.pk).exists()
    assert client.get("/en/accounts/profile/").status_code == 302


@pytest.mark.parametrize("language", ["en", "ru", "kk", "az", "ky", "tk", "tr", "uz"])
def test_account_pages_answer_in_every_interface_language(client: Client, language: str) -> None:
    for path in ("accounts/signup/", "accounts/password/reset/", "accounts/login/"):
        response = client.get(f"/{language}/{path}")
        assert response.status_code == 200, path
        assert f'<html lang="{language}">' in response.content.decode()


def test_person_signing_up_in_kazakh_gets_kazakh_mail_and_interface(client: Client, committed: Any) -> None:
    with committed():
        client.post(
            "/kk/accounts/signup/",
            {"username": "dana", "email": "dana@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert User.objects.get(username="dana").language == "kk"
    assert mail.outbox[0].subject == "Korkyt · Электрондық пошта мекенжайын растаңыз"
    assert "/kk/accounts/confirm-email/" in mail.outbox[0].body


def test_deleting_ones_account_keeps_the_audit_entries_without_the_person(client: Client) -> None:
    import json

    from korkyt.core.models import ERASED, AuditEntry

    edition = FakeActivity.objects.create(name="Edition 2027")
    leaving = UserFactory(
        username="leaving", email="leaving@example.org", first_name="Leila", last_name="Quit"
    )
    UserFactory(username="juror", email="juror@example.org")
    role_grant(actor=SYSTEM, user=leaving, role=Role.EDITION_MANAGER, scope=edition)
    client.force_login(leaving)
    # Things they did (audited with them as the actor): their profile, a juror granted on the edition.
    client.post("/en/accounts/profile/", {"name": "1", "name-language": "en", "name-full_name": "Leila Quit"})
    client.post(
        f"/en/accounts/roles/fakeapp.fakeactivity/{edition.pk}/",
        {"email": "juror@example.org", "role": "juror"},
    )
    grant = AuditEntry.objects.get(object_repr__startswith="juror · juror", action=0)
    assert grant.actor == leaving
    before = set(AuditEntry.objects.values_list("pk", flat=True))

    assert (
        client.post("/en/accounts/profile/delete/", {"password": "correct horse battery staple"}).status_code
        == 302
    )

    after = AuditEntry.objects.all()
    assert before <= {entry.pk for entry in after}  # every entry is kept
    for entry in after:
        text = json.dumps([entry.actor_label, entry.object_repr, entry.changes, entry.additional_data])
        for personal in ("leaving", "Leila", "Quit", "leaving@example.org"):
            assert personal not in text, (entry.pk, text)
    grant.refresh_from_db()
    assert (grant.actor_id, grant.actor_label) == (None, ERASED)
    assert grant.object_repr.startswith("juror")  # what was done to whom else stays
    assert grant.actor_display == "erased account"
    # The edition's history still shows the grant, by an erased account.
    from korkyt.core.audit.present import history_rows

    [row] = history_rows([grant], edition)
    assert row.who == "an erased account"
    assert User.objects.filter(username="juror").exists()
