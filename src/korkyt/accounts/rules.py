"""Permission predicates about memberships. An institution is passed as an object with ``pk`` or an id."""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.models import Membership, Role
from korkyt.core.permissions import is_platform_admin, is_signed_in

_CACHE_ATTR = "_korkyt_memberships"


def memberships(user: Any) -> dict[int, set[str]]:
    """{institution_id: {roles}} for a user, computed once per user object (i.e. per request)."""
    if not (user and user.is_authenticated and user.is_active):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = {}
        for institution_id, role in Membership.objects.filter(user=user).values_list(
            "institution_id", "role"
        ):
            cached.setdefault(institution_id, set()).add(role)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def institution_ids(user: Any, role: str | None = None) -> set[int]:
    """Ids of the institutions where the user holds ``role`` (any role when None)."""
    return {iid for iid, roles in memberships(user).items() if role is None or role in roles}


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
