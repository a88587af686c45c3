"""The events page: upcoming events, the soonest first, and the past ones under their own tab, the latest
first; by kind; 30 a page; unknown values ignored."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from korkyt.events.models import Event
from korkyt.events.services import SessionData
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

URL = "/en/events/"


def _session(days: int) -> list[SessionData]:
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return [SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=2))]


def _titles(page: str) -> list[str]:
    cards = (
        page.split('<ul class="cards">', 1)[1].split("</ul>", 1)[0] if '<ul class="cards">' in page else ""
    )
    return [part.split("</a>", 1)[0].rsplit(">", 1)[-1] for part in cards.split("<h2")[1:]]


def _event(organiser: Any, title: str, days: int, **kw: Any) -> Event:
    return make_event(organiser, titles={"en": title}, sessions=_session(days), **kw)


def test_upcoming_soonest_first_past_under_its_own_tab_latest_first(organiser: Any) -> None:
    _event(organiser, "Next month", 30)
    _event(organiser, "Next week", 7)
    _event(organiser, "Last year", -365)
    _event(organiser, "Last week", -7)
    client = Client()
    assert _titles(client.get(URL).content.decode()) == ["Next week", "Next month"]
    past = client.get(URL, {"when": "past"}).content.decode()
    assert _titles(past) == ["Last week", "Last year"]
    assert 'href="/en/events/?when=past" aria-current="page"' in past


def test_by_kind_and_thirty_a_page_and_unknown_values_ignored(organiser: Any) -> None:
    _event(organiser, "A seminar", 3, kind="seminar")
    for n in range(31):
        _event(organiser, f"Class {n:02d}", 10 + n)
    client = Client()
    seminars = client.get(URL, {"kind": "seminar"}).content.decode()
    assert _titles(seminars) == ["A seminar"]
    first = client.get(URL).content.decode()
    assert len(_titles(first)) == 30 and "Page 1 of 2" in first
    assert _titles(client.get(URL, {"page": "2"}).content.decode()) == ["Class 29", "Class 30"]
    odd = client.get(URL, {"kind": "<b>", "when": "someday", "page": "x"})
    assert odd.status_code == 200 and len(_titles(odd.content.decode())) == 30


def test_empty_states_say_where_to_look() -> None:
    page = Client().get(URL).content.decode()
    assert "No event is coming up. Past events are under “Past”." in page
    assert "No event is over yet." in Client().get(URL, {"when": "past"}).content.decode()


def test_an_empty_kind_says_so_and_offers_to_clear_the_filter(organiser: Any) -> None:
    """With a kind chosen, an empty list does not claim there is no event at all (there is a seminar): it
    names the kind's absence and leads back to every kind, on the same tab."""
    _event(organiser, "A seminar", 3, kind="seminar")
    _event(organiser, "An old seminar", -3, kind="seminar")
    labs = Client().get(URL, {"kind": "lab"}).content.decode()
    assert "No event of this kind is coming up." in labs and "No event is coming up" not in labs
    assert '<a class="clear-filters" href="/en/events/">Clear filters</a>' in labs
    past = Client().get(URL, {"kind": "lab", "when": "past"}).content.decode()
    assert "No event of this kind is over yet." in past
    assert '<a class="clear-filters" href="/en/events/?when=past">Clear filters</a>' in past


def test_the_api_lists_upcoming_or_past_events_and_by_kind(organiser: Any) -> None:
    _event(organiser, "Next week", 7)
    _event(organiser, "Last week", -7, kind="seminar")
    client = Client()
    titles = lambda q: [r["title"] for r in client.get(f"/api/events?{q}").json()["results"]]  # noqa: E731
    assert titles("when=upcoming") == ["Next week"]
    assert titles("when=past") == ["Last week"] == titles("kind=seminar")
    refused = client.get("/api/events?when=someday")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "when"


def test_my_registrations_put_events_over_under_past_without_cancel_or_accept(organiser: Any) -> None:
    from korkyt.events import services
    from tests.events.conftest import country_answer
    from tests.factories import UserFactory

    person = UserFactory(username="regular")
    for title, days in (("Soon", 5), ("Later", 40), ("Long ago", -300), ("Recently", -3)):
        event = _event(organiser, title, 1)  # registered while to come, then over as the days pass
        services.registration_create(actor=person, event=event, answers=country_answer(event, "KZ"))
        (session,) = _session(days)
        event.sessions.update(starts_at=session.starts_at, ends_at=session.ends_at)
    client = Client()
    client.force_login(person)
    page = client.get("/en/events/mine/").content.decode()
    coming, past = page.split("<h2>Past events</h2>", 1)
    coming = coming.split("<h2>Events to come</h2>", 1)[1]
    order = lambda text, titles: sorted(titles, key=text.index)  # noqa: E731
    assert order(coming, ["Later", "Soon"]) == ["Soon", "Later"] and "Long ago" not in coming
    assert order(past, ["Long ago", "Recently"]) == ["Recently", "Long ago"]
    past = past.split("<h2>My calendar</h2>", 1)[0]
    assert "Cancel my registration" in coming and "Cancel my registration" not in past
    assert "Your ticket (QR code)" in past  # what was kept stays readable
    # each card's ticket and cancel links name their event to screen readers (not four alike)
    named = '<span class="visually-hidden">: <span lang="en">Soon</span></span>'
    assert f"Your ticket (QR code){named}</a>" in coming and f"Cancel my registration{named}</a>" in coming


def test_a_registration_to_an_event_over_is_not_cancelled_and_deleting_it_frees_no_seat(
    organiser: Any, mailoutbox: Any
) -> None:
    from django.core.exceptions import ValidationError

    from korkyt.events import services
    from korkyt.events.models import Registration
    from tests.events.conftest import country_answer
    from tests.factories import UserFactory

    event = _event(organiser, "Done", 2, capacity=1)
    holder, waiting = UserFactory(username="holder"), UserFactory(username="waiting")
    held = services.registration_create(actor=holder, event=event, answers=country_answer(event, "KZ"))
    services.registration_create(actor=waiting, event=event, answers=country_answer(event, "KZ"))
    event.sessions.update(
        starts_at=timezone.now() - dt.timedelta(days=2), ends_at=timezone.now() - dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as refused:
        services.registration_cancel(actor=holder, registration=held)
    assert refused.value.code == "event_over"
    client = Client()
    client.force_login(holder)
    page = client.post(f"/en/events/registrations/{held.pk}/cancel", follow=True).content.decode()
    assert "The event is over: a registration to it can no longer be cancelled." in page
    api = client.delete(f"/api/registrations/{held.pk}")
    assert api.status_code == 409 and api.json()["code"] == "event_over"
    held.refresh_from_db()
    assert held.status == "confirmed"
    mailoutbox.clear()
    assert services.registration_delete(actor=holder, registration=held) == "deleted"
    assert Registration.objects.get(user=waiting).status == "waitlisted"  # nobody offered a past seat
    assert not [m for m in mailoutbox if m.to == [waiting.email]]
