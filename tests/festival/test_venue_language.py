"""A venue keeps the language its name, address and rooms' names are written in, and an edition the one its
venues list and notes are written in; pages mark those texts with it (``lang``), whatever the reader's
language, and staff set it when they add or edit a venue or an edition."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from korkyt.core.models import AuditEntry
from korkyt.festival.programme import guests, services, stars, tickets, venues
from korkyt.festival.programme.models import Screening, Venue
from korkyt.festival.services import editing
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kazakh(grid: Any, staff: Any) -> Any:
    """The grid's venue renamed in Kazakh, a schedule proposed and published."""
    venue = grid.venue_set.get()
    venues.venue_update(
        actor=staff, venue=venue, name="Драма театры", address="14-шағын аудан", language="kk-Cyrl"
    )
    for room, name in zip(venue.rooms.order_by("pk"), ("Үлкен зал", "Кіші зал"), strict=True):
        room.name = name
        room.save(update_fields=["name"])
    services.propose(edition_id=grid.pk, time_limit=5)
    services.publish(actor=staff, edition=grid)
    return grid


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_venue_keeps_its_language_and_refuses_an_unknown_one(grid: Any, staff: Any) -> None:
    venue = grid.venue_set.get()
    assert venue.language == "en"  # the default
    made = venues.venue_create(actor=staff, edition=grid, name="Жастар орталығы", language="kk-Cyrl")
    assert Venue.objects.get(pk=made.pk).language == "kk-Cyrl"
    with pytest.raises(ValidationError) as refused:
        venues.venue_create(actor=staff, edition=grid, name="Nowhere", language="xx")
    assert "language" in refused.value.message_dict
    assert not Venue.objects.filter(name="Nowhere").exists()
    # an update without a language keeps it; with one, it changes and the audit keeps the one before
    venues.venue_update(actor=staff, venue=made, name="Жастар үйі")
    assert Venue.objects.get(pk=made.pk).language == "kk-Cyrl"
    venues.venue_update(actor=staff, venue=made, name="Жастар үйі", language="ru")
    assert Venue.objects.get(pk=made.pk).language == "ru"
    entry = AuditEntry.objects.filter(action_type="festival.venue.update").latest("pk")
    assert entry.additional_data["before"]["language"] == "kk-Cyrl"
    with pytest.raises(ValidationError):
        venues.venue_update(actor=staff, venue=made, name="Жастар үйі", language="klingon")
    assert Venue.objects.get(pk=made.pk).language == "ru"


def test_staff_set_the_language_on_the_grid_page(grid: Any, staff: Any) -> None:
    client = _client(staff)
    url = reverse("festival:grid", args=[grid.number])
    page = client.get(url).content.decode()
    assert 'name="language"' in page and '<option value="kk-Cyrl"' in page
    client.post(url, {"action": "venue", "name": "Жастар орталығы", "address": "", "language": "kk-Cyrl"})
    made = Venue.objects.get(edition=grid, name="Жастар орталығы")
    assert made.language == "kk-Cyrl"
    # the next venue's form proposes the language of the last one entered
    page = client.get(url).content.decode()
    add = page[page.index("Add a venue") :]
    assert re.search(r'<option value="kk-Cyrl" selected>', add)
    answer = client.post(url, {"action": "venue", "name": "Bad", "language": "zz"})
    assert answer.status_code == 400 and answer.context["refused"].form.has_error("language")
    assert 'value="Bad"' in answer.content.decode()
    assert not Venue.objects.filter(name="Bad").exists()
    client.post(url, {"action": "venue_edit", "venue": made.pk, "name": "Жастар үйі", "language": "ru"})
    made.refresh_from_db()
    assert (made.name, made.language) == ("Жастар үйі", "ru")


