"""A memorandum's edit page loads the texts of one language, chosen above the form, and saves them as that
language: the language is not offered again beside the title, summary and place, where choosing another one
and saving the (empty) fields of the language shown removed the texts of the language chosen."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.config.demo import SYSTEM
from korkyt.institutions import services
from tests.factories import InstitutionFactory, MembershipFactory, memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def memo():
    kg, az = InstitutionFactory(code="KG-E", country="KG"), InstitutionFactory(code="AZ-E", country="AZ")
    memo = memorandum(kg, az, status="draft", signed_on=None)
    services.memorandum_update(
        actor=SYSTEM,
        memorandum=memo,
        translations=[
            {"language": "ky", "title": "Кино боюнча меморандум", "summary": "Кыскача.", "place": "Бишкек"}
        ],
    )
    return memo


@pytest.fixture
def editor(memo, client: Client) -> Client:
    client.force_login(MembershipFactory(institution=memo.party_links.first().institution).user)
    return client


def _tag(page: str, name: str) -> str:
    found = re.search(rf'<(?:input|textarea|select)[^>]*name="{name}"[^>]*>', page)
    assert found is not None, name
    return found.group(0)


def _post_form(page: str) -> str:
    found = re.search(r'<form id="edit-form".*?</form>', page, re.S)
    assert found is not None
    return found.group(0)


def test_the_language_is_chosen_above_the_form_and_kept_hidden_in_it(memo, editor: Client) -> None:
    page = editor.get(f"/ru/staff/memoranda/{memo.pk}/edit/").content.decode()
    form = _post_form(page)
    assert '<input type="hidden" name="language" value="ru"' in form
    assert "<select" not in _tag(form, "language")
    # the language to load is chosen in a form of its own, which reloads the page
    picker = re.search(r'<form method="get".*?</form>', page, re.S)
    assert picker is not None and 'name="language"' in picker.group(0)


def test_the_texts_inputs_carry_the_language_loaded(memo, editor: Client) -> None:
    page = editor.get(f"/ru/staff/memoranda/{memo.pk}/edit/?language=ky-Cyrl").content.decode()
    form = _post_form(page)
    assert '<input type="hidden" name="language" value="ky-Cyrl"' in form
    assert 'value="Кино боюнча меморандум"' in _tag(form, "title")
    for name in ("title", "summary", "place"):
        assert 'lang="ky-Cyrl"' in _tag(form, name), name
    assert "lang=" not in _tag(form, "source_url")


def test_saving_the_page_of_another_language_keeps_the_kyrgyz_texts(memo, editor: Client) -> None:
    """The status changed on the Russian page (no Russian texts yet) leaves the Kyrgyz texts alone."""
    url = f"/ru/staff/memoranda/{memo.pk}/edit/"
    form = _post_form(editor.get(url).content.decode())
    language = re.search(r'name="language" value="([^"]+)"', form)
    assert language is not None
    data = {
        "parties": [p.institution_id for p in memo.party_links.all()],
        "status": "signed",
        "signed_on": "2025-10-01",
        "signed_on_precision": "day",
        "language": language.group(1),
        "title": "",
        "summary": "",
        "place": "",
    }
    response = editor.post(url, data)
    assert response.status_code == 302
    assert dict(memo.translations.values_list("language", "title")) == {"ky-Cyrl": "Кино боюнча меморандум"}


def test_the_new_memorandum_page_still_offers_the_language(editor: Client) -> None:
    page = editor.get("/ru/staff/memoranda/new/").content.decode()
    assert _tag(_post_form(page), "language").startswith("<select")


def test_saving_the_form_keeps_the_order_of_the_parties(editor: Client) -> None:
    """The form lists the institutions by code; saving a status change sent them back in that order, which
    reordered the signatories (the title made of their countries turned round) and recorded a change of
    the parties of a signed memorandum by one party's editor."""
    from korkyt.core.models import AuditEntry
    from korkyt.institutions.models import Institution
    from korkyt.institutions.services import SET_PARTIES

    kg = Institution.objects.get(code="KG-E")
    kz = InstitutionFactory(code="KZ-E", country="KZ")
    memo = memorandum(kz, kg, status="signed")
    url = f"/en/staff/memoranda/{memo.pk}/edit/"
    page = editor.get(url).content.decode()
    assert page.index(f'value="{kg.pk}"') < page.index(f'value="{kz.pk}"')  # the form's order: by code
    data = {
        "parties": [kg.pk, kz.pk],
        "status": "in_force",
        "signed_on": "2025-10-01",
        "signed_on_precision": "day",
        "language": "en",
    }
    assert editor.post(url, data).status_code == 302
    memo.refresh_from_db()
    assert memo.status == "in_force"
    order = list(memo.party_links.order_by("position").values_list("institution__code", flat=True))
    assert order == ["KZ-E", "KG-E"]
    assert not AuditEntry.objects.filter(action_type=SET_PARTIES, object_pk=str(memo.pk)).exists()


def test_the_history_keeps_what_a_removed_language_said(memo) -> None:
    """Emptying a language's title, summary and place removes its texts; the history recorded the removal
    with the fields already emptied ("Title: — → —"), so what the texts had said was nowhere in it."""
    from korkyt.core.models import AuditAction, AuditEntry

    services.memorandum_update(
        actor=SYSTEM,
        memorandum=memo,
        translations=[{"language": "ky", "title": "", "summary": "", "place": ""}],
    )
    assert not memo.translations.exists()
    removed = AuditEntry.objects.get(content_type__model="memorandumtranslation", action=AuditAction.DELETE)
    assert removed.changes["title"][0] == "Кино боюнча меморандум"
    assert removed.changes["place"][0] == "Бишкек"
