"""The dubbing job's workflow: adaptation → approved, by its director, once every adapted line is approved
and every character who speaks is cast (korkyt.core.workflow, declared once here)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from korkyt.core.workflow import Transition, declare_workflow
from korkyt.localization.dubbing.models import DubbingJob, DubbingStatus
from korkyt.localization.workflows import all_cues_approved


def ready(job: DubbingJob) -> None:
    all_cues_approved(job.adaptation)
    uncast = job.characters.filter(voice_actor__isnull=True, lines__isnull=False).distinct().count()
    if uncast:
        raise ValidationError({"job": [_("%(n)s characters have no voice actor yet.") % {"n": uncast}]})


DUBBING_WORKFLOW = declare_workflow(
    DubbingJob,
    field="status",
    transitions=[
        Transition(
            "approve",
            sources=(DubbingStatus.ADAPTATION,),
            target=DubbingStatus.APPROVED,
            label=gettext_lazy("Approve the dubbing"),
            permission="localization.direct_dubbing",
            check=ready,
        ),
    ],
)
