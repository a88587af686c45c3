"""Who acts: a signed-in user, an anonymous visitor, or the platform itself (``SYSTEM``).

Services and selectors take ``actor: Actor`` / ``user: Actor``; permissions are asked with
``actor.has_perm(...)`` (django-rules), visibility with the actor's memberships.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.contrib.auth.models import AnonymousUser

from korkyt.core.permissions import SystemActor

if TYPE_CHECKING:  # accounts builds on core: the user model is named for the type checker only
    from korkyt.accounts.models import User

Actor: TypeAlias = "User | AnonymousUser | SystemActor"


def saved_user(actor: Actor | None) -> User | None:
    """The user row behind an actor, for ``created_by``-style foreign keys (None for anonymous or SYSTEM)."""
    if actor is None or isinstance(actor, (AnonymousUser, SystemActor)) or actor.pk is None:
        return None
    return actor
