"""The editor's keyboard help tells each person what Ctrl+Enter does for them: the translator submits the
cue for review, the reviewer approves it (a reviewer is never told to submit)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _editor(user, job) -> str:
    client = Client()
    client.force_login(user)
    return client.get(f"/en/localization/jobs/{job.pk}/").content.decode()


def test_the_translator_is_told_ctrl_enter_submits(world, job):
    page = _editor(world["users"]["translator"], job)
    assert "Ctrl+Enter: submit for review" in page


def test_the_reviewer_is_told_ctrl_enter_approves_not_submits(world, job):
    page = _editor(world["users"]["reviewer"], job)
    assert "Ctrl+Enter: approve the cue" in page
    assert "submit for review" not in page.lower()
