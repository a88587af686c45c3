"""The translation job's workflow: preparing → in progress (the background preparation is done) →
approved (by the job's reviewer, once every cue with a source text is approved). And the cue's step the
editor offers as a button: submitting it for review.

Declared once here (korkyt.core.workflow); services move jobs with ``transition_apply`` and pages ask
``transitions_available`` which buttons to show. Approving a job still being prepared stays possible, as it
was before the workflow was declared: a reviewer may approve what they have approved cue by cue.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from korkyt.core.workflow import Transition, declare_workflow
from korkyt.localization.models import CueState, JobStatus, TargetCue, TranslationJob


def all_cues_approved(job: TranslationJob) -> None:
    pending = job.cues.exclude(state=CueState.APPROVED).exclude(source__text="").count()
    if pending:
        raise ValidationError({"job": [_("%(n)s cues are not approved yet.") % {"n": pending}]})


JOB_WORKFLOW = declare_workflow(
    TranslationJob,
    field="status",
    transitions=[
        Transition(
            "start",
            sources=(JobStatus.PREPARING,),
            target=JobStatus.IN_PROGRESS,
            label=gettext_lazy("Start the work"),
            permission=None,  # the background preparation, when it has filled the cues
        ),
        Transition(
            "approve",
            sources=(JobStatus.PREPARING, JobStatus.IN_PROGRESS),
            target=JobStatus.APPROVED,
            label=gettext_lazy("Approve the job"),
            permission="localization.review_job",
            check=all_cues_approved,
        ),
    ],
)


#: A cue's submission for review: offered from these states only (a cue already waiting for review, or
#: approved, has nothing to submit; once its text is changed it is a draft again and may be). The cue's moves
#: themselves are made by ``services.cue_save`` as the translator types, not audited one by one; the editor
#: asks :func:`cue_submittable` whether to show the cue's button.
CUE_WORKFLOW = declare_workflow(
    TargetCue,
    field="state",
    transitions=[
        Transition(
            "submit",
            sources=(CueState.UNTRANSLATED, CueState.DRAFT, CueState.NEEDS_EDITING),
            target=CueState.WAITING_REVIEW,
            label=gettext_lazy("Submit for review"),
            permission="localization.submit_job",  # held on the cue's job
        ),
    ],
)


def cue_submittable(state: str) -> bool:
    """Whether a cue in ``state`` may be submitted for review (who may is the job's permission)."""
    return any(t.name == "submit" for t in CUE_WORKFLOW.from_state(state))
