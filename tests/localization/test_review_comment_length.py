"""A reviewer's comment is kept whole or refused with the reason: one over the 1,000 characters a cue's
comment holds used to be cut silently, losing the end of what the reviewer wrote. The editor's comment
field takes a paste whole and says how far over the limit it is (the counter of editor.js; without
JavaScript, the server's refusal under the field, which keeps the text: test_review_comment_field)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.localization import services
from korkyt.localization.models import CueState, TargetCue

pytestmark = pytest.mark.django_db


def _first(job) -> TargetCue:
    return job.cues.order_by("position").first()


@pytest.mark.parametrize("approve", [True, False])
def test_a_comment_over_the_limit_is_refused_and_nothing_changes(job, world, approve) -> None:
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Merhaba dostum!", submit=True)
    with pytest.raises(ValidationError) as refused:
        services.cue_review(actor=u["reviewer"], cue=_first(job), approve=approve, comment="ç" * 1001)
    assert "1,000" in refused.value.message_dict["comment"][0]
    cue = _first(job)
    assert (cue.state, cue.comment) == (CueState.WAITING_REVIEW, "")


def test_a_comment_of_the_limit_is_kept_whole(job, world) -> None:
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Merhaba dostum!", submit=True)
    services.cue_review(actor=u["reviewer"], cue=_first(job), approve=False, comment="ç" * 1000)
    assert _first(job).comment == "ç" * 1000


def test_the_editors_comment_field_takes_a_paste_whole(job, world) -> None:
    # no maxlength: the browser would cut a longer paste silently; the counter and the server say it instead
    client = Client()
    client.force_login(world["users"]["reviewer"])
    page = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    field = page[page.index(f'id="c-{_first(job).pk}"') :]
    assert "maxlength" not in field[: field.index(">")]
    assert 'id="comment-count-labels" data-max="1000"' in page


def test_the_refusal_is_shown_at_the_cue_in_the_editor(job, world) -> None:
    u = world["users"]
    services.cue_save(actor=u["translator"], cue=_first(job), text="Merhaba dostum!", submit=True)
    client = Client()
    client.force_login(u["reviewer"])
    response = client.post(
        f"/en/localization/cues/{_first(job).pk}/review",
        {"decision": "return", "comment": "ç" * 1001},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    answer = response.content.decode()
    # under the comment field (swapped in out of band), which keeps what was typed
    pk = _first(job).pk
    assert f'id="ce-{pk}" hx-swap-oob="true" role="alert">A comment holds at most 1,000 characters.' in answer
    assert f'id="v-{pk}"' not in answer  # nothing was written: the row keeps its version
