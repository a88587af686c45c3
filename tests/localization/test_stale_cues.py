"""A cue changed since a page (or an API client) read it is not overwritten or approved unseen: every save and
review sends back the cue's version (core.concurrency) and is refused, showing the cue as it is now, once
someone else changed it."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.core.concurrency import StaleError, version_of
from korkyt.localization import services
from korkyt.localization.models import CueState, MemoryUnit, TargetCue

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _first(job) -> TargetCue:
    return job.cues.order_by("position").first()


def _page_version(page: str, cue: TargetCue) -> str:
    """The version the editor's row of ``cue`` carries (its hidden input, sent with every save and review)."""
    match = re.search(rf'<input type="hidden" name="version" id="v-{cue.pk}" value="([^"]*)"', page)
    assert match, "the row carries the cue's version"
    return html.unescape(match.group(1))


def _submitted(job, world, texts=("Merhaba dostum!", "Bugün hava sıcak.", "Korkut Ata yürüyor.", "Çay?")):
    for cue, text in zip(job.cues.order_by("position"), texts, strict=True):
        services.cue_save(actor=world["users"]["translator"], cue=cue, text=text, submit=bool(text))


# Services ------------------------------------------------------------------------------------------


def test_a_stale_save_is_refused_and_writes_nothing(job, world):
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Merhaba dostum", submit=True)
    translators_page = _first(job)  # what the translator's page shows
    read = version_of(translators_page)
    # the reviewer corrects the cue and approves it: the memory learns the correction
    corrected = services.cue_save(actor=u["reviewer"], cue=_first(job), text="Merhaba dostum!")
    services.cue_review(actor=u["reviewer"], cue=corrected, approve=True, version=version_of(corrected))
    before = TargetCue.objects.get(pk=translators_page.pk)

    with pytest.raises(StaleError) as refused:
        services.cue_save(actor=u["translator"], cue=translators_page, text="Merhaba dostum", version=read)

    assert refused.value.error_dict["version"][0].code == "stale"
    assert refused.value.current == {
        "text": "Merhaba dostum!",
        "state": CueState.APPROVED,
        "version": version_of(before),
    }
    after = TargetCue.objects.get(pk=before.pk)
    assert (after.text, after.state, after.updated_at) == (
        "Merhaba dostum!",
        CueState.APPROVED,
        before.updated_at,
    )
    assert MemoryUnit.objects.get(target_cue=after).target_text == after.text  # memory and track agree


def test_a_fresh_save_passes_and_returns_a_new_version(job, world):
    cue = _first(job)
    read = version_of(cue)
    saved = services.cue_save(actor=world["users"]["translator"], cue=cue, text="Merhaba", version=read)
    assert saved.text == "Merhaba" and saved.state == CueState.DRAFT
    assert version_of(saved) != read
    assert version_of(saved) == version_of(TargetCue.objects.get(pk=cue.pk))
    # the new version is the one the next save sends back
    again = services.cue_save(
        actor=world["users"]["translator"], cue=saved, text="Merhaba!", version=version_of(saved)
    )
    assert TargetCue.objects.get(pk=cue.pk).text == again.text == "Merhaba!"


def test_a_blind_approve_after_a_change_is_refused(job, world):
    u = world["users"]
    _submitted(job, world)
    reviewers_page = _first(job)
    read = version_of(reviewers_page)
    # the translator rewrites the cue after the reviewer's page was loaded
    services.cue_save(actor=u["translator"], cue=_first(job), text="Selam, kardeşim!", submit=True)

    with pytest.raises(StaleError) as refused:
        services.cue_review(actor=u["reviewer"], cue=reviewers_page, approve=True, version=read)

    assert refused.value.current["text"] == "Selam, kardeşim!"
    cue = TargetCue.objects.get(pk=reviewers_page.pk)
    assert cue.state == CueState.WAITING_REVIEW
    assert not MemoryUnit.objects.exists()
    # having seen the text (its version), the reviewer approves it
    services.cue_review(actor=u["reviewer"], cue=cue, approve=True, version=version_of(cue))
    assert MemoryUnit.objects.get().target_text == "Selam, kardeşim!"


def test_a_return_sent_with_a_stale_version_is_refused_too(job, world):
    u = world["users"]
    _submitted(job, world)
    reviewers_page = _first(job)
    read = version_of(reviewers_page)
    services.cue_save(actor=u["translator"], cue=_first(job), text="Selam!", submit=True)
    with pytest.raises(StaleError):
        services.cue_review(actor=u["reviewer"], cue=reviewers_page, approve=False, comment="?", version=read)
    assert TargetCue.objects.get(pk=reviewers_page.pk).comment == ""


