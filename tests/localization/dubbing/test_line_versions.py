"""The adaptation editor is the workbench's cue editor: its lines carry their versions and a line changed by
someone else since the page was loaded is neither overwritten nor approved unseen."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client

from korkyt.core.concurrency import version_of
from korkyt.localization import services as l10n
from korkyt.localization.models import CueState, TargetCue

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_stale_line_on_the_adaptation_page_is_refused_and_shown(dub_job, dub_world):
    u = dub_world["users"]
    cue = dub_job.adaptation.cues.order_by("position").first()
    adapter = _client(u["adapter"])
    page = adapter.get(f"/en/localization/dubbing/{dub_job.pk}/adaptation").content.decode()
    match = re.search(rf'<input type="hidden" name="version" id="v-{cue.pk}" value="([^"]*)"', page)
    assert match and html.unescape(match.group(1)) == version_of(cue)
    l10n.cue_save(actor=u["director"], cue=TargetCue.objects.get(pk=cue.pk), text="AYŞE: Selam!")

    response = adapter.post(
        f"/en/localization/cues/{cue.pk}/save",
        {"text": "AYŞE: Merhaba!", "version": html.unescape(match.group(1))},
        HTTP_HX_REQUEST="true",
    )

    answer = response.content.decode()
    assert "Someone else changed this" in answer and "AYŞE: Selam!" in answer
    assert TargetCue.objects.get(pk=cue.pk).text == "AYŞE: Selam!"


def test_approve_all_on_the_adaptation_page_skips_the_lines_changed_since(dub_job, dub_world):
    u = dub_world["users"]
    cues = list(dub_job.adaptation.cues.order_by("position"))
    for cue in cues:
        l10n.cue_save(actor=u["adapter"], cue=cue, text=cue.text or "…", submit=True)
    director = _client(u["director"])
    page = director.get(f"/en/localization/dubbing/{dub_job.pk}/adaptation").content.decode()
    shown = html.unescape(re.search(r'<input type="hidden" name="shown" value="([^"]*)"', page).group(1))
    assert set(json.loads(shown)) == {str(c.pk) for c in cues}
    l10n.cue_save(
        actor=u["adapter"], cue=TargetCue.objects.get(pk=cues[0].pk), text="AYŞE: Selam!", submit=True
    )

    response = director.post(
        f"/en/localization/jobs/{dub_job.adaptation.pk}/approve",
        {"waiting": "1", "shown": shown},
        follow=True,
    )

    assert "1 cue changed after the page was loaded and was not approved" in response.content.decode()
    states = dict(dub_job.adaptation.cues.values_list("position", "state"))
    assert states[cues[0].position] == CueState.WAITING_REVIEW
    assert [states[c.position] for c in cues[1:]] == [CueState.APPROVED] * (len(cues) - 1)
