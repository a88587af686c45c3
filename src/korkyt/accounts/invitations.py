"""Roles offered by invitation (``INVITED_ROLES``: the producer of a co-production), written and read.

Anyone may sign up and create a co-production, and so become a producer able to pass the role on. A
producer therefore never puts a role on someone's account: they invite an email address. The grant form
answers the same whether or not an account has the address (no account-existence oracle), the address is
mailed a link in its reader's language (the account's interface language, else the inviter's), and the role
is granted — by the inviter, as the audit log records it — only when the person signed in with that
confirmed address accepts. Platform administrators, and managers of an edition or event granting its staff
roles, still grant directly (``accounts.services.role_grant``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from korkyt.accounts import personal_data, selectors
from korkyt.accounts.models import INVITATION_DAYS, INVITED_ROLES, Role, RoleAssignment, RoleInvitation, User
from korkyt.accounts.rules import may_grant
from korkyt.accounts.services import check_own_window, check_role, role_grant
from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.dates import format_moment
from korkyt.core.permissions import is_platform_admin
from korkyt.core.services import mail_queue
from korkyt.core.titles import title_of

ACCEPT_ACTION = "accounts.roleinvitation.accept"
#: Sending and withdrawing an invitation, in the history of what it invites to: who did it, the role and the
#: invitation's number, never the address typed (the person may never answer).
SEND_ACTION = "accounts.roleinvitation.send"
WITHDRAW_ACTION = "accounts.roleinvitation.withdraw"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def scope_fields(scope: models.Model) -> dict[str, Any]:
    """The scope as a row holds it (``content_type`` and ``object_id``)."""
    return {"content_type": ContentType.objects.get_for_model(scope), "object_id": scope.pk}


def by_invitation(actor: Actor | None, role: str) -> bool:
    """Whether ``actor`` passes ``role`` on by invitation rather than directly."""
    return role in INVITED_ROLES and not is_platform_admin(actor)


# --- reads ---------------------------------------------------------------------------------------------


def addresses_of(user: User) -> set[str]:
    """The person's confirmed addresses (lower-cased); an account made by an administrator, which has no
    address to confirm, its own address."""
    from allauth.account.models import EmailAddress

    rows = list(EmailAddress.objects.filter(user=user).values_list("email", "verified"))
    found = {email.lower() for email, verified in rows if verified}
    if not rows and user.email:
        found.add(user.email.lower())
    return found


def holds_address(user: Any, email: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not isinstance(user, User):
        return False
    return email.strip().lower() in addresses_of(user)


def open_invitations() -> QuerySet[RoleInvitation]:
    return RoleInvitation.objects.filter(state=RoleInvitation.State.PENDING, expires_at__gt=timezone.now())


def pending_on(scope: models.Model) -> QuerySet[RoleInvitation]:
    """The open invitations to a role on ``scope``, oldest first (for those who manage its roles)."""
    return (
        open_invitations()
        .filter(**scope_fields(scope))
        .select_related("invited_by")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class Received:
    """An open invitation sent to the person, with the object it offers a role on."""

    invitation: RoleInvitation
    scope: models.Model


def pending_for(user: User) -> list[Received]:
    """The open invitations sent to one of the person's confirmed addresses, newest first, each with its
    scope (one whose object is gone is left out)."""
    addresses = addresses_of(user)
    if not addresses:
        return []
    match = Q()
    for address in addresses:
        match |= Q(email__iexact=address)
    rows = (
        open_invitations().filter(match).select_related("invited_by", "content_type").order_by("-created_at")
    )
    found = [(row, scope_of(row)) for row in rows]
    return [Received(row, scope) for row, scope in found if scope is not None]


def scope_of(invitation: RoleInvitation) -> models.Model | None:
    model = invitation.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=invitation.object_id).first()


def received_by(user: Any, pk: int) -> RoleInvitation | None:
    """The invitation ``pk`` (in any state) when it was sent to one of ``user``'s confirmed addresses."""
    found = RoleInvitation.objects.select_related("invited_by", "content_type").filter(pk=pk).first()
    return found if found is not None and holds_address(user, found.email) else None


