"""Text typed just before the editor is left is sent by a request that outlives the page (editor.js: fetch
keepalive, else navigator.sendBeacon): a form POST to the autosave's address carrying the CSRF token in its
body (a beacon cannot set headers), the text and the row's version. The browser side is tried in
e2e/test_editor_unsaved.py."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.core.concurrency import version_of

pytestmark = pytest.mark.django_db


def _editor(job, world) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["translator"])
    page = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page)
    assert token, "the editor gives its script the CSRF token"
    return client, token.group(1)


def test_a_beacon_save_is_accepted_with_the_token_in_its_body(job, world):
    client, token = _editor(job, world)
    cue = job.cues.order_by("position").first()
    response = client.post(
        f"/en/localization/cues/{cue.pk}/save",
        {"csrfmiddlewaretoken": token, "text": "Gün doğuyor.", "version": version_of(cue)},
    )
    assert response.status_code == 302
    cue.refresh_from_db()
    assert cue.text == "Gün doğuyor."


def test_a_keepalive_save_answers_as_the_autosave_with_the_new_version(job, world):
    client, token = _editor(job, world)
    cue = job.cues.order_by("position").first()
    response = client.post(
        f"/en/localization/cues/{cue.pk}/save",
        {"text": "Gün doğuyor.", "version": version_of(cue)},
        HTTP_X_CSRFTOKEN=token,
        HTTP_HX_REQUEST="true",
    )
    cue.refresh_from_db()
    assert response.status_code == 200 and cue.text == "Gün doğuyor."
    assert f'id="v-{cue.pk}" value="{version_of(cue)}"' in response.content.decode()


def test_a_beacon_with_an_old_version_writes_nothing(job, world):
    client, token = _editor(job, world)
    cue = job.cues.order_by("position").first()
    old = version_of(cue)
    client.post(
        f"/en/localization/cues/{cue.pk}/save", {"csrfmiddlewaretoken": token, "text": "A", "version": old}
    )
    client.post(
        f"/en/localization/cues/{cue.pk}/save", {"csrfmiddlewaretoken": token, "text": "B", "version": old}
    )
    cue.refresh_from_db()
    assert cue.text == "A"


def test_without_the_token_nothing_is_saved(job, world):
    client, _token = _editor(job, world)
    cue = job.cues.order_by("position").first()
    response = client.post(f"/en/localization/cues/{cue.pk}/save", {"text": "X", "version": version_of(cue)})
    assert response.status_code == 403
