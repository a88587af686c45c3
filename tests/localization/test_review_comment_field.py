"""The reviewer's comment field and its buttons are a form: with JavaScript htmx sends them and the answer
says a refusal of the comment under the field (which keeps the text) and empties the field's error once
the review is done; without JavaScript the form posts, and a refusal shows the editor again with the
comment kept in its row's field, the reason under it and, when too long, by how much."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from korkyt.localization import services
from korkyt.localization.models import CueState, TargetCue

pytestmark = pytest.mark.django_db


def _first(job) -> TargetCue:
    return job.cues.order_by("position").first()


def _waiting(job, world) -> TargetCue:
    services.cue_save(
        actor=world["users"]["translator"], cue=_first(job), text="Merhaba dostum!", submit=True
    )
    return _first(job)


def _reviewer(world) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["reviewer"])
    return client


def _form_of(page: str, pk: int) -> str:
    start = page.index(f'<form class="review" id="r-{pk}"')
    return page[start : page.index("</form>", start)]


def test_the_review_controls_are_a_form_that_works_without_javascript(job, world) -> None:
    cue = _waiting(job, world)
    page = _reviewer(world).get(f"/en/localization/jobs/{job.pk}/").content.decode()
    form = _form_of(page, cue.pk)
    assert f'method="post" action="/en/localization/cues/{cue.pk}/review"' in form
    assert 'name="csrfmiddlewaretoken" value="' in form
    assert 'type="submit" name="decision" value="approve"' in form
    assert 'type="submit" name="decision" value="return"' in form
    # Enter in the comment field submits nothing (the form's default button is disabled), as before
    assert form.index("<button disabled hidden>") < form.index('name="comment"')
    assert f'id="v-{cue.pk}" value="' in page and f'form="r-{cue.pk}"' in page  # the version goes along


def test_without_javascript_a_comment_too_long_is_refused_keeping_the_text(job, world) -> None:
    cue = _waiting(job, world)
    client = _reviewer(world)
    page = client.get(f"/en/localization/jobs/{job.pk}/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    comment = "Festivalin adını böyle yaz. " * 40  # 1,120 characters
    response = client.post(
        f"/en/localization/cues/{cue.pk}/review",
        {"csrfmiddlewaretoken": token, "decision": "return", "comment": comment, "version": ""},
    )
    assert response.status_code == 400
    form = html.unescape(_form_of(response.content.decode(), cue.pk))
    assert f'value="{comment}"' in form
    assert 'aria-invalid="true"' in form
    assert f'id="cc-{cue.pk}">Characters over the limit: 120</span>' in form
    assert f'id="ce-{cue.pk}" role="alert">A comment holds at most 1,000 characters.</p>' in form
    assert _first(job).state == CueState.WAITING_REVIEW


def test_without_javascript_a_return_without_a_comment_says_so_under_the_field(job, world) -> None:
    cue = _waiting(job, world)
    client = Client()
    client.force_login(world["users"]["reviewer"])
    response = client.post(f"/en/localization/cues/{cue.pk}/review", {"decision": "return", "comment": " "})
    assert response.status_code == 400
    form = _form_of(response.content.decode(), cue.pk)
    assert f'id="ce-{cue.pk}" role="alert">Say what needs editing.</p>' in form
    assert f'id="cc-{cue.pk}"' not in form  # not too long: no counter


def test_without_javascript_a_review_done_goes_back_to_the_cue(job, world) -> None:
    cue = _waiting(job, world)
    client = Client()
    client.force_login(world["users"]["reviewer"])
    response = client.post(
        f"/en/localization/cues/{cue.pk}/review", {"decision": "return", "comment": "Kısalt"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#cue-{cue.pk}")
    assert _first(job).state == CueState.NEEDS_EDITING


def test_with_htmx_a_review_done_empties_the_error_under_the_field(job, world) -> None:
    cue = _waiting(job, world)
    client = Client()
    client.force_login(world["users"]["reviewer"])
    answer = client.post(
        f"/en/localization/cues/{cue.pk}/review",
        {"decision": "return", "comment": "Kısalt"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f'id="ce-{cue.pk}" hx-swap-oob="true"></p>' in answer
    assert f'id="v-{cue.pk}"' in answer
