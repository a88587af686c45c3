"""A film entered by its title is matched only among the films the entrant may see: another institution's
draft is never taken for theirs (the page and the service), while their own agency's draft and any
published film are still found rather than catalogued twice."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue import services as catalogue
from korkyt.catalogue.models import CreditRole, Film, TitleKind
from korkyt.core.permissions import SYSTEM
from korkyt.festival import services
from korkyt.festival.models import Submission
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory, person

pytestmark = pytest.mark.django_db


def _film(owner: Any, status: str = "draft") -> Film:
    film = catalogue.film_create(
        actor=SYSTEM,
        owner=owner,
        titles=[{"text": "AZSecretDraft", "language": "az", "kind": TitleKind.ORIGINAL}],
        year=2020,
        countries=["AZ"],
        status=status,
    )
    director = person(("Secret Director Aliyev", "en"), owner=owner)
    catalogue.credit_create(actor=SYSTEM, film=film, role=CreditRole.DIRECTOR, person=director)
    return film


@pytest.fixture
def agency_az(db: Any) -> Any:
    return InstitutionFactory(code="AZ-NFC", country="AZ")


@pytest.fixture
def organiser(edition: Any) -> Any:
    organiser = InstitutionFactory(code="KZ-SC", country="KZ")
    edition.organisers.add(organiser)
    return organiser


def _post() -> dict[str, str]:
    return {
        "section": "feature",
        "film": "",
        "new_title": "AZSecretDraft",
        "new_language": "az-Latn",
        "new_year": "2020",
        "new_countries": "AZ",
        "new_directors": "Secret Director Aliyev",
        "premiere": "none",
        "runtime": "96",
        "screener_url": "https://vimeo.com/3",
        "screener_password": "pw",
    }


def test_a_stranger_entering_another_institutions_draft_by_title_gets_a_new_film(
    edition: Any, feature: Any, organiser: Any, agency_az: Any
) -> None:
    secret = _film(agency_az)
    stranger = UserFactory(username="newcomer")
    client = Client()
    client.force_login(stranger)
    answer = client.post("/en/festival/6/submit/", _post())
    assert answer.status_code == 302
    sub = Submission.objects.get()
    assert sub.film_id != secret.pk
    assert sub.film.owner_id == organiser.pk and sub.film.status == "draft"
    secret.refresh_from_db()
    assert secret.status == "draft" and not Submission.objects.filter(film=secret).exists()
    shown = client.get(f"/api/festival/submissions/{sub.pk}").json()
    assert shown["film"] != secret.pk


def test_the_service_matches_among_the_entrants_films_only(
    edition: Any, feature: Any, organiser: Any, agency_az: Any
) -> None:
    secret = _film(agency_az)
    stranger = UserFactory(username="newcomer")
    film, created = services.entry_film_create(
        actor=stranger,
        edition=edition,
        title="AZSecretDraft",
        language="az-Latn",
        year=2020,
        directors=["Secret Director Aliyev"],
        countries=["AZ"],
    )
    assert created and film.pk != secret.pk
    # The agency's own editor is matched with their draft, not given a second copy.
    az_editor = MembershipFactory(user=UserFactory(username="editor-az"), institution=agency_az).user
    own, created = services.entry_film_create(
        actor=az_editor,
        edition=edition,
        agency=agency_az,
        title="AZSecretDraft",
        language="az-Latn",
        year=2020,
        directors=["Secret Director Aliyev"],
        countries=["AZ"],
    )
    assert (own.pk, created) == (secret.pk, False)


def test_a_published_film_is_still_found_for_anyone(
    edition: Any, feature: Any, organiser: Any, agency_az: Any
) -> None:
    public = _film(agency_az, status="published")
    film, created = services.entry_film_create(
        actor=UserFactory(username="newcomer"),
        edition=edition,
        title="AZSecretDraft",
        language="az-Latn",
        year=2020,
        directors=["Secret Director Aliyev"],
        countries=["AZ"],
    )
    assert (film.pk, created) == (public.pk, False)
