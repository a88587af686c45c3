from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest

from korkyt.accounts.rules import institution_ids
from korkyt.events import services
from korkyt.events.models import Event
from korkyt.events.services import QuestionData, SessionData
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

AQTAU = dt.timezone(dt.timedelta(hours=5))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """The events tests run SQLite on a file, not in memory: the race tests need one database that
    several connections (threads) share, with SQLite's real locking."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(tempfile.mkdtemp(prefix="korkyt-events-")) / "test.sqlite3"
        db.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture
def organiser(db: Any) -> Any:
    kz = InstitutionFactory(code="KZ-SCSNC", country="KZ")
    return MembershipFactory(user=UserFactory(username="organiser"), institution=kz).user


def make_event(organiser: Any, **kw: Any) -> Event:
    start = dt.datetime(2027, 5, 12, 10, 0, tzinfo=AQTAU)
    fields: dict[str, Any] = {
        "kind": "master_class",
        "titles": {"en": "Sound design master class", "kk": "Дыбыс дизайны шеберлік сыныбы"},
        "organisers": sorted(institution_ids(organiser)),
        "sessions": [SessionData(starts_at=start, ends_at=start + dt.timedelta(hours=3))],
        "questions": [QuestionData(kind="country", label="Country", required=True)],
        "venue": "Aktau cinema",
        "time_zone": "Asia/Aqtau",
    }
    fields.update(kw)
    event = services.event_create(actor=organiser, **fields)
    services.event_transition(actor=organiser, event=event, name="publish")
    return event


def country_answer(event: Event, country: str) -> dict[str, Any]:
    q = event.questions.get(kind="country")
    return {str(q.pk): country}
