"""Pages of the programme: the permission matrix (staff / public / another user / anonymous) of every
new page and endpoint, and what each page shows."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from korkyt.catalogue.models import Film
from korkyt.events.models import CheckIn, Registration
from korkyt.festival.models import Submission, SubmissionStatus
from korkyt.festival.programme import services
from korkyt.festival.programme.models import Screening
from korkyt.festival.selectors import submission_title
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(grid: Any) -> Any:
    services.propose(edition_id=grid.pk, time_limit=5)
    return grid


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_staff_pages_answer_404_to_everyone_else(planned: Any, staff: Any) -> None:
    s = Screening.objects.filter(edition=planned).first()
    n = planned.number
    pages = [
        reverse("festival:grid", args=[n]),
        reverse("festival:grid_job", args=[n]),
        reverse("festival:move_check", args=[n]) + f"?screening={s.pk}&room={s.room_id}&starts_at=x",
        reverse("festival:screening_checkin", args=[s.pk]),
    ]
    for who, expected in ((None, 404), (UserFactory(), 404), (staff, 200)):
        client = _client(who)
        for url in pages:
            assert client.get(url).status_code == expected, (who, url)
        posted = client.post(reverse("festival:grid", args=[n]), {"action": "lock", "screening": s.pk})
        assert posted.status_code == (302 if who is staff else 404)
    s.refresh_from_db()
    assert s.locked


def test_public_pages_follow_publishing(planned: Any, staff: Any) -> None:
    public = Screening.objects.filter(edition=planned, kind="public").first()
    jury = Screening.objects.filter(edition=planned, kind="jury").first()
    url = reverse("festival:public_programme", args=[planned.number])
    ics = reverse("festival:screening_ics", args=[public.pk])
    anon = Client()
    page = anon.get(url)
    assert page.status_code == 200 and b"not published yet" in page.content
    assert anon.get(ics).status_code == 404
    pdf = reverse("festival:programme_pdf", args=[planned.number])
    assert pdf.encode() not in page.content and anon.get(pdf).status_code == 404  # no link to a 404
    Film.objects.update(original_languages=["kk-Cyrl"])
    services.publish(actor=staff, edition=planned)
    page = anon.get(url, {"day": "all"})  # every day's screenings
    assert page.status_code == 200 and pdf.encode() in page.content
    data = json.loads(
        re.search(rb'<script type="application/ld\+json">(.*?)</script>', page.content, re.S)[1]
    )
    assert {d["@type"] for d in data} == {"ScreeningEvent"}
    # machine-readable languages: the film's spoken ones and its subtitles as tags, names marked with theirs
    event = data[0]
    assert event["subtitleLanguage"] == ["en"] and event["inLanguage"] == ["kk-Cyrl"]
    venue = public.room.venue
    assert event["location"]["name"] == {"@value": venue.name, "@language": venue.language}
    assert event["workPresented"]["name"]["@value"] == event["name"]
    assert event["workPresented"]["name"]["@language"]
    assert len(data) == Screening.objects.filter(edition=planned, kind="public").count() == 6
    assert (
        "kazakh (cyrillic) with english subtitles" in page.content.decode().lower()
    )  # the version screened, from the catalogue's tracks
    response = anon.get(ics)
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content
    assert anon.get(reverse("festival:screening_ics", args=[jury.pk])).status_code == 404
    assert anon.get(url + "?day=garbage&venue=x&section=nope").status_code == 200
    assert anon.post(reverse("festival:screening_book", args=[public.pk])).status_code == 302  # to sign in
    assert not Registration.objects.exists()


def test_booking_ticket_and_checkin_through_the_pages(planned: Any, staff: Any) -> None:
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").first()
    visitor, other = UserFactory(), UserFactory()
    client = _client(visitor)
    response = client.post(reverse("festival:screening_book", args=[public.pk]))
    assert response.status_code == 302
    reg = Registration.objects.get(user=visitor)
    assert reg.status == "confirmed"
    ticket = reverse("festival:screening_ticket", args=[reg.pk])
    page = client.get(ticket)
    assert page.status_code == 200 and b"<svg" in page.content
    film_title = str(submission_title(public.submission, "en"))
    assert f"<title>Your ticket: {film_title} ·" in page.content.decode()  # which film, in the browser tab
    assert _client(other).get(ticket).status_code == 404
    assert Client().get(ticket).status_code == 302  # signed out: sign in first
    assert client.post(reverse("festival:screening_book", args=[public.pk])).status_code == 302
    assert Registration.objects.filter(user=visitor).count() == 1  # already registered: refused, not doubled
    checkin = reverse("festival:screening_checkin", args=[public.pk])
    assert _client(visitor).post(checkin, {"code": reg.code}).status_code == 404
    assert _client(staff).post(checkin, {"code": reg.code}).status_code == 200
    assert _client(staff).post(checkin, {"code": reg.code}).status_code == 200
    assert CheckIn.objects.filter(registration=reg).count() == 1
    jury = Screening.objects.filter(edition=planned, kind="jury").first()
    assert client.post(reverse("festival:screening_book", args=[jury.pk])).status_code == 404
    assert public.bookable.capacity == public.room.seats


def test_grid_page_moves_with_warnings_and_bad_input_is_an_error(planned: Any, staff: Any) -> None:
    a, b = Screening.objects.filter(edition=planned, kind="public")[:2]
    client = _client(staff)
    url = reverse("festival:grid", args=[planned.number])
    check = reverse("festival:move_check", args=[planned.number])
    clash = client.get(
        check, {"screening": a.pk, "room": b.room_id, "starts_at": b.starts_at.strftime("%Y-%m-%dT%H:%M")}
    )
    assert clash.status_code == 200 and b"conflict" in clash.content
    bad = client.get(check, {"screening": a.pk, "room": b.room_id, "starts_at": "tomorrow"})
    assert bad.status_code == 200 and b"YYYY-MM-DD" in bad.content
    response = client.post(url, {"action": "move", "screening": a.pk, "room": a.room_id, "starts_at": "nope"})
    assert response.status_code == 400 and b"YYYY-MM-DD" in response.content
    assert client.post(url, {"action": "room", "venue": 0, "name": "x", "seats": "1"}).status_code == 400
    response = client.post(
        url,
        {"action": "room", "venue": planned.venue_set.get().pk, "name": "C", "seats": "z", "formats": "DCP"},
    )
    assert response.status_code == 400 and planned.venue_set.get().rooms.count() == 2
    assert response.context["refused"].form.has_error("seats")
    page = client.get(url + f"?day={planned.starts_on.isoformat()}")
    assert page.status_code == 200 and b"Re-optimise the rest" in page.content


@pytest.mark.parametrize("language", ["ru", "kk", "az", "ky", "tk", "tr", "uz"])
def test_grid_and_programme_speak_each_language(planned: Any, staff: Any, language: str) -> None:
    from django.utils import translation

    services.publish(actor=staff, edition=planned)
    client = _client(staff)
    with translation.override(language):
        grid_url = reverse("festival:grid", args=[planned.number])
        public_url = reverse("festival:public_programme", args=[planned.number])
    grid_page = client.get(grid_url).content.decode()
    public_page = client.get(public_url).content.decode()
    for english in ("Screening grid", "Re-optimise the rest", "Venues and rooms", "Add a room", "Lock"):
        assert f">{english}<" not in grid_page, (language, english)
    for english in ("Book a ticket", "Add to calendar (ICS)", ">Programme<"):
        assert english not in public_page, (language, english)


def test_the_grid_reads_the_films_titles_in_one_query(
    grid: Any,
    staff: Any,
    feature: Any,
    agency_kg: Any,
    kg_editor: Any,
    kg_head: Any,
) -> None:
    """However many films are selected, the grid page asks the database the same number of times."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(staff)
    url = reverse("festival:grid", args=[grid.number])

    def queries() -> int:
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for title in ("Jer", "Suu", "Tash", "Kün", "Ai", "Jyldyz"):
        eligible_entry(feature, agency_kg, kg_editor, kg_head, title)
    Submission.objects.filter(section=feature).update(status=SubmissionStatus.SELECTED)
    many = queries()
    assert "Jyldyz" in client.get(url).content.decode()
    assert many == few, (few, many)


