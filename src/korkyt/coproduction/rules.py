"""Who may see and change co-productions. Visibility is one queryset filter (``visible_q``); the ``rules``
predicate for one project is checked against the same facts (tests/coproduction/test_permission_matrix.py
walks both).

- producers (whoever holds the ``producer`` role on the project, accounts.RoleAssignment: the creator gets
  it on creation, the producers grant it to colleagues) see and edit their own projects, drafts included.
  Having created a project grants nothing by itself: a creator whose role was taken away or has ended is
  no longer a producer;
- the editors and members of the authority of each partner country see a project once it is submitted
  (submitted, returned or approved), and its editors decide for their country;
- everyone sees a project its producers publish;
- platform administrators see and change everything.
"""

from __future__ import annotations

from typing import Any

import rules
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from korkyt.accounts.models import Role, RoleAssignment
from korkyt.accounts.rules import institution_ids
from korkyt.core.permissions import is_platform_admin, is_signed_in

SUBMITTED_STATES = ("submitted", "returned", "approved")
EDITABLE_STATES = ("draft", "returned")


def visible_q(user: Any) -> Q | None:
    """The filter of the projects ``user`` may see (None: all of them)."""
    if is_platform_admin(user):
        return None
    q = Q(is_published=True)
    if user is not None and user.is_authenticated and user.is_active:
        q |= produced_q(user)
        agencies = institution_ids(user)
        if agencies:
            q |= Q(reviews__institution_id__in=agencies, status__in=SUBMITTED_STATES)
    return q


def produced_q(user: Any) -> Q:
    """The projects ``user`` (signed in) produces: those they hold the producer role on
    (accounts.RoleAssignment), in force now."""
    produced = (
        RoleAssignment.objects.active()
        .filter(user_id=user.pk, role=Role.PRODUCER, content_type=_project_type())
        .values("object_id")
    )
    return Q(pk__in=produced)


def _project_type() -> ContentType:
    from korkyt.coproduction.models import Project

    return ContentType.objects.get_for_model(Project)


def _producer_ids(project: Any) -> set[int]:
    """Who holds the producer role on the project (accounts.RoleAssignment), in force now."""
    cached = getattr(project, "_producer_ids", None)
    if cached is None:
        rows = RoleAssignment.objects.active().on(project).filter(role=Role.PRODUCER)
        cached = set(rows.values_list("user_id", flat=True))
        project._producer_ids = cached
    return cached


def producer_ids(project: Any) -> set[int]:
    """The ids of the project's producers: whoever holds the producer role on it now."""
    return set(_producer_ids(project))


def _authority_ids(project: Any) -> set[int]:
    cached = getattr(project, "_authority_ids", None)
    if cached is None:
        cached = {r.institution_id for r in project.reviews.all()}
        project._authority_ids = cached
    return cached


@rules.predicate
def is_producer(user: Any, project: Any) -> bool:
    return bool(project is not None and user.is_authenticated and user.pk in _producer_ids(project))


@rules.predicate
def is_published(user: Any, project: Any) -> bool:
    return bool(project is not None and project.is_published)


@rules.predicate
def is_reviewing_member(user: Any, project: Any) -> bool:
    return (
        project is not None
        and project.status in SUBMITTED_STATES
        and bool(_authority_ids(project) & institution_ids(user))
    )


@rules.predicate
def is_editable(user: Any, project: Any) -> bool:
    return project is not None and project.status in EDITABLE_STATES


@rules.predicate
def is_review_editor(user: Any, review: Any) -> bool:
    return review is not None and review.institution_id in institution_ids(user, Role.EDITOR)


@rules.predicate
def produces_reviewed(user: Any, review: Any) -> bool:
    """A producer of the project under review: an agency's editor who also produces it does not decide on
    it for the agency (the independent check of each partner country's authority)."""
    return review is not None and is_producer(user, review.project)


rules.add_perm(
    "coproduction.view_project", is_published | is_producer | is_reviewing_member | is_platform_admin
)
rules.add_perm("coproduction.add_project", is_signed_in)
rules.add_perm("coproduction.change_project", (is_producer & is_editable) | is_platform_admin)
rules.add_perm("coproduction.publish_project", is_producer | is_platform_admin)
rules.add_perm("coproduction.delete_project", (is_producer & is_editable) | is_platform_admin)
rules.add_perm("coproduction.submit_project", is_producer | is_platform_admin)
rules.add_perm("coproduction.review_project", (is_review_editor & ~produces_reviewed) | is_platform_admin)
rules.add_perm("coproduction.view_documents", is_producer | is_reviewing_member | is_platform_admin)
#: The project's history: its producers and the reviewing agencies, also once it is no longer theirs
#: to change.
rules.add_perm("coproduction.view_history", is_producer | is_reviewing_member | is_platform_admin)
