"""The public side shows the programme as published: a screening placed since (a re-proposal, a row added)
stays off every public reader until staff publish again. A published screening far off the festival's days
is named when the proposal cannot run, and the edition's dates cannot strand it. Moves are to the minute.
The grid confirms its actions and words refused input as such; JSON-LD points to the programme's page;
the Section filter offers the edition's sections."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import Client
from django.urls import reverse

from korkyt.core.models import Job
from korkyt.festival.models import Edition
from korkyt.festival.programme import selectors, services, stars
from korkyt.festival.programme.days import festival_day
from korkyt.festival.programme.models import Room, Screening, ScreeningStar
from korkyt.festival.services import editing
from tests.factories import UserFactory
from tests.festival.test_edition_dates import _facts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _added_since(edition: Edition) -> Screening:
    """A public screening placed after publishing (as a re-proposal places one)."""
    shown = Screening.objects.filter(edition=edition, kind="public").order_by("starts_at").first()
    assert shown is not None
    start = shown.starts_at + dt.timedelta(hours=3)
    return Screening.objects.create(
        edition=edition,
        submission=shown.submission,
        room=shown.room,
        starts_at=start,
        ends_at=start + (shown.ends_at - shown.starts_at),
        kind="public",
    )


def _public_ids(edition: Edition) -> tuple[set[int], set[int], set[int]]:
    """The screenings the public page, the API and the printed programme (each day) show."""
    page = _client().get(reverse("festival:public_programme", args=[edition.number]), {"day": "all"})
    page = page.content.decode()
    api = _client().get(f"/api/festival/editions/{edition.number}/screenings", {"page_size": 100}).json()
    printed = {
        row["obj"].pk
        for day in (edition.starts_on + dt.timedelta(days=i) for i in range(5))
        for row in selectors.public_screenings(edition, day=day)
    }
    return (
        {int(pk) for pk in re.findall(r'id="screening-(\d+)"', page)},
        {r["id"] for r in api["results"]},
        printed,
    )


def test_a_screening_placed_after_publishing_is_public_only_once_published_again(
    published: Any, staff: Any
) -> None:
    new = _added_since(published)
    visitor = UserFactory()
    ScreeningStar.objects.create(user=visitor, screening=new)  # starred somehow (an old link)
    page, api, printed = _public_ids(published)
    assert page and new.pk not in page and new.pk not in api and new.pk not in printed
    assert page == api == printed
    assert _client().get(reverse("festival:screening_ics", args=[new.pk])).status_code == 404
    star = _client(visitor).post(reverse("festival:screening_star", args=[new.pk]))
    assert star.status_code == 404
    assert new not in stars.feed_screenings(visitor) and new not in stars.my_screenings(visitor)
    with pytest.raises(ValidationError):
        stars.star_set(user=visitor, screening=new, starred=True)

    services.publish(actor=staff, edition=published)
    page, api, printed = _public_ids(published)
    assert new.pk in page and new.pk in api and new.pk in printed
    assert _client().get(reverse("festival:screening_ics", args=[new.pk])).status_code == 200
    assert new in stars.feed_screenings(visitor)


def test_a_published_screening_far_off_the_days_fails_the_proposal_with_its_name(
    published: Any, staff: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # the dates moved four months on behind the edit page's back (an older edit, the admin)
    Edition.objects.filter(pk=published.pk).update(
        starts_on=F("starts_on") + dt.timedelta(days=120), ends_on=F("ends_on") + dt.timedelta(days=120)
    )
    published.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(staff).post(
            reverse("festival:grid", args=[published.number]), {"action": "propose"}
        )
    assert response.status_code == 302
    job = Job.objects.filter(kind="festival.propose_schedule").latest("pk")
    assert job.status == "failed" and job.error == "invalid"
    assert "outside the festival's days" in job.failure and "“" in job.failure
    assert "far outside" not in job.failure  # the scheduler's English is not what staff read


def test_the_edition_refuses_dates_that_strand_published_screenings(published: Any, staff: Any) -> None:
    later = published.starts_on + dt.timedelta(days=120)
    with pytest.raises(ValidationError) as err:
        editing.edition_update(
            actor=staff,
            edition=published,
            **_facts(published, starts_on=later, ends_on=later + dt.timedelta(days=4), results_at=None),
        )
    assert "published programme" in err.value.message_dict["starts_on"][0]
    assert published.starts_on < later  # refused: the object given is left as it was
    last = max(
        festival_day(published, s.starts_at)
        for s in selectors.public_screenings_qs(published).filter(state="scheduled")
    )
    shorter = last - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        editing.edition_update(
            actor=staff, edition=published, **_facts(published, ends_on=shorter, results_at=None)
        )
    assert "published programme" in err.value.message_dict["ends_on"][0]
    assert published.ends_on > shorter
    # a day more keeps every published screening on the festival's days: accepted
    longer = published.ends_on + dt.timedelta(days=1)
    editing.edition_update(
        actor=staff, edition=published, **_facts(published, ends_on=longer, results_at=None)
    )
    published.refresh_from_db()
    assert published.ends_on == longer


def test_a_move_is_to_the_minute_and_a_date_alone_is_no_start(published: Any, staff: Any) -> None:
    s = Screening.objects.filter(edition=published, kind="public").first()
    client = _client(staff)
    url = reverse("festival:grid", args=[published.number])
    check = reverse("festival:move_check", args=[published.number])
    day = s.starts_at.astimezone(published.tz).date().isoformat()
    for starts in (f"{day}T12:00:59.999999", f"{day}T12:00:30", day):
        page = client.post(url, {"action": "move", "screening": s.pk, "room": s.room_id, "starts_at": starts})
        assert page.status_code == 400, starts
        assert page.context["refused"].form.has_error("starts_at"), starts
        preview = client.get(check, {"screening": s.pk, "room": s.room_id, "starts_at": starts}).content
        assert b"YYYY-MM-DDTHH:MM" in preview and b"conflict" not in preview, starts  # an error, no conflict
    before = (s.room_id, s.starts_at)
    s.refresh_from_db()
    assert (s.room_id, s.starts_at) == before
    with pytest.raises(ValidationError) as err:
        services.move(actor=staff, screening=s, room=s.room, starts_at=s.starts_at + dt.timedelta(seconds=59))
    assert "starts_at" in err.value.message_dict
    # to the minute (":00" seconds, as a browser may send them) is a move
    ok = client.post(
        url, {"action": "move", "screening": s.pk, "room": s.room_id, "starts_at": f"{day}T12:15:00"}
    )
    assert ok.status_code == 302


def test_cancel_lock_and_unlock_are_confirmed(published: Any, staff: Any) -> None:
    s = Screening.objects.filter(edition=published, kind="public").first()
    client = _client(staff)
    url = reverse("festival:grid", args=[published.number])
    for action, said in (
        ("unlock", "Screening unlocked."),
        ("lock", "Screening locked."),
        ("cancel", "Screening cancelled."),
    ):
        page = client.post(url, {"action": action, "screening": s.pk}, follow=True)
        assert said in [str(m) for m in page.context["messages"]], action


def test_json_ld_points_to_the_programme_page_and_names_formats_as_the_trade_does(published: Any) -> None:
    Room.objects.filter(venue__edition=published).update(formats=["DCP", "PRORES", "H264"])
    page = _client().get(reverse("festival:public_programme", args=[published.number])).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data
    for event in data:
        assert ".ics" not in event["url"]
        anchor = event["url"].split("#")[1]
        assert f'id="{anchor}"' in page
    assert {e["videoFormat"] for e in data} == {"DCP, ProRes, H.264"}


def test_the_section_filter_offers_the_editions_sections(published: Any) -> None:
    page = _client().get(reverse("festival:public_programme", args=[published.number]))
    offered = [v for v, _label in page.context["sections"]]
    assert offered == ["feature"]  # the edition's one section, not the six kinds
    # a kind the edition has no section of filters nothing out
    other = _client().get(
        reverse("festival:public_programme", args=[published.number]), {"section": "animation"}
    )
    assert other.context["filters"].section is None and other.context["rows"]
