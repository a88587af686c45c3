"""Saves and reviews of cues re-read the job under its row's lock (the lock ``job_approve`` takes): a save
committing just after the job's approval is refused, and no draft cue is left in an approved job."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from korkyt.localization import services
from korkyt.localization.models import CueState, JobStatus, TargetCue

pytestmark = pytest.mark.django_db


def test_a_save_after_the_job_was_approved_is_refused(job, world):
    u = world["users"]
    for cue in job.cues.all():
        services.cue_save(actor=u["translator"], cue=cue, text=f"Metin {cue.position}", submit=True)
    # read with its job, as the page's request does, before the job is approved
    translators_page = TargetCue.objects.select_related("job").get(pk=job.cues.get(position=0).pk)
    assert translators_page.job.status != JobStatus.APPROVED
    services.job_approve_waiting(actor=u["reviewer"], job=job)
    services.job_approve(actor=u["reviewer"], job=job)

    with pytest.raises(ValidationError) as refused:  # the page's job still reads "in progress"
        services.cue_save(actor=u["translator"], cue=translators_page, text="Merhaba!")
    assert "job" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.cue_review(actor=u["reviewer"], cue=translators_page, approve=False, comment="Again")
    cue = TargetCue.objects.get(pk=translators_page.pk)
    assert (cue.text, cue.state, cue.comment) == ("Metin 0", CueState.APPROVED, "")
