"""Speakers edited from the event editor (catalogue people, shown with lang-marked names), and the event's
record in its memorandum's report following it (published counts; draft, cancelled or moved does not)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import Person
from korkyt.events import services
from korkyt.events.models import Event
from korkyt.events.services import SpeakerData
from korkyt.institutions.models import CooperationArea, Institution, MemorandumActivity
from tests.events.conftest import make_event
from tests.events.test_editor import form_data, rows
from tests.factories import InstitutionFactory, UserFactory, memorandum, person

pytestmark = pytest.mark.django_db


def test_editor_adds_renames_and_removes_speakers(client: Client, organiser: Any) -> None:
    known = person(("Ермек Тұрсынов", "kk-Cyrl"))
    client.force_login(organiser)
    speakers = [
        {"name": "Ермек Тұрсынов", "language": ""},  # in the catalogue: linked, not duplicated
        {"name": "Aida Demo Sound", "language": "en"},  # new: added to the catalogue
        {"name": "Ayna Demo", "language": ""},  # guessed from the script
    ]
    answer = client.post("/en/events/new/", form_data(**rows("speakers", speakers)))
    assert answer.status_code == 302, answer.content.decode()[:3000]
    event = Event.objects.get()
    people = list(event.speakers.order_by("pk"))
    assert people[0] == known and len(people) == 3
    new = Person.objects.get(names__text="Aida Demo Sound")
    assert new.owner_id in institution_ids(organiser) and new.names.filter(language="en").exists()

    # The public page lists them, each name marked with its language, linked to the catalogue.
    page = client.get(f"/kk/events/{event.pk}/").content.decode()
    assert f'href="/kk/people/{known.pk}/" lang="kk-Cyrl">Ермек Тұрсынов</a>' in page

    # The editor shows the rows; removing one and naming someone by catalogue number saves both.
    edit = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    assert 'value="Aida Demo Sound"' in edit
    other = person(("Nuray Demo", "az-Latn"))
    kept = [{"id": p.pk, "name": str(p.names.first().text), "language": ""} for p in people]
    kept[1]["DELETE"] = "on"
    kept.append({"name": f"#{other.pk}", "language": ""})
    data = form_data(**rows("speakers", kept, initial=3))
    data["texts-INITIAL_FORMS"] = 3  # the three texts shown again, unchanged
    answer = client.post(f"/en/events/{event.pk}/edit/", data)
    assert answer.status_code == 302, re.findall(r'(?:<li>|role="alert">)([^<]+)<', answer.content.decode())
    assert set(event.speakers.all()) == {known, people[2], other}
    assert Person.objects.filter(pk=new.pk).exists()  # taken off the event, kept in the catalogue


def test_ambiguous_unknown_and_forbidden_speakers_are_refused_and_nothing_saved(organiser: Any) -> None:
    person(("Ali Demo", "en"))
    person(("Ali Demo", "tr"))
    with pytest.raises(ValidationError) as caught:
        make_event(organiser, speakers=[SpeakerData("Ali Demo"), SpeakerData("#999999"), SpeakerData(" ")])
    errors = caught.value.message_dict
    assert "give the catalogue number" in errors["speakers[0].name"][0]
    assert "999999" in errors["speakers[1].name"][0]
    assert errors["speakers[2].name"] == ["Give the speaker's name."]
    assert not Event.objects.exists()
    # Someone who edits no institution may not add people to the catalogue through an event.
    outsider = UserFactory(username="outsider", is_superuser=False)
    event = make_event(organiser)
    from korkyt.events.services.speakers import speakers_resolve

    found: dict[str, list[str]] = {}
    speakers_resolve(actor=outsider, speakers=[SpeakerData("Brand New Person")], organisers=[], errors=found)
    assert "only editors" in found["speakers[0].name"][0]
    assert not event.speakers.exists()


def test_the_memorandum_report_follows_the_event(organiser: Any) -> None:
    kz = Institution.objects.get(pk=min(institution_ids(organiser)))
    tm = InstitutionFactory(code="TM-TF", country="TM")
    memo = memorandum(kz, tm, areas=("master_classes", "workshops"))
    other = memorandum(kz, areas=("workshops",))
    workshops = CooperationArea.objects.get(code="workshops")
    # Early morning in Aktau is still the day before in UTC: the record is dated in the venue's time zone.
    start = dt.datetime(2027, 5, 12, 2, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    sessions = [services.SessionData(starts_at=start, ends_at=start + dt.timedelta(minutes=20))]
    with pytest.raises(ValidationError) as caught:
        make_event(organiser, memorandum=other, area=CooperationArea.objects.get(code="master_classes"))
    assert "does not cover" in caught.value.message_dict["area"][0]
    with pytest.raises(ValidationError) as caught:
        make_event(organiser, area=workshops)
    assert "memorandum" in caught.value.message_dict

    event = make_event(organiser, memorandum=memo, area=workshops, sessions=sessions)
    (row,) = MemorandumActivity.objects.filter(object_id=event.pk)
    assert (row.memorandum, row.area, row.happened_on) == (memo, workshops, dt.date(2027, 5, 12))

    spec = vars(services.event_spec(event)) | {"memorandum": other}
    services.event_update(actor=organiser, event=event, **spec)
    assert list(
        MemorandumActivity.objects.filter(object_id=event.pk).values_list("memorandum", flat=True)
    ) == [other.pk]
    services.event_transition(actor=organiser, event=event, name="unpublish")
    assert not MemorandumActivity.objects.filter(object_id=event.pk).exists()
    services.event_transition(actor=organiser, event=event, name="publish")
    services.event_transition(actor=organiser, event=event, name="cancel")
    assert not MemorandumActivity.objects.filter(object_id=event.pk).exists()


def test_the_editor_offers_visible_memoranda_by_title(client: Client, organiser: Any) -> None:
    kz = Institution.objects.get(pk=min(institution_ids(organiser)))
    memorandum(kz, InstitutionFactory(code="TM-TF", country="TM"), areas=("workshops",))
    memorandum(kz, status="draft", areas=("workshops",))
    client.force_login(organiser)
    page = client.get("/en/events/new/").content.decode()
    assert "Memorandum of cooperation: Kazakhstan — Turkmenistan" in page
    assert "Memorandum 1<" not in page and "Memorandum 2<" not in page
