"""Casting search: voice profiles written by who may cast, found by language, voice, range, age and name,
ranked by dubbing roles in the language; cast from the results; bad input is named, never a 500."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from korkyt.catalogue.models import Person
from korkyt.localization.dubbing import casting
from korkyt.localization.dubbing import selectors as dubbing_selectors
from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.models import VoiceProfile
from tests.factories import person


def _person(*names: str) -> Person:
    """A catalogue person, written by the catalogue's services (so the name search finds them)."""
    return person(*((name, "az-Latn") for name in names))


@pytest.fixture
def voices(dub_job, dub_world):
    director = dub_world["users"]["director"]
    leyla, rashad = dub_world["actors"]
    aysel = _person("Aysel Məmmədova")
    save = casting.voice_profile_save
    save(actor=director, job=dub_job, person=leyla, languages=["az", "tr"], voice="female", range="high",
         age_min=18, age_max=40)  # fmt: skip
    save(actor=director, job=dub_job, person=rashad, languages="tr, ru", voice="male", range="low")
    save(actor=director, job=dub_job, person=aysel, languages=["tr-Latn"], voice="female", age_min=40)
    return {"leyla": leyla, "rashad": rashad, "aysel": aysel}


def _names(matches):
    return [m.name for m in matches]


def test_search_by_language_voice_range_age_and_name(dub_job, voices):
    matches, more = casting.voice_search(job=dub_job, language="tr")
    assert len(matches) == 3 and not more
    assert _names(casting.voice_search(job=dub_job, language="az-Latn")[0]) == ["Leyla Həsənova"]
    assert _names(casting.voice_search(job=dub_job, language="tr", voice="male")[0]) == ["Rəşad Əliyev"]
    assert _names(casting.voice_search(job=dub_job, range="high")[0]) == ["Leyla Həsənova"]
    assert set(_names(casting.voice_search(job=dub_job, voice="female", age=40)[0])) == {
        "Leyla Həsənova",
        "Aysel Məmmədova",
    }
    assert _names(casting.voice_search(job=dub_job, voice="female", age=55)[0]) == ["Aysel Məmmədova"]
    assert _names(casting.voice_search(job=dub_job, query="aysel")[0]) == ["Aysel Məmmədova"]
    assert casting.voice_search(job=dub_job, language="kk")[0] == []


def test_people_who_dubbed_in_the_language_come_first_and_show_their_roles_here(dub_job, dub_world, voices):
    director = dub_world["users"]["director"]
    mehmet = dub_job.characters.get(name="MEHMET")
    dubbing.character_cast(actor=director, character=mehmet, person=voices["aysel"])  # a role in Turkish
    matches, _more = casting.voice_search(job=dub_job, language="tr")
    assert matches[0].name == "Aysel Məmmədova"
    assert matches[0].roles_in_language == matches[0].roles == 1 and matches[0].cast_here == ["MEHMET"]
    assert all(m.roles == 0 for m in matches[1:])
    az, _more = casting.voice_search(job=dub_job, language="az")
    assert az[0].roles_in_language == 0


def test_saving_again_replaces_the_profile(dub_job, dub_world, voices):
    casting.voice_profile_save(
        actor=dub_world["users"]["studio_staff"], job=dub_job, person=voices["leyla"], languages="kk",
        voice="child",
    )  # fmt: skip
    profile = VoiceProfile.objects.get(person=voices["leyla"])
    assert profile.language_list == ["kk"] and profile.voice == "child" and profile.age_min is None
    assert VoiceProfile.objects.count() == 3


def test_only_who_may_cast_describes_a_voice(dub_job, dub_world):
    for who in ("adapter", "stranger"):
        with pytest.raises(PermissionDenied):
            casting.voice_profile_save(
                actor=dub_world["users"][who], job=dub_job, person=dub_world["actors"][0], languages="az",
                voice="male",
            )  # fmt: skip
    assert not VoiceProfile.objects.exists()


def test_every_bad_value_is_named(dub_job, dub_world):
    with pytest.raises(ValidationError) as exc:
        casting.voice_profile_save(
            actor=dub_world["users"]["director"], job=dub_job, person=dub_world["actors"][0],
            languages=["xx", "<script>"], voice="robot", range="ultra", age_min="50", age_max="9",
            notes="n" * 400,
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"languages", "voice", "range", "age_max", "notes"}
    assert "known: kk" in " ".join(exc.value.message_dict["languages"])
    with pytest.raises(ValidationError) as exc:
        casting.voice_profile_save(
            actor=dub_world["users"]["director"], job=dub_job, person=dub_world["actors"][0], languages=[],
            voice="male", age_min="-3",
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"languages", "age_min"}
    with pytest.raises(ValidationError) as exc:
        casting.voice_search(
            job=dub_job, language="klingon", voice="x", range="y", age="old", query="q" * 101
        )
    assert set(exc.value.message_dict) == {"language", "voice", "range", "age", "q"}


