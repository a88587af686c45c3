"""A producer of a co-production adds a colleague by invitation, never directly: the grant form answers the
same whatever the address (no account-existence oracle), mails the address a link, and the role is held
only once the person signed in with that confirmed address accepts it. Producers see their colleagues by
name, not by address; invitations are rate limited per inviting person."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from korkyt.accounts import invitations
from korkyt.accounts.models import Role, RoleAssignment, RoleInvitation
from korkyt.accounts.rules import roles_on
from korkyt.coproduction import services as coproduction
from korkyt.core.models import AuditAction, AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _person(username: str, *, language: str = "en", full_name: str = "") -> Any:
    first, _sep, last = full_name.partition(" ")
    user = UserFactory(
        username=username,
        email=f"{username}@example.org",
        language=language,
        first_name=first,
        last_name=last,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture(autouse=True)
def _no_limits_used() -> None:
    cache.clear()  # the rate limits live in the cache


@pytest.fixture
def world() -> dict[str, Any]:
    producer = _person("producer", language="kk", full_name="Aigerim Producer")
    known = _person("known", language="ru", full_name="Known Colleague")
    stranger = _person("stranger", full_name="Somebody Else")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, email="admin@example.org")
    project = coproduction.project_create(actor=producer, kind="fiction", title="Дала желі", language="kk")
    return {"producer": producer, "known": known, "stranger": stranger, "admin": admin, "project": project}


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _url(project: Any) -> str:
    return f"/en/accounts/roles/coproduction.project/{project.pk}/"


def _invite(client: Client, project: Any, email: str, capture: Any, **extra: str) -> Any:
    with capture(execute=True):
        return client.post(_url(project), {"email": email, "role": "producer", **extra})


def _normalised(html: str, address: str) -> str:
    html = html.replace(address, "ADDRESS")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", html)
    html = re.sub(r'data-invitation="\d+"', "INVITATION", html)
    html = re.sub(r'datetime="[^"]*"', "MOMENT", html)  # when the invitation expires
    return re.sub(r"/invitations/\d+/", "/invitations/N/", html)


def _token_from(mail: Any) -> str:
    found = re.search(r"/accounts/invitations/([\w-]+)/", mail.body)
    assert found, mail.body
    return found.group(1)


def test_the_answer_is_the_same_whether_or_not_an_account_has_the_address(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, client = world["project"], _client(world["producer"])
    known = _invite(client, project, "known@example.org", django_capture_on_commit_callbacks)
    known_page = client.get(known["Location"]).content.decode()
    RoleInvitation.objects.update(state=RoleInvitation.State.REVOKED)  # the next page lists only the other
    unknown = _invite(client, project, "nobody-here@example.org", django_capture_on_commit_callbacks)
    unknown_page = client.get(unknown["Location"]).content.decode()

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] and known.content == unknown.content
    assert _normalised(known_page, "known@example.org") == _normalised(
        unknown_page, "nobody-here@example.org"
    )
    assert "An invitation to Producer has been sent to nobody-here@example.org." in unknown_page
    assert "Known Colleague" not in known_page and "No account has this address" not in unknown_page
    # both addresses are mailed; nobody holds anything yet
    assert sorted(m.to[0] for m in mailoutbox) == ["known@example.org", "nobody-here@example.org"]
    assert not RoleAssignment.objects.on(project).exclude(user=world["producer"]).exists()


def test_the_mail_names_the_project_and_the_inviter_in_the_readers_language(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, client = world["project"], _client(world["producer"])
    _invite(client, project, "KNOWN@example.org", django_capture_on_commit_callbacks)
    _invite(client, project, "nobody-here@example.org", django_capture_on_commit_callbacks)
    sent = {m.to[0]: m for m in mailoutbox}
    known, unknown = sent["KNOWN@example.org"], sent["nobody-here@example.org"]
    assert "Дала желі" in known.subject and "Дала желі" in known.body
    assert "Aigerim Producer" in known.body
    assert "/ru/accounts/invitations/" in known.body  # the account's interface language
    assert "/kk/accounts/invitations/" in unknown.body  # no account: the inviter's language
    # the link's token is not stored as it is
    token = _token_from(known)
    assert not RoleInvitation.objects.filter(token_hash=token).exists()


def test_no_role_is_held_until_the_invited_person_accepts_and_the_grant_is_audited(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, producer, known = world["project"], world["producer"], world["known"]
    _invite(_client(producer), project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])
    invited = _client(known)
    assert roles_on(known, project) == set()
    work = invited.get("/en/staff/").content.decode()
    received = f"/accounts/invitations/received/{RoleInvitation.objects.get().pk}/"
    assert "Дала желі" in work and received in work and "Aigerim Producer" in work
    assert invited.get(f"/en{received}").status_code == 200
    assert _client(world["stranger"]).get(f"/en{received}").status_code == 404
    page = invited.get(f"/en/accounts/invitations/{token}/")
    assert page.status_code == 200 and "Accept" in page.content.decode()
    assert not RoleAssignment.objects.filter(user=known).exists()

    answer = invited.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"})
    assert answer.status_code == 302
    row = RoleAssignment.objects.on(project).get(user=known)
    assert row.role == Role.PRODUCER and row.granted_by == producer
    invitation = RoleInvitation.objects.get()
    assert invitation.state == RoleInvitation.State.ACCEPTED and invitation.answered_by == known
    created = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(RoleAssignment),
        object_pk=str(row.pk),
        action=AuditAction.CREATE,
    )
    assert created.actor == producer  # the grant is the inviter's
    accepted = AuditEntry.objects.get(action_type="accounts.roleinvitation.accept")
    assert accepted.actor == known and accepted.additional_data["invited_by"] == "producer"
    # once used, the link grants nothing again
    again = invited.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"})
    assert again.status_code == 410
    assert received not in invited.get("/en/staff/").content.decode()


def test_declining_grants_nothing(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, known = world["project"], world["known"]
    _invite(_client(world["producer"]), project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])
    answer = _client(known).post(f"/en/accounts/invitations/{token}/", {"answer": "decline"})
    assert answer.status_code == 302
    assert RoleInvitation.objects.get().state == RoleInvitation.State.DECLINED
    assert not RoleAssignment.objects.filter(user=known).exists()
    assert _client(known).post(f"/en/accounts/invitations/{token}/", {"answer": "accept"}).status_code == 410
    assert not RoleAssignment.objects.filter(user=known).exists()


def test_another_account_is_refused_and_the_invitation_stays_open(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, known, stranger = world["project"], world["known"], world["stranger"]
    _invite(_client(world["producer"]), project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])
    other = _client(stranger)
    page = other.get(f"/en/accounts/invitations/{token}/")
    assert page.status_code == 403
    body = page.content.decode()
    assert "This invitation was sent to another address" in body and 'value="accept"' not in body
    assert other.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"}).status_code == 403
    assert not RoleAssignment.objects.filter(user=stranger).exists()
    assert RoleInvitation.objects.get().state == RoleInvitation.State.PENDING
    # the anonymous visitor is asked to sign in first
    assert Client().get(f"/en/accounts/invitations/{token}/").status_code == 302
    assert _client(known).get(f"/en/accounts/invitations/{token}/").status_code == 200


def test_unknown_expired_and_revoked_links_answer_a_page_not_an_error(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, producer, known = world["project"], world["producer"], world["known"]
    client = _client(known)
    unknown = client.get("/en/accounts/invitations/no-such-token/")
    assert unknown.status_code == 404 and "This invitation link is not valid" in unknown.content.decode()

    producers = _client(producer)
    _invite(producers, project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[-1])
    RoleInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    expired = client.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"})
    assert expired.status_code == 410 and "This invitation has expired" in expired.content.decode()
    assert not RoleAssignment.objects.filter(user=known).exists()

    _invite(producers, project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[-1])
    pending = invitations.open_invitations().get()
    listed = producers.get(_url(project)).content.decode()
    assert "known@example.org" in listed and f"/invitations/{pending.pk}/revoke" in listed
    revoked = producers.post(f"{_url(project)}invitations/{pending.pk}/revoke")
    assert revoked.status_code == 302
    assert client.get(f"/en/accounts/invitations/{token}/").status_code == 410
    assert client.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"}).status_code == 410
    assert not RoleAssignment.objects.filter(user=known).exists()
    # someone who manages nothing on the project cannot revoke
    other = RoleInvitation.objects.create(
        **invitations.scope_fields(project),
        email="x@example.org",
        role=Role.PRODUCER,
        token_hash="0" * 64,
        expires_at=timezone.now() + dt.timedelta(days=1),
    )
    answer = _client(world["stranger"]).post(f"{_url(project)}invitations/{other.pk}/revoke")
    assert answer.status_code == 404
    assert RoleInvitation.objects.get(pk=other.pk).state == RoleInvitation.State.PENDING


def test_a_producer_sees_colleagues_by_name_and_an_administrator_by_address(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, producer, known = world["project"], world["producer"], world["known"]
    _invite(_client(producer), project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])
    _client(known).post(f"/en/accounts/invitations/{token}/", {"answer": "accept"})
    seen_by_producer = _client(producer).get(_url(project)).content.decode()
    assert "Known Colleague" in seen_by_producer
    assert "known@example.org" not in seen_by_producer and "producer@example.org" not in seen_by_producer
    assert 'data-user="known"' not in seen_by_producer  # nor the username
    seen_by_admin = _client(world["admin"]).get(_url(project)).content.decode()
    assert "known@example.org" in seen_by_admin


def test_an_administrator_still_grants_directly(world: dict[str, Any]) -> None:
    project, known = world["project"], world["known"]
    answer = _client(world["admin"]).post(_url(project), {"email": "known@example.org", "role": "producer"})
    assert answer.status_code == 302
    assert RoleAssignment.objects.on(project).filter(user=known, role=Role.PRODUCER).exists()
    assert not RoleInvitation.objects.exists()


@override_settings(KORKYT_RATE_INVITATIONS="3/h")
def test_invitations_are_limited_per_inviting_person(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, client = world["project"], _client(world["producer"])
    for n in range(3):
        assert (
            _invite(client, project, f"p{n}@example.org", django_capture_on_commit_callbacks).status_code
            == 302
        )
    refused = _invite(client, project, "p3@example.org", django_capture_on_commit_callbacks)
    assert refused.status_code == 429
    assert "Too many requests; try again in" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert RoleInvitation.objects.count() == 3 and len(mailoutbox) == 3


def test_a_producer_does_not_invite_themselves_nor_past_their_own_end(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    project, producer = world["project"], world["producer"]
    client = _client(producer)
    own = _invite(client, project, "producer@example.org", django_capture_on_commit_callbacks)
    assert own.status_code == 400 and "You may not grant a role to yourself" in own.content.decode()
    RoleAssignment.objects.on(project).filter(user=producer).update(
        valid_until=timezone.make_aware(dt.datetime(2099, 3, 1))
    )
    longer = _invite(client, project, "p@example.org", django_capture_on_commit_callbacks)
    assert longer.status_code == 400 and "Your own role here ends at" in longer.content.decode()
    assert not RoleInvitation.objects.exists()


def test_the_invitations_are_in_the_persons_export_and_go_with_the_account(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from korkyt.accounts.selectors import user_export
    from korkyt.accounts.services import user_delete

    project, known = world["project"], world["known"]
    _invite(_client(world["producer"]), project, "known@example.org", django_capture_on_commit_callbacks)
    exported = user_export(user=known)["role_invitations"]
    assert [(row["role"], row["scope_id"], row["state"]) for row in exported] == [
        ("producer", project.pk, "pending")
    ]
    assert "token" not in str(exported)
    user_delete(user=known, password="correct horse battery staple")
    assert not RoleInvitation.objects.exists()


def test_an_unconfirmed_address_does_not_take_the_invitation(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, stranger = world["project"], world["stranger"]
    EmailAddress.objects.create(user=stranger, email="second@example.org", verified=False)
    _invite(_client(world["producer"]), project, "second@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])
    client = _client(stranger)
    assert "second" not in client.get("/en/staff/").content.decode()
    assert client.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"}).status_code == 403
    EmailAddress.objects.filter(email="second@example.org").update(verified=True)
    assert client.post(f"/en/accounts/invitations/{token}/", {"answer": "accept"}).status_code == 302
    assert roles_on(type(stranger).objects.get(pk=stranger.pk), project) == {Role.PRODUCER}


def test_an_invitation_whose_sender_is_no_longer_a_producer_grants_nothing(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, producer, known = world["project"], world["producer"], world["known"]
    _invite(_client(producer), project, "known@example.org", django_capture_on_commit_callbacks)
    token = _token_from(mailoutbox[0])
    RoleAssignment.objects.on(project).filter(user=producer).delete()
    answer = _client(known).post(f"/en/accounts/invitations/{token}/", {"answer": "accept"})
    assert answer.status_code == 410
    assert "its sender may no longer grant this role" in answer.content.decode()
    assert not RoleAssignment.objects.filter(user=known).exists()


def test_administrators_read_invitations_in_the_admin_without_their_secret(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from korkyt.accounts.models import RoleInvitation

    _invite(
        _client(world["producer"]),
        world["project"],
        "someone@example.org",
        django_capture_on_commit_callbacks,
    )
    invitation = RoleInvitation.objects.get(email="someone@example.org")
    admin = _client(world["admin"])
    listing = admin.get("/en/admin/accounts/roleinvitation/")
    assert listing.status_code == 200 and "someone@example.org" in listing.content.decode()
    detail = admin.get(f"/en/admin/accounts/roleinvitation/{invitation.pk}/change/").content.decode()
    assert "someone@example.org" in detail and invitation.token_hash not in detail
    assert admin.get("/en/admin/accounts/roleinvitation/add/").status_code == 403
    assert _client(world["producer"]).get("/en/admin/accounts/roleinvitation/").status_code in (302, 403)


def test_sending_and_withdrawing_are_in_the_projects_history_without_the_address(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, producer = world["project"], world["producer"]
    producers = _client(producer)
    _invite(producers, project, "someone@example.org", django_capture_on_commit_callbacks)
    invitation = invitations.open_invitations().get()
    assert producers.post(f"{_url(project)}invitations/{invitation.pk}/revoke").status_code == 302
    events = AuditEntry.objects.filter(action_type__startswith="accounts.roleinvitation.").order_by("pk")
    assert [(e.action_type, e.actor) for e in events] == [
        ("accounts.roleinvitation.send", producer),
        ("accounts.roleinvitation.withdraw", producer),
    ]
    for entry in events:
        assert entry.content_type == ContentType.objects.get_for_model(project)
        assert entry.object_pk == str(project.pk)
        assert entry.additional_data == {"invitation": invitation.pk, "role": "producer"}
    # no entry anywhere keeps the address typed
    assert not [e.pk for e in AuditEntry.objects.all() if "someone@example.org" in repr(e.__dict__)]
    producers.get(_url(project))  # the flash messages, which name the address to its sender, are read here
    history = producers.get(f"/en/history/coproduction.project/{project.pk}").content.decode()
    assert "Invitation to a role sent" in history and "Invitation to a role withdrawn" in history
    assert "someone@example.org" not in history
    # withdrawing it again records nothing more
    producers.post(f"{_url(project)}invitations/{invitation.pk}/revoke")
    assert AuditEntry.objects.filter(action_type="accounts.roleinvitation.withdraw").count() == 1


def test_sending_again_records_the_earlier_invitation_withdrawn_by_the_new_one(
    world: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project, producer = world["project"], world["producer"]
    producers = _client(producer)
    _invite(producers, project, "someone@example.org", django_capture_on_commit_callbacks)
    first = invitations.open_invitations().get()
    _invite(producers, project, "SomeOne@example.org", django_capture_on_commit_callbacks)
    second = invitations.open_invitations().get()
    assert second.pk != first.pk
    first.refresh_from_db()
    assert first.state == "revoked"
    events = AuditEntry.objects.filter(action_type__startswith="accounts.roleinvitation.").order_by("pk")
    assert [(e.action_type, e.additional_data) for e in events] == [
        ("accounts.roleinvitation.send", {"invitation": first.pk, "role": "producer"}),
        (
            "accounts.roleinvitation.withdraw",
            {"invitation": first.pk, "role": "producer", "replaced_by": second.pk},
        ),
        ("accounts.roleinvitation.send", {"invitation": second.pk, "role": "producer"}),
    ]
    assert all(e.actor == producer for e in events)
    assert not [e.pk for e in AuditEntry.objects.all() if "someone@example.org" in repr(e.__dict__).lower()]
