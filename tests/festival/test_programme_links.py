"""Where a screening's calendar entry and structured data lead: its row in the programme of its own
festival day. The programme opens on the first day, so a bare programme address (or one with only
``#screening-<id>``) showed another day, without the screening."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.events.models import CalendarFeed
from korkyt.festival.programme import days, stars
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _last_days_screening(published: Any) -> Screening:
    """A public screening that is not on the programme's first day (the page it opens on)."""
    first = days.days_of(published)[0]
    for s in Screening.objects.filter(edition=published, kind="public").order_by("-starts_at"):
        if days.festival_day(published, s.starts_at) != first:
            return s
    raise AssertionError("the published grid has public screenings on one day only")


def _expected(screening: Screening) -> str:
    day = days.festival_day(screening.edition, screening.starts_at).isoformat()
    path = reverse("festival:public_programme", args=[screening.edition.number])
    return f"http://testserver{path}?day={day}#screening-{screening.pk}"


def _ics_url(body: str, screening: Screening) -> str:
    event = body.split(f"UID:screening-{screening.pk}@")[1].split("END:VEVENT")[0]
    return re.search(r"^URL:(.*)$", event.replace("\r\n ", ""), re.M).group(1).strip()


def test_a_screenings_ics_leads_to_its_row_on_its_day(published: Any) -> None:
    screening = _last_days_screening(published)
    body = Client().get(reverse("festival:screening_ics", args=[screening.pk])).content.decode()
    assert _ics_url(body, screening) == _expected(screening)


def test_the_personal_feed_leads_to_each_screenings_row_on_its_day(published: Any) -> None:
    screening = _last_days_screening(published)
    user = UserFactory()
    stars.star_set(user=user, screening=screening, starred=True)
    feed = CalendarFeed.objects.create(user=user)
    body = Client().get(reverse("festival:my_feed", args=[feed.token])).content.decode()
    assert _ics_url(body, screening) == _expected(screening)


def test_the_programmes_structured_data_leads_to_each_row_on_its_day(published: Any) -> None:
    screening = _last_days_screening(published)
    url = reverse("festival:public_programme", args=[published.number])
    html = Client().get(url, {"day": "all"}).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    urls = {event["url"] for event in data}
    assert _expected(screening) in urls