def test_a_past_edition_without_a_programme_links_to_none(edition: Any) -> None:
    """An edition to come links to its programme ("not published yet"); one that is over and whose
    programme Korkyt does not keep links to none, and its programme page says so."""
    client = Client()
    page = client.get("/en/festival/6/").content.decode()
    assert 'href="/en/festival/6/screenings/"' in page
    assert "The programme is not published yet." in client.get("/en/festival/6/screenings/").content.decode()
    edition.starts_on, edition.ends_on = (
        edition.starts_on.replace(year=2021),
        edition.ends_on.replace(year=2021),
    )
    edition.save(update_fields=["starts_on", "ends_on"])
    page = client.get("/en/festival/6/").content.decode()
    assert "/en/festival/6/screenings/" not in page
    programme = client.get("/en/festival/6/screenings/").content.decode()
    assert "Korkyt does not keep this edition's programme." in programme
    assert "not published yet" not in programme


def test_booking_leads_back_to_the_filtered_programme_at_the_screening(planned: Any, staff: Any) -> None:
    """A visitor who filtered the programme (a day, a venue, a section) and booked comes back to the same
    page, at the screening they booked, not to an unfiltered first screen."""
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").select_related("room").first()
    url = reverse("festival:public_programme", args=[planned.number])
    here = f"{url}?day=all&venue={public.room.venue_id}&section="
    client = _client(UserFactory())
    page = client.get(here).content.decode()
    assert f'name="next" value="{here.replace("&", "&amp;")}"' in page  # the form carries the page's filters
    booked = client.post(reverse("festival:screening_book", args=[public.pk]), {"next": here})
    assert booked.status_code == 302 and booked["Location"] == f"{here}#screening-{public.pk}"
    assert Registration.objects.filter(bookable__screening=public).count() == 1
    # another site is never a way back: the programme's day of the screening instead
    again = _client(UserFactory()).post(
        reverse("festival:screening_book", args=[public.pk]), {"next": "https://example.com/"}
    )
    assert again["Location"].startswith(f"{url}?day=") and again["Location"].endswith(
        f"#screening-{public.pk}"
    )
    # signed out, the sign-in link comes back to the screening too
    anon = Client().get(here).content.decode()
    assert f"%23screening-{public.pk}" in anon


