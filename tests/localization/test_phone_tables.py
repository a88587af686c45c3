"""The localization tables read on a phone: each is a ``row-cards`` table, whose rows the stylesheet turns
into cards at phone width, and every data cell names its column in ``data-label``, the same words as the
column's heading. The coverage matrix (films × languages) stays a table: a card per film would list every
language under every film. The cue editors lay their rows out for a phone themselves (workbench.css)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.localization.dubbing import services as dubbing
from korkyt.localization.dubbing.casting import voice_profile_save
from korkyt.localization.models import MemoryUnit
from tests.localization.dubbing.conftest import dub_job, dub_world  # noqa: F401
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ru"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _labels(tables: list[Any]) -> set[str | None]:
    return {cell.label for table in tables for row in table.rows for cell in row}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_jobs_the_memory_and_a_tracks_versions_turn_into_cards(
    world: Any, job: Any, language: str
) -> None:
    MemoryUnit.objects.create(
        source_language="kk-Cyrl", target_language="tr", source_text="Сәлем!", target_text="Merhaba!"
    )
    jobs = tables_of(_client(world["users"]["translator"]), f"/{language}/localization/")
    memory = tables_of(_client(world["users"]["admin"]), f"/{language}/localization/memory/")
    track = tables_of(
        _client(world["users"]["kz_editor"]), f"/{language}/localization/tracks/{world['track'].pk}/"
    )
    for tables in (jobs, memory, track):
        assert len(tables) == 1 and tables[0].rows and len(tables[0].rows[0]) > 1
    assert_cards_with_labels(jobs + memory + track)
    if language == "ru":
        assert {"Фильм", "Статус", "Срок"} <= _labels(jobs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coverage_pages_pairs_and_memoranda_turn_into_cards_and_its_matrix_stays_a_table(
    world: Any, job: Any, language: str
) -> None:
    tables = tables_of(_client(world["users"]["kz_editor"]), f"/{language}/localization/coverage/")
    matrix = [table for table in tables if "coverage" in table.classes]
    assert len(matrix) == 1 and "row-cards" not in matrix[0].classes
    others = [table for table in tables if table not in matrix]
    assert len(others) == 2 and all(table.rows for table in others)  # per country pair, per memorandum
    assert_cards_with_labels(others)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dubbing_pages_tables_turn_into_cards(dub_job: Any, dub_world: Any, language: str) -> None:  # noqa: F811 (the fixtures imported above)
    users = dub_world["users"]
    leyla, rashad = dub_world["actors"]
    director = users["director"]
    for person in (leyla, rashad):
        voice_profile_save(actor=director, job=dub_job, person=person, languages=["tr"], voice="female")
    dubbing.character_cast(actor=director, character=dub_job.characters.get(name="AYŞE"), person=leyla)
    client = _client(director)
    home = tables_of(_client(users["adapter"]), f"/{language}/localization/dubbing/")
    detail = tables_of(client, f"/{language}/localization/dubbing/{dub_job.pk}/")
    casting = tables_of(client, f"/{language}/localization/dubbing/{dub_job.pk}/casting/")
    assert len(home) == 1 and home[0].rows
    assert len(detail) == 3 and all(table.rows for table in detail)  # characters, voice actors, the plan
    assert len(casting) == 1 and len(casting[0].rows) == 2
    assert_cards_with_labels(home + detail + casting)
    if language == "ru":
        assert "Актёр дубляжа" in _labels(detail + casting)
