"""An entrant's lists of entries say each entry's reasons with their "fix it" links, reading the films with
the list: a producer's entries (/festival/mine/), an agency's nominations and the API's list of
submissions. Their queries do not grow with the entries; the two pages show 50 entries a page with the
site's pager."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from korkyt.accounts.models import Role
from korkyt.festival import backoffice, services, views
from korkyt.festival.models import Submission
from tests.factories import RoleAssignmentFactory
from tests.festival.conftest import make_film

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

#: A film the feature section keeps out for four reasons that link somewhere (no production year, no
#: running time, no English or Russian subtitles, no screener) and whose owner's editors may fix them.
LACKING = {"year": None, "runtime": None, "tracks": []}


def _queries(client: Client, url: str) -> tuple[int, Any]:
    client.get(url)  # warm the session, the content types and the caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def _grows(client: Client, url: str, add: Callable[[int, int], None]) -> Any:
    add(0, 2)
    few, _response = _queries(client, url)
    add(2, 7)
    many, response = _queries(client, url)
    assert many == few, (few, many)
    return response


@pytest.fixture
def producer_entries(feature: Any, producer: Any, agency_kg: Any) -> Callable[[int, int], None]:
    """Direct entries of the producer, who also edits the films' owner (so every reason links)."""
    feature.max_per_country = None
    feature.save()
    RoleAssignmentFactory(user=producer, role=Role.EDITOR, scope=agency_kg)

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            film = make_film(agency_kg, f"Direct {i}", **LACKING)
            sub = services.submission_create(actor=producer, section=feature, film=film)
            services.submission_submit(actor=producer, submission=sub)

    return add


@pytest.fixture
def nominated(feature: Any, agency_kg: Any, kg_editor: Any, kg_head: Any) -> Callable[[int, int], None]:
    """The agency's signed-off nominations, each kept out for the reasons above."""
    feature.max_per_country = None
    feature.save()

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            film = make_film(agency_kg, f"Nominated {i}", **LACKING)
            sub = services.nomination_create(actor=kg_editor, section=feature, film=film, agency=agency_kg)
            services.nomination_sign_off(actor=kg_head, submission=sub)

    return add


def _links(html: str, film_id: int) -> None:
    assert f"/en/localization/films/{film_id}/" in html
    assert f"/en/films/{film_id}/" in html


def test_a_producers_entries_are_listed_with_their_links_in_queries_that_do_not_grow(
    producer: Any, producer_entries: Any
) -> None:
    client = Client()
    client.force_login(producer)
    response = _grows(client, reverse("festival:my_submissions"), producer_entries)
    html = response.content.decode()
    last = Submission.objects.filter(submitted_by=producer).latest("pk")
    assert {r["code"] for r in last.eligibility} >= {
        "screener_missing",
        "year_unknown",
        "runtime_unknown",
        "languages",
    }
    _links(html, last.film_id)
    assert f"/en/festival/submissions/{last.pk}/#screener" in html
    assert html.count(">fix it</a>") == 7 * 4


def test_an_agencys_nominations_are_listed_with_their_links_in_queries_that_do_not_grow(
    edition: Any, kg_editor: Any, nominated: Any
) -> None:
    client = Client()
    client.force_login(kg_editor)
    response = _grows(client, reverse("festival:nominations", args=[edition.number]), nominated)
    html = response.content.decode()
    last = Submission.objects.filter(section__edition=edition).latest("pk")
    _links(html, last.film_id)
    assert "Nominated 6" in html


def test_the_apis_list_of_submissions_reads_its_page_in_queries_that_do_not_grow(
    producer: Any, producer_entries: Any
) -> None:
    client = Client()
    client.force_login(producer)
    response = _grows(client, "/api/festival/submissions?limit=100", producer_entries)
    body = response.json()
    assert body["count"] == 7
    last = body["results"][-1]
    links = {r["code"]: r["link"] for r in last["eligibility"]}
    assert links["languages"].startswith(f"/en/localization/films/{last['film']}/")
    assert links["year_unknown"] == f"/en/films/{last['film']}/"
    assert links["screener_missing"] == f"/en/festival/submissions/{last['id']}/#screener"


def _pages(client: Client, url: str) -> list[str]:
    first = client.get(url).content.decode()
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get(url + "?page=2").content.decode()
    assert "Page 2 of 2" in second
    return [first, second]


def test_a_producers_entries_come_a_page_at_a_time(
    monkeypatch: Any, producer: Any, producer_entries: Any
) -> None:
    monkeypatch.setattr(views, "ENTRIES_PER_PAGE", 3)
    producer_entries(0, 5)
    client = Client()
    client.force_login(producer)
    first, second = _pages(client, reverse("festival:my_submissions"))
    # the newest first: entries 4, 3, 2 on the first page, 1 and 0 on the second
    assert "Direct 4" in first and "Direct 2" in first and "Direct 1" not in first
    assert "Direct 1" in second and "Direct 0" in second and "Direct 2" not in second


def test_an_agencys_nominations_come_a_page_at_a_time(
    monkeypatch: Any, edition: Any, kg_editor: Any, nominated: Any
) -> None:
    monkeypatch.setattr(backoffice, "ENTRIES_PER_PAGE", 3)
    nominated(0, 5)
    client = Client()
    client.force_login(kg_editor)
    first, second = _pages(client, reverse("festival:nominations", args=[edition.number]))
    assert "Nominated 0" in first and "Nominated 2" in first and "Nominated 3" not in first
    assert "Nominated 3" in second and "Nominated 4" in second and "Nominated 0" not in second
    # the nomination form stays under the list on every page
    assert 'name="film"' in first and 'name="film"' in second
