"""The adaptation editor's "Submit for review" buttons: each is named by its cue (a screen reader's list of
buttons tells them apart), and a cue offers it only while its state allows submitting (the cue's workflow,
localization.workflows): not once it waits for review, again once its text is changed. The status cell
says so (``data-submittable``), in the page and in each save's answer that htmx swaps in, and the
stylesheet hides the button otherwise (the button itself stays, so a click queued behind an autosave is
not lost)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.core.concurrency import version_of
from korkyt.localization.models import CueState
from korkyt.localization.workflows import cue_submittable

pytestmark = pytest.mark.django_db

CSS = Path(__file__).parents[3] / "src/korkyt/localization/static/localization/workbench.css"


def _client(user):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _cell(html: str, pk: int) -> str:
    """The opening tag of the cue's status cell."""
    if f'id="status-{pk}"' in html:
        html = html[html.index(f'id="status-{pk}"') :]
    found = re.search(r'<div class="cue-status"[^>]*>', html)
    assert found, pk
    return found.group(0)


def _page(client: Client, job) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("localization:dubbing_adaptation", args=[job.pk])).content.decode()


def test_each_submit_button_names_its_cue(dub_job, dub_world):
    page = _page(_client(dub_world["users"]["adapter"]), dub_job)
    cues = list(dub_job.adaptation.cues.order_by("position"))
    for number, cue in enumerate(cues, start=1):
        button = f'hx-include="#t-{cue.pk}, #v-{cue.pk}" hx-vals'
        row = page[page.index(button) : page.index("</button>", page.index(button))]
        assert row.endswith(f'>Submit for review<span class="visually-hidden">: Cue {number}</span>')


def test_the_workflow_offers_submission_from_the_states_before_review():
    assert [s for s in CueState.values if cue_submittable(s)] == ["untranslated", "draft", "needs_editing"]


def test_a_cue_waiting_for_review_offers_no_submit_button(dub_job, dub_world):
    client = _client(dub_world["users"]["adapter"])
    cue = dub_job.adaptation.cues.order_by("position")[1]
    assert "data-submittable" in _cell(_page(client, dub_job), cue.pk)
    answer = client.post(
        reverse("localization:cue_save", args=[cue.pk]),
        {"text": "AYŞE: Merhaba!", "submit": "1", "version": version_of(cue)},
        HTTP_HX_REQUEST="true",
    )
    body = answer.content.decode()
    cue.refresh_from_db()
    assert cue.state == CueState.WAITING_REVIEW
    # the cell htmx swaps in says the cue waits and offers no submission
    assert _cell(body, cue.pk) == '<div class="cue-status" data-state="waiting_review">'
    assert "Waiting for review" in body
    assert _cell(_page(client, dub_job), cue.pk) == '<div class="cue-status" data-state="waiting_review">'
    # ... and the stylesheet hides the row's button while the cell does not offer it
    rule = ".editor td.st:has(.cue-status:not([data-submittable])) button.submit { display:none; }"
    assert rule in CSS.read_text(encoding="utf-8")


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
    assert (
        _cell(answer.content.decode(), cue.pk)
        == '<div class="cue-status" data-state="draft" data-submittable>'
    )
