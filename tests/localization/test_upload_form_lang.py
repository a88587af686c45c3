"""The upload form lists the films by their original titles, each option marked with the title's language,
so that a screen reader reads "Дала әні" as Kazakh on an Azerbaijani page (core.forms.LangSelect)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_each_film_of_the_upload_form_carries_the_language_of_its_title(world) -> None:
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    page = client.get("/az/localization/tracks/new/").content.decode()
    assert f'<option value="{world["film"].pk}" lang="kk-Cyrl">Дала әні (2024)</option>' in page


def test_a_form_sent_back_with_an_error_keeps_the_film_chosen_and_its_language(world) -> None:
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    page = client.post(
        "/az/localization/tracks/new/", {"film": world["film"].pk, "language": "kk-Cyrl"}
    ).content.decode()
    pk = world["film"].pk
    assert f'<option value="{pk}" selected lang="kk-Cyrl">Дала әні (2024)</option>' in page
