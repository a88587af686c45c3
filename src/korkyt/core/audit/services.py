"""The one writer of the platform's own audit entries (pretix's ``log_action``): services call it for
every event that is more than a field change — a workflow transition, a role granted, a decision."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model

from korkyt.core.actors import Actor, saved_user
from korkyt.core.models import AuditAction, AuditEntry


def _text(value: Any) -> str:
    return "None" if value is None else str(value)


def audit_log(
    *,
    obj: Model,
    action: str,
    actor: Actor | None,
    data: Mapping[str, Any] | None = None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> AuditEntry:
    """Record that ``actor`` (a user; ``SYSTEM`` or None for the platform itself) did ``action`` (a dotted
    event type, ``"localization.translationjob.approve"``) to ``obj``; ``changes`` maps field names to
    (before, after); ``data`` is any JSON-able detail.

    Call it inside the service's transaction: a refused or failed write leaves no entry. The request or task
    the call runs in is recorded by the entry itself (korkyt.core.audit.context).
    """
    user = saved_user(actor)  # None for the platform itself (SYSTEM) and anonymous visitors
    entry = AuditEntry.objects.log_create(
        obj,
        force_log=True,
        action=AuditAction.EVENT,
        action_type=action[:100],
        changes={name: [_text(before), _text(after)] for name, (before, after) in (changes or {}).items()},
        additional_data=json.loads(json.dumps(dict(data), cls=DjangoJSONEncoder)) if data else None,
        actor=user,
        actor_label=str(getattr(user, "username", "") or "")[:150] if user is not None else "",
    )
    assert entry is not None  # force_log always writes
    return entry  # type: ignore[no-any-return]
