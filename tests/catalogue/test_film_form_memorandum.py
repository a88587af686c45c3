"""The film form places a film under a memorandum and one of its areas, as ``POST /api/films`` does: it
offers the memoranda the editor may record activities under (their institution is a party), keeps the one
the film is under for an editor who is no party to it, and names every refusal on its field, saving
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue.models import Film
from korkyt.institutions.models import MemorandumActivity, MemorandumTranslation
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, memorandum

pytestmark = pytest.mark.django_db

NEW = "/en/staff/films/new/"


@pytest.fixture
def world(kz: Any) -> dict[str, Any]:
    az, tr = (
        InstitutionFactory(code="AZ-MEMO", country="AZ"),
        InstitutionFactory(code="TR-MEMO", country="TR"),
    )
    ours = memorandum(kz, az, areas=("joint_feature", "translation_dubbing"))
    MemorandumTranslation.objects.create(memorandum=ours, language="ru", title="Соглашение о кино")
    theirs = memorandum(az, tr)
    MemorandumTranslation.objects.create(memorandum=theirs, language="tr", title="Azerbaycan–Türkiye")
    return {"ours": ours, "theirs": theirs}


def _data(**over: object) -> dict[str, object]:
    return {
        "owner": "KZ-FILM",
        "title": "Ортақ фильм",
        "title_language": "kk-Cyrl",
        "kind": "feature",
        "status": "published",
        "year": "2024",
        "synopsis_language": "en",
        **over,
    }


def test_an_editor_places_a_new_film_under_their_memorandum(editor: Client, world: dict[str, Any]) -> None:
    page = editor.get(NEW).content.decode()
    # their institution's memorandum, by its title marked with its language; not another pair's
    assert f'<option value="{world["ours"].pk}" lang="ru">Соглашение о кино</option>' in page
    assert "Azerbaycan–Türkiye" not in page
    answer = editor.post(NEW, _data(memorandum=str(world["ours"].pk), area=_area("translation_dubbing")))
    assert answer.status_code == 302, answer.content.decode()
    made = Film.objects.get()
    assert (made.memorandum_id, made.area.code) == (world["ours"].pk, "translation_dubbing")
    activity = MemorandumActivity.objects.get(memorandum=world["ours"])
    assert (activity.object_id, activity.area.code) == (made.pk, "translation_dubbing")


def _area(code: str) -> str:
    from korkyt.institutions.models import CooperationArea

    return str(CooperationArea.objects.get(code=code).pk)


@pytest.mark.parametrize(
    ("over", "field", "message"),
    [
        # another pair's memorandum is no choice of theirs (the API says "Unknown memorandum.")
        ({"memorandum": "theirs", "area": "joint_feature"}, "memorandum", "Select a valid choice."),
        ({"memorandum": "ours", "area": "festival_participation"}, "area", "does not cover that area"),
        ({"area": "joint_feature"}, "memorandum", "Give the memorandum the area belongs to."),
        ({"memorandum": "99999999999999999999999"}, "memorandum", "Select a valid choice."),
    ],
)
def test_a_refused_placement_is_named_on_its_field_and_nothing_is_saved(
    editor: Client, world: dict[str, Any], over: dict[str, str], field: str, message: str
) -> None:
    data = _data()
    if "memorandum" in over:
        data["memorandum"] = (
            str(world[over["memorandum"]].pk) if over["memorandum"] in world else over["memorandum"]
        )
    if "area" in over:
        data["area"] = _area(over["area"])
    answer = editor.post(NEW, data)
    assert answer.status_code == 200
    form = answer.context["form"]
    assert message in " ".join(form.errors.get(field, [])), form.errors
    assert not Film.objects.exists() and not MemorandumActivity.objects.exists()
    assert 'value="Ортақ фильм"' in answer.content.decode()  # what was typed is kept


def test_an_editor_no_party_to_the_film_s_memorandum_edits_it_and_the_placement_stays(
    world: dict[str, Any],
) -> None:
    uz = InstitutionFactory(code="UZ-OWN", country="UZ")
    made = film(uz, ("Birga film", "uz-Latn"), status="published")
    area = world["theirs"].areas.get()
    Film.objects.filter(pk=made.pk).update(memorandum=world["theirs"], area=area)
    client = Client()  # an editor of the owner, which is no party to the Azerbaijan–Türkiye memorandum
    client.force_login(MembershipFactory(user=UserFactory(username="uz-ed"), institution=uz).user)
    page = client.get(f"/en/staff/films/{made.pk}/edit/").content.decode()
    assert f'<option value="{world["theirs"].pk}" selected lang="tr">Azerbaycan–Türkiye</option>' in page
    assert "Соглашение о кино" not in page  # not theirs to choose
    edited = _data(owner="UZ-OWN", title="Birga film", title_language="uz-Latn", year="2023")
    answer = client.post(
        f"/en/staff/films/{made.pk}/edit/",
        {**edited, "memorandum": str(world["theirs"].pk), "area": str(area.pk)},
    )
    assert answer.status_code == 302, answer.context["form"].errors
    made.refresh_from_db()
    assert (made.memorandum_id, made.area_id, made.year) == (world["theirs"].pk, area.pk, 2023)
    # nor may they move it under another memorandum they are no party to
    answer = client.post(
        f"/en/staff/films/{made.pk}/edit/",
        {**edited, "memorandum": str(world["ours"].pk), "area": _area("joint_feature")},
    )
    assert "Select a valid choice." in " ".join(answer.context["form"].errors["memorandum"])
    # emptied, the film leaves the memorandum's report
    assert client.post(f"/en/staff/films/{made.pk}/edit/", edited).status_code == 302
    made.refresh_from_db()
    assert made.memorandum_id is None
    assert not MemorandumActivity.objects.filter(object_id=made.pk).exists()


def test_a_link_kept_as_it_was_survives_the_memorandum_dropping_the_area(
    editor: Client, world: dict[str, Any], kz: Any
) -> None:
    made = film(kz, ("Ортақ фильм", "kk-Cyrl"), status="published")
    dubbing = world["ours"].areas.get(code="translation_dubbing")
    Film.objects.filter(pk=made.pk).update(memorandum=world["ours"], area=dubbing)
    world["ours"].areas.remove(dubbing)  # the memorandum was amended after the film was placed
    answer = editor.post(
        f"/en/staff/films/{made.pk}/edit/",
        {**_data(year="2025"), "memorandum": str(world["ours"].pk), "area": str(dubbing.pk)},
    )
    assert answer.status_code == 302, answer.context["form"].errors
    made.refresh_from_db()
    assert (made.year, made.area_id) == (2025, dubbing.pk)


def test_a_draft_memorandum_the_editor_may_not_see_is_kept_but_not_named(world: dict[str, Any]) -> None:
    az, tr = (link.institution for link in world["theirs"].party_links.order_by("position"))
    draft = memorandum(az, tr, status="draft", signed_on=None)
    MemorandumTranslation.objects.create(memorandum=draft, language="en", title="Secret draft pact")
    uz = InstitutionFactory(code="UZ-DRAFT", country="UZ")
    made = film(uz, ("Birga film", "uz-Latn"), status="published")
    Film.objects.filter(pk=made.pk).update(memorandum=draft, area=draft.areas.get())
    client = Client()
    client.force_login(MembershipFactory(user=UserFactory(username="uz-d"), institution=uz).user)
    page = client.get(f"/en/staff/films/{made.pk}/edit/").content.decode()
    assert "Secret draft pact" not in page
    assert f'<option value="{draft.pk}" selected>A memorandum you may not see</option>' in page
    edited = {**_data(owner="UZ-DRAFT", title="Birga film", title_language="uz-Latn", year="2021")}
    answer = client.post(
        f"/en/staff/films/{made.pk}/edit/",
        {**edited, "memorandum": str(draft.pk), "area": str(draft.areas.get().pk)},
    )
    assert answer.status_code == 302, answer.context["form"].errors
    made.refresh_from_db()
    assert (made.memorandum_id, made.year) == (draft.pk, 2021)
