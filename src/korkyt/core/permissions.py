"""Base permission predicates (django-rules). Apps add their own in rules.py."""

from __future__ import annotations

from typing import Any

import rules


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


class SystemActor:
    """The platform acting by itself (demo loader, imports run by an operator): every permission, no
    memberships."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True


SYSTEM = SystemActor()
