"""After a change to the job page's characters, the page opens on the characters section and says there,
not at the top of the page (scrolled out of view), that they were saved or why not."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _section(page: str, section: str) -> str:
    start = page.index(f'<section id="{section}"')
    return page[start : page.index("</section>", start)]


def _top(page: str) -> str:
    return page[: page.index("<section")]


def test_the_saved_characters_are_announced_in_their_section(dub_job, dub_world):
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    url = f"/en/localization/dubbing/{dub_job.pk}/characters"
    response = client.post(url, {"action": "create", "name": "NURAY"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/localization/dubbing/{dub_job.pk}/#characters"
    page = client.get(response["Location"]).content.decode()
    said = '<ul class="messages" role="status"><li class="success">The characters were saved.</li></ul>'
    assert said in _section(page, "characters")
    assert "The characters were saved." not in _top(page)
    assert "The characters were saved." not in client.get(response["Location"]).content.decode()  # said once


def test_a_refused_change_is_said_in_the_section_too(dub_job, dub_world):
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    url = f"/en/localization/dubbing/{dub_job.pk}/characters"
    response = client.post(url, {"action": "rename", "character": "", "name": "X"})
    assert response["Location"] == f"/en/localization/dubbing/{dub_job.pk}/#characters"
    page = client.get(response["Location"]).content.decode()
    assert (
        '<ul class="messages" role="alert"><li class="error">Choose a character of this job.</li></ul>'
        in (_section(page, "characters"))
    )
    assert "Choose a character of this job." not in _top(page)


def test_other_messages_stay_at_the_top_of_the_page(dub_job, dub_world):
    client = Client()
    client.force_login(dub_world["users"]["director"])
    client.post(f"/en/localization/dubbing/{dub_job.pk}/approve")  # refused: lines are not approved yet
    page = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert '<ul class="messages" role="status">' in _top(page)
