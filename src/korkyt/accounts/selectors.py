"""Reads on accounts, scoped to the asking user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import Http404

from korkyt.accounts import personal_data
from korkyt.accounts.models import ApiToken, Role, RoleAssignment, User
from korkyt.accounts.scopes import grantable_roles
from korkyt.core.actors import Actor
from korkyt.core.languages import name_lang
from korkyt.core.translations import Text, translated


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


@dataclass(frozen=True)
class InstitutionRole:
    """A role in force on an institution (the institution-scoped view of a role assignment)."""

    institution: Any
    role: str

    def get_role_display(self) -> str:
        return str(Role(self.role).label)


def membership_list(*, user: User) -> list[InstitutionRole]:
    """The user's roles in force on institutions, by institution code."""
    institution_model = apps.get_model("institutions", "Institution")
    rows = RoleAssignment.objects.active().on_model(institution_model).filter(user=user)
    pairs = list(rows.values_list("object_id", "role"))
    institutions = institution_model.objects.in_bulk([object_id for object_id, _role in pairs])
    found = [InstitutionRole(institutions[oid], role) for oid, role in pairs if oid in institutions]
    return sorted(found, key=lambda item: (item.institution.code, item.role))


def role_list(*, user: User) -> QuerySet[RoleAssignment]:
    """Every role assignment of the user (in force or not), newest first."""
    return RoleAssignment.objects.filter(user=user).select_related("content_type").order_by("-created_at")


def scope_role_holders(*, actor: Actor, scope: Model) -> QuerySet[RoleAssignment]:
    """Who holds which role on ``scope`` (in force, past or future), for those who may grant roles there;
    Http404 for anyone else (a staff list one may not manage does not exist)."""
    if not grantable_roles(actor, scope):
        raise Http404
    return (
        RoleAssignment.objects.on(scope)
        .select_related("user", "granted_by")
        .prefetch_related("user__names")  # each holder is named by the name they give
        .order_by("role", "user__username", "pk")
    )


def user_by_email(email: str) -> User | None:
    """The active account with this address (its main address or a confirmed one), or None."""
    from allauth.account.models import EmailAddress

    email = email.strip()
    if not email:
        return None
    found = User.objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
    if found is None:
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=True, user__is_active=True)
            .select_related("user")
            .first()
        )
        found = address.user if address else None
    return found


def user_export(*, user: User) -> dict[str, Any]:
    """Everything the platform keeps about a person, for the person (a JSON download)."""
    from allauth.account.models import EmailAddress

    from korkyt.core.models import Job

    when = personal_data.moment

    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "profile": {
            "language": user.language,
            "script": user.script,
            "country": str(user.country.code) if user.country else "",
            "organisation": user.organisation,
            "organisation_company_id": user.organisation_company_id,
            "names": [
                {"language": n.language, "full_name": n.full_name} for n in user.names.order_by("language")
            ],
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "roles": [
            {
                "role": r.role,
                "scope": f"{r.content_type.app_label}.{r.content_type.model}",
                "scope_id": r.object_id,
                "valid_from": when(r.valid_from),
                "valid_until": when(r.valid_until),
                "granted_at": when(r.created_at),
            }
            for r in role_list(user=user)
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": when(t.created_at),
                "last_used_at": when(t.last_used_at),
                "expires_at": when(t.expires_at),
                "revoked_at": when(t.revoked_at),
            }
            for t in token_list(user=user)
        ],
        "background_jobs": [
            {"kind": j.kind, "status": j.status, "created_at": when(j.created_at), "message": j.message}
            for j in Job.objects.filter(created_by=user).order_by("-created_at")
        ],
        **personal_data.exports(user),  # each app's own section (accounts.personal_data)
    }


def role_title(assignment: Any, language: str) -> Text:
    """A role held, as the history page names it: the account and the role in words ("head-az · Editor"),
    where the row says codes of itself."""
    return Text(f"{assignment.user} · {assignment.get_role_display()}", "")


def user_name(user: User, language: str) -> Text:
    """What pages call a person with an account: their full name in ``language`` (else the nearest one they
    gave, with its tag), else the account's full name or user name marked with its script (``und-Latn``).
    Reads ``user.names`` (prefetch them for lists)."""
    name = translated(user.names.all(), language, field="full_name")
    if name is not None:
        return name
    text = str(user)
    return Text(text, name_lang(text))
