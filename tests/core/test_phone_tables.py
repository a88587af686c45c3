"""An object's history reads on a phone: its table is a ``row-cards`` table, whose rows the stylesheet turns
into cards at phone width, and every data cell names its column in ``data-label``, the same words as the
column's heading."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.localization import services
from korkyt.localization.models import CueState
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_history_turns_into_cards(world: Any, job: Any, language: str) -> None:
    job.cues.update(text="Metin", state=CueState.APPROVED)
    services.job_approve(actor=world["users"]["reviewer"], job=job)
    client = Client()
    client.force_login(world["users"]["kz_editor"])
    tables = tables_of(client, f"/{language}/history/localization.translationjob/{job.pk}")
    assert len(tables) == 1 and len(tables[0].rows) >= 2  # ordered, approved
    assert_cards_with_labels(tables)
