"""Who may do what in the festival. Staff roles are held on an edition (festival staff, edition manager);
agency editors act for their institution's nominations; producers for their own direct submissions."""

from __future__ import annotations

from typing import Any

import rules

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids, roles_on
from korkyt.core.permissions import is_platform_admin, is_signed_in, visible_predicate

STAFF_ROLES = frozenset({Role.FESTIVAL_STAFF, Role.EDITION_MANAGER})


def _edition(obj: Any) -> Any:
    """The edition an object belongs to (an edition, section, call, submission, award or juror)."""
    if obj is None:
        return None
    for path in ("section.edition", "edition"):
        current = obj
        for part in path.split("."):
            current = getattr(current, part, None)
            if current is None:
                break
        if current is not None:
            return current
    return obj if type(obj).__name__ == "Edition" else None


@rules.predicate
def is_edition_staff(user: Any, obj: Any) -> bool:
    edition = _edition(obj)
    if edition is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(roles_on(user, edition) & STAFF_ROLES)


@rules.predicate
def is_entrant(user: Any, submission: Any) -> bool:
    """The producer who sent a direct submission, or an editor of the agency that nominated it."""
    if submission is None or not getattr(user, "is_authenticated", False):
        return False
    if submission.agency_id is not None:
        return submission.agency_id in institution_ids(user, Role.EDITOR)
    return bool(user.pk is not None and submission.submitted_by_id == user.pk)


@rules.predicate
def may_sign_off(user: Any, submission: Any) -> bool:
    """The agency's head: an editor of the nominating agency other than the one who nominated."""
    if submission is None or submission.agency_id is None:
        return False
    return (
        submission.agency_id in institution_ids(user, Role.EDITOR) and submission.submitted_by_id != user.pk
    )


def _submission_visible(user: Any) -> Any:
    from korkyt.festival.selectors import submission_visible

    return submission_visible(user)


rules.add_perm("festival.manage_edition", is_platform_admin | is_edition_staff)
rules.add_perm("festival.decide_submission", is_platform_admin | is_edition_staff)
rules.add_perm("festival.change_submission", is_platform_admin | is_entrant)
rules.add_perm("festival.sign_off_nomination", is_platform_admin | may_sign_off)
rules.add_perm(
    "festival.view_submission", visible_predicate("festival_submission_visible", _submission_visible)
)
rules.add_perm("festival.submit", is_signed_in)
rules.add_perm("festival.create_edition", is_platform_admin)
