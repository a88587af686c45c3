"""The organisers' event editor: create with texts in three languages, sessions in the venue's time zone,
country quotas and a form; edits under the booking lock; every error named and nothing half-saved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from korkyt.core.models import AuditEntry
from korkyt.events import services
from korkyt.events.models import Event
from tests.events.conftest import country_answer, make_event
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def rows(prefix: str, items: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": len(items),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for i, item in enumerate(items):
        data.update({f"{prefix}-{i}-{k}": v for k, v in item.items()})
    return data


def form_data(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "master_class",
        "audience": "anyone",
        "venue": "Aktau, Caspian cinema",
        "time_zone": "Asia/Baku",
        "capacity": "30",
        "per_country_limit": "5",
        "mode": "automatic",
        "waitlist": "on",
        **rows(
            "texts",
            [
                {"language": "kk-Cyrl", "title": "Дала дыбысы", "description": "Шеберлік сыныбы"},
                {"language": "ru", "title": "Звук степи", "description": ""},
                {"language": "en", "title": "Sound for the steppe", "description": "A master class"},
            ],
        ),
        **rows(
            "sessions", [{"starts_at": "2027-05-12T10:00", "ends_at": "2027-05-12T13:00", "room": "Hall 1"}]
        ),
        **rows("quotas", [{"country": "KZ", "limit": "10"}]),
        **rows(
            "questions",
            [{"kind": "single", "label": "Role", "choices": "Producer\nDirector", "required": "on"}],
        ),
    }
    data.update(over)
    return data


def test_organiser_creates_an_event_in_three_languages_with_quotas_and_a_form(
    client: Client, organiser: Any
) -> None:
    client.force_login(organiser)
    assert client.get("/en/events/new/").status_code == 200
    answer = client.post("/kk/events/new/", form_data())
    assert answer.status_code == 302, answer.content.decode()[:2000]
    event = Event.objects.get()
    assert event.status == "draft" and event.created_by == organiser
    assert sorted(event.translations.values_list("language", flat=True)) == ["en", "kk-Cyrl", "ru"]
    (session,) = event.sessions.all()
    assert session.starts_at == dt.datetime(2027, 5, 12, 6, 0, tzinfo=dt.UTC)  # 10:00 in Baku (UTC+4)
    assert event.bookable.capacity == 30 and event.bookable.per_country_limit == 5
    assert {str(q.country): q.limit for q in event.bookable.quotas.all()} == {"KZ": 10}
    (question,) = event.questions.all()
    assert question.choices == ["Producer", "Director"] and question.required
    # recorded by the audit log, field by field, in the event's history
    assert (
        AuditEntry.objects.filter(object_pk=str(event.pk), content_type__model="event", action=0).count() == 1
    )
    page = client.get(f"/en/events/{event.pk}/edit/")
    assert 'value="2027-05-12T10:00"' in page.content.decode()  # shown again in the venue's time zone
    client.post(f"/en/events/{event.pk}/transition", {"name": "publish"})
    event.refresh_from_db()
    assert event.status == "published"


def test_untouched_empty_rows_are_ignored(client: Client, organiser: Any) -> None:
    client.force_login(organiser)
    page = client.get("/en/events/new/").content.decode()
    assert 'name="questions-0-kind"' in page and '<option value="" selected>' in page
    blank = {"kind": "", "label": "", "choices": "", "form": "registration", "required": ""}
    answer = client.post("/en/events/new/", form_data(**rows("questions", [blank, blank])))
    assert answer.status_code == 302
    assert not Event.objects.get().questions.exists()


def test_bad_input_names_each_problem_and_saves_nothing(client: Client, organiser: Any) -> None:
    client.force_login(organiser)
    data = form_data(
        venue="",
        **rows("sessions", [{"starts_at": "2027-05-12T10:00", "ends_at": "2027-05-12T09:00"}]),
        **rows("texts", [{"language": "en", "title": ""}]),
    )
    answer = client.post("/en/events/new/", data)
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "A session ends after it starts." in html
    assert "Give the title in this language." in html
    assert "Nothing was saved" in html
    assert not Event.objects.exists()
    # The form is valid but the service refuses (no venue nor online link): still nothing saved.
    answer = client.post("/en/events/new/", form_data(venue=""))
    assert answer.status_code == 422 and "Give a venue or an online link." in answer.content.decode()
    assert not Event.objects.exists()


def test_edit_keeps_held_seats_and_gives_added_seats_to_the_waiting_list(organiser: Any) -> None:
    event = make_event(organiser, capacity=1)
    first, second = UserFactory(username="first"), UserFactory(username="second")
    services.registration_create(actor=first, event=event, answers=country_answer(event, "KG"))
    waiting = services.registration_create(actor=second, event=event, answers=country_answer(event, "TM"))
    assert waiting.status == "waitlisted"
    spec = vars(services.event_spec(event))
    with pytest.raises(services_error()) as refused:
        services.event_update(
            actor=organiser, event=event, **{**spec, "capacity": 0, "titles": {"en": "New"}}
        )
    assert "capacity" in refused.value.message_dict
    assert event.translations.filter(title="New").count() == 0  # nothing half-saved
    services.event_update(actor=organiser, event=event, **{**spec, "capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    event.bookable.refresh_from_db()
    assert event.bookable.taken == 2


def test_a_quota_cannot_go_below_the_seats_its_country_holds(organiser: Any) -> None:
    event = make_event(organiser, capacity=10, quotas={"KZ": 3})
    for i in range(2):
        services.registration_create(
            actor=UserFactory(username=f"kz{i}"), event=event, answers=country_answer(event, "KZ")
        )
    spec = vars(services.event_spec(event))
    with pytest.raises(services_error()) as refused:
        services.event_update(actor=organiser, event=event, **{**spec, "quotas": {"KZ": 1}})
    assert "quotas" in refused.value.message_dict
    event.bookable.quotas.get(country="KZ").limit == 3  # noqa: B015


def test_only_organisers_edit(client: Client, organiser: Any) -> None:
    event = make_event(organiser)
    other = MembershipFactory(
        user=UserFactory(username="tr_editor"), institution=InstitutionFactory(code="TR-X", country="TR")
    ).user
    plain = UserFactory(username="plain")
    for user, status in ((other, 404), (plain, 404), (organiser, 200)):
        client.force_login(user)
        assert client.get(f"/en/events/{event.pk}/edit/").status_code == status
    client.force_login(plain)
    assert client.get("/en/events/new/").status_code == 404
    assert client.post(f"/en/events/{event.pk}/transition", {"name": "cancel"}).status_code == 404
    event.refresh_from_db()
    assert event.status == "published"


def services_error() -> type[Exception]:
    from django.core.exceptions import ValidationError

    return ValidationError


def test_the_event_history_shows_its_edits_to_its_organisers_only(client: Client, organiser: Any) -> None:
    """The edit page links the event's history; it lists the fields changed, the seats saved and the texts,
    in the reader's language; another agency's editor gets no link and a 404."""
    client.force_login(organiser)
    client.post("/en/events/new/", form_data())
    event = Event.objects.get()
    edit = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    history = f"/en/history/events.event/{event.pk}"
    assert f'href="{history}"' in edit
    spec = vars(services.event_spec(event))
    services.event_update(
        actor=organiser, event=event, **{**spec, "capacity": 40, "venue": "Aktau, Shagala hall"}
    )
    page = client.get(history)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Shagala hall" in body  # the venue's change, before → after
    assert "Seats, sessions and form saved" in body  # the service's own record, labelled
    assert "Sound for the steppe" in body  # a text of the event, shown in its history (parent = event)
    assert ">events." not in body  # no raw event names shown
    other = MembershipFactory(
        user=UserFactory(username="other-agency"), institution=InstitutionFactory()
    ).user
    client.force_login(other)
    assert client.get(history).status_code == 404
    assert f'href="{history}"' not in client.get(f"/en/events/{event.pk}/").content.decode()


def test_no_history_link_for_what_is_not_audited(rf: Any) -> None:
    """A history page exists only for audited models: even an administrator gets no link to one that
    would be a 404 (a role scope's page links its scope's history)."""
    from korkyt.accounts.models import User
    from korkyt.core.audit import may_read_history
    from korkyt.events.models import Session

    admin = User.objects.create_superuser("root-h", "r@example.org", "a-long-pass-123")
    organiser = MembershipFactory(user=UserFactory(username="org-h"), institution=InstitutionFactory()).user
    event = make_event(organiser)
    assert may_read_history(admin, event)
    assert not may_read_history(admin, event.sessions.first() or Session())


def test_a_session_in_year_one_is_a_message_not_a_server_error(client: Client, organiser: Any) -> None:
    client.force_login(organiser)
    data = form_data(
        **rows("sessions", [{"starts_at": "0001-01-01T00:00", "ends_at": "0001-01-01T03:00"}]),
        opens_at="9999-12-31T23:00",
    )
    answer = client.post("/en/events/new/", data)
    assert answer.status_code == 422
    assert answer.content.decode().count("Give a year between 1900 and 2199.") == 3
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"capacity": 9223372036854775807}, "capacity"),
        ({"capacity": 100_001}, "capacity"),
        ({"per_country_limit": 100_001, "capacity": None}, "per_country_limit"),
        ({"quotas": {"KZ": 100_001}, "capacity": None}, "quotas[0].limit"),
    ],
)
def test_seat_counts_past_a_stadiums_are_refused(organiser: Any, change: dict[str, Any], field: str) -> None:
    event = make_event(organiser, capacity=10)
    spec = vars(services.event_spec(event))
    with pytest.raises(services_error()) as refused:
        services.event_update(actor=organiser, event=event, **{**spec, **change})
    assert refused.value.message_dict[field] == ["At most 100,000 seats."]
    event.bookable.refresh_from_db()
    assert event.bookable.capacity == 10


def test_the_new_event_form_sent_again_makes_one_event(client: Client, organiser: Any) -> None:
    import re

    from korkyt.events.models import Event

    client.force_login(organiser)
    page = client.get("/en/events/new/").content.decode()
    key = re.search(r'name="once" value="([^"]+)"', page)
    assert key is not None
    before = Event.objects.count()
    first = client.post("/en/events/new/", form_data(once=key.group(1)))
    assert first.status_code == 302, first.content.decode()[-1500:]
    again = client.post("/en/events/new/", form_data(once=key.group(1)))  # Back, then Save
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Event.objects.count() == before + 1
    edit = client.get(first["Location"]).content.decode()
    assert 'name="once"' not in edit  # an edit is not a creation
