"""The printed programme takes the public programme's filters (day or every day, venue, section), read in one
place (``programme/filters.py``), names them in its heading and its file name, and refuses a value the
edition has nothing for; the page's print link carries the filters shown. Day headings that open with a
weekday or a month start with a capital in every language (Russian "Вторник", Uzbek "Seshanba")."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from korkyt.core.dates import format_day
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services as festival_services
from korkyt.festival.models import Submission
from korkyt.festival.programme import venues
from korkyt.festival.programme.models import Screening, Venue
from tests.factories import UserFactory
from tests.festival import test_programme_queries as screenings

room = screenings.room  # films screened over four days, "Film i" on day i % 4, in the Drama Theatre
add_screenings = screenings.add_screenings

pytestmark = pytest.mark.django_db


def _pdf(url: str, query: dict[str, Any]) -> tuple[Any, str]:
    from pypdf import PdfReader

    response = Client().get(url, query)
    if response.status_code != 200:
        return response, ""
    return response, "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


@pytest.fixture
def spread(edition: Any, staff: Any, add_screenings: Any) -> dict[str, Any]:
    """Eight films over four days; on day 3, "Film 2" (documentary) in the Drama Theatre and "Film 6"
    (feature) in the Arman cinema."""
    add_screenings(8, UserFactory())
    arman = venues.venue_create(actor=staff, edition=edition, name="Cinema Arman")
    hall = venues.room_create(actor=staff, venue=arman, name="Hall 1", seats=90, formats=["DCP"])
    Screening.objects.filter(submission__film__titles__text="Film 6").update(room=hall)
    documentary = festival_services.section_create(
        actor=SYSTEM,
        edition=edition,
        kind="documentary",
        year_from=2024,
        year_to=2026,
        runtime_min=40,
        runtime_max=240,
        jury_languages=["en"],
        max_per_country=None,
        criteria=[festival_services.CriterionData("story", {"en": "Story"}, 1)],
    )
    Submission.objects.filter(film__titles__text="Film 2").update(section=documentary)
    return {
        "day": edition.starts_on + dt.timedelta(days=2),
        "theatre": Venue.objects.get(edition=edition, name="Drama Theatre"),
        "arman": arman,
    }


@pytest.mark.usefixtures("english")
def test_the_printed_day_holds_only_the_screenings_of_the_venue_and_section_asked(
    edition: Any, spread: dict[str, Any]
) -> None:
    url = reverse("festival:programme_pdf", args=[edition.number])
    day, theatre, arman = spread["day"], spread["theatre"], spread["arman"]
    _response, text = _pdf(url, {"day": day.isoformat()})
    assert "Film 2" in text and "Film 6" in text and "Film 1" not in text
    response, text = _pdf(url, {"day": day.isoformat(), "venue": theatre.pk})
    assert "Film 2" in text and "Film 6" not in text
    assert f"{format_day(day, 'full')} · Drama Theatre" in text  # the filters named in the heading
    response, text = _pdf(url, {"day": day.isoformat(), "venue": arman.pk, "section": "feature"})
    assert "Film 6" in text and "Film 2" not in text
    assert f"{format_day(day, 'full')} · Cinema Arman · Feature competition" in text
    assert response["Content-Disposition"] == (
        f'inline; filename="programme-{edition.number}-{day.isoformat()}-venue-{arman.pk}-feature.pdf"'
    )
    _response, text = _pdf(url, {"day": day.isoformat(), "section": "documentary"})
    assert "Film 2" in text and "Film 6" not in text and "Documentary competition" in text
    _response, text = _pdf(url, {"day": day.isoformat(), "venue": arman.pk, "section": "documentary"})
    assert "No screening matches." in text and not re.search(r"Film \d", text)


@pytest.mark.usefixtures("english")
def test_every_day_of_a_venue_prints_under_each_days_heading(edition: Any, spread: dict[str, Any]) -> None:
    url = reverse("festival:programme_pdf", args=[edition.number])
    response, text = _pdf(url, {"day": "all", "venue": spread["theatre"].pk})
    assert response["Content-Disposition"].endswith(f'-all-days-venue-{spread["theatre"].pk}.pdf"')
    assert "All days · Drama Theatre" in text
    assert {f"Film {i}" for i in range(8) if i != 6} <= set(re.findall(r"Film \d", text))
    assert "Film 6" not in text
    for offset in range(4):
        assert format_day(edition.starts_on + dt.timedelta(days=offset), "weekday") in text


@pytest.mark.usefixtures("english")
def test_the_print_link_carries_the_filters_shown(edition: Any, spread: dict[str, Any]) -> None:
    page_url = reverse("festival:public_programme", args=[edition.number])
    pdf_url = reverse("festival:programme_pdf", args=[edition.number])
    day, arman = spread["day"].isoformat(), spread["arman"].pk

    def link(query: dict[str, Any]) -> tuple[str, str]:
        body = Client().get(page_url, query).content.decode()
        found = re.search(r'<a class="print-link" href="([^"]+)">([^<]+)</a>', body)
        assert found is not None
        return found[1].replace("&amp;", "&"), found[2]

    href, label = link({"day": day, "venue": arman, "section": "feature"})
    assert href == f"{pdf_url}?day={day}&venue={arman}&section=feature"
    assert label == "Printable programme of the day (PDF)"
    href, label = link({"day": "all", "section": "documentary"})
    assert href == f"{pdf_url}?day=all&section=documentary" and label == "Printable programme (PDF)"
    # what the page could not read is not printed: the page's default day, no such section
    href, _label = link({"day": "garbage", "section": "nope"})
    assert href == f"{pdf_url}?day={edition.starts_on.isoformat()}"
    assert Client().get(href).status_code == 200
    # a venue the edition does not have: the page lists nothing and links to no PDF (it would be refused)
    body = Client().get(page_url, {"day": day, "venue": 999999}).content.decode()
    assert "No screening matches." in body and "print-link" not in body


@pytest.mark.usefixtures("english")
def test_the_printed_programme_refuses_a_filter_the_edition_has_nothing_for(
    edition: Any, spread: dict[str, Any]
) -> None:
    url = reverse("festival:programme_pdf", args=[edition.number])
    other = Venue.objects.exclude(edition=edition).first()
    refusals = {
        "day=garbage": "Choose a day of the festival.",
        "day=1999-01-01": "Choose a day of the festival.",
        "venue=x": "Choose one of the festival&#x27;s venues.",
        "venue=999999": "Choose one of the festival&#x27;s venues.",
        f"venue={other.pk if other else 0}": "Choose one of the festival&#x27;s venues.",
        "section=nope": "Choose one of the festival&#x27;s sections.",
        "section=retrospective": "Choose one of the festival&#x27;s sections.",  # a kind it has no section of
    }
    for query, reason in refusals.items():
        response = Client().get(f"{url}?{query}")
        assert response.status_code == 400, query
        assert reason in response.content.decode(), query


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_day_headings_start_with_a_capital(
    edition: Any, staff: Any, add_screenings: Any, language: str
) -> None:
    """Russian and Uzbek write the weekday with a small letter ("вторник, 9 сентября"); opening a heading it
    takes its capital on the programme, the grid, My festival programme and the printed programme."""
    visitor = UserFactory()
    add_screenings(4, visitor)
    first = edition.starts_on
    with translation.override(language):
        heading = format_day(first, "weekday")
        full = format_day(first, "full")
        assert heading[0].islower()  # the locale's own form, which the pages capitalise
        urls = {
            "programme": reverse("festival:public_programme", args=[edition.number]) + "?day=all",
            "mine": reverse("festival:my_programme"),
            "grid": reverse("festival:grid", args=[edition.number]),
            "pdf": reverse("festival:programme_pdf", args=[edition.number]),
        }
    client = Client()
    client.force_login(visitor)
    programme = client.get(urls["programme"]).content.decode()
    assert f"<h2>{heading[0].upper()}{heading[1:]}</h2>" in programme
    assert f"<h2>{heading}" not in programme
    mine = client.get(urls["mine"]).content.decode()
    assert f"<h3>{heading[0].upper()}{heading[1:]}</h3>" in mine and f"<h3>{heading}" not in mine
    client.force_login(staff)
    grid = client.get(urls["grid"]).content.decode()
    assert f"<h2>{full[0].upper()}{full[1:]}</h2>" in grid
    _response, text = _pdf(urls["pdf"], {})
    weekday = full.split(",")[0]  # "вторник", "seshanba"
    assert f"{full[0].upper()}{full[1:]}" in text and not re.search(rf"(^|\n){weekday}", text)
