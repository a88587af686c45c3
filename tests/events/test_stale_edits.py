"""Two organisers edit one event: a form loaded before someone else's save is refused (nothing of theirs is
deleted, what was typed stays on the page), and an edit never writes the event's status."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from korkyt.core.concurrency import StaleError, version_of
from korkyt.events import services
from korkyt.events.models import Event, EventStatus
from korkyt.events.services import QuestionData, SessionData
from tests.events.conftest import AQTAU, make_event
from tests.events.test_editor import rows

pytestmark = pytest.mark.django_db


def _page_version(client: Client, event: Event) -> str:
    page = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    found = re.search(r'<input type="hidden" name="version" value="([^"]*)"', page)
    assert found, "the editor carries the event's version"
    return found[1]


def _form_as_loaded(event: Event, version: str, description: str) -> dict[str, Any]:
    """What the editor posts for ``event`` as it was when loaded, with a new English description."""
    session = event.sessions.get()
    question = event.questions.get()
    start = session.starts_at.astimezone(AQTAU)
    return {
        "version": version,
        "kind": event.kind,
        "audience": event.audience,
        "venue": event.venue,
        "time_zone": event.time_zone,
        "mode": "automatic",
        "waitlist": "on",
        **rows(
            "texts",
            [
                {
                    "language": t.language,
                    "title": t.title,
                    "description": description if t.language == "en" else t.description,
                }
                for t in event.translations.order_by("language")
            ],
            initial=event.translations.count(),
        ),
        **rows(
            "sessions",
            [
                {
                    "id": session.pk,
                    "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
                    "ends_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
                }
            ],
            initial=1,
        ),
        **rows("quotas", []),
        **rows(
            "questions",
            [{"id": question.pk, "kind": "country", "label": "Country", "required": "on"}],
            initial=1,
        ),
    }


def _add_a_session_and_a_question(organiser: Any, event: Event) -> None:
    spec = services.event_spec(event)
    start = dt.datetime(2027, 5, 13, 10, 0, tzinfo=AQTAU)
    spec.sessions = [*spec.sessions, SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=2))]
    spec.questions = [*spec.questions, QuestionData(kind="text", label="Your film")]
    services.event_update(actor=organiser, event=event, version=version_of(event), **vars(spec))


def test_a_form_loaded_before_another_save_deletes_nothing_and_keeps_what_was_typed(
    client: Client, organiser: Any
) -> None:
    event = make_event(organiser)
    client.force_login(organiser)
    loaded = _page_version(client, event)
    assert loaded == version_of(event)
    typed = _form_as_loaded(event, loaded, "Bring headphones")
    # Meanwhile another organiser adds a session and a question.
    _add_a_session_and_a_question(organiser, Event.objects.get(pk=event.pk))
    answer = client.post(f"/en/events/{event.pk}/edit/", typed)
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "Someone else changed this while you were editing it." in html
    assert "Bring headphones" in html  # what was typed is still on the page
    assert event.sessions.count() == 2 and event.questions.count() == 2
    assert not event.translations.filter(description="Bring headphones").exists()
    # The page loaded again shows the other organiser's question, with the event's new version.
    again = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    assert 'value="Your film"' in again and loaded not in again


def test_a_form_loaded_before_a_publish_is_refused_and_the_event_stays_published(organiser: Any) -> None:
    event = make_event(organiser)
    services.event_transition(actor=organiser, event=event, name="unpublish")
    event = Event.objects.get(pk=event.pk)
    read = version_of(event)
    spec = vars(services.event_spec(event))
    services.event_transition(actor=organiser, event=Event.objects.get(pk=event.pk), name="publish")
    with pytest.raises(StaleError) as refused:
        services.event_update(actor=organiser, event=event, version=read, **{**spec, "venue": "Elsewhere"})
    assert refused.value.error_dict["version"][0].code == "stale"
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.venue == "Aktau cinema"


def test_an_edit_never_writes_the_status_a_publish_set_at_the_same_moment(
    organiser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edit read the event as a draft; the publish commits between that read and the edit's save
    (stood in for by a write while the edit checks its speakers): the event stays published."""
    event = make_event(organiser)
    services.event_transition(actor=organiser, event=event, name="unpublish")
    spec = vars(services.event_spec(event))
    resolve = services.events.speakers_resolve

    def published_meanwhile(**kw: Any) -> Any:
        Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
        return resolve(**kw)

    monkeypatch.setattr(services.events, "speakers_resolve", published_meanwhile)
    services.event_update(actor=organiser, event=event, **{**spec, "venue": "Aktau, Shagala hall"})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.venue == "Aktau, Shagala hall"


def test_a_fresh_form_saves_and_an_older_client_without_a_version_is_not_checked(
    client: Client, organiser: Any
) -> None:
    event = make_event(organiser)
    client.force_login(organiser)
    loaded = _page_version(client, event)
    answer = client.post(f"/en/events/{event.pk}/edit/", _form_as_loaded(event, loaded, "Bring headphones"))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert event.translations.get(language="en").description == "Bring headphones"
    data = _form_as_loaded(event, "", "Bring a notebook")
    del data["version"]
    assert client.post(f"/en/events/{event.pk}/edit/", data).status_code == 302
    assert event.translations.get(language="en").description == "Bring a notebook"
