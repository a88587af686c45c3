"""The kinds of object a role is held on (an institution, an event, a co-production, a festival edition),
each with the roles that make sense there. Each app declares its own in ``AppConfig.ready()``:

    register_role_scope(Event, roles=(Role.EVENT_MANAGER, Role.EVENT_HOST, Role.FESTIVAL_STAFF))

The page where a scope's staff is managed (``accounts:scope_roles``) offers only registered kinds, and only
the roles the viewer may grant there (``grantable_roles``): all of the kind's roles for platform
administrators, the ``MANAGER_GRANTS`` of the roles the viewer holds on that object for its managers.

The roles held on an object, and the invitations to them, go when it is deleted, however it is deleted (a
page, the API, the admin, a cascade): nobody keeps a role on something that is gone."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete

from korkyt.accounts.models import Role, RoleAssignment, RoleInvitation
from korkyt.accounts.rules import may_grant
from korkyt.core.actors import Actor

_SCOPES: dict[type[models.Model], tuple[str, ...]] = {}


def register_role_scope(model: type[models.Model], *, roles: Iterable[str]) -> None:
    """Declare that roles are held on ``model``'s objects, and which ones."""
    chosen = tuple(roles)
    unknown = [role for role in chosen if role not in Role.values]
    if unknown or not chosen:
        raise ValueError(f"{model.__name__}: unknown or no roles {unknown}")
    _SCOPES[model] = chosen
    post_delete.connect(_roles_go_with, sender=model, weak=False, dispatch_uid=f"roles:{model._meta.label}")


def _roles_go_with(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
    RoleAssignment.objects.on(instance).delete()
    RoleInvitation.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).delete()


def scope_roles(model: type[models.Model]) -> tuple[str, ...]:
    """The roles held on objects of ``model`` (empty when it is not a registered scope)."""
    return _SCOPES.get(model, ())


def grantable_roles(actor: Actor | None, scope: models.Model) -> list[str]:
    """The roles ``actor`` may grant and revoke on ``scope``, in the kind's order (empty: not a manager)."""
    if actor is None or not getattr(actor, "is_authenticated", False) or scope.pk is None:
        return []
    return [role for role in scope_roles(type(scope)) if may_grant(actor, role, scope)]
