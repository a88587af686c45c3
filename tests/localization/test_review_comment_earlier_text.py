"""A reviewer's comment is about the text they returned. Once the translator changes that text the comment is
kept (the translator still needs it while fixing the cue) but shown, in the editor and by the API, as a
comment on an earlier text; approving the cue — alone or with every cue waiting — clears it."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.localization import services
from korkyt.localization.models import CueState, TargetCue

pytestmark = pytest.mark.django_db

ADVICE = "Use the festival's spelling"


def _first(job) -> TargetCue:
    return job.cues.order_by("position").first()


def _returned(job, world) -> TargetCue:
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Korkut Ata festivali", submit=True)
    services.cue_review(actor=u["reviewer"], cue=_first(job), approve=False, comment=ADVICE)
    return _first(job)


def _editor(world, job, who: str) -> str:
    client = Client()
    client.force_login(world["users"][who])
    return html.unescape(client.get(f"/en/localization/jobs/{job.pk}/").content.decode())


def test_a_returned_cue_shows_the_comment_as_about_its_text(job, world) -> None:
    cue = _returned(job, world)
    assert (cue.state, cue.comment, cue.comment_outdated) == (CueState.NEEDS_EDITING, ADVICE, False)
    page = _editor(world, job, "translator")
    assert f"Reviewer: {ADVICE}" in page
    assert "Comment on an earlier text" not in page


@pytest.mark.parametrize("who", ["translator", "reviewer"])
def test_after_the_text_changed_the_comment_is_shown_as_about_an_earlier_text(job, world, who) -> None:
    _returned(job, world)
    services.cue_save(
        actor=world["users"]["translator"], cue=_first(job), text="Qorqyt Ata festivali", submit=True
    )
    cue = _first(job)
    assert (cue.state, cue.comment, cue.comment_outdated) == (CueState.WAITING_REVIEW, ADVICE, True)
    page = _editor(world, job, who)
    assert f"Comment on an earlier text: {ADVICE}" in page
    assert f"Reviewer: {ADVICE}" not in page


def test_the_autosave_answer_already_says_the_comment_is_about_an_earlier_text(job, world) -> None:
    cue = _returned(job, world)
    client = Client()
    client.force_login(world["users"]["translator"])
    answer = client.post(f"/en/localization/cues/{cue.pk}/save", {"text": "Qorqyt"}, HTTP_HX_REQUEST="true")
    assert f"Comment on an earlier text: {ADVICE}" in html.unescape(answer.content.decode())


def test_submitting_the_same_text_again_keeps_the_comment_about_it(job, world) -> None:
    _returned(job, world)
    services.cue_save(actor=world["users"]["translator"], cue=_first(job), text=None, submit=True)
    cue = _first(job)
    assert (cue.state, cue.comment_outdated) == (CueState.WAITING_REVIEW, False)
    assert f"Reviewer: {ADVICE}" in _editor(world, job, "reviewer")


def test_returning_it_again_makes_the_new_comment_the_current_one(job, world) -> None:
    _returned(job, world)
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Qorqyt Ata festivali", submit=True)
    services.cue_review(actor=u["reviewer"], cue=_first(job), approve=False, comment="Closer; add the year")
    cue = _first(job)
    assert (cue.comment, cue.comment_outdated) == ("Closer; add the year", False)


def test_approving_the_cue_clears_the_comment(job, world) -> None:
    _returned(job, world)
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Qorqyt Ata festivali", submit=True)
    services.cue_review(actor=u["reviewer"], cue=_first(job), approve=True)
    cue = _first(job)
    assert (cue.state, cue.comment, cue.comment_outdated) == (CueState.APPROVED, "", False)
    assert ADVICE not in _editor(world, job, "translator")


def test_approving_every_waiting_cue_clears_their_comments(job, world) -> None:
    _returned(job, world)
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Qorqyt Ata festivali", submit=True)
    result = services.job_approve_waiting(actor=u["reviewer"], job=job)
    assert result.approved == 1
    cue = _first(job)
    assert (cue.state, cue.comment, cue.comment_outdated) == (CueState.APPROVED, "", False)


def test_the_api_says_the_comment_is_about_an_earlier_text(job, world) -> None:
    cue = _returned(job, world)
    headers = {"Authorization": f"Bearer {token_create(user=world['users']['translator'], name='t')[1]}"}
    client = Client()
    row = client.get(f"/api/localization/jobs/{job.pk}/cues", headers=headers).json()["items"][0]
    assert (row["comment"], row["comment_outdated"]) == (ADVICE, False)
    saved = client.patch(
        f"/api/localization/cues/{cue.pk}",
        {"text": "Qorqyt Ata festivali", "submit": True},
        content_type="application/json",
        headers=headers,
    ).json()
    assert (saved["comment"], saved["comment_outdated"]) == (ADVICE, True)