def by_token(token: str) -> RoleInvitation | None:
    """The invitation of this link (in any state), or None."""
    if not token or len(token) > 100:
        return None
    return (
        RoleInvitation.objects.select_related("invited_by", "content_type")
        .filter(token_hash=_hash(token))
        .first()
    )


# --- writes --------------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    scope: models.Model,
    email: str,
    role: str,
    valid_from: dt.datetime | None = None,
    valid_until: dt.datetime | None = None,
) -> RoleInvitation:
    """Invite ``email`` to hold ``role`` on ``scope``, and mail it the link (once the transaction commits).

    The same checks as a direct grant (the actor may grant the role here, the window is in order and does not
    outlive the actor's own role, not to oneself), none of which depends on whether an account has the
    address. An earlier open invitation of the address to the same role there is withdrawn (recorded as a
    withdrawal naming the invitation that replaces it): the newest link is the one that works."""
    check_role(role, scope)
    if not isinstance(actor, User) or not may_grant(actor, role, scope):
        raise PermissionDenied(_("You may not grant this role here."))
    email = email.strip()
    if valid_from and valid_until and valid_until <= valid_from:
        raise ValidationError({"valid_until": _("The end must come after the start.")})
    if holds_address(actor, email) or actor.email.lower() == email.lower():
        raise ValidationError(
            {"email": _("You may not grant a role to yourself; ask a platform administrator.")}
        )
    if not is_platform_admin(actor):
        check_own_window(actor, role, scope, valid_until)
    fields = scope_fields(scope)
    earlier = open_invitations().select_for_update().filter(**fields, role=role, email__iexact=email)
    replaced = list(earlier.order_by("pk").values_list("pk", flat=True))
    earlier.update(state=RoleInvitation.State.REVOKED, answered_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = RoleInvitation.objects.create(
        **fields,
        email=email,
        role=role,
        valid_from=valid_from,
        valid_until=valid_until,
        invited_by=actor,
        token_hash=_hash(token),
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    for pk in replaced:  # withdrawn by the new link, each in the history as a withdrawal would be
        audit_log(
            obj=scope,
            action=WITHDRAW_ACTION,
            actor=actor,
            data={"invitation": pk, "role": role, "replaced_by": invitation.pk},
        )
    audit_log(obj=scope, action=SEND_ACTION, actor=actor, data={"invitation": invitation.pk, "role": role})
    _mail(invitation, scope, token)
    return invitation


def _mail(invitation: RoleInvitation, scope: models.Model, token: str) -> None:
    """The invitation, in the interface language of the account with the address, else the inviter's."""
    inviter = invitation.invited_by
    account = selectors.user_by_email(invitation.email)
    language = (account.language if account else "") or (inviter.language if inviter else "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):  # the link too: its path starts with the reader's language
        title = title_of(scope, language).text
        values = {
            "inviter": selectors.user_name(inviter, language).text if inviter else "Korkyt",
            "role": Role(invitation.role).label,
            "title": title,
            "kind": type(scope)._meta.verbose_name,
            "email": invitation.email,
            "moment": format_moment(timezone.localtime(invitation.expires_at), language=language),
        }
        subject = _("Invitation to be %(role)s on “%(title)s”") % values
        text = "\n\n".join(
            [
                _("%(inviter)s invites you to hold the role “%(role)s” on “%(title)s” (%(kind)s) on Korkyt.")
                % values,
                _(
                    "Open the link to accept or decline it, signed in with this address (%(email)s); sign up "
                    "with it first if you have no account. The link works until %(moment)s."
                )
                % values,
                _("If you do not expect this invitation, ignore this message: nothing changes."),
            ]
        )
        url = settings.KORKYT_BASE_URL + reverse("accounts:invitation", args=[token])
    mail_queue(subject=subject, body=f"{text}\n\n{url}\n", to=[invitation.email])


def _require_open(invitation: RoleInvitation, user: Any) -> None:
    if not invitation.is_open():
        raise ValidationError(_("This invitation is no longer open."))
    if not holds_address(user, invitation.email):
        raise PermissionDenied(_("This invitation was sent to another address."))


@transaction.atomic
def invitation_accept(*, user: User, invitation: RoleInvitation) -> RoleAssignment:
    """The invited person takes the role: granted by the inviter (who must still be allowed to grant it),
    recorded in the scope's history as the inviter's grant, with the acceptance beside it."""
    invitation = (
        RoleInvitation.objects.select_for_update(of=("self",))
        .select_related("invited_by")
        .get(pk=invitation.pk)
    )
    _require_open(invitation, user)
    scope = scope_of(invitation)
    inviter = invitation.invited_by
    if scope is None or inviter is None or not may_grant(inviter, invitation.role, scope):
        raise ValidationError(
            _("This invitation is no longer valid: its sender may no longer grant this role.")
        )
    assignment = role_grant(
        actor=inviter,
        user=user,
        role=invitation.role,
        scope=scope,
        valid_from=invitation.valid_from,
        valid_until=invitation.valid_until,
        on_behalf_of=inviter,
    )
    _answer(invitation, user, RoleInvitation.State.ACCEPTED)
    audit_log(
        obj=assignment,
        action=ACCEPT_ACTION,
        actor=user,
        data={"invitation": invitation.pk, "invited_by": inviter.username},
    )
    return assignment


@transaction.atomic
def invitation_decline(*, user: User, invitation: RoleInvitation) -> RoleInvitation:
    invitation = RoleInvitation.objects.select_for_update().get(pk=invitation.pk)
    _require_open(invitation, user)
    return _answer(invitation, user, RoleInvitation.State.DECLINED)


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: RoleInvitation) -> RoleInvitation:
    """Withdraw an open invitation (those who may grant its role on its scope)."""
    invitation = RoleInvitation.objects.select_for_update().get(pk=invitation.pk)
    scope = scope_of(invitation)
    if scope is None or not may_grant(actor, invitation.role, scope):
        raise PermissionDenied(_("You may not grant this role here."))
    if invitation.state == RoleInvitation.State.PENDING:
        invitation.state = RoleInvitation.State.REVOKED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["state", "answered_at", "updated_at"])
        audit_log(
            obj=scope,
            action=WITHDRAW_ACTION,
            actor=actor,
            data={"invitation": invitation.pk, "role": invitation.role},
        )
    return invitation


def _answer(invitation: RoleInvitation, user: User, state: str) -> RoleInvitation:
    invitation.state = state
    invitation.answered_at = timezone.now()
    invitation.answered_by = user
    invitation.save(update_fields=["state", "answered_at", "answered_by", "updated_at"])
    return invitation


def _of_person(user: User) -> QuerySet[RoleInvitation]:
    """The invitations about a person: those they answered and those sent to their addresses."""
    addresses = addresses_of(user) | ({user.email.lower()} if user.email else set())
    match = Q(answered_by=user)
    for address in addresses:
        match |= Q(email__iexact=address)
    return RoleInvitation.objects.filter(match)


def personal_export(user: User) -> list[dict[str, Any]]:
    """The person's export section ``role_invitations`` (never the link's secret)."""
    when = personal_data.moment
    return [
        {
            "email": row.email,
            "role": row.role,
            "scope": f"{row.content_type.app_label}.{row.content_type.model}",
            "scope_id": row.object_id,
            "state": row.state,
            "valid_from": when(row.valid_from),
            "valid_until": when(row.valid_until),
            "sent_at": when(row.created_at),
            "expires_at": when(row.expires_at),
            "answered_at": when(row.answered_at),
        }
        for row in _of_person(user).select_related("content_type").order_by("created_at", "pk")
    ]


def forget_person(user: User) -> None:
    """A deleted account's invitations go (those it sent go with it: ``invited_by`` cascades)."""
    _of_person(user).delete()
