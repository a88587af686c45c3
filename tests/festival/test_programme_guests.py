"""Travel minutes between venues and guests with their unavailable times: recorded from the grid page,
written into the scheduler's instance, and honoured by the proposed grid (Q&A screening outside the
guests' absence, the Q&A and the guests shown on the public programme)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from korkyt.festival.models import Submission
from korkyt.festival.programme import guests, services, venues
from korkyt.festival.programme.models import Screening, ScreeningGuest, Venue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_venues(grid: Any, staff: Any) -> Any:
    other = venues.venue_create(actor=staff, edition=grid, name="Youth Centre")
    venues.room_create(actor=staff, venue=other, name="Studio", seats=2, formats=["DCP"])
    return grid


def test_travel_is_symmetric_validated_and_in_the_instance(two_venues: Any, staff: Any) -> None:
    a, b = Venue.objects.filter(edition=two_venues)
    guests.venue_travel_set(actor=staff, a=a, b=b, minutes=25)
    data = services.build_instance(two_venues)
    assert data["travel_min"] == {str(a.pk): {str(b.pk): 25}, str(b.pk): {str(a.pk): 25}}
    for minutes in (-1, 601):
        with pytest.raises(ValidationError):
            guests.venue_travel_set(actor=staff, a=a, b=b, minutes=minutes)
    with pytest.raises(ValidationError):
        guests.venue_travel_set(actor=staff, a=a, b=a, minutes=5)
    with pytest.raises(PermissionDenied):
        guests.venue_travel_set(actor=UserFactory(), a=a, b=b, minutes=5)


def test_guests_away_are_honoured_by_the_proposed_grid(two_venues: Any, staff: Any) -> None:
    sub = Submission.objects.filter(section__edition=two_venues).order_by("pk").first()
    start = dt.datetime.combine(two_venues.starts_on, dt.time(0))
    away = (start, start + dt.timedelta(days=3, hours=12))  # away the first three and a half days
    guests.guest_add(actor=staff, submission=sub, name="Aida Bekova", role="director", unavailable=[away])
    film = next(f for f in services.build_instance(two_venues)["films"] if f["id"] == str(sub.pk))
    assert film["qa"] == 1 and film["unavailable"] == [
        [away[0].strftime("%Y-%m-%dT%H:%M"), away[1].strftime("%Y-%m-%dT%H:%M")]
    ]
    result = services.propose(edition_id=two_venues.pk, time_limit=5)
    assert result["status"] in ("optimal", "feasible"), result
    assert services.conflicts(two_venues) == []
    qa = Screening.objects.get(edition=two_venues, submission=sub, qa=True)
    assert services.local(two_venues, qa.starts_at) >= away[1]  # the festival's wall time
    services.publish(actor=staff, edition=two_venues)
    page = Client().get(reverse("festival:public_programme", args=[two_venues.number]), {"day": "all"})
    assert '<span lang="und-Latn">Aida Bekova</span> (director)' in page.content.decode()
    with pytest.raises(ValidationError):
        guests.guest_add(actor=staff, submission=sub, name="  ")
    with pytest.raises(ValidationError):
        guests.guest_add(actor=staff, submission=sub, name="X", unavailable=[(away[1], away[0])])
    with pytest.raises(PermissionDenied):
        guests.guest_add(actor=UserFactory(), submission=sub, name="X")


def test_grid_page_records_travel_and_guests_and_refuses_bad_input(two_venues: Any, staff: Any) -> None:
    a, b = Venue.objects.filter(edition=two_venues)
    sub = Submission.objects.filter(section__edition=two_venues).first()
    url = reverse("festival:grid", args=[two_venues.number])
    client = Client()
    client.force_login(staff)
    page = client.get(url)
    assert page.status_code == 200 and b'value="travel"' in page.content and b'value="guest"' in page.content
    assert client.post(url, {"action": "travel", "a": a.pk, "b": b.pk, "minutes": "15"}).status_code == 302
    assert Venue.objects.get(pk=b.pk).travel_min == {str(a.pk): 15}
    posted = client.post(
        url,
        {
            "action": "guest",
            "submission": sub.pk,
            "name": "Timur",
            "qa": "on",
            "away_from": "2026-09-10T10:00",
            "away_to": "nonsense",
            "role": "director",
        },
    )
    # refused: the form comes back as typed, the reason under the field, nothing saved
    assert posted.status_code == 400 and not ScreeningGuest.objects.exists()
    guest_form = posted.context["refused"].form
    assert guest_form.has_error("away_to") and not guest_form.has_error("name")
    html = posted.content.decode()
    assert 'value="Timur"' in html and 'value="director"' in html and 'value="2026-09-10T10:00"' in html
    for bad, field in (
        ({"action": "travel", "a": "x", "b": b.pk, "minutes": "5"}, "a"),
        ({"action": "travel", "a": a.pk, "b": b.pk, "minutes": "many"}, "minutes"),
        ({"action": "travel", "a": a.pk, "b": b.pk, "minutes": "601"}, "minutes"),
        ({"action": "travel", "a": a.pk, "b": a.pk, "minutes": "5"}, "b"),
        ({"action": "guest", "submission": 10**9, "name": "Y"}, "submission"),
    ):
        page = client.post(url, bad)
        assert page.status_code == 400, bad
        assert page.context["refused"].form.has_error(field), bad
    assert Venue.objects.get(pk=b.pk).travel_min == {str(a.pk): 15}
    assert (
        client.post(url, {"action": "guest", "submission": sub.pk, "name": "Timur", "qa": "on"}).status_code
        == 302
    )
    guest = ScreeningGuest.objects.get()
    assert "Timur" in client.get(url).content.decode()
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.post(url, {"action": "guest_remove", "guest": guest.pk}).status_code == 404
    assert client.post(url, {"action": "guest_remove", "guest": guest.pk}).status_code == 302
    assert not ScreeningGuest.objects.exists()


def test_the_grid_names_a_guests_unavailable_time_in_the_readers_language(
    two_venues: Any, staff: Any
) -> None:
    """ "away 2 March, 10:00–14:30" as a sentence of the page's language, not "away 2027-03-02T10:00–…"; the
    form that removes it still sends the times as kept."""
    from django.utils import translation

    from korkyt.core.dates import format_moment

    sub = Submission.objects.filter(section__edition=two_venues).order_by("pk").first()
    start = dt.datetime.combine(two_venues.starts_on, dt.time(10, 0))
    spans = [(start, start.replace(hour=14, minute=30)), (start, start + dt.timedelta(days=1, hours=-1))]
    guests.guest_add(actor=staff, submission=sub, name="Aida Bekova", unavailable=spans)
    client = Client()
    client.force_login(staff)
    html = client.get(reverse("festival:grid", args=[two_venues.number])).content.decode()
    with translation.override("en"):
        begins, ends_next_day = format_moment(start, "day"), format_moment(spans[1][1], "day")
    assert f"away {begins}–14:30" in html and f"away {begins}–{ends_next_day}" in html
    assert f"Remove the time {begins}–14:30" in html
    assert f'name="start" value="{start:%Y-%m-%dT%H:%M}"' in html
    assert f"away {start:%Y}-" not in html and f"time {start:%Y}-" not in html


def test_an_aware_unavailable_time_is_read_as_festival_local_time(two_venues: Any, staff: Any) -> None:
    """A caller giving time-zone-aware moments (an API, a script) gets the festival's wall times (of the
    edition's time zone), not a TypeError."""
    sub = Submission.objects.filter(section__edition=two_venues).order_by("pk").first()
    naive = dt.datetime.combine(two_venues.starts_on, dt.time(14, 30))
    aware = timezone.make_aware(naive, two_venues.tz)
    guest = guests.guest_add(
        actor=staff, submission=sub, name="Aida Bekova", unavailable=[(aware, aware + dt.timedelta(hours=2))]
    )
    assert guest.unavailable == [[naive.strftime("%Y-%m-%dT%H:%M"), f"{naive.date().isoformat()}T16:30"]]
    in_utc = timezone.make_aware(naive, dt.UTC)  # 14:30 UTC is 19:30 in Aktau
    other = guests.guest_add(
        actor=staff, submission=sub, name="Timur", unavailable=[(in_utc, in_utc + dt.timedelta(hours=1))]
    )
    day = naive.date().isoformat()
    assert other.unavailable == [[f"{day}T19:30", f"{day}T20:30"]]
    with pytest.raises(ValidationError):
        guests.guest_add(actor=staff, submission=sub, name="X", unavailable=[(aware, aware)])
