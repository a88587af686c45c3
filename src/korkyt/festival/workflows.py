"""A submission's status (core.workflow): the entrant submits; the platform's eligibility check finds it
eligible, ineligible or incomplete; festival staff take it into review and decide. Every move is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from korkyt.core.workflow import Transition, declare_workflow
from korkyt.festival.models import AwardWinner, Submission, SubmissionStatus

S = SubmissionStatus
ENTRANT = "festival.change_submission"
STAFF = "festival.decide_submission"


def no_award(submission: Any) -> None:
    """A film keeps its selection while it holds an award: the award is withdrawn first."""
    if AwardWinner.objects.filter(submission=submission).exists():
        raise ValidationError(
            {"status": [gettext("The film has been given an award: withdraw the award first.")]}
        )


SUBMISSION_WORKFLOW = declare_workflow(
    Submission,
    field="status",
    transitions=[
        Transition("submit", sources=(S.DRAFT,), target=S.SUBMITTED, label=_("Submit"), permission=ENTRANT),
        Transition(
            "resubmit",
            sources=(S.INCOMPLETE, S.INELIGIBLE),
            target=S.SUBMITTED,
            label=_("Submit again"),
            permission=ENTRANT,
        ),
        # the eligibility check, run by the platform after each submission
        Transition("find_eligible", sources=(S.SUBMITTED,), target=S.ELIGIBLE, label=_("Found eligible")),
        Transition(
            "find_ineligible", sources=(S.SUBMITTED,), target=S.INELIGIBLE, label=_("Found ineligible")
        ),
        Transition(
            "find_incomplete", sources=(S.SUBMITTED,), target=S.INCOMPLETE, label=_("Found incomplete")
        ),
        Transition(  # the platform checks an entry again (its film's versions or the rules changed)
            "recheck", sources=(S.INCOMPLETE, S.INELIGIBLE), target=S.SUBMITTED, label=_("Check again")
        ),
        Transition(
            "withdraw",  # any state before a decision
            sources=(
                S.DRAFT,
                S.SUBMITTED,
                S.INCOMPLETE,
                S.ELIGIBLE,
                S.INELIGIBLE,
                S.IN_REVIEW,
                S.SHORTLISTED,
            ),
            target=S.WITHDRAWN,
            label=_("Withdraw"),
            permission=ENTRANT,
        ),
        Transition(
            "admit",
            sources=(S.INELIGIBLE, S.INCOMPLETE),
            target=S.ELIGIBLE,
            label=_("Admit despite the rules"),
            permission=STAFF,
        ),
        Transition(
            "start_review",
            sources=(S.ELIGIBLE,),
            target=S.IN_REVIEW,
            label=_("Send to review"),
            permission=STAFF,
        ),
        Transition(
            "shortlist", sources=(S.IN_REVIEW,), target=S.SHORTLISTED, label=_("Shortlist"), permission=STAFF
        ),
        Transition(
            "select",
            sources=(S.IN_REVIEW, S.SHORTLISTED),
            target=S.SELECTED,
            label=_("Select"),
            permission=STAFF,
        ),
        Transition(
            "decline",
            sources=(S.IN_REVIEW, S.SHORTLISTED),
            target=S.NOT_SELECTED,
            label=_("Do not select"),
            permission=STAFF,
        ),
        Transition(
            "reconsider",
            sources=(S.SELECTED, S.NOT_SELECTED),
            target=S.SHORTLISTED,
            label=_("Reconsider"),
            permission=STAFF,
            check=no_award,
        ),
        Transition(  # a duplicate, or an entry made by someone without the film's rights: it frees the place
            "set_aside",
            sources=(S.DRAFT, S.SUBMITTED, S.INCOMPLETE, S.ELIGIBLE, S.INELIGIBLE, S.IN_REVIEW),
            target=S.WITHDRAWN,
            label=_("Set aside"),
            permission=STAFF,
        ),
    ],
)