@pytest.mark.parametrize("ui", ["en", "ru", "tr"])
def test_pages_mark_venue_and_room_names_with_the_venue_language(kazakh: Any, staff: Any, ui: str) -> None:
    marked = re.compile(r'<span lang="kk-Cyrl">Драма театры(, | · )(Үлкен|Кіші) зал</span>')
    public = Screening.objects.filter(edition=kazakh, kind="public").order_by("starts_at").first()
    visitor = UserFactory()
    registration = tickets.book(screening=public, user=visitor)
    stars.star_set(user=visitor, screening=public, starred=True)
    pages = {
        "grid": (staff, reverse("festival:grid", args=[kazakh.number]) + f"?day={public.starts_at:%Y-%m-%d}"),
        "programme": (visitor, reverse("festival:public_programme", args=[kazakh.number])),
        "ticket": (visitor, reverse("festival:screening_ticket", args=[registration.pk])),
        "check-in": (staff, reverse("festival:screening_checkin", args=[public.pk])),
        "my programme": (visitor, reverse("festival:my_programme")),
    }
    for name, (user, url) in pages.items():
        response = _client(user).get(url, HTTP_ACCEPT_LANGUAGE=ui)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert marked.search(body), name
        # no venue or room name left outside its mark (the JSON-LD data aside)
        bare = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
        bare = re.sub(r'<span lang="kk-Cyrl">.*?</span>', "", bare)
        bare = re.sub(r'<(option|input)[^>]*lang="kk-Cyrl"[^>]*>[^<]*', "", bare)
        leftover = [
            bare[max(0, i - 200) : i + 40] for i in [m.start() for m in re.finditer("Драма театры", bare)]
        ]
        assert not leftover, (name, leftover)


def test_an_edition_keeps_the_language_of_its_venues_and_notes(edition: Any, staff: Any) -> None:
    client = _client(staff)
    url = reverse("festival:edition_edit", args=[edition.number])
    data = {
        "city": "Aktau",
        "country": "KZ",
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "venues": "Драма театры\nЖастар орталығы",
        "notes": "Фестиваль Каспий жағасында өтеді.",
        "source_url": "",
        "language": "kk-Cyrl",
    }
    assert client.post(url, data).status_code == 302
    edition.refresh_from_db()
    assert edition.language == "kk-Cyrl"
    # a form without the field keeps the language; an unknown one is refused on its field
    assert client.post(url, {k: v for k, v in data.items() if k != "language"}).status_code == 302
    edition.refresh_from_db()
    assert edition.language == "kk-Cyrl"
    refused = client.post(url, {**data, "language": "xx"})
    assert refused.status_code == 200 and "language" in refused.context["form"].errors
    with pytest.raises(ValidationError) as error:
        editing.edition_update(
            actor=staff,
            edition=edition,
            city="Aktau",
            country="KZ",
            starts_on=edition.starts_on,
            ends_on=edition.ends_on,
            results_at=edition.results_at,
            language="klingon",
        )
    assert "language" in error.value.message_dict
    edition.refresh_from_db()
    assert edition.language == "kk-Cyrl"
    for ui in ("en", "ru"):
        body = Client().get(reverse("festival:edition", args=[edition.number]), HTTP_ACCEPT_LANGUAGE=ui)
        html = body.content.decode()
        assert '<span lang="kk-Cyrl">Драма театры, Жастар орталығы</span>' in html
        assert '<p lang="kk-Cyrl">Фестиваль Каспий жағасында өтеді.</p>' in html
    api = Client().get(f"/api/festival/editions/{edition.number}").json()
    assert api["language"] == "kk-Cyrl" and api["venues"] == ["Драма театры", "Жастар орталығы"]


def test_guest_names_are_marked_with_their_script(kazakh: Any, staff: Any) -> None:
    public = Screening.objects.filter(edition=kazakh, kind="public").order_by("starts_at").first()
    guests.guest_add(actor=staff, submission=public.submission, name="Әлия Нұрова", role="director", qa=True)
    services.propose(edition_id=kazakh.pk, time_limit=5)
    services.publish(actor=staff, edition=kazakh)
    programme = Client().get(reverse("festival:public_programme", args=[kazakh.number])).content.decode()
    assert '<span lang="und-Cyrl">Әлия Нұрова</span>' in programme
    grid_page = _client(staff).get(reverse("festival:grid", args=[kazakh.number])).content.decode()
    assert '<span lang="und-Cyrl">Әлия Нұрова</span>' in grid_page
