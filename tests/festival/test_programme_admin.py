"""The programme's records in the Django admin: read-only lists with their useful columns (venues and
rooms, screenings with price and seats taken, the ticket policy, guests with their unavailable times, grid
versions), for administrators only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from korkyt.festival.models import Submission
from korkyt.festival.programme import guests, services, tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(grid: Any, staff: Any) -> Client:
    services.propose(edition_id=grid.pk, time_limit=5)
    tickets.policy_set(
        actor=staff,
        edition=grid,
        per_person=3,
        per_day=4,
        held_release_min=45,
        currency="KZT",
        section_prices={"feature": "1500"},
    )
    services.publish(actor=staff, edition=grid)  # the public screenings go on sale
    start = dt.datetime.combine(grid.starts_on, dt.time(10))  # festival time, as the grid page gives it
    guests.guest_add(
        actor=staff,
        submission=Submission.objects.filter(section__edition=grid).first(),
        name="Aigerim Tulegenova",
        role="director",
        unavailable=[(start, start + dt.timedelta(hours=4))],
    )
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_the_programme_models_are_listed_in_the_admin_with_their_columns(admin_client: Client) -> None:
    pages = {
        "venue": ["Drama Theatre", "Big hall"],  # the venue's rooms inline on the venue's page below
        "room": ["Big hall", "Small hall", "DCP"],
        "screening": ["Public screening", "1500.00 KZT", "0 / 3"],
        "ticketpolicy": ["KZT", "45"],
        "screeningguest": ["Aigerim Tulegenova", "director", "–"],
        "gridversion": ["Proposed", "Published"],
    }
    for model, texts in pages.items():
        response = admin_client.get(f"/en/admin/festival/{model}/")
        assert response.status_code == 200, model
        body = response.content.decode()
        for text in texts[:1] if model == "venue" else texts:
            assert text in body, (model, text)
    screening = Screening.objects.filter(kind="public").first()
    assert admin_client.get(f"/en/admin/festival/screening/{screening.pk}/change/").status_code == 200
    venue = screening.room.venue
    page = admin_client.get(f"/en/admin/festival/venue/{venue.pk}/change/").content.decode()
    assert "Big hall" in page and "Small hall" in page


def test_the_programme_admin_is_read_only_and_closed_to_staff_users(admin_client: Client, staff: Any) -> None:
    assert admin_client.get("/en/admin/festival/venue/add/").status_code == 403
    screening = Screening.objects.first()
    before = (screening.room_id, screening.starts_at)
    admin_client.post(f"/en/admin/festival/screening/{screening.pk}/change/", {"locked": "on"})
    screening.refresh_from_db()
    assert (screening.room_id, screening.starts_at, screening.locked) == (*before, False)
    festival_staff = Client()
    festival_staff.force_login(staff)
    assert festival_staff.get("/en/admin/festival/screening/").status_code == 302  # to the admin's sign-in
