"""A memorandum's public report counts what its parties made under it: a film, an event or a translation
job is placed under a memorandum only by an editor of one of its parties (or an administrator); a link
made before stays while someone else edits the record (co-productions: tests/coproduction/
test_counted_once_approved.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.catalogue import services as film_services
from korkyt.events import services as event_services
from korkyt.events.forms import EventForm
from korkyt.institutions.models import CooperationArea, MemorandumActivity
from korkyt.localization import services as localization_services
from tests.events.conftest import make_event
from tests.events.test_editor import form_data
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, film, memorandum
from tests.localization.conftest import build_world

pytestmark = pytest.mark.django_db

AREAS = ("joint_feature", "workshops", "translation_dubbing", "master_classes")


def _headers(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _fields(answer: Any) -> list[str]:
    return [e["field"] for e in answer.json()["errors"]]


@pytest.fixture
def world() -> dict[str, Any]:
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    az = InstitutionFactory(code="AZ-B", country="AZ")
    tr = InstitutionFactory(code="TR-C", country="TR")
    return {
        "kz": kz,
        "editor": MembershipFactory(user=UserFactory(username="editor-kz"), institution=kz).user,
        "admin": UserFactory(username="root", is_superuser=True, is_staff=True),
        "ours": memorandum(kz, az, areas=AREAS),  # KZ–AZ: the KZ editor's institution is a party
        "theirs": memorandum(az, tr, areas=AREAS),  # AZ–TR: not theirs
    }


# --- films -----------------------------------------------------------------------------------------------


def test_a_film_is_placed_only_under_a_memorandum_of_its_editors_party(client: Client, world):  # type: ignore[no-untyped-def]
    theirs, headers = world["theirs"], _headers(world["editor"])
    movie = film(world["kz"], ("Steppe Song", "en"), status="draft")
    answer = client.patch(
        f"/api/films/{movie.pk}",
        {"memorandum": theirs.pk, "area": "joint_feature", "status": "published"},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 422, answer.content
    assert _fields(answer) == ["memorandum"]
    assert "parties" in answer.json()["errors"][0]["message"]
    movie.refresh_from_db()
    assert movie.memorandum_id is None and movie.status == "draft"
    assert client.get(f"/api/memoranda/{theirs.pk}/report").json()["total"] == 0
    assert "Steppe Song" not in client.get(f"/en/memoranda/{theirs.pk}/activities/").content.decode()

    answer = client.patch(
        f"/api/films/{movie.pk}",
        {"memorandum": world["ours"].pk, "area": "joint_feature", "status": "published"},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200, answer.content
    assert client.get(f"/api/memoranda/{world['ours'].pk}/report").json()["total"] == 1
    assert "Steppe Song" in client.get(f"/en/memoranda/{world['ours'].pk}/activities/").content.decode()


def test_a_film_placed_before_under_another_partys_memorandum_is_still_edited(client: Client, world):  # type: ignore[no-untyped-def]
    theirs, headers = world["theirs"], _headers(world["editor"])
    movie = film(world["kz"], ("Steppe Song", "en"))
    film_services.film_update(actor=world["admin"], film=movie, memorandum=theirs.pk, area="joint_feature")
    for change in ({"runtime": 95}, {"memorandum": theirs.pk, "area": "joint_feature", "year": 2001}):
        answer = client.patch(
            f"/api/films/{movie.pk}", change, content_type="application/json", headers=headers
        )
        assert answer.status_code == 200, answer.content
    movie.refresh_from_db()
    assert (movie.memorandum_id, movie.runtime, movie.year) == (theirs.pk, 95, 2001)
    # moving it within that memorandum is placing it anew: refused; taking it out is the film's editors'
    answer = client.patch(
        f"/api/films/{movie.pk}", {"area": "workshops"}, content_type="application/json", headers=headers
    )
    assert answer.status_code == 422 and _fields(answer) == ["memorandum"]
    answer = client.patch(
        f"/api/films/{movie.pk}",
        {"memorandum": None, "area": None},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200
    assert not MemorandumActivity.objects.filter(memorandum=theirs).exists()


# --- events ----------------------------------------------------------------------------------------------


def test_the_event_form_offers_and_accepts_only_the_memoranda_of_its_editors_parties(client: Client, world):  # type: ignore[no-untyped-def]
    editor, theirs = world["editor"], world["theirs"]
    offered = set(EventForm(user=editor, event=None).fields["memorandum"].queryset)  # type: ignore[attr-defined]
    assert offered == {world["ours"]}
    assert set(EventForm(user=world["admin"], event=None).fields["memorandum"].queryset) == {  # type: ignore[attr-defined]
        world["ours"],
        theirs,
    }
    workshops = CooperationArea.objects.get(code="workshops")
    client.force_login(editor)
    answer = client.post("/en/events/new/", form_data(memorandum=theirs.pk, area=workshops.pk))
    assert answer.status_code == 422
    assert "memorandum" in answer.context["form"].errors
    with pytest.raises(ValidationError) as caught:  # the service refuses it too
        make_event(editor, memorandum=theirs, area=workshops)
    assert list(caught.value.message_dict) == ["memorandum"]
    assert not MemorandumActivity.objects.filter(memorandum=theirs).exists()


def test_an_event_placed_before_under_another_partys_memorandum_is_still_edited(world):  # type: ignore[no-untyped-def]
    editor, theirs = world["editor"], world["theirs"]
    event = make_event(editor)
    workshops = CooperationArea.objects.get(code="workshops")
    spec = vars(event_services.event_spec(event)) | {"memorandum": theirs, "area": workshops}
    event_services.event_update(actor=world["admin"], event=event, **spec)
    event.refresh_from_db()
    form = EventForm(user=editor, event=event)
    assert theirs in form.fields["memorandum"].queryset  # type: ignore[attr-defined]
    spec = vars(event_services.event_spec(event)) | {"venue": "Aktau, the Caspian hall"}
    event_services.event_update(actor=editor, event=event, **spec)
    event.refresh_from_db()
    assert event.memorandum_id == theirs.pk and event.venue == "Aktau, the Caspian hall"
    master = CooperationArea.objects.get(code="master_classes")
    with pytest.raises(ValidationError) as caught:
        event_services.event_update(actor=editor, event=event, **(spec | {"area": master}))
    assert list(caught.value.message_dict) == ["memorandum"]


# --- translation jobs --------------------------------------------------------------------------------------


def test_a_job_is_ordered_only_under_a_memorandum_of_its_orderers_party(client: Client):  # type: ignore[no-untyped-def]
    place = build_world()
    users = place["users"]
    az = InstitutionFactory(code="AZ-B", country="AZ")
    theirs = memorandum(az, place["tr"], areas=("translation_dubbing",))
    with pytest.raises(ValidationError) as caught:
        localization_services.job_order(
            actor=users["kz_editor"],
            source=place["track"],
            target_language="tr",
            assignee=users["translator"],
            reviewer=users["reviewer"],
            memorandum=theirs,
            enqueue=False,
        )
    assert list(caught.value.message_dict) == ["memorandum"]
    payload = {
        "source_track": place["track"].pk,
        "target_language": "tr",
        "assignee": users["translator"].username,
        "reviewer": users["reviewer"].username,
        "memorandum": theirs.pk,
    }
    headers = _headers(users["kz_editor"])
    answer = client.post("/api/localization/jobs", payload, content_type="application/json", headers=headers)
    assert answer.status_code == 422 and _fields(answer) == ["memorandum"]
    assert not MemorandumActivity.objects.filter(memorandum=theirs).exists()
    # the order form offers the memoranda of the orderer's parties only
    client.force_login(users["kz_editor"])
    page = client.get(f"/en/localization/tracks/{place['track'].pk}/").content.decode()
    select = re.search(r'<select name="memorandum".*?</select>', page, re.S)
    assert select is not None
    values = set(re.findall(r'value="(\d+)"', select.group(0)))
    assert values == {str(place["memo"].pk)}
    payload["memorandum"] = place["memo"].pk
    answer = client.post("/api/localization/jobs", payload, content_type="application/json", headers=headers)
    assert answer.status_code == 201, answer.content
