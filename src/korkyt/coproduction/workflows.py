"""The co-production's workflow (korkyt.core.workflow), and the workflow of each authority's review.

Project: draft → submitted (to the competent authority of each partner country) → approved once every
authority has approved; an authority that returns it with comments moves it to "returned", the producers
change it and submit again (every review starts over). Review: pending → approved | returned, by the
editors of that country's authority. The project's approve/return are taken by the platform itself
(``permission=None``) right after the review that decides them; both moves are audited.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from korkyt.coproduction.models import Project, ProjectStatus, Review, ReviewStatus
from korkyt.core.workflow import Transition, declare_workflow


def ready_to_submit(project: Project) -> None:
    errors: dict[str, list[str]] = {}
    if project.partners.count() < 2:
        errors["partners"] = [_("A co-production needs at least two partners.")]
    if not project.translations.exists():
        errors["translations"] = [_("Give the project a title.")]
    if project.shooting_starts_on is None:
        errors["shooting_starts_on"] = [_("Give the planned start of shooting.")]
    if errors:
        raise ValidationError(errors)


PROJECT_WORKFLOW = declare_workflow(
    Project,
    field="status",
    transitions=[
        Transition(
            "submit",
            sources=(ProjectStatus.DRAFT, ProjectStatus.RETURNED),
            target=ProjectStatus.SUBMITTED,
            label=gettext_lazy("Submit to the authorities"),
            permission="coproduction.submit_project",
            check=ready_to_submit,
        ),
        Transition(
            "approve",
            sources=(ProjectStatus.SUBMITTED,),
            target=ProjectStatus.APPROVED,
            label=gettext_lazy("Approved by every authority"),
        ),
        Transition(
            "return",
            sources=(ProjectStatus.SUBMITTED,),
            target=ProjectStatus.RETURNED,
            label=gettext_lazy("Returned by an authority"),
        ),
    ],
)

REVIEW_WORKFLOW = declare_workflow(
    Review,
    field="status",
    transitions=[
        Transition(
            "approve",
            sources=(ReviewStatus.PENDING,),
            target=ReviewStatus.APPROVED,
            label=gettext_lazy("Approve"),
            permission="coproduction.review_project",
        ),
        Transition(
            "return",
            sources=(ReviewStatus.PENDING,),
            target=ReviewStatus.RETURNED,
            label=gettext_lazy("Return with comments"),
            permission="coproduction.review_project",
        ),
        Transition(
            "reopen",
            sources=(ReviewStatus.APPROVED, ReviewStatus.RETURNED),
            target=ReviewStatus.PENDING,
            label=gettext_lazy("Submitted again"),
        ),
    ],
)
