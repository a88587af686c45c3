"""The dubbing job page stays the same size per row however many people there are: it offers the voice
actors once, not once per character."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.catalogue.models import Person
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.models import DubbingCharacter, VoiceProfile

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
