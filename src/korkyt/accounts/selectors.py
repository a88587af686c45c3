"""Reads on accounts, scoped to the asking user."""

from __future__ import annotations

from django.apps import apps
from django.db.models import QuerySet

from korkyt.accounts.models import ApiToken, RoleAssignment, User


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def token_get(*, user: User, token_id: int) -> ApiToken | None:
    return ApiToken.objects.filter(user=user, pk=token_id).first()


def membership_list(*, user: User) -> list[RoleAssignment]:
    """The user's roles in force on institutions, each with ``.institution`` set, by institution code."""
    institution_model = apps.get_model("institutions", "Institution")
    rows = list(RoleAssignment.objects.active().on_model(institution_model).filter(user=user))
    institutions = institution_model.objects.in_bulk([row.object_id for row in rows])
    for row in rows:
        row.institution = institutions.get(row.object_id)  # type: ignore[attr-defined]
    rows = [row for row in rows if row.institution is not None]  # type: ignore[attr-defined]
    return sorted(rows, key=lambda row: (row.institution.code, row.role))  # type: ignore[attr-defined]


def role_list(*, user: User) -> QuerySet[RoleAssignment]:
    """Every role assignment of the user (in force or not), newest first."""
    return RoleAssignment.objects.filter(user=user).select_related("content_type").order_by("-created_at")
