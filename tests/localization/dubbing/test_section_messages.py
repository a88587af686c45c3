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


def test_an_output_queued_or_refused_is_said_in_the_outputs(dub_job, dub_world):
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    url = f"/en/localization/dubbing/{dub_job.pk}/outputs"
    back = f"/en/localization/dubbing/{dub_job.pk}/#outputs"
    queued = client.post(url, {"output": "script.pdf"})
    assert queued.status_code == 302 and queued["Location"] == back
    page = client.get(back).content.decode()
    said = "The output is queued; its file appears below when it is ready."
    assert said in _section(page, "outputs") and said not in _top(page)
    refused = client.post(url, {"output": "script.exe"})
    assert refused["Location"] == back
    page = client.get(back).content.decode()
    alert = _section(page, "outputs").split('<ul class="messages" role="alert">', 1)
    assert len(alert) == 2 and "</li>" in alert[1] and '<li class="error">' not in _top(page)


def test_an_output_refused_through_htmx_is_said_in_the_swapped_list(dub_job, dub_world):
    """htmx swaps in only the list of files: the refusal is in it, not kept for a later page."""
    client = Client()
    client.force_login(dub_world["users"]["adapter"])
    url = f"/en/localization/dubbing/{dub_job.pk}/outputs"
    answer = client.post(url, {"output": "script.exe"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    html = answer.content.decode()
    status = html[html.index('<div id="outputs-status"') :]
    assert '<p class="error">' in status  # read out by the list's own status region
    later = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert 'role="alert"' not in later  # nothing left over for the next page
