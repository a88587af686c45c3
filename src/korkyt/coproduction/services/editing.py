"""The producers' edits of a project's own fields and texts, under the project's row lock: a form or an API
client that sends the version it read (core.concurrency) is refused once someone else changed the
project since, and an edit writes the fields it changes by name, never the status, dates of submission
and approval (the workflow's) nor the publication (``project_publish``'s)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue.models import Film
from korkyt.coproduction.models import Project, ProjectText
from korkyt.core.actors import Actor
from korkyt.core.concurrency import check_version
from korkyt.core.validation import (
    UNSET,
    Errors,
    Unset,
    add_error,
    clean_tag,
    full_clean_into,
    given,
    raise_errors,
    require_perm,
)
from korkyt.institutions.models import CooperationArea, Memorandum
from korkyt.institutions.services import activity_forget, activity_record

AREA_BY_KIND = {
    "fiction": "joint_feature",
    "documentary": "joint_documentary",
    "animation": "joint_animation",
}


def lock_project(project: Project) -> Project:
    """Take ``project``'s row lock for the rest of the transaction and read it again under it (in place:
    the caller's object is the row as it is now)."""
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    return project


def lock_for_change(actor: Actor, project: Project, version: str | None) -> None:
    """Before a producer's change: the permission, the row lock, the permission again of the project as it
    is under its lock (submitted meanwhile, it is no longer the producers' to change) and ``version``."""
    require_perm(actor, "coproduction.change_project", project)
    lock_project(project)
    require_perm(actor, "coproduction.change_project", project)
    check_version(project, version)


def record_under_memorandum(project: Project) -> None:
    """Count the project in its memorandum's report (or forget it when it has none any more)."""
    activity_forget(activity=project)
    if project.memorandum_id is None:
        return
    covered = project.memorandum.areas.order_by("pk")  # type: ignore[union-attr]
    area = project.area or covered.filter(code=AREA_BY_KIND.get(project.kind, "")).first() or covered.first()
    if area is None:
        raise ValidationError({"area": [_("This memorandum lists no area of cooperation.")]})
    activity_record(
        memorandum=project.memorandum,  # type: ignore[arg-type]
        area=area,
        activity=project,
        happened_on=project.shooting_starts_on,
    )


def check_memorandum(memorandum: Memorandum | None, area: CooperationArea | None, errors: Errors) -> None:
    if area is not None and memorandum is None:
        add_error(errors, "area", _("Choose the memorandum the area belongs to."))
    if memorandum is not None and area is not None and not memorandum.areas.filter(pk=area.pk).exists():
        add_error(errors, "area", _("This memorandum does not cover that area of cooperation."))


def check_dates(project: Project, errors: Errors) -> None:
    if (
        project.shooting_starts_on
        and project.shooting_ends_on
        and project.shooting_ends_on < project.shooting_starts_on
    ):
        add_error(errors, "shooting_ends_on", _("Shooting cannot end before it starts."))


@transaction.atomic
def project_update(
    *,
    actor: Actor,
    project: Project,
    version: str | None = None,
    kind: str | Unset = UNSET,
    stage: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    runtime_min: int | Unset | None = UNSET,
    budget: Decimal | Unset | None = UNSET,
    shooting_starts_on: dt.date | Unset | None = UNSET,
    shooting_ends_on: dt.date | Unset | None = UNSET,
    applied_on: dt.date | Unset | None = UNSET,
    memorandum: Memorandum | Unset | None = UNSET,
    area: CooperationArea | Unset | None = UNSET,
    film: Film | Unset | None = UNSET,
) -> Project:
    """Change the fields given. The permission is asked again of the project as it is under its lock (a
    project submitted meanwhile is no longer the producers' to change); ``version``, when given, must be
    the project's (StaleError otherwise)."""
    lock_for_change(actor, project, version)
    changes = given(
        kind=kind,
        stage=stage,
        currency=currency,
        runtime_min=runtime_min,
        budget=budget,
        shooting_starts_on=shooting_starts_on,
        shooting_ends_on=shooting_ends_on,
        applied_on=applied_on,
        memorandum=memorandum,
        area=area,
        film=film,
    )
    before = (project.memorandum_id, project.area_id, project.shooting_starts_on)
    for name, value in changes.items():
        setattr(project, name, value)
    errors: Errors = {}
    full_clean_into(project, errors, exclude=["created_by", "memorandum", "area", "film"])
    check_memorandum(project.memorandum, project.area, errors)
    check_dates(project, errors)
    raise_errors(errors)
    project.save(update_fields=[*changes, "updated_at"])
    if (project.memorandum_id, project.area_id, project.shooting_starts_on) != before:
        record_under_memorandum(project)
    return project


@transaction.atomic
def project_set_text(
    *,
    actor: Actor,
    project: Project,
    language: str,
    title: str,
    logline: str = "",
    synopsis: str = "",
    version: str | None = None,
) -> ProjectText:
    """The title, logline and synopsis in one language (added or replaced); the project's version moves
    with them (a form loaded before is refused)."""
    lock_for_change(actor, project, version)
    errors: Errors = {}
    tag = clean_tag(language, "language", errors)
    if not (title or "").strip():
        add_error(errors, "title", _("Give the project a title."))
    raise_errors(errors)
    text, _created = ProjectText.objects.get_or_create(
        project=project, language=tag, defaults={"title": title}
    )
    text.title, text.logline, text.synopsis = title.strip(), logline, synopsis
    full_clean_into(text, errors, exclude=["project"])
    raise_errors(errors)
    text.save()
    project.save(update_fields=["updated_at"])
    return text


@transaction.atomic
def project_edit(
    *,
    actor: Actor,
    project: Project,
    language: str,
    title: str,
    logline: str = "",
    synopsis: str = "",
    version: str | None = None,
    **values: Any,
) -> Project:
    """The edit page's save: the project's fields and its texts in one language, together or not at all,
    refused (StaleError) when ``version`` is given and the project changed since."""
    project_update(actor=actor, project=project, version=version, **values)
    project_set_text(
        actor=actor, project=project, language=language, title=title, logline=logline, synopsis=synopsis
    )
    return project
