"""The dubbing pages and lists stay the same size per row however many people and jobs there are: the job
page offers the voice actors once (not once per character), the list of jobs and its API page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.catalogue.models import Film, FilmStatus, FilmTitle, Person
from korkyt.localization import services
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing import views
from korkyt.localization.dubbing.models import DubbingCharacter, VoiceProfile
from tests.localization.dubbing.conftest import TR_SRT

pytestmark = pytest.mark.django_db


def _options(page: str) -> int:
    return len(re.findall(r"<option\b", page))


def test_the_job_page_offers_the_voice_actors_once_however_many_characters(dub_job, dub_world):
    people = Person.objects.bulk_create([Person() for _ in range(30)])
    VoiceProfile.objects.bulk_create([VoiceProfile(person=p, languages=" tr ", voice="male") for p in people])
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/"
    few = client.get(url).content.decode()
    DubbingCharacter.objects.bulk_create(
        [DubbingCharacter(job=dub_job, name=f"EXTRA {i}") for i in range(10)]
    )
    many = client.get(url).content.decode()
    assert "EXTRA 9" in many
    # each character adds itself to the cast form and to the two selects of the merge form, no more
    assert _options(many) - _options(few) <= 3 * 10, (_options(few), _options(many))
    assert max(c.pk for c in dub_job.characters.all()) < people[-1].pk
    assert many.count(f'<option value="{people[-1].pk}"') == 1
    # one labelled form casts, one merges; each control has its label
    for control in ("cast-character", "cast-person", "merge-character", "merge-into"):
        assert f'for="{control}"' in many and f'id="{control}"' in many
    assert 'name="action" value="cast"' in many and many.count('name="action" value="merge"') == 1


def test_a_row_link_chooses_its_character_in_the_forms(dub_job, dub_world):
    ayse = dub_job.characters.get(name="AYŞE")
    leyla = dub_world["actors"][0]
    VoiceProfile.objects.create(person=leyla, languages=" tr ", voice="female")
    dubbing.character_cast(actor=dub_world["users"]["director"], character=ayse, person=leyla)
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/"
    page = client.get(url).content.decode()
    assert f'href="?character={ayse.pk}#cast"' in page
    # without a choice the form starts on the first character, with its voice actor (not "—", which uncasts)
    cast = page.split('id="cast"', 1)[1].split("</form>", 1)[0]
    first = re.search(r'<select id="cast-character"[^>]*>\s*<option value="(\d+)"[^>]*selected', cast)
    assert first is not None
    page = client.get(url, {"character": ayse.pk}).content.decode()
    assert f'<option value="{ayse.pk}" lang="tr" selected>AYŞE</option>' in page
    assert f'<option value="{leyla.pk}" lang="az-Latn" selected>' in page  # its voice actor
    for junk in ("x", "99999999999999999999", "١٢"):
        assert client.get(url, {"character": junk}).status_code == 200
    response = client.post(
        f"/en/localization/dubbing/{dub_job.pk}/characters",
        {"action": "merge", "character": ayse.pk, "into": dub_job.characters.get(name="MEHMET").pk},
    )
    assert response.status_code == 302 and not dub_job.characters.filter(pk=ayse.pk).exists()


def _jobs(dub_world, n: int, start: int) -> None:
    u = dub_world["users"]
    for i in range(start, start + n):
        film = Film.objects.create(owner=dub_world["kz"], status=FilmStatus.PUBLISHED, year=2024)
        FilmTitle.objects.create(film=film, text=f"Dala {i}", language="kk-Latn")
        track = services.track_upload(
            actor=u["kz_editor"], film=film, language="tr", data=TR_SRT, file_name=f"d{i}.tr.srt"
        )
        dubbing.dubbing_order(
            actor=u["kz_editor"],
            film=film,
            target_language="az",
            source_track=track,
            adapter=u["adapter"],
            director=u["director"],
            studio_institution=dub_world["studio"],
            enqueue=False,
        )


def test_the_list_of_jobs_pages_through_every_job_in_constant_queries(dub_world, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client = Client()
    client.force_login(dub_world["users"]["director"])

    def page(number: int, **params: str) -> tuple[int, str]:
        client.get("/en/localization/dubbing/")  # warm the session
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/en/localization/dubbing/", {"page": number, **params})
        assert response.status_code == 200
        return len(captured), response.content.decode()

    _jobs(dub_world, 3, 0)
    few, body = page(1)
    assert "Page 1 of 2" in body and 'href="?page=2"' in body
    _jobs(dub_world, 4, 3)
    many, body = page(2)
    assert "Page 2 of 4" in body
    assert many == few, (few, many)
    _q, last = page(4, keep="x")
    assert "Dala 0" in last and "Dala 6" not in last  # the oldest job is reached
    assert 'href="?page=3&amp;keep=x"' in last  # the pager keeps the other parameters


def test_the_api_lists_jobs_by_limit_and_offset(dub_world):
    client = Client()
    client.force_login(dub_world["users"]["director"])
    _jobs(dub_world, 3, 0)
    answer = client.get("/api/dubbing/jobs", {"limit": 2, "offset": 2}).json()
    assert answer["count"] == 3 and len(answer["items"]) == 1
    assert client.get("/api/dubbing/jobs", {"limit": 201}).status_code == 422
    assert len(client.get("/api/dubbing/jobs").json()["items"]) == 3


def test_the_merge_form_starts_on_two_different_characters(dub_job, dub_world):
    """Sent as it comes, the merge form merges the chosen character into another one, not into itself."""
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/"
    for query in ({}, {"character": dub_job.characters.order_by("-pk").first().pk}):
        page = client.get(url, query).content.decode()
        merge = page.split('id="merge"', 1)[1].split("</form>", 1)[0]
        character = re.search(
            r'<select id="merge-character".*?<option value="(\d+)"[^>]*selected', merge, re.S
        )
        into = re.search(r'<select id="merge-into".*?<option value="(\d+)"[^>]*selected', merge, re.S)
        assert character and into and character.group(1) != into.group(1), merge
