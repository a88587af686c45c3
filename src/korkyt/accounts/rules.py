"""Permission predicates about roles. Roles come from RoleAssignment rows (the one source of truth);
``memberships`` is their institution-scoped view. An institution is passed as an object with ``pk`` or an id.
"""

from __future__ import annotations

from typing import Any

import rules
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from korkyt.accounts.models import MANAGER_GRANTS, Role, RoleAssignment
from korkyt.core.permissions import is_platform_admin, is_signed_in

_CACHE_ATTR = "_korkyt_roles"


def _institution_type_id() -> int:
    return ContentType.objects.get_for_model(apps.get_model("institutions", "Institution")).pk


def scoped_roles(user: Any) -> dict[tuple[int, int], set[str]]:
    """{(content_type_id, object_id): {roles}} in force now, computed once per user object (per request)."""
    if not (user and user.is_authenticated and user.is_active) or getattr(user, "pk", None) is None:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        rows = RoleAssignment.objects.active().filter(user_id=user.pk)
        for type_id, object_id, role in rows.values_list("content_type_id", "object_id", "role"):
            cached.setdefault((type_id, object_id), set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def roles_on(user: Any, scope: models.Model) -> set[str]:
    """The roles the user holds now on one object."""
    type_id = ContentType.objects.get_for_model(scope).pk
    return scoped_roles(user).get((type_id, scope.pk), set())


def memberships(user: Any) -> dict[int, set[str]]:
    """{institution_id: {roles}}: the institution-scoped view of the user's role assignments."""
    type_id = _institution_type_id() if scoped_roles(user) else None
    return {oid: roles for (tid, oid), roles in scoped_roles(user).items() if tid == type_id}


def forget_memberships(user: Any) -> None:
    """Drop the per-request cache after a grant or revoke."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def institution_ids(user: Any, role: str | None = None) -> set[int]:
    """Ids of the institutions where the user holds ``role`` (any role when None)."""
    return {iid for iid, roles in memberships(user).items() if role is None or role in roles}


def holds_role_anywhere(user: Any, role: str) -> bool:
    return any(role in roles for roles in scoped_roles(user).values())


def may_grant(user: Any, role: str, scope: models.Model) -> bool:
    """Platform administrators grant any role; a manager of a scope grants its staff roles on that scope."""
    if is_platform_admin(user):
        return True
    return any(role in MANAGER_GRANTS.get(held, frozenset()) for held in roles_on(user, scope))


def _id(institution: Any) -> int | None:
    if institution is None:
        return None
    return int(getattr(institution, "pk", institution))


@rules.predicate
def is_editor_of(user: Any, institution: Any) -> bool:
    iid = _id(institution)
    return iid is not None and Role.EDITOR in memberships(user).get(iid, set())


@rules.predicate
def is_member_of(user: Any, institution: Any) -> bool:
    iid = _id(institution)
    return iid is not None and iid in memberships(user)


@rules.predicate
def is_any_editor(user: Any) -> bool:
    return bool(institution_ids(user, Role.EDITOR))


can_manage_institution = is_platform_admin | is_editor_of

rules.add_perm("accounts.use_staff_area", is_platform_admin | is_any_editor)
rules.add_perm("accounts.manage_tokens", is_signed_in)
