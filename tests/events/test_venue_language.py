"""An event keeps the language its venue, address and sessions' rooms are written in; its pages, tickets and
API give it, so that the names are marked (``lang``) whatever the reader's language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from korkyt.events import services
from korkyt.events.models import Event
from korkyt.events.services.events import event_spec
from tests.events.test_editor import form_data

pytestmark = pytest.mark.django_db

PLACE = {"venue": "Ақтау, Мәдениет үйі", "address": "14-шағын аудан", "venue_language": "kk-Cyrl"}


def test_the_editor_keeps_the_venue_language_and_refuses_an_unknown_one(
    client: Client, organiser: Any
) -> None:
    client.force_login(organiser)
    assert 'name="venue_language"' in client.get("/en/events/new/").content.decode()
    refused = client.post("/en/events/new/", form_data(**{**PLACE, "venue_language": "xx"}))
    assert refused.status_code == 422 and not Event.objects.exists()
    # a form without the field (an older one): English, as the other fields it leaves out take defaults
    assert client.post("/en/events/new/", form_data(**{**PLACE, "venue_language": ""})).status_code == 302
    assert Event.objects.get().venue_language == "en"
    assert client.post("/en/events/new/", form_data(**PLACE)).status_code == 302
    event = Event.objects.latest("pk")
    assert (event.venue, event.venue_language) == ("Ақтау, Мәдениет үйі", "kk-Cyrl")
    edit = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    assert re.search(r'<option value="kk-Cyrl" selected>', edit)
    # An edit from a form without the field keeps the event's language (it does not fall back to English).
    from korkyt.events.forms import EventForm

    form = EventForm(data={**form_data(**PLACE), "venue_language": ""}, user=organiser, event=event)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["venue_language"] == "kk-Cyrl"
    spec = vars(event_spec(event))
    with pytest.raises(ValidationError) as error:
        services.event_update(actor=organiser, event=event, **{**spec, "venue_language": "klingon"})
    assert "venue_language" in error.value.message_dict
    event.refresh_from_db()
    assert event.venue_language == "kk-Cyrl"


@pytest.mark.parametrize("ui", ["en", "ru"])
def test_pages_mark_the_venue_and_rooms_with_their_language(client: Client, organiser: Any, ui: str) -> None:
    client.force_login(organiser)
    client.post("/en/events/new/", form_data(**PLACE))
    event = Event.objects.get()
    client.post(f"/en/events/{event.pk}/transition", {"name": "publish"})
    visitor = Client()
    detail = visitor.get(f"/{ui}/events/{event.pk}/").content.decode()
    assert '<span lang="kk-Cyrl">Ақтау, Мәдениет үйі, 14-шағын аудан</span>' in detail
    assert '<span lang="kk-Cyrl">Hall 1</span>' in detail  # the session's room, entered with the venue
    listing = visitor.get(f"/{ui}/events/").content.decode()
    assert '<span lang="kk-Cyrl">Ақтау, Мәдениет үйі</span>' in listing
    api = visitor.get(f"/api/events/{event.pk}").json()
    assert api["venue_language"] == "kk-Cyrl"


def _selected(html: str, name: str) -> str:
    """The value of the option selected in the select ``name``."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(1))
    return chosen.group(1) if chosen else ""


@pytest.mark.parametrize(
    ("country", "ui", "zone", "language"),
    [
        ("TR", "tr", "Europe/Istanbul", "tr"),
        ("KG", "ru", "Asia/Bishkek", "ru"),
        ("KZ", "kk", "Asia/Aqtau", "kk-Cyrl"),
    ],
)
def test_a_new_event_starts_in_the_editors_country_and_language(
    client: Client, country: str, ui: str, zone: str, language: str
) -> None:
    """A Turkish agency's editor is not handed Aktau's clock and English for the venue: a session typed
    in without looking would be two hours off."""
    from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

    editor = MembershipFactory(user=UserFactory(), institution=InstitutionFactory(country=country)).user
    client.force_login(editor)
    html = client.get(f"/{ui}/events/new/").content.decode()
    assert (_selected(html, "time_zone"), _selected(html, "venue_language")) == (zone, language)


def test_an_editor_in_two_countries_starts_on_the_default_time_zone(client: Client) -> None:
    from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

    editor = UserFactory()
    MembershipFactory(user=editor, institution=InstitutionFactory(country="TR"))
    MembershipFactory(user=editor, institution=InstitutionFactory(country="UZ"))
    client.force_login(editor)
    assert _selected(client.get("/uz/events/new/").content.decode(), "time_zone") == "Asia/Aqtau"


def test_a_new_events_first_title_is_in_the_interface_language_and_a_blank_one_is_no_row(
    client: Client, organiser: Any
) -> None:
    from tests.events.test_editor import rows

    client.force_login(organiser)
    assert _selected(client.get("/tr/events/new/").content.decode(), "texts-0-language") == "tr"
    # the first row left as it came (its language, no title) is no row: the title in the second counts
    texts = rows(
        "texts",
        [
            {"language": "tr", "title": "", "description": ""},
            {"language": "en", "title": "Sound", "description": ""},
        ],
    )
    assert client.post("/tr/events/new/", form_data(**texts)).status_code == 302
    assert event_spec(Event.objects.get()).titles == {"en": "Sound"}
    # and a title written in it is kept in that language
    texts = rows("texts", [{"language": "tr", "title": "Bozkırın sesi", "description": ""}])
    assert client.post("/tr/events/new/", form_data(**texts)).status_code == 302
    assert event_spec(Event.objects.latest("pk")).titles == {"tr": "Bozkırın sesi"}


def test_a_new_event_posted_without_title_rows_is_refused_not_a_server_error(
    client: Client, organiser: Any
) -> None:
    from tests.events.test_editor import rows

    client.force_login(organiser)
    response = client.post("/tr/events/new/", form_data(**rows("texts", [])))
    assert response.status_code == 422 and not Event.objects.exists()
