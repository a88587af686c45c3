"""The adaptation editor's "Submit for review" buttons: each is named by its cue (a screen reader's list of
buttons tells them apart), and a cue offers it only while its state allows submitting (the cue's workflow,
localization.workflows): not once it waits for review, again once its text is changed."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.core.concurrency import version_of
from korkyt.localization.models import CueState

pytestmark = pytest.mark.django_db

BUTTON = re.compile(
    r'<span class="submit-slot" id="submit-(\d+)"[^>]*>((?:<button.*?</button>)?)</span>', re.S
)


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _slots(html: str) -> dict[int, str]:
    return {int(pk): inner for pk, inner in BUTTON.findall(html)}


def test_each_submit_button_names_its_cue(dub_job, dub_world):
    client = _client(dub_world["users"]["adapter"])
    page = client.get(reverse("localization:dubbing_adaptation", args=[dub_job.pk])).content.decode()
    cues = list(dub_job.adaptation.cues.order_by("position"))
    for number, cue in enumerate(cues, start=1):
        assert (
            f'Submit for review<span class="visually-hidden">: Cue {number}</span></button>'
            in _slots(page)[cue.pk]
        )


def test_a_cue_waiting_for_review_offers_no_submit_button(dub_job, dub_world):
    client = _client(dub_world["users"]["adapter"])
    cue = dub_job.adaptation.cues.order_by("position")[1]
    answer = client.post(
        reverse("localization:cue_save", args=[cue.pk]),
        {"text": "AYŞE: Merhaba!", "submit": "1", "version": version_of(cue)},
        HTTP_HX_REQUEST="true",
    )
    body = answer.content.decode()
    cue.refresh_from_db()
    assert cue.state == CueState.WAITING_REVIEW
    assert "Waiting for review" in body
    # the answer swaps the cue's button slot out of band, empty now
    assert f'<span class="submit-slot" id="submit-{cue.pk}" hx-swap-oob="true"></span>' in body
    page = client.get(reverse("localization:dubbing_adaptation", args=[dub_job.pk])).content.decode()
    slots = _slots(page)
    assert slots[cue.pk] == ""  # the page drawn again: still no button for it
    assert all("Submit for review" in inner for pk, inner in slots.items() if pk != cue.pk)


def test_changing_a_waiting_cue_offers_the_button_again(dub_job, dub_world):
    client = _client(dub_world["users"]["adapter"])
    cue = dub_job.adaptation.cues.order_by("position")[1]
    url = reverse("localization:cue_save", args=[cue.pk])
    client.post(
        url, {"text": "AYŞE: Merhaba!", "submit": "1", "version": version_of(cue)}, HTTP_HX_REQUEST="true"
    )
    cue.refresh_from_db()
    answer = client.post(url, {"text": "AYŞE: Selam!", "version": version_of(cue)}, HTTP_HX_REQUEST="true")
    cue.refresh_from_db()
    assert cue.state == CueState.DRAFT
    body = answer.content.decode()
    assert 'Submit for review<span class="visually-hidden">: Cue 2</span>' in body
    assert f'id="submit-{cue.pk}" hx-swap-oob="true"' in body


def test_a_reviewer_gets_no_submit_button_in_the_answer(dub_job, dub_world):
    director = dub_world["users"]["director"]
    cue = dub_job.adaptation.cues.order_by("position")[0]
    answer = _client(director).post(
        reverse("localization:cue_review", args=[cue.pk]),
        {"decision": "approve", "version": version_of(cue)},
        HTTP_HX_REQUEST="true",
    )
    assert answer.status_code == 200
    assert "submit-slot" not in answer.content.decode()
