"""Base permission predicates (django-rules). Apps add their own in rules.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.db.models import QuerySet


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


def visible_predicate(name: str, visible: Callable[[Any], QuerySet[Any]]) -> rules.Predicate:
    """The ``rules`` "view" predicate of a model, derived from its one visibility filter.

    ``visible(user)`` is the queryset of the objects the user may see (the selectors' definition); an object
    may be viewed exactly when it is in that queryset, so lists, pages, API and admin cannot disagree.
    """

    def check(user: Any, obj: Any) -> bool:
        pk = getattr(obj, "pk", None)
        if pk is None:
            return False
        if is_platform_admin(user):
            return True
        return visible(user).filter(pk=pk).exists()

    predicate = rules.predicate(check, name=name)
    predicate.visible = visible  # for pages that check many objects at once (one query, not one each)
    return predicate
