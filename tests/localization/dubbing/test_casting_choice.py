"""The casting page's "Cast as" choice starts on the character the voice actor already plays (pressing the
button as it is recasts nobody), or on an empty choice when they play none; an empty choice is refused with
the reason on the casting page, where the search is kept and the reader lands on the results."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.localization.dubbing import casting
from korkyt.localization.dubbing import services as dubbing

pytestmark = pytest.mark.django_db


@pytest.fixture
def director(dub_job, dub_world):  # type: ignore[no-untyped-def]
    user = dub_world["users"]["director"]
    for actor in dub_world["actors"]:
        casting.voice_profile_save(actor=user, job=dub_job, person=actor, languages=["tr"], voice="female")
    client = Client()
    client.force_login(user)
    return client


def _select(page: str, person_pk: int) -> str:
    found = re.search(
        rf'<select id="cast-as-{person_pk}" name="character" required>(.*?)</select>', page, re.S
    )
    assert found, person_pk
    return found.group(1)


def test_the_choice_starts_on_the_character_the_actor_plays(dub_job, dub_world, director):
    leyla, rashad = dub_world["actors"]
    mehmet = dub_job.characters.get(name="MEHMET")
    dubbing.character_cast(actor=dub_world["users"]["director"], character=mehmet, person=leyla)
    page = director.get(f"/en/localization/dubbing/{dub_job.pk}/casting/").content.decode()
    lang = dub_job.target_language
    assert f'<option value="{mehmet.pk}" lang="{lang}" selected>MEHMET</option>' in _select(page, leyla.pk)
    assert _select(page, leyla.pk).count(" selected") == 1
    # who plays nobody starts on the empty choice, the first option, nothing else selected
    assert _select(page, rashad.pk).startswith('<option value="">— choose —</option>')
    assert " selected" not in _select(page, rashad.pk)


def test_an_empty_choice_casts_nobody_and_says_why_on_the_casting_page(dub_job, dub_world, director):
    leyla = dub_world["actors"][0]
    ayse = dub_job.characters.get(name="AYŞE")
    dubbing.character_cast(actor=dub_world["users"]["director"], character=ayse, person=leyla)
    search = f"/en/localization/dubbing/{dub_job.pk}/casting/?voice=female"
    response = director.post(
        f"/en/localization/dubbing/{dub_job.pk}/characters",
        {"action": "cast", "person": leyla.pk, "character": "", "next": search},
    )
    assert response.status_code == 302 and response["Location"] == search + "#matches"
    assert list(dub_job.characters.filter(voice_actor=leyla)) == [ayse]  # nothing changed
    page = director.get(search).content.decode()
    matches = page[page.index('<section id="matches"') :]
    assert (
        '<ul class="messages" role="alert"><li class="error">Choose a character of this job.</li></ul>'
        in (matches[: matches.index("</section>")])
    )
    top = page[: page.index('<section id="matches"')]
    assert "Choose a character of this job." not in top  # said once, where the reader lands


def test_a_next_address_off_the_site_is_ignored(dub_job, dub_world, director):
    leyla = dub_world["actors"][0]
    response = director.post(
        f"/en/localization/dubbing/{dub_job.pk}/characters",
        {"action": "cast", "person": leyla.pk, "character": "", "next": "https://elsewhere.example/"},
    )
    assert response["Location"] == f"/en/localization/dubbing/{dub_job.pk}/#characters"


@pytest.mark.parametrize("elsewhere", ["/en/", "/en/localization/dubbing/999/casting/", "/en/x#frag"])
def test_a_refusal_goes_back_to_the_casting_page_only_from_it(dub_job, dub_world, director, elsewhere):
    """Any other page has no matches section to say it in: the refusal goes to the job's characters."""
    leyla = dub_world["actors"][0]
    url = f"/en/localization/dubbing/{dub_job.pk}/characters"
    casting = f"/en/localization/dubbing/{dub_job.pk}/casting/?who=ley#top"
    answer = director.post(url, {"action": "cast", "person": leyla.pk, "character": "", "next": casting})
    assert answer["Location"] == f"/en/localization/dubbing/{dub_job.pk}/casting/?who=ley#matches"
    director.get(answer["Location"])  # said there
    other = director.post(url, {"action": "cast", "person": leyla.pk, "character": "", "next": elsewhere})
    assert other["Location"] == f"/en/localization/dubbing/{dub_job.pk}/#characters"
    page = director.get(other["Location"]).content.decode()
    assert "Choose a character of this job." in page
