"""The events API contract as issue 16 states it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from korkyt.accounts.services import token_create
from korkyt.events import booking, services
from korkyt.events.models import Bookable, Registration
from tests.events.conftest import country_answer, make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _auth(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def _post(client: Client, event: Any, user: Any, country: str = "KZ") -> Any:
    return client.post(
        f"/api/events/{event.pk}/registrations",
        {"answers": country_answer(event, country)},
        content_type="application/json",
        headers=_auth(user),
    )


def test_list_of_open_published_events_has_the_contract_fields(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=30, per_country_limit=5)
    make_event(organiser, closes_at=timezone.now() - dt.timedelta(days=1))  # closed
    services.event_create(actor=organiser, kind="lab", titles={"en": "Draft"}, venue="x")  # draft
    services.registration_create(
        actor=UserFactory(username="p"), event=event, answers=country_answer(event, "KZ")
    )
    body = client.get("/api/events?status=published&registration=open").json()
    assert set(body) == {"count", "results"}
    assert body["count"] == 1
    (row,) = body["results"]
    assert set(row) == {
        "id",
        "title",
        "kind",
        "starts_at",
        "capacity",
        "confirmed",
        "waitlisted",
        "registration_open",
        "url",
    }
    assert row["id"] == event.pk
    assert (row["kind"], row["capacity"], row["confirmed"], row["waitlisted"]) == ("master_class", 30, 1, 0)
    assert row["registration_open"] is True
    assert row["title"] == "Sound design master class"
    assert row["url"].endswith(f"/events/{event.pk}/")
    assert client.get("/api/events?status=published").json()["count"] == 2


def test_event_detail_adds_sessions_quotas_and_questions(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=30, quotas={"TM": 5})
    body = client.get(f"/api/events/{event.pk}").json()
    assert {"sessions", "quotas", "questions", "confirmed", "registration_open"} <= set(body)
    assert body["sessions"][0]["starts_at"].startswith("2027-05-12T")
    assert body["quotas"] == [{"country": "TM", "limit": 5, "used": 0}]
    assert body["questions"][0]["kind"] == "country"


def test_registering_answers_201_and_registering_twice_409_with_the_existing_registration(
    client: Client, organiser: Any
) -> None:
    event = make_event(organiser, capacity=1)
    user = UserFactory(username="producer")
    first = _post(client, event, user)
    assert first.status_code == 201
    assert first.json() == {"id": first.json()["id"], "status": "confirmed"}
    again = _post(client, event, user)
    assert again.status_code == 409
    assert again.json()["code"] == "already_registered"
    assert again.json()["registration"] == {"id": first.json()["id"], "status": "confirmed"}
    second = _post(client, event, UserFactory(username="second"))
    assert (second.status_code, second.json()["status"]) == (201, "waitlisted")


def test_full_without_waiting_list_and_closed_are_409_with_a_clear_code(
    client: Client, organiser: Any
) -> None:
    full = make_event(organiser, capacity=1, waitlist=False)
    assert _post(client, full, UserFactory(username="a")).status_code == 201
    answer = _post(client, full, UserFactory(username="b"))
    assert (answer.status_code, answer.json()["code"]) == (409, "full")
    closed = make_event(organiser, opens_at=timezone.now() + dt.timedelta(days=3))
    answer = _post(client, closed, UserFactory(username="c"))
    assert (answer.status_code, answer.json()["code"]) == (409, "registration_closed")


def test_wrong_answers_are_422_naming_the_question(client: Client, organiser: Any) -> None:
    event = make_event(organiser)
    q = event.questions.get()
    answer = client.post(
        f"/api/events/{event.pk}/registrations",
        {"answers": {str(q.pk): "Atlantis"}},
        content_type="application/json",
        headers=_auth(UserFactory(username="u")),
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == f"answers.{q.pk}"


def test_a_misspelt_field_is_422_and_registers_no_one(client: Client, organiser: Any) -> None:
    event = make_event(organiser)
    q = event.questions.get()
    answer = client.post(
        f"/api/events/{event.pk}/registrations",
        {"answer": {str(q.pk): "Kazakhstan"}},
        content_type="application/json",
        headers=_auth(UserFactory(username="u")),
    )
    assert answer.status_code == 422
    assert "answer" in {e["field"] for e in answer.json()["errors"]}
    assert not Registration.objects.filter(user__username="u").exists()


def test_anonymous_registration_is_401(client: Client, organiser: Any) -> None:
    event = make_event(organiser)
    answer = client.post(
        f"/api/events/{event.pk}/registrations", {"answers": {}}, content_type="application/json"
    )
    assert answer.status_code == 401


def test_the_participant_cancels_with_204_and_the_first_waiting_person_is_promoted(
    client: Client, organiser: Any
) -> None:
    event = make_event(organiser, capacity=1)
    a, b = UserFactory(username="a"), UserFactory(username="b")
    reg_a = _post(client, event, a).json()
    reg_b = _post(client, event, b).json()
    assert reg_b["status"] == "waitlisted"
    assert client.delete(f"/api/registrations/{reg_a['id']}", headers=_auth(b)).status_code == 404
    assert client.delete(f"/api/registrations/{reg_a['id']}", headers=_auth(a)).status_code == 204
    assert client.get(f"/api/registrations/{reg_b['id']}", headers=_auth(b)).json()["status"] == "confirmed"
    assert client.get("/api/events?status=published").json()["results"][0]["confirmed"] == 1


def test_a_draft_is_404_for_others_and_visible_to_its_organiser(client: Client, organiser: Any) -> None:
    draft = services.event_create(actor=organiser, kind="lab", titles={"en": "Draft"}, venue="x")
    assert client.get(f"/api/events/{draft.pk}").status_code == 404
    assert client.get(f"/api/events/{draft.pk}", headers=_auth(organiser)).status_code == 200
    assert client.get("/api/events/0").status_code == 404


def test_a_booking_shows_its_seats_and_payment_to_the_booker_and_organisers_only(
    client: Client, organiser: Any
) -> None:
    event = make_event(organiser, capacity=10)
    Bookable.objects.filter(pk=event.bookable_id).update(
        price=Decimal("1500"), currency="KZT", per_person_limit=3
    )
    booker = UserFactory(username="booker")
    with transaction.atomic():
        reg = booking.book(bookable_id=event.bookable_id, user=booker, country="KZ", seats=2)
    url = f"/api/registrations/{reg.pk}"
    body = client.get(url, headers=_auth(booker)).json()
    assert body == {
        "id": reg.pk,
        "status": "confirmed",
        "seats": 2,
        "payment": "unpaid",
        "amount": "3000.00",
        "currency": "KZT",
        "paid_at": None,
    }
    assert client.get(url, headers=_auth(organiser)).json() == body
    stranger = UserFactory(username="stranger")
    other_editor = MembershipFactory(
        user=UserFactory(username="az-editor"), institution=InstitutionFactory(code="AZ-X", country="AZ")
    ).user
    for who in (stranger, other_editor):
        answer = client.get(url, headers=_auth(who))
        assert answer.status_code == 404
        assert "payment" not in answer.json()
    assert client.get(url).status_code in (401, 404)
    assert "seats" not in client.get(url).json()

    with transaction.atomic():
        booking.mark_paid(registration_id=reg.pk)
    paid = client.get(url, headers=_auth(booker)).json()
    assert (paid["payment"], paid["amount"], paid["currency"]) == ("paid", "3000.00", "KZT")
    assert paid["paid_at"] is not None


def test_a_free_booking_shows_one_seat_free_without_amount(client: Client, organiser: Any) -> None:
    event = make_event(organiser, capacity=5)
    user = UserFactory(username="free")
    created = _post(client, event, user).json()
    body = client.get(f"/api/registrations/{created['id']}", headers=_auth(user)).json()
    assert {k: body[k] for k in ("seats", "payment", "amount", "currency", "paid_at")} == {
        "seats": 1,
        "payment": "free",
        "amount": None,
        "currency": "",
        "paid_at": None,
    }
