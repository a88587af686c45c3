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