def test_the_page_finds_casts_and_describes(dub_job, dub_world, voices):
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/casting/"
    page = client.get(url).content.decode()  # the dub's language by default
    assert "3 voice actors found" in page and "Save the voice profile" in page
    page = client.get(url, {"language": "az", "voice": "female"}).content.decode()
    assert "1 voice actor found" in page and "Cast as" in page
    # a result, in its own language
    assert '<th scope="row" data-label="Voice actor" lang="az-Latn">Leyla Həsənova</th>' in page
    response = client.get(url, {"language": "<b>x</b>", "age": "abc", "q": "x" * 150})
    assert response.status_code == 400 and "Unknown language" in response.content.decode()
    aysel = voices["aysel"]
    response = client.post(
        f"/en/localization/dubbing/{dub_job.pk}/characters",
        {"action": "cast", "character": dub_job.characters.get(name="AYŞE").pk, "person": aysel.pk},
    )
    assert response.status_code == 302
    assert dub_job.characters.get(name="AYŞE").voice_actor == aysel
    detail = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert 'Studio: <span lang="en">Institution AZ-S</span>' in detail  # the studio by name, not "AZ-S"
    lang = dub_job.target_language
    # the character, in the dub's language
    assert f'<th scope="row" data-label="Character" lang="{lang}">AYŞE</th>' in detail
    name = aysel.names.first()
    assert f'lang="{name.language}"' in detail and name.text in detail  # the voice actor's name, in its own
    # ... in the table of actors and in the recording plan too
    assert f'<th scope="row" data-label="Voice actor" lang="{name.language}">{name.text}</th>' in detail
    assert f'<td data-label="Voice actor" lang="{name.language}">{name.text}</td>' in detail
    plan, _names = dubbing_selectors.recording_plan(dub_job, day_minutes=360)  # the page's default day
    days, visits = plan.days, plan.total_actor_days
    assert (f"{days} studio day;" if days == 1 else f"{days} studio days;") in detail  # not "1 studio days"
    assert (f"{visits} actor visit in all" if visits == 1 else f"{visits} actor visits in all") in detail
    new = _person("Nigar Quliyeva")
    response = client.post(
        url, {"person": new.pk, "languages": ["az", "tk"], "voice": "female", "age_min": "20"}
    )
    assert response.status_code == 302
    assert VoiceProfile.objects.get(person=new).language_list == ["az", "tk"]
    response = client.post(url, {"person": "999999999", "languages": ["az"], "voice": "female"})
    assert response.status_code == 400
    assert "Choose a person of the catalogue." in response.content.decode()
    # A refused profile is shown again with what was typed, each problem under its field.
    response = client.post(
        url,
        {
            "person": new.pk,
            "languages": ["az"],
            "voice": "female",
            "age_min": "40",
            "age_max": "7",
            "notes": "Sings alto",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert '<p class="error" id="id_age_max_error" role="alert">The oldest age played cannot be below' in body
    assert 'value="Sings alto"' in body and 'value="40"' in body
    assert f'<option value="{new.pk}" selected lang="az-Latn">Nigar Quliyeva' in body
    assert VoiceProfile.objects.get(person=new).age_min == 20  # the saved profile is untouched


def test_who_sees_the_page_and_who_may_write(dub_job, dub_world):
    url = f"/en/localization/dubbing/{dub_job.pk}/casting/"
    users = dub_world["users"]
    for who, status in (("adapter", 200), ("studio_staff", 200), ("stranger", 404)):
        client = Client()
        client.force_login(users[who])
        response = client.get(url)
        assert response.status_code == status, who
        if status == 200:
            assert ("Save the voice profile" in response.content.decode()) == (who == "studio_staff")
    client = Client()
    client.force_login(users["adapter"])
    response = client.post(url, {"person": dub_world["actors"][0].pk, "languages": ["az"], "voice": "male"})
    assert response.status_code == 403 and not VoiceProfile.objects.exists()
    assert Client().get(url).status_code == 302


@pytest.mark.parametrize("raw", ["²", "١٢", "99999999999999999999", "-1", ""])
def test_character_actions_read_ids_in_ascii_digits_only(dub_job, dub_world, raw):
    """An id in other digits ("²" passes str.isdigit but not int) or past 64 bits is an error on the
    form, never a server error, and changes nothing."""
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/characters"
    ayse = dub_job.characters.get(name="AYŞE")
    for data in (
        {"action": "rename", "character": raw, "name": "X"},
        {"action": "merge", "character": ayse.pk, "into": raw},
        {"action": "cast", "character": ayse.pk, "person": raw or "x"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200, data
        assert "Choose" in response.content.decode(), data
    ayse.refresh_from_db()
    assert ayse.name == "AYŞE" and ayse.voice_actor is None
    assert dub_job.characters.filter(pk=ayse.pk).exists()


def test_the_lists_of_people_stay_short_and_reach_anyone_by_name(dub_job, dub_world, voices):
    """The job page offers the voice actors of the dub's language and whoever is cast; the voice-profile
    form offers the voice actors and whoever a name finds, never the whole catalogue in pk order."""
    director = dub_world["users"]["director"]
    Person.objects.bulk_create([Person() for _ in range(40)])  # people who are no voice actors
    kk_only = _person("Dana Kemel")
    casting.voice_profile_save(actor=director, job=dub_job, person=kk_only, languages=["kk"], voice="female")
    late = person(("Нигяр Гулиева", "ru"), ("Nigar Guliyeva", "az-Latn"))  # the newest, in Cyrillic first
    castable = {p.pk for p in dubbing_selectors.castable_people(dub_job)}
    # Turkish: Leyla (az, tr), Rashad (tr, ru) and Aysel (tr); not the Kazakh-only voice nor anyone else
    assert castable == {voices["leyla"].pk, voices["rashad"].pk, voices["aysel"].pk}
    mehmet = dub_job.characters.get(name="MEHMET")
    dubbing.character_cast(actor=director, character=mehmet, person=late)
    assert late.pk in {
        p.pk for p in dubbing_selectors.castable_people(dub_job)
    }  # cast here: kept in the list
    assert dubbing_selectors.people_found("nigar") == [late.pk]  # by a name in another script
    assert dubbing_selectors.people_found("   ") == []
    described = {p.pk for p in dubbing_selectors.people_to_describe(found=[])}
    assert described == {voices["leyla"].pk, voices["rashad"].pk, voices["aysel"].pk, kk_only.pk}
    assert late.pk in {p.pk for p in dubbing_selectors.people_to_describe(found=[late.pk])}
    assert late.pk in {p.pk for p in dubbing_selectors.people_to_describe(found=[], chosen=str(late.pk))}
    for junk in ("x", "-1", "1" * 40, None, "١٢", "0", 7):
        assert {p.pk for p in dubbing_selectors.people_to_describe(found=[], chosen=junk)} == described


def test_the_page_finds_a_person_by_name_to_describe(dub_job, dub_world, voices):
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/casting/"
    Person.objects.bulk_create([Person() for _ in range(30)])
    new = _person("Nigar Quliyeva")
    page = client.get(url).content.decode()
    assert f'<option value="{new.pk}"' not in page  # no voice actor yet, no search: not offered
    page = client.get(url, {"who": "quliye"}).content.decode()
    assert "1 person in the catalogue has a name with “quliye”: choose them under Person." in page
    assert f'<option value="{new.pk}" selected lang="az-Latn">Nigar Quliyeva' in page  # the one found
    assert 'action="?who=quliye#profile"' in page
    page = client.get(url, {"who": "<script>nobody"}).content.decode()
    assert "Nobody in the catalogue has a name with “&lt;script&gt;nobody”." in page
    response = client.post(url + "?who=quliye", {"person": new.pk, "languages": ["tr"], "voice": "female"})
    assert response.status_code == 302
    assert VoiceProfile.objects.get(person=new).language_list == ["tr"]
    # now a Turkish voice actor: offered on the job page, by name
    detail = client.get(f"/en/localization/dubbing/{dub_job.pk}/").content.decode()
    assert f'<option value="{new.pk}" lang="az-Latn">Nigar Quliyeva</option>' in detail


@pytest.mark.parametrize("name", ["Rasad", "RƏŞAD", "rəşad əliyev", "Рашад", "ALIYEV"])
def test_people_are_found_by_name_in_any_case_spelling_and_script(dub_job, dub_world, voices, name):
    rashad = voices["rashad"]
    assert dubbing_selectors.people_found(name) == [rashad.pk]
    assert _names(casting.voice_search(job=dub_job, query=name)[0]) == ["Rəşad Əliyev"]


def test_a_refused_character_change_comes_back_to_the_characters_where_the_refusal_is_said(
    dub_job, dub_world
):
    """Refused or saved, a change to the characters comes back to their section, and the message is said
    inside it (a message at the top of the page would be scrolled out of view by the anchor)."""
    client = Client()
    client.force_login(dub_world["users"]["director"])
    url = f"/en/localization/dubbing/{dub_job.pk}/characters"
    ayse = dub_job.characters.get(name="AYŞE")
    refused = client.post(url, {"action": "merge", "character": ayse.pk, "into": ayse.pk})
    assert refused.status_code == 302
    assert refused["Location"] == f"/en/localization/dubbing/{dub_job.pk}/#characters"
    page = client.get(refused["Location"]).content.decode()
    section = page[page.index('<section id="characters"') :]
    assert '<ul class="messages" role="alert"><li class="error">' in section[: section.index("</section>")]
    saved = client.post(url, {"action": "rename", "character": ayse.pk, "name": "AYŞE HANIM"})
    assert saved["Location"].endswith(f"/dubbing/{dub_job.pk}/#characters")
    no_video = client.post(f"/en/localization/dubbing/{dub_job.pk}/video")  # no file chosen
    assert no_video["Location"] == f"/en/localization/dubbing/{dub_job.pk}/"
