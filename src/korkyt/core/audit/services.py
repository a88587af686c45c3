"""The one writer of the platform's own audit entries (pretix's ``log_action``): services call it for
every event that is more than a field change — a workflow transition, a role granted, a decision."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, Q

from korkyt.core.actors import Actor, saved_user
from korkyt.core.models import ERASED, AuditAction, AuditEntry


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


def audit_erase_person(
    *, user_id: int, username: str, dependents: Mapping[type[Model], list[int]] | None = None
) -> int:
    """A person deleted their account: their audit entries stay (what was done, when, to what), but no
    longer say who they were. Entries they made name an erased account (``ERASED``, no foreign key); entries
    about their account and its dependent rows (names, tokens: root = the user), about ``dependents`` (their
    role assignments, whose text carries their name) and about every row of a model registered with
    ``person=`` whose recorded changes name them (a role taken from them earlier, its row gone) lose their
    text and the values they recorded (the changed fields' names stay). Events' data that name them by id
    (``user_data_keys``) name an erased account instead. Returns the number of entries changed."""
    from korkyt.core.audit.registry import PERSON_FIELDS, USER_DATA_KEYS

    by_them = AuditEntry.objects.filter(Q(actor_id=user_id) | Q(actor__isnull=True, actor_label=username))
    changed = by_them.update(actor=None, actor_label=ERASED)
    user_type = ContentType.objects.get_for_model(get_user_model())
    about = Q(content_type=user_type, object_pk=str(user_id)) | Q(root_type=user_type, root_id=user_id)
    for model, ids in (dependents or {}).items():
        if ids:
            about |= Q(
                content_type=ContentType.objects.get_for_model(model), object_pk__in=[str(i) for i in ids]
            )
    for model, field in PERSON_FIELDS.items():
        content_type = ContentType.objects.get_for_model(model)
        # the row's creation and deletion record the account (its id as text) before or after
        naming = Q(**{f"changes__{field}__0": str(user_id)}) | Q(**{f"changes__{field}__1": str(user_id)})
        rows = set(
            AuditEntry.objects.filter(naming, content_type=content_type).values_list("object_pk", flat=True)
        )
        if rows:
            about |= Q(content_type=content_type, object_pk__in=rows)
    erased_ids: set[int] = set()
    for entry in AuditEntry.objects.filter(about).only("pk", "changes"):
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        erased = {field: [ERASED, ERASED] for field in changes}
        AuditEntry.objects.filter(pk=entry.pk).update(
            object_repr=ERASED, changes=erased, additional_data=None
        )
        erased_ids.add(entry.pk)
        changed += 1
    if USER_DATA_KEYS:
        keyed = Q()
        for key in sorted(USER_DATA_KEYS):
            keyed |= Q(additional_data__has_key=key)
        for entry in (
            AuditEntry.objects.filter(keyed).exclude(pk__in=erased_ids).only("pk", "additional_data")
        ):
            data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
            scrubbed = {
                key: _erase_id(value, user_id) if key in USER_DATA_KEYS else value
                for key, value in data.items()
            }
            if scrubbed != data:
                AuditEntry.objects.filter(pk=entry.pk).update(additional_data=scrubbed)
                changed += 1
    return changed


def _erase_id(value: Any, user_id: int) -> Any:
    """``value`` (an account's id, or a list of ids) with ``user_id`` replaced by ``ERASED``."""
    if isinstance(value, list):
        return [_erase_id(item, user_id) for item in value]
    if isinstance(value, bool):
        return value
    return ERASED if value == user_id or value == str(user_id) else value
