"""A film's titles, credits, versions and tracks read on a phone: each table is a ``row-cards`` table, whose
rows the stylesheet turns into cards at phone width, and every data cell (the row's heading too) names its
column in ``data-label``, the same words as the column's heading."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.catalogue import services
from korkyt.catalogue.models import Track, Version
from korkyt.core.permissions import SYSTEM
from tests.factories import film, person
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_films_titles_credits_versions_and_tracks_turn_into_cards(
    editor: Client, kz: Any, language: str
) -> None:
    kyz = film(kz, ("Қыз Жібек", "kk-Cyrl"), ("Kyz-Zhibek", "en"))
    services.credit_create(
        actor=SYSTEM, film=kyz, person=person(("Сұлтан Қожықов", "kk-Cyrl")), role="director"
    )
    version = Version.objects.create(film=kyz, kind="restored", language="kk-Cyrl", runtime=85)
    Track.objects.create(film=kyz, kind="subtitles", language="tr", status="available", version=version)
    Track.objects.create(film=kyz, kind="sdh", language="kk-Cyrl", status="planned", note="For the festival")
    titles = tables_of(editor, f"/{language}/staff/films/{kyz.pk}/titles/")
    credits = tables_of(editor, f"/{language}/staff/films/{kyz.pk}/credits/")
    tracks = tables_of(editor, f"/{language}/staff/films/{kyz.pk}/tracks/")
    assert len(titles) == 1 and len(titles[0].rows) == 2
    assert len(credits) == 1 and len(credits[0].rows) == 1
    assert len(tracks) == 2 and [len(table.rows) for table in tracks] == [2, 1]  # tracks, then versions
    assert_cards_with_labels(titles + credits + tracks)
    if language == "ru":
        assert credits[0].rows[0][1].label == "Имя"  # the person's name, under its heading's context
