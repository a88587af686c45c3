"""The "fix it" links of an entry's reasons point where the reader can act, or nowhere: the producer of a
film new to the catalogue (catalogued by the festival's organiser) gets no workbench or catalogue link,
which would answer 404 for them; their missing screener links to the screener form on the entry's page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.festival import services
from korkyt.festival.eligibility import reason_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_film_entry(edition: Any, feature: Any, producer: Any) -> Any:
    from tests.factories import InstitutionFactory

    edition.organisers.add(InstitutionFactory(code="KZ-FEST", country="KZ"))
    film, created = services.entry_film_create(
        actor=producer,
        edition=edition,
        title="Jańa fil'm",
        language="kk-Latn",
        directors=["A. B."],
        countries=["KG"],
    )
    assert created
    sub = services.submission_create(actor=producer, section=feature, film=film)
    services.submission_submit(actor=producer, submission=sub)
    sub.refresh_from_db()
    return sub


def test_every_link_shown_to_the_producer_answers_them(new_film_entry: Any, producer: Any) -> None:
    codes = {r["code"] for r in new_film_entry.eligibility}
    assert {"languages", "screener_missing"} <= codes
    client = Client()
    client.force_login(producer)
    links = [reason_link(r, producer, new_film_entry) for r in new_film_entry.eligibility]
    shown = [link for link in links if link]
    assert shown == [f"/en/festival/submissions/{new_film_entry.pk}/#screener"]
    for link in shown:
        assert client.get(link.split("#")[0]).status_code == 200
    for page in (f"/en/festival/submissions/{new_film_entry.pk}/", "/en/festival/mine/"):
        content = client.get(page).content.decode()
        assert "/localization/films/" not in content
        assert "#screener" in content


def test_the_organisers_editor_is_sent_to_the_workbench(new_film_entry: Any) -> None:
    from korkyt.accounts.models import Role
    from tests.factories import RoleAssignmentFactory, UserFactory

    editor = UserFactory()
    RoleAssignmentFactory(user=editor, role=Role.EDITOR, scope=new_film_entry.film.owner)
    languages = next(r for r in new_film_entry.eligibility if r["code"] == "languages")
    link = reason_link(languages, editor, new_film_entry)
    assert link is not None and link.startswith(f"/en/localization/films/{new_film_entry.film_id}/")
    client = Client()
    client.force_login(editor)
    assert client.get(link).status_code == 200
