"""The network's, a member's and the API tokens' tables read on a phone: each is a ``row-cards`` table,
whose rows the stylesheet turns into cards at phone width, and every data cell names its column in
``data-label``, the same words as the column's heading."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.accounts.services import token_create, token_revoke
from tests.localization.conftest import job, world  # noqa: F401
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_home_staff_and_token_tables_turn_into_cards(world: Any, job: Any, language: str) -> None:  # noqa: F811 (the fixtures imported above)
    users = world["users"]
    token_create(user=users["kz_editor"], name="Festival sync")
    token_revoke(token=token_create(user=users["kz_editor"], name="Old script")[0])
    home = tables_of(Client(), f"/{language}/")  # what has been done, country by country
    films = tables_of(_client(users["kz_editor"]), f"/{language}/staff/")  # the films we catalogue
    jobs = tables_of(_client(users["translator"]), f"/{language}/staff/")  # my translation jobs
    tokens = tables_of(_client(users["kz_editor"]), f"/{language}/staff/tokens/")
    for tables in (home, films, jobs):
        assert len(tables) == 1 and tables[0].rows
    assert len(tokens) == 1 and len(tokens[0].rows) == 2
    assert_cards_with_labels(home + films + jobs + tokens)
    if language == "ru":
        assert tokens[0].rows[0][1].label == "Создан"
