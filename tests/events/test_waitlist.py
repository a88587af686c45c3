"""What a person on a waiting list is told: their place among those still waiting (not the running number
they joined with), and why they wait (their country's seats, or every seat); and the country lists that
put the network's six countries first, with a country question answered from the profile."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from korkyt.core.countries import NETWORK_COUNTRIES, country_choices
from korkyt.events import selectors, services, waitlist
from korkyt.events.forms import RegistrationForm
from korkyt.events.models import Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register(event: Any, name: str, country: str, **user: Any) -> Registration:
    return services.registration_create(
        actor=UserFactory(username=name, **user), event=event, answers=country_answer(event, country)
    )


def test_the_place_in_line_counts_only_those_still_waiting(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    holder = register(event, "holder", "KZ")
    first, second, third = (register(event, f"w{i}", "KZ") for i in range(3))
    assert [r.position for r in (first, second, third)] == [1, 2, 3]
    assert selectors.waitlist_places([first, second, third]) == {first.pk: 1, second.pk: 2, third.pk: 3}
    # the first leaves the list, then the holder's seat goes to the second
    services.registration_cancel(actor=first.user, registration=first)
    services.registration_cancel(actor=holder.user, registration=holder)
    third.refresh_from_db()
    assert third.position == 3 and selectors.waitlist_place(third) == 1
    assert selectors.waitlist_place(holder) is None  # not waiting


def test_the_reason_is_the_countrys_seats_while_others_are_free_else_every_seat(organiser: Any) -> None:
    event = make_event(organiser, capacity=3, per_country_limit=1)
    register(event, "tm1", "TM")
    tm2 = register(event, "tm2", "TM")
    assert tm2.status == "waitlisted" and selectors.waits_for_country(tm2)
    with translation.override("kk"):
        assert waitlist.line(tm2).startswith("Түрікменстан")  # the country named in the reader's language
    with translation.override("en"):
        assert waitlist.line(tm2) == (
            "The seats for Turkmenistan are taken. You are number 1 on the waiting list; "
            "we will write when a seat frees."
        )
    register(event, "kg", "KG")
    register(event, "az", "AZ")
    kz = register(event, "kz", "KZ")  # now every seat is taken
    assert kz.status == "waitlisted" and not selectors.waits_for_country(kz)
    assert not selectors.waits_for_country(tm2)
    with translation.override("en"):
        assert waitlist.line(kz).startswith("All seats are taken. You are number 2 on the waiting list")


def test_the_mail_and_the_pages_say_why_and_the_place(
    organiser: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.LANGUAGE_CODE = "en"
    event = make_event(organiser, capacity=30, per_country_limit=1)
    register(event, "tm1", "TM")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        tm2 = register(event, "tm2", "TM", email="tm2@example.org", language="en")
    sent = [m for m in mail.outbox if m.to == ["tm2@example.org"]]
    assert sent and "The seats for Turkmenistan are taken. You are number 1" in sent[-1].body

    client = Client()
    client.force_login(tm2.user)
    with translation.override("en"):
        page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
        mine = client.get(reverse("events:my_registrations")).content.decode()
    assert "at most 1 seat for each country" in page
    assert "The seats for Turkmenistan are taken. You are number 1 on the waiting list" in page
    assert "Number 1 on the waiting list" in mine


def test_network_countries_come_first_then_every_other_once() -> None:
    with translation.override("en"):
        choices = country_choices()
    blank, (network_label, network), (others_label, others) = choices
    assert blank == ("", "—")
    assert {code for code, _name in network} == set(NETWORK_COUNTRIES)
    from django_countries import countries

    with translation.override("en"):  # in the order of the whole list, sorted by name in the language
        assert [code for code, _name in network] == [c for c, _n in countries if c in NETWORK_COUNTRIES]
    codes = [code for code, _name in others]
    assert not set(codes) & set(NETWORK_COUNTRIES) and "FR" in codes and len(codes) == len(set(codes))
    assert str(network_label) == "Countries of the network"


def test_a_country_question_starts_from_the_profiles_country_and_validates_grouped_choices(
    organiser: Any,
) -> None:
    event = make_event(organiser, capacity=5)
    question = event.questions.get(kind="country")
    name = f"q{question.pk}"
    person = UserFactory(username="kg-person", country="KG")
    client = Client()
    client.force_login(person)
    with translation.override("en"):
        page = client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert '<optgroup label="Countries of the network">' in page
    assert '<option value="KG" selected>' in page
    assert RegistrationForm({name: "FR"}, event=event).is_valid()  # a country of the second group
    form = RegistrationForm({name: "XX"}, event=event)
    assert not form.is_valid() and name in form.errors
