"""The adaptation editor is the workbench's one cue editor: a director's review sent without JavaScript and
refused shows the adaptation again, the comment kept in its row's field and the reason under it."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from korkyt.localization.models import CueState

pytestmark = pytest.mark.django_db


def test_a_refused_comment_is_kept_in_the_adaptation_editor(dub_job, dub_world):
    cue = dub_job.adaptation.cues.order_by("position").first()
    client = Client()
    client.force_login(dub_world["users"]["director"])
    comment = "ç" * 1001
    response = client.post(
        f"/en/localization/cues/{cue.pk}/review", {"decision": "return", "comment": comment}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f'id="c-{cue.pk}" placeholder="Comment"' in page and f'value="{comment}"' in page
    assert f'id="ce-{cue.pk}" role="alert">A comment holds at most 1,000 characters.</p>' in page
    assert f'id="cc-{cue.pk}">Characters over the limit: 1</span>' in page
    cue.refresh_from_db()
    assert cue.state != CueState.NEEDS_EDITING
