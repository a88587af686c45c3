"""Who may see, change and run events: organisers are editors of an organising institution."""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids, is_any_editor, roles_on
from korkyt.core.permissions import is_platform_admin


def organiser_ids(event: Any) -> set[int]:
    cached = getattr(event, "_organiser_ids", None)
    if cached is None:
        cached = set(event.organisers.values_list("pk", flat=True))
        event._organiser_ids = cached
    return cached


@rules.predicate
def is_organiser(user: Any, event: Any) -> bool:
    if event is None or not getattr(user, "is_authenticated", False):
        return False
    if Role.EVENT_MANAGER in roles_on(user, event):
        return True
    editor_of = institution_ids(user, Role.EDITOR)
    # The creator organises it while they are an editor somewhere (roles in force): not once that ends.
    return bool(organiser_ids(event) & editor_of) or (
        bool(editor_of) and user.pk is not None and event.created_by_id == user.pk
    )


@rules.predicate
def event_is_public(user: Any, event: Any) -> bool:
    return event is not None and event.status != "draft"


rules.add_perm("events.view_event", event_is_public | is_organiser | is_platform_admin)
rules.add_perm("events.add_event", is_platform_admin | is_any_editor)
rules.add_perm("events.change_event", is_platform_admin | is_organiser)
rules.add_perm("events.manage_registrations", is_platform_admin | is_organiser)
