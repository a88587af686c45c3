"""Starred screenings and the personal calendar feed: who may star what, the htmx and plain flows, the
feed by token (starred and ticketed screenings, moves and cancellations carried, a renewed token 404s),
and hostile input."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from korkyt.events.models import CalendarFeed
from korkyt.festival.programme import services, stars, tickets
from korkyt.festival.programme.models import Screening, ScreeningStar
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_star_and_unstar_with_htmx_and_without(published: Any) -> None:
    public = Screening.objects.filter(edition=published, kind="public").first()
    user = UserFactory()
    client = _client(user)
    url = reverse("festival:screening_star", args=[public.pk])
    page = client.post(url, {"starred": "1"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and b'aria-pressed="true"' in page.content
    assert client.post(url, {"starred": "1"}, HTTP_HX_REQUEST="true").status_code == 200  # twice: one star
    assert ScreeningStar.objects.filter(user=user, screening=public).count() == 1
    programme = client.get(reverse("festival:public_programme", args=[published.number]))
    assert b'aria-pressed="true"' in programme.content
    mine = client.get(reverse("festival:my_programme"))
    assert mine.status_code == 200 and f"screening-{public.state}".encode() in mine.content
    back = client.post(url, {"starred": "0", "next": "https://evil.example/x"})
    assert back.status_code == 302 and "evil.example" not in back["Location"]
    assert not ScreeningStar.objects.filter(user=user).exists()


def test_only_public_screenings_of_a_published_programme(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    public = Screening.objects.filter(edition=grid, kind="public").first()
    jury = Screening.objects.filter(edition=grid, kind="jury").first()
    client = _client(UserFactory())
    assert client.post(reverse("festival:screening_star", args=[public.pk])).status_code == 404  # unpublished
    services.publish(actor=staff, edition=grid)
    assert client.post(reverse("festival:screening_star", args=[jury.pk])).status_code == 404
    assert client.post(reverse("festival:screening_star", args=[10**9])).status_code == 404
    assert client.get(reverse("festival:screening_star", args=[public.pk])).status_code == 405
    anon = Client().post(reverse("festival:screening_star", args=[public.pk]))
    assert anon.status_code == 302  # to sign in
    with pytest.raises(ValidationError):
        stars.star_set(user=UserFactory(), screening=jury, starred=True)
    assert not ScreeningStar.objects.exists()


def test_personal_feed_carries_stars_and_tickets_and_follows_changes(published: Any, staff: Any) -> None:
    user = UserFactory()
    client = _client(user)
    first, second = Screening.objects.filter(edition=published, kind="public")[:2]
    stars.star_set(user=user, screening=first, starred=True)
    tickets.book(screening=second, user=user)
    assert client.get(reverse("festival:my_programme")).status_code == 200
    assert client.post(reverse("festival:my_programme"), {"feed": "enable"}).status_code == 302
    token = CalendarFeed.objects.get(user=user).token
    feed_url = reverse("festival:my_feed", args=[token])
    body = Client().get(feed_url).content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert f"UID:screening-{first.pk}@" in body and f"UID:screening-{second.pk}@" in body
    services.cancel(actor=staff, screening=first)
    assert "STATUS:CANCELLED" in Client().get(feed_url).content.decode()
    # the ticketed one cancelled too (its ticket cancelled with it): it stays in the feed, cancelled
    services.cancel(actor=staff, screening=second)
    assert Client().get(feed_url).content.decode().count("STATUS:CANCELLED") == 2
    # A stranger's stars are not in my feed; a renewed token makes the old address 404.
    third = Screening.objects.filter(edition=published, kind="public")[2]
    stars.star_set(user=UserFactory(), screening=third, starred=True)
    assert Client().get(feed_url).content.decode().count("BEGIN:VEVENT") == 2
    client.post(reverse("festival:my_programme"), {"feed": "renew"})
    assert Client().get(feed_url).status_code == 404
    assert Client().get(reverse("festival:my_feed", args=["x" * 500])).status_code == 404
    assert Client().get(reverse("festival:my_programme")).status_code == 302  # sign in first


def test_programme_pdf_per_day(grid: Any, staff: Any) -> None:
    services.propose(edition_id=grid.pk, time_limit=5)
    url = reverse("festival:programme_pdf", args=[grid.number])
    assert Client().get(url).status_code == 404  # not published yet
    services.publish(actor=staff, edition=grid)
    day = Screening.objects.filter(edition=grid, kind="public").first().starts_at.date()
    response = Client().get(url + f"?day={day.isoformat()}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Client().get(url + "?day=1999-01-01").status_code == 400
    assert Client().get(url + "?day=garbage").status_code == 400
    assert Client().get(url).status_code == 200  # the first day


def test_my_programme_lists_my_tickets_and_my_work_counts_those_to_come(published: Any, staff: Any) -> None:
    user, stranger = UserFactory(), UserFactory()
    first, second, third = Screening.objects.filter(edition=published, kind="public").order_by("starts_at")[
        :3
    ]
    mine = tickets.book(screening=second, user=user)
    tickets.book(screening=first, user=user)
    tickets.book(screening=third, user=stranger)
    stars.star_set(user=user, screening=third, starred=True)
    assert [(s.pk, r.pk) for s, r in stars.my_tickets(user)][1] == (second.pk, mine.pk)
    client = _client(user)
    page = client.get(reverse("festival:my_programme")).content.decode()
    tickets_part, starred_part = page.split('id="starred"')
    assert (
        tickets_part.count("<article") == 2 and reverse("festival:screening_ticket", args=[mine.pk]) in page
    )
    assert starred_part.count("<article") == 1  # the stranger's ticket is not mine; my star is listed once
    work = client.get(reverse("web:staff")).content.decode()
    assert "tickets for 2 screenings to come" in work
    services.cancel(actor=staff, screening=first)
    assert "a ticket for 1 screening to come" in client.get(reverse("web:staff")).content.decode()
    page = client.get(reverse("festival:my_programme")).content.decode()
    assert page.split('id="starred"')[0].count("screening-cancelled") == 1  # still listed, as cancelled
    assert stars.my_tickets(UserFactory()) == []
    assert "a ticket for 1 screening to come" in _client(stranger).get(reverse("web:staff")).content.decode()


def test_the_persons_export_holds_their_tickets_and_stars(published: Any, staff: Any) -> None:
    from korkyt.accounts.selectors import user_export

    user = UserFactory()
    first, second = Screening.objects.filter(edition=published, kind="public")[:2]
    stars.star_set(user=user, screening=first, starred=True)
    tickets.book(screening=second, user=user)

    export = user_export(user=user)

    assert [s["screening"] for s in export["starred_screenings"]] == [first.pk]
    [ticket] = export["screening_tickets"]
    assert ticket["screening"] == second.pk and ticket["status"] == "confirmed" and ticket["film"]
    assert export["event_registrations"] == []  # a ticket is not an event registration


def test_the_star_button_keeps_its_id_across_the_swap(published: Any) -> None:
    """htmx gives the focus back to an element of the same id after an outerHTML swap: the button the
    keyboard pressed has the same id on the page and in the answer that replaces it."""
    public = Screening.objects.filter(edition=published, kind="public").first()
    client = _client(UserFactory())
    page = client.get(reverse("festival:public_programme", args=[published.number])).content.decode()
    button = f'<button type="submit" id="star-{public.pk}" aria-pressed="false">'
    assert button in page
    url = reverse("festival:screening_star", args=[public.pk])
    swapped = client.post(url, {"starred": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'<button type="submit" id="star-{public.pk}" aria-pressed="true">' in swapped
    mine = client.get(reverse("festival:my_programme")).content.decode()
    assert f'id="star-{public.pk}"' in mine


def _star_buttons(html: str) -> list[str]:
    """The star buttons of a page, each as its markup (text and the spans that name it)."""
    import re

    return re.findall(r'<button type="submit" id="star-\d+"[^>]*>(.*?)</button>', html, re.S)


@pytest.mark.usefixtures("english")
def test_each_star_button_names_its_film_for_screen_readers(published: Any) -> None:
    """Every screening's star button read "☆ Star": a screen reader's list of buttons could not tell them
    apart, and it read the glyph aloud. Each names its film (with the title's ``lang``), the glyph hidden,
    on the programme, in the htmx answer and on My programme; the htmx answer keeps the page's ``next``."""
    from korkyt.festival.selectors import submission_title

    user = UserFactory()
    client = _client(user)
    page = client.get(reverse("festival:public_programme", args=[published.number]) + "?day=all")
    public = list(Screening.objects.filter(edition=published, kind__in=["public", "gala"]))
    buttons = _star_buttons(page.content.decode())
    assert len(buttons) == len(public) > 1
    for button in buttons:
        assert '<span aria-hidden="true">☆</span>' in button
        assert '<span class="visually-hidden">: <span lang="' in button
    first = public[0]
    title = submission_title(first.submission)
    url = reverse("festival:screening_star", args=[first.pk])
    answer = client.post(url, {"starred": "1", "next": "/en/festival/?x=1"}, HTTP_HX_REQUEST="true")
    (button,) = _star_buttons(answer.content.decode())
    assert '<span aria-hidden="true">★</span>' in button
    assert f'<span lang="{title.lang}">{title}</span>' in button
    assert 'name="next" value="/en/festival/?x=1"' in answer.content.decode()
    mine = client.get(reverse("festival:my_programme")).content.decode()
    (button,) = _star_buttons(mine)
    assert f'<span lang="{title.lang}">{title}</span>' in button