def test_approve_all_waiting_skips_the_cues_changed_since_they_were_shown(job, world):
    u = world["users"]
    _submitted(job, world)
    shown = {c.pk: version_of(c) for c in job.cues.all()}
    changed = job.cues.get(position=2)
    services.cue_save(actor=u["translator"], cue=changed, text="Korkut Ata bozkırda.", submit=True)

    result = services.job_approve_waiting(actor=u["reviewer"], job=job, shown=shown)

    assert (result.approved, result.skipped) == (3, 1)
    states = dict(job.cues.values_list("position", "state"))
    assert states == {0: "approved", 1: "approved", 2: "waiting_review", 3: "approved"}
    assert set(MemoryUnit.objects.values_list("target_text", flat=True)) == {
        "Merhaba dostum!",
        "Bugün hava sıcak.",
        "Çay?",
    }
    # the approved cues have a new version: a page that read them before is told they changed
    approved = job.cues.get(position=0)
    assert version_of(approved) != shown[approved.pk]


def test_approve_all_waiting_skips_a_cue_that_was_not_waiting_when_shown(job, world):
    u = world["users"]
    _submitted(job, world, texts=("Merhaba dostum!", "Bugün hava sıcak.", "Korkut Ata yürüyor.", ""))
    shown = {c.pk: version_of(c) for c in job.cues.all()}
    last = job.cues.get(position=3)
    services.cue_save(actor=u["translator"], cue=last, text="Çay?", submit=True)  # waiting only now
    result = services.job_approve_waiting(actor=u["reviewer"], job=job, shown=shown)
    assert (result.approved, result.skipped) == (3, 1)
    assert job.cues.get(position=3).state == CueState.WAITING_REVIEW


# The editor page ---------------------------------------------------------------------------------


