"""Who may see and retry a background job: platform administrators, the person who asked for it, and
whoever may see its subject, as the subject's app declares:

    from korkyt.core.jobs.access import subject_access

    subject_access(
        "localization.delivery", lambda user, delivery: user.has_perm("localization.view_job", delivery.job)
    )
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from korkyt.core.permissions import is_platform_admin

SubjectCheck = Callable[[Any, Any], bool]
_SUBJECTS: dict[str, SubjectCheck] = {}


def subject_access(model_label: str, check: SubjectCheck) -> None:
    """``check(user, subject)`` says whether ``user`` may see jobs about ``subject`` (a "<app>.<model>"
    instance, label in lower case)."""
    _SUBJECTS[model_label.lower()] = check


@rules.predicate
def is_job_creator(user: Any, job: Any) -> bool:
    return bool(job is not None and user and user.is_authenticated and job.created_by_id == user.pk)


@rules.predicate
def may_see_subject(user: Any, job: Any) -> bool:
    if job is None or not job.subject_type_id or not (user and user.is_authenticated and user.is_active):
        return False
    check = _SUBJECTS.get(f"{job.subject_type.app_label}.{job.subject_type.model}")
    if check is None:
        return False
    subject = job.subject
    return subject is not None and bool(check(user, subject))


def install() -> None:
    """Add the permissions (called once from the core app's ``ready()``)."""
    for perm in ("core.view_job", "core.retry_job"):
        if not rules.perm_exists(perm):
            rules.add_perm(perm, is_platform_admin | is_job_creator | may_see_subject)
