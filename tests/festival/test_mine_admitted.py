"""My submissions tells an entry the programmers admitted despite what it lacks (or went on to select)
from one that is kept out: the reasons of an admitted entry come with the note that it was admitted, as on
the entry's own page, not as if they still kept it out."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.festival import services
from korkyt.festival.models import Submission
from tests.festival.conftest import make_film

pytestmark = pytest.mark.django_db

ADMITTED = "The programmers admitted the entry meanwhile."


def _incomplete(feature: Any, agency_kg: Any, producer: Any, title: str) -> Submission:
    sub = services.submission_create(actor=producer, section=feature, film=make_film(agency_kg, title))
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    assert sub.status == "incomplete" and sub.eligibility
    return sub


def test_an_admitted_entry_s_reasons_are_said_to_be_admitted(
    feature: Any, agency_kg: Any, producer: Any, staff: Any
) -> None:
    admitted = _incomplete(feature, agency_kg, producer, "Admitted film")
    services.submission_decide(actor=staff, submission=admitted, name="admit")
    client = Client()
    client.force_login(producer)
    page = client.get("/en/festival/mine/").content.decode()
    assert page.count(ADMITTED) == 1
    assert page.index("Admitted film") < page.index(ADMITTED)


def test_a_kept_out_entry_is_not_said_to_be_admitted(feature: Any, agency_kg: Any, producer: Any) -> None:
    _incomplete(feature, agency_kg, producer, "Kept out film")
    client = Client()
    client.force_login(producer)
    page = client.get("/en/festival/mine/").content.decode()
    assert "Kept out film" in page and ADMITTED not in page


def test_each_entry_names_its_festival_edition(feature: Any, agency_kg: Any, producer: Any) -> None:
    _incomplete(feature, agency_kg, producer, "A film")
    client = Client()
    client.force_login(producer)
    page = client.get("/ru/festival/mine/").content.decode()
    assert "Коркыт Ата 6 · Актау" in page