def test_every_row_carries_its_version_and_every_action_sends_it(job, world):
    _submitted(job, world)
    cue = _first(job)
    page = _client(world["users"]["translator"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert _page_version(page, cue) == version_of(cue)
    assert f'hx-include="#v-{cue.pk}"' in page  # the autosave
    assert f'hx-include="#t-{cue.pk}, #v-{cue.pk}"' in page  # submit for review
    page = _client(world["users"]["reviewer"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    assert page.count(f'hx-include="#c-{cue.pk}, #v-{cue.pk}"') == 2  # approve, return


def test_successive_autosaves_of_one_page_take_the_new_version_back(job, world):
    cue = _first(job)
    translator = _client(world["users"]["translator"])
    page = translator.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    version = _page_version(page, cue)
    for text in ("Mer", "Merhaba", "Merhaba dostum!"):
        response = translator.post(
            f"/en/localization/cues/{cue.pk}/save", {"text": text, "version": version}, HTTP_HX_REQUEST="true"
        )
        answer = response.content.decode()
        assert 'role="alert"' not in answer, answer
        # the row's version, swapped in out of band: the next save sends it
        assert f'id="v-{cue.pk}"' in answer and 'hx-swap-oob="true"' in answer
        version = _page_version(answer, cue)
    assert TargetCue.objects.get(pk=cue.pk).text == "Merhaba dostum!"
    assert version == version_of(TargetCue.objects.get(pk=cue.pk))


def test_a_stale_autosave_shows_the_message_and_the_cue_as_it_is_now(job, world):
    u = world["users"]
    _submitted(job, world)
    cue = _first(job)
    page = _client(u["translator"]).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    version = _page_version(page, cue)
    services.cue_save(actor=u["reviewer"], cue=_first(job), text="Merhaba <dostum>!")
    now = TargetCue.objects.get(pk=cue.pk)

    response = _client(u["translator"]).post(
        f"/en/localization/cues/{cue.pk}/save",
        {"text": "Merhaba dost", "version": version},
        HTTP_HX_REQUEST="true",
    )

    answer = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this cue while you were editing it:" in answer
    assert "Merhaba &lt;dostum&gt;!" in answer and "<dostum>" not in answer  # the text now, escaped
    assert f'data-version="{version_of(now)}"' in answer  # offered, not taken: the user chooses
    assert f'id="v-{cue.pk}"' not in answer  # the row keeps the version it had
    assert "textarea" not in answer  # what the user typed stays in their field
    after = TargetCue.objects.get(pk=cue.pk)
    assert (after.text, after.updated_at) == ("Merhaba <dostum>!", now.updated_at)


def test_a_stale_approve_on_the_page_is_refused_and_shows_the_text(job, world):
    u = world["users"]
    _submitted(job, world)
    cue = _first(job)
    reviewer = _client(u["reviewer"])
    page = reviewer.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    version = _page_version(page, cue)
    services.cue_save(actor=u["translator"], cue=_first(job), text="Selam, kardeşim!", submit=True)
    response = reviewer.post(
        f"/en/localization/cues/{cue.pk}/review",
        {"decision": "approve", "version": version},
        HTTP_HX_REQUEST="true",
    )
    answer = response.content.decode()
    assert "Someone else changed this" in answer and "Selam, kardeşim!" in answer
    assert TargetCue.objects.get(pk=cue.pk).state == CueState.WAITING_REVIEW


def test_approve_all_on_the_page_approves_what_it_showed_and_says_how_many_it_skipped(job, world):
    u = world["users"]
    _submitted(job, world)
    reviewer = _client(u["reviewer"])
    page = reviewer.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    match = re.search(r'<input type="hidden" name="shown" value="([^"]*)"', page)
    assert match, "the approve-all form carries the versions the page showed"
    shown = html.unescape(match.group(1))
    assert json.loads(shown) == {str(c.pk): version_of(c) for c in job.cues.all()}
    services.cue_save(actor=u["translator"], cue=job.cues.get(position=1), text="Hava sıcak.", submit=True)

    response = reviewer.post(
        f"/en/localization/jobs/{job.pk}/approve", {"waiting": "1", "shown": shown}, follow=True
    )

    text = response.content.decode()
    assert "3 cues approved." in text
    assert "1 cue changed after the page was loaded and was not approved" in text  # not "1 cues"
    assert job.cues.get(position=1).state == CueState.WAITING_REVIEW
    assert job.cues.filter(state=CueState.APPROVED).count() == 3


# The API -----------------------------------------------------------------------------------------


def test_the_api_answers_409_stale_with_the_cue_as_it_is_now(job, world):
    u = world["users"]
    client = Client()
    cue = _first(job)
    response = client.patch(
        f"/api/localization/cues/{cue.pk}",
        {"text": "Merhaba", "version": version_of(cue)},
        content_type="application/json",
        headers=_headers(u["translator"]),
    )
    assert response.status_code == 200, response.content
    read = response.json()["version"]
    assert read == version_of(TargetCue.objects.get(pk=cue.pk))
    services.cue_save(actor=u["reviewer"], cue=_first(job), text="Merhaba dostum!")

    response = client.patch(
        f"/api/localization/cues/{cue.pk}",
        {"text": "Merhaba!", "version": read},
        content_type="application/json",
        headers=_headers(u["translator"]),
    )

    assert response.status_code == 409, response.content
    body = response.json()
    now = TargetCue.objects.get(pk=cue.pk)
    assert body["code"] == "stale" and body["errors"][0]["field"] == "version"
    assert body["current"] == {"text": "Merhaba dostum!", "state": "draft", "version": version_of(now)}
    assert now.text == "Merhaba dostum!"
    response = client.post(
        f"/api/localization/cues/{cue.pk}/review",
        {"approve": True, "version": read},
        content_type="application/json",
        headers=_headers(u["reviewer"]),
    )
    assert response.status_code == 409 and response.json()["code"] == "stale"
    response = client.post(
        f"/api/localization/cues/{cue.pk}/review",
        {"approve": True, "version": body["current"]["version"]},
        content_type="application/json",
        headers=_headers(u["reviewer"]),
    )
    assert response.status_code == 200 and response.json()["state"] == "approved"
    assert response.json()["version"] == version_of(TargetCue.objects.get(pk=cue.pk))


def test_an_api_client_that_sends_no_version_is_not_checked(job, world):
    cue = _first(job)
    services.cue_save(actor=world["users"]["reviewer"], cue=_first(job), text="Merhaba dostum!")
    response = Client().patch(
        f"/api/localization/cues/{cue.pk}",
        {"text": "Merhaba"},
        content_type="application/json",
        headers=_headers(world["users"]["translator"]),
    )
    assert response.status_code == 200 and response.json()["text"] == "Merhaba"


def test_the_editors_refusal_says_what_its_buttons_offer_not_to_reload_the_page(job, world):
    """Reloading the editor would drop the text the user typed; the refusal names the choices it shows."""
    u = world["users"]
    _submitted(job, world)
    cue = _first(job)
    version = _page_version(
        _client(u["translator"]).get(f"/az/localization/jobs/{job.pk}/").content.decode(), cue
    )
    services.cue_save(actor=u["reviewer"], cue=_first(job), text="Merhaba dostlar!")

    saved = _client(u["translator"]).post(
        f"/en/localization/cues/{cue.pk}/save",
        {"text": "Merhaba dost", "version": version},
        HTTP_HX_REQUEST="true",
    )
    reviewed = _client(u["reviewer"]).post(
        f"/en/localization/cues/{cue.pk}/review",
        {"decision": "approve", "version": version},
        HTTP_HX_REQUEST="true",
    )

    save_answer, review_answer = saved.content.decode(), reviewed.content.decode()
    assert "Reload the page" not in save_answer and "Reload the page" not in review_answer
    assert (
        "Someone else changed this cue while you were editing it: use the text it has now, or keep yours"
        in (save_answer)
    )
    assert "stale-keep" in save_answer
    assert "Someone else changed this cue after your page showed it: use the text it has now" in review_answer
    assert "stale-keep" not in review_answer
