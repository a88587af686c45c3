"""The edition's history names what it is about as the festival's pages do, in the reader's language: the
edition by its name, a section by its kind, an award by its name, a juror as the public pages name them
(their catalogue person, else the name on their account), not "Korkyt Ata 6 (Aktau 2027)", "6 · feature", "best-film" or
"juror 33 · 1"."""

from __future__ import annotations

from typing import Any

from django.test import Client

from korkyt.accounts import services as account_services
from korkyt.catalogue.models import Person, PersonName
from korkyt.festival import services
from korkyt.festival.models import Edition, Section
from tests.factories import UserFactory


def test_the_edition_history_names_its_rows_as_the_pages_do(
    edition: Edition, feature: Section, staff: Any
) -> None:
    services.award_create(
        actor=staff, edition=edition, code="best-film", names={"en": "Best Film", "az": "Ən yaxşı film"}
    )
    named = UserFactory(username="juror-a")
    account_services.user_name_set(user=named, language="kk-Cyrl", full_name="Әйгерім Сәдуақасова")
    services.juror_add(actor=staff, section=feature, user=named)
    person = Person.objects.create()
    PersonName.objects.create(person=person, language="en", text="Elnur Hasanov")
    services.juror_add(actor=staff, section=feature, user=UserFactory(username="juror-b"), person=person)
    client = Client()
    client.force_login(staff)
    page = client.get(f"/az/history/festival.edition/{edition.pk}").content.decode()
    assert "Qorqud Ata 6 · Aktau" in page and "Korkyt Ata 6 (Aktau" not in page
    assert "Ən yaxşı film" in page and "mükafat: best-film" not in page
    assert "Bədii filmlər müsabiqəsi" in page and "6 · feature" not in page
    assert "Әйгерім Сәдуақасова" in page and "Elnur Hasanov" in page
    assert "juror " not in page.replace("juror-a", "").replace("juror-b", "")