def test_the_ticket_page_leads_back_to_the_programme_and_my_programme(planned: Any, staff: Any) -> None:
    """The holder's ticket is no dead end: it links to the screening in the programme and to My programme."""
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").first()
    visitor = UserFactory()
    client = _client(visitor)
    client.post(reverse("festival:screening_book", args=[public.pk]))
    reg = Registration.objects.get(user=visitor)
    page = client.get(reverse("festival:screening_ticket", args=[reg.pk])).content.decode()
    programme = reverse("festival:public_programme", args=[planned.number])
    assert re.search(rf'href="{re.escape(programme)}\?day=[0-9-]+#screening-{public.pk}"', page)
    assert f'href="{reverse("festival:my_programme")}#my-tickets"' in page


def test_my_festival_programme_leads_to_the_programmes_one_can_still_book_in(
    planned: Any, staff: Any
) -> None:
    """A newcomer's *My festival programme* (no ticket, no star) is no dead end: it links to the published
    programme of an edition not over; none before publishing."""
    client = _client(UserFactory())
    programme = reverse("festival:public_programme", args=[planned.number])
    mine = reverse("festival:my_programme")
    assert f'href="{programme}"' not in client.get(mine).content.decode()
    services.publish(actor=staff, edition=planned)
    html = client.get(mine, headers={"Accept-Language": "en"}).content.decode()
    assert f'<a href="{programme}">Programme · ' in html


def test_a_filter_matching_no_screening_offers_to_clear_it(planned: Any, staff: Any) -> None:
    """A venue and section with no screening together: the page says so and clears those filters, keeping
    the day."""
    services.publish(actor=staff, edition=planned)
    url = reverse("festival:public_programme", args=[planned.number])
    page = Client().get(url, {"day": "all", "venue": "999999", "section": "documentary"}).content.decode()
    assert "No screening matches." in page
    assert '<a class="clear-filters" href="?day=all">Clear filters</a>' in page
    assert "Clear filters" not in Client().get(url, {"day": "all"}).content.decode()


