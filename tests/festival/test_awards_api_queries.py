"""The public list of awards reads every edition's awards at once: the same number of queries however many
editions have announced their results, newest edition first, an edition's awards in their order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import AwardStatement, AwardWinner
from tests.factories import InstitutionFactory, film

pytestmark = pytest.mark.django_db


def _editions(start: int, end: int, owner: Any) -> None:
    """Past editions start…end-1 with two awards each, the first given to a film with a statement."""
    for number in range(start, end):
        edition = services.edition_create(
            actor=SYSTEM,
            number=number,
            city="Aktau",
            country="KZ",
            starts_on=dt.date(2000 + number, 5, 1),
            ends_on=dt.date(2000 + number, 5, 5),
            venues=["Drama Theatre"],
            results_at=None,
        )
        for code in ("grand", "mention"):
            services.award_create(actor=SYSTEM, edition=edition, code=code, names={"en": f"{code} {number}"})
        winner = AwardWinner.objects.create(
            award=edition.awards.get(code="grand"), film=film(owner, (f"Winner {number}", "en"))
        )
        AwardStatement.objects.create(winner=winner, language="en", text=f"For {number}.")


def test_the_awards_of_every_edition_are_read_at_once(db: Any) -> None:
    owner = InstitutionFactory(code="KZ-AW")
    sealed = services.edition_create(
        actor=SYSTEM,
        number=99,
        city="Aktau",
        country="KZ",
        starts_on=dt.date.today() + dt.timedelta(days=30),
        ends_on=dt.date.today() + dt.timedelta(days=34),
        venues=["Drama Theatre"],
        results_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=34),
    )
    services.award_create(actor=SYSTEM, edition=sealed, code="grand", names={"en": "Not yet"})
    client = Client()

    def queries() -> tuple[int, list[dict[str, Any]]]:
        client.get("/api/festival/awards")
        with CaptureQueriesContext(connection) as captured:
            answer = client.get("/api/festival/awards")
        assert answer.status_code == 200
        return len(captured), answer.json()

    _editions(1, 3, owner)
    few, _ = queries()
    _editions(3, 7, owner)
    many, awards = queries()
    assert [(a["edition"], a["name"]) for a in awards] == [
        (n, f"{code} {n}") for n in range(6, 0, -1) for code in ("grand", "mention")
    ]  # the sealed edition's award is not among them
    assert awards[0]["winners"][0]["title"] == "Winner 6" and awards[0]["winners"][0]["statement"] == "For 6."
    assert many == few, (few, many)
