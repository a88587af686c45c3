"""The writes on the activities recorded against memoranda (re-exported by ``institutions.services``,
where the other apps import them from)."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.validation import Errors, add_error, require_perm
from korkyt.institutions.models import CooperationArea, Memorandum, MemorandumActivity, declares_activities

# Activities --------------------------------------------------------------------------------------


def check_activity_link(
    actor: Actor | None,
    memorandum: Memorandum | None,
    errors: Errors,
    *,
    changed: bool = True,
    field: str = "memorandum",
) -> None:
    """A record placed under ``memorandum`` by ``actor`` (a film, an event, a job) is counted in its public
    report: ``actor`` needs ``record_activity`` on it (an editor of one of its parties, or an
    administrator), else the refusal is added to ``errors`` under ``field``. Only a link set or
    ``changed`` now is checked: one made before stays on a record that someone else edits."""
    if memorandum is None or not changed:
        return
    if actor is None or not actor.has_perm("institutions.record_activity", memorandum):
        add_error(
            errors,
            field,
            _(
                "Only an editor of one of its parties, or a platform administrator, records activities "
                "under this memorandum."
            ),
        )


@transaction.atomic
def activity_record(
    *,
    memorandum: Memorandum,
    area: CooperationArea | str,
    activity: models.Model,
    happened_on: dt.date | None = None,
    actor: Actor | None = None,
) -> MemorandumActivity:
    """Record that ``activity`` (a saved instance of a model that declares an ``ActivityRelation``)
    implements ``memorandum`` in ``area``.

    Idempotent: recording the same activity twice updates its date. Its title is not stored: pages read it
    from the activity in the viewer's language. Called by the services of later apps (co-productions,
    events, festival entries); ``actor`` is checked when given (a call on a user's behalf), and omitted for
    system calls.
    """
    if not declares_activities(type(activity)):
        raise TypeError(
            f"{type(activity).__name__} must declare `memorandum_activities = ActivityRelation()` to be "
            "recorded under a memorandum (so that its records go with it)"
        )
    if actor is not None:
        require_perm(actor, "institutions.record_activity", memorandum)
    area_obj = (
        area if isinstance(area, CooperationArea) else CooperationArea.objects.filter(code=area).first()
    )
    if area_obj is None:
        raise ValidationError({"area": [_("Unknown area of cooperation “%(code)s”.") % {"code": area}]})
    if not memorandum.areas.filter(pk=area_obj.pk).exists():
        raise ValidationError({"area": [_("This memorandum does not cover that area of cooperation.")]})
    if activity.pk is None:
        raise ValidationError({"activity": [_("Save the activity before recording it.")]})
    content_type = ContentType.objects.get_for_model(activity)
    row, _created = MemorandumActivity.objects.update_or_create(
        memorandum=memorandum,
        area=area_obj,
        content_type=content_type,
        object_id=activity.pk,
        defaults={"happened_on": happened_on},
    )
    return row


@transaction.atomic
def activity_sync(*, activity: models.Model) -> int:
    """Bring the records of ``activity`` in line with ``activity.activity_memoranda()`` (the memoranda
    and area codes its own fields place it under): records elsewhere are removed, missing ones added
    (where the memorandum covers the area). Runs on every save of such a model that may move it (see
    ``ActivityRelation``); returns how many records changed."""
    wanted: set[tuple[int, str]] = set()
    for memorandum, area in activity.activity_memoranda():  # type: ignore[attr-defined]
        code = area.code if isinstance(area, CooperationArea) else str(area)
        if memorandum is not None and code:
            wanted.add((memorandum.pk, code))
    content_type = ContentType.objects.get_for_model(activity)
    rows = MemorandumActivity.objects.filter(content_type=content_type, object_id=activity.pk)
    have = {
        (memo_id, code): pk for pk, memo_id, code in rows.values_list("pk", "memorandum_id", "area__code")
    }
    stale = [pk for key, pk in have.items() if key not in wanted]
    changed = MemorandumActivity.objects.filter(pk__in=stale).delete()[0] if stale else 0
    for memo_id, code in wanted - set(have):
        area = CooperationArea.objects.filter(code=code, memoranda__pk=memo_id).first()
        if area is not None:  # an area the memorandum does not cover records nothing
            MemorandumActivity.objects.create(
                memorandum_id=memo_id, area=area, content_type=content_type, object_id=activity.pk
            )
            changed += 1
    return changed


@transaction.atomic
def activity_forget(*, activity: models.Model) -> int:
    """Remove every record of ``activity`` (call when the activity is deleted or cancelled)."""
    content_type = ContentType.objects.get_for_model(activity)
    deleted, _rows = MemorandumActivity.objects.filter(
        content_type=content_type, object_id=activity.pk
    ).delete()
    return deleted