def test_each_screenings_book_and_calendar_controls_name_their_film(planned: Any, staff: Any) -> None:
    """Tabbing through the programme, "Book a ticket" and "Add to calendar (ICS)" say which film they are
    for (a visually hidden title in its own language), not the same words a dozen times."""
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").first()
    title = submission_title(public.submission, "en")
    url = reverse("festival:public_programme", args=[planned.number])
    page = _client(UserFactory()).get(url, {"day": "all"}, headers={"Accept-Language": "en"}).content.decode()
    article = page.split(f'id="screening-{public.pk}"')[1].split("</article>")[0]
    named = f'<span class="visually-hidden">: <span lang="{title.lang}">{title}</span></span>'
    assert f"Add to calendar (ICS){named}</a>" in article
    assert re.search(rf"(Book a ticket|Join the waiting list){re.escape(named)}</button>", article)


def test_my_programme_leads_to_each_screening_in_the_programme(planned: Any, staff: Any) -> None:
    """A film in My festival programme opens the programme at that screening (not the top of its day), and
    each "Your ticket" names its film to screen readers."""
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").first()
    visitor = UserFactory()
    client = _client(visitor)
    client.post(reverse("festival:screening_book", args=[public.pk]))
    html = client.get(reverse("festival:my_programme"), headers={"Accept-Language": "en"}).content.decode()
    tickets = html.split('id="my-tickets"')[1].split('id="starred"')[0]
    assert re.search(rf'\?day=[0-9-]+#screening-{public.pk}"', tickets)
    title = submission_title(public.submission, "en")
    assert (
        f'Your ticket<span class="visually-hidden">: <span lang="{title.lang}">{title}</span></span></a>'
        in tickets
    )


def test_your_ticket_and_the_seat_count_in_the_programme_name_their_film(planned: Any, staff: Any) -> None:
    """In the programme, every held screening's "Your ticket" link and every screening's "Tickets" seat
    count read the same words a dozen times to a screen reader: each names its film too."""
    from korkyt.events.models import Bookable

    services.publish(actor=staff, edition=planned)
    Bookable.objects.update(per_person_limit=2)  # the seat count is offered
    held, other = Screening.objects.filter(edition=planned, kind="public")[:2]
    visitor = UserFactory()
    client = _client(visitor)
    client.post(reverse("festival:screening_book", args=[held.pk]))
    url = reverse("festival:public_programme", args=[planned.number])
    page = client.get(url, {"day": "all"}, headers={"Accept-Language": "en"}).content.decode()
    for screening, control in ((held, "Your ticket"), (other, "Tickets")):
        title = submission_title(screening.submission, "en")
        article = page.split(f'id="screening-{screening.pk}"')[1].split("</article>")[0]
        named = f'<span class="visually-hidden">: <span lang="{title.lang}">{title}</span></span>'
        assert f"{control}{named}" in article


def test_booking_says_how_it_went_at_the_screening_the_page_scrolls_to(planned: Any, staff: Any) -> None:
    """Booking comes back to the programme at the screening (``#screening-<id>``), but its confirmation or
    refusal was at the top of the page: on a phone, out of sight. It is shown inside the screening's row,
    and only there."""
    services.publish(actor=staff, edition=planned)
    public = Screening.objects.filter(edition=planned, kind="public").first()
    client = _client(UserFactory())
    url = reverse("festival:screening_book", args=[public.pk])
    for seats, said in (
        ("99", "Book between 1 and"),
        ("1", "Your ticket is booked."),
        ("1", "You are already registered."),
    ):
        response = client.post(url, {"seats": seats}, headers={"Accept-Language": "en"})
        assert response.status_code == 302 and response["Location"].endswith(f"#screening-{public.pk}")
        page = client.get(response["Location"].split("#")[0], headers={"Accept-Language": "en"})
        html = page.content.decode()
        article = html.split(f'id="screening-{public.pk}"')[1].split("</article>")[0]
        assert said in article, (seats, said)
        assert html.count(said) == 1  # not at the top of the page as well
