"""An institution's edit page: the texts in one language at a time, the language named above them and
carried by their inputs' ``lang``; the language is the one loaded, so the texts of one language are never
saved as another's."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.institutions.services import institution_update
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client() -> Client:
    institution = InstitutionFactory(code="KZ-ED", country="KZ")
    editor = MembershipFactory(user=UserFactory(username="ed"), institution=institution).user
    institution_update(
        actor=editor,
        institution=institution,
        translations=[{"language": "tr", "name": "Ulusal Sinema Merkezi", "description": "Türkçe tanıtım."}],
    )
    client = Client()
    client.force_login(editor)
    return client


def _tag(page: str, name: str) -> str:
    found = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
    assert found is not None, name
    return found.group(0)


def test_the_texts_inputs_carry_the_language_they_are_written_in(editor_client: Client) -> None:
    page = editor_client.get("/en/staff/institutions/KZ-ED/edit/?language=tr").content.decode()
    for name in ("name", "short_name", "description"):
        assert 'lang="tr"' in _tag(page, name), name
    assert 'lang="tr"' not in _tag(page, "website")
    legend = re.search(r"<legend>(.*?)</legend>", page, re.S)
    assert legend is not None and "Texts in Turkish" in legend.group(1)


def test_a_refused_save_keeps_the_language_of_its_texts(editor_client: Client) -> None:
    response = editor_client.post(
        "/kk/staff/institutions/KZ-ED/edit/", {"language": "kk-Latn", "name": "", "website": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="kk-Latn"' in _tag(page, "name")


def test_the_language_of_the_texts_is_the_one_loaded_not_a_second_choice(editor_client: Client) -> None:
    """The texts on the form are those of the language chosen above it; a second language select beside
    them would save the loaded Turkish description as, say, the Kazakh one."""
    page = editor_client.get("/en/staff/institutions/KZ-ED/edit/?language=tr").content.decode()
    assert '<input type="hidden" name="language" value="tr"' in page
    assert page.count('name="language"') == 3  # the interface's switcher, the loader above, the hidden one
