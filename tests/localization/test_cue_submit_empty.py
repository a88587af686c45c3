"""Submitting a cue with no translation is refused with the reason, in the cue's status cell where the
editor shows its other refusals; the cue stays untranslated."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from korkyt.core.concurrency import version_of
from korkyt.localization import services
from korkyt.localization.models import CueState

pytestmark = pytest.mark.django_db


def test_submitting_an_empty_cue_says_why(job, world):
    cue = job.cues.order_by("position").first()
    assert cue.state == CueState.UNTRANSLATED and not cue.text
    client = Client()
    client.force_login(world["users"]["translator"])
    answer = client.post(
        reverse("localization:cue_save", args=[cue.pk]),
        {"text": "  ", "submit": "1", "version": version_of(cue)},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    body = answer.content.decode()
    assert '<p class="error" role="alert">Type a translation first.</p>' in body
    cue.refresh_from_db()
    assert cue.state == CueState.UNTRANSLATED and cue.text == ""


def test_the_service_refuses_to_submit_an_empty_cue(job, world):
    translator = world["users"]["translator"]
    cue = job.cues.order_by("position").first()
    with pytest.raises(ValidationError) as refused:
        services.cue_save(actor=translator, cue=cue, text="", submit=True)
    assert refused.value.message_dict == {"text": ["Type a translation first."]}
    saved = services.cue_save(actor=translator, cue=cue, text="Merhaba", submit=True)
    assert saved.state == CueState.WAITING_REVIEW
    with pytest.raises(ValidationError):  # clearing a submitted cue and submitting it: the same answer
        services.cue_save(actor=translator, cue=saved, text="", submit=True)
    saved.refresh_from_db()
    assert saved.state == CueState.WAITING_REVIEW and saved.text == "Merhaba"


def test_an_approved_cue_is_submitted_again_only_with_a_new_text(job, world):
    """The cue's workflow: submitting is offered from untranslated, draft and needs-editing; an approved cue
    unchanged has nothing to submit (it would lose its approval), a second click on a waiting one changes
    nothing, and a new text makes it a draft that may be submitted."""
    translator, reviewer = world["users"]["translator"], world["users"]["reviewer"]
    cue = job.cues.order_by("position").first()
    waiting = services.cue_save(actor=translator, cue=cue, text="Merhaba", submit=True)
    again = services.cue_save(actor=translator, cue=waiting, text=None, submit=True)
    assert again.state == CueState.WAITING_REVIEW
    approved = services.cue_review(actor=reviewer, cue=again, approve=True)
    assert approved.state == CueState.APPROVED
    with pytest.raises(ValidationError) as refused:
        services.cue_save(actor=translator, cue=approved, text="Merhaba", submit=True)
    assert refused.value.message_dict == {
        "text": ["This cue is approved: change its text to submit it again."]
    }
    approved.refresh_from_db()
    assert approved.state == CueState.APPROVED
    resubmitted = services.cue_save(actor=translator, cue=approved, text="Merhaba dostum", submit=True)
    assert resubmitted.state == CueState.WAITING_REVIEW and resubmitted.text == "Merhaba dostum"
