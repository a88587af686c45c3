"""The way back through sign-up: a visitor sent to sign in from a page (an event to register for, an
invitation to a role) who creates an account instead comes back to that page once the address is
confirmed — in the same browser (signed in) or from the mail opened elsewhere — and never to another
site. Someone who confirms with invitations waiting for that address, coming from nowhere in particular,
lands where they are listed."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client

from korkyt.accounts.models import Role, RoleInvitation
from korkyt.accounts.rules import roles_on
from korkyt.coproduction import services as coproduction
from korkyt.coproduction.models import Project
from tests.events.conftest import make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long enough passphrase 42"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()  # allauth keeps its rate-limit counters in the cache


def _link(message: Any) -> str:
    found = re.search(r"https?://\S+", message.body)
    assert found, message.body
    return found.group(0).split("testserver", 1)[1]


def _sign_up(client: Client, capture: Any, next_url: str, username: str = "aigerim") -> Any:
    with capture(execute=True):
        return client.post(
            f"/en/accounts/signup/?next={quote(next_url)}",
            {
                "username": username,
                "email": f"{username}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "next": next_url,
            },
        )


@pytest.fixture
def event_url(db: Any) -> str:
    organiser = MembershipFactory(
        user=UserFactory(username="organiser"), institution=InstitutionFactory(code="KZ-SCSNC", country="KZ")
    ).user
    return f"/en/events/{make_event(organiser).pk}/"


def test_the_event_pages_sign_in_and_sign_up_links_carry_the_way_back(client: Client, event_url: str) -> None:
    page = client.get(event_url).content.decode()
    back = quote(event_url, safe="")
    assert f'href="/en/accounts/login/?next={back}"' in page
    assert f'href="/en/accounts/signup/?next={back}"' in page
    login = client.get(f"/en/accounts/login/?next={back}").content.decode()
    assert f'href="/en/accounts/signup/?next={back}"' in login  # "Create an account" keeps it
    signup = client.get(f"/en/accounts/signup/?next={back}").content.decode()
    assert f'<input type="hidden" name="next" value="{event_url}">' in signup
    assert f'href="/en/accounts/login/?next={back}"' in signup  # and "Sign in" back from there


def test_confirming_the_address_comes_back_to_the_event_page_signed_in(
    client: Client, event_url: str, django_capture_on_commit_callbacks: Any
) -> None:
    _sign_up(client, django_capture_on_commit_callbacks, event_url)
    confirm = _link(mail.outbox[0])
    page = client.get(confirm)
    assert page.status_code == 200
    done = client.post(confirm, {"next": event_url})
    assert done.status_code == 302 and done["Location"] == event_url
    assert EmailAddress.objects.get(email="aigerim@example.org").verified
    assert f'action="{event_url}register"' in client.get(event_url).content.decode()  # signed in: the form


def test_the_mail_link_opened_in_another_browser_comes_back_too(
    client: Client, event_url: str, django_capture_on_commit_callbacks: Any
) -> None:
    _sign_up(client, django_capture_on_commit_callbacks, event_url)
    confirm = _link(mail.outbox[0])
    assert "next=" in confirm
    elsewhere = Client()
    form = elsewhere.get(confirm).content.decode()
    assert f'<input type="hidden" name="next" value="{event_url}">' in form
    done = elsewhere.post(confirm, {"next": event_url})
    assert done.status_code == 302 and done["Location"] == event_url


@pytest.mark.parametrize(
    "hostile", ["https://evil.example/phish", "//evil.example/phish", "http://testserver.evil.example/"]
)
def test_a_hostile_next_is_never_followed(
    client: Client, hostile: str, django_capture_on_commit_callbacks: Any
) -> None:
    login = client.get(f"/en/accounts/login/?next={quote(hostile, safe='')}").content.decode()
    assert "evil.example" not in login.split("<main", 1)[1]
    _sign_up(client, django_capture_on_commit_callbacks, hostile)
    confirm = _link(mail.outbox[0])
    assert "evil" not in confirm and "next=" not in confirm
    done = client.post(confirm, {"next": hostile})
    assert done.status_code == 302 and done["Location"] == "/en/accounts/profile/"
    # from another browser, with the hostile address added to the link by hand
    _sign_up(Client(), django_capture_on_commit_callbacks, hostile, username="second")
    confirm = _link(mail.outbox[-1])
    elsewhere = Client()
    form = elsewhere.get(f"{confirm}?next={quote(hostile, safe='')}").content.decode()
    assert "evil" not in form.split("<main", 1)[1]  # the form does not carry it on
    done = elsewhere.post(f"{confirm}?next={quote(hostile, safe='')}", {"next": hostile})
    assert done.status_code == 302 and "evil" not in done["Location"]


def _invitation(capture: Any, email: str) -> str:
    producer = UserFactory(username="producer", email="producer@example.org")
    EmailAddress.objects.create(user=producer, email=producer.email, verified=True, primary=True)
    coproduction.project_create(actor=producer, kind="fiction", title="Дала желі", language="kk")
    project = Project.objects.get()
    inviter = Client()
    inviter.force_login(producer)
    with capture(execute=True):
        inviter.post(
            f"/en/accounts/roles/coproduction.project/{project.pk}/", {"email": email, "role": "producer"}
        )
    (sent,) = mail.outbox
    mail.outbox.clear()
    found = re.search(r"/accounts/invitations/([\w-]+)/", sent.body)
    assert found, sent.body
    return found.group(1)


def test_an_invitee_who_signs_up_lands_on_the_invitation_after_confirming(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    token = _invitation(django_capture_on_commit_callbacks, "newcomer@example.org")
    invitation = f"/en/accounts/invitations/{token}/"
    to_sign_in = client.get(invitation)
    assert to_sign_in.status_code == 302
    login_url = to_sign_in["Location"]
    back = quote(invitation, safe="")
    assert f'href="/en/accounts/signup/?next={back}"' in client.get(login_url).content.decode()
    _sign_up(client, django_capture_on_commit_callbacks, invitation, username="newcomer")
    confirm = _link(mail.outbox[0])
    done = client.post(confirm, {"next": invitation})
    assert done.status_code == 302 and done["Location"] == invitation
    page = client.get(invitation)
    assert page.status_code == 200 and "Дала желі" in page.content.decode()
    assert client.post(invitation, {"answer": "accept"}).status_code == 302
    newcomer = EmailAddress.objects.get(email="newcomer@example.org").user
    assert RoleInvitation.objects.get().state == RoleInvitation.State.ACCEPTED
    assert Role.PRODUCER in roles_on(newcomer, Project.objects.get())


def test_confirming_with_an_invitation_waiting_lands_on_my_work_where_it_is_listed(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    _invitation(django_capture_on_commit_callbacks, "newcomer@example.org")
    with django_capture_on_commit_callbacks(execute=True):  # signed up from the home page: no way back
        client.post(
            "/en/accounts/signup/",
            {
                "username": "newcomer",
                "email": "newcomer@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    done = client.post(_link(mail.outbox[0]))
    assert done.status_code == 302 and done["Location"] == "/en/staff/"
    page = client.get("/en/staff/").content.decode()
    assert "Invitations waiting for your answer" in page and "Дала желі" in page
    # someone else, with nothing waiting, lands on their account page as before
    other = Client()
    with django_capture_on_commit_callbacks(execute=True):
        other.post(
            "/en/accounts/signup/",
            {"username": "other", "email": "other@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert other.post(_link(mail.outbox[-1]))["Location"] == "/en/accounts/profile/"
