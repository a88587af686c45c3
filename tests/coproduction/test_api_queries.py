"""The API's list of co-productions reads each project's financing and creative elements with the list, in
the same number of queries however many projects it shows, each as its own address shows it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


def test_the_list_does_not_ask_again_per_project(people: Any, memo: Any) -> None:
    producer = people["producer"]
    client = Client()
    client.force_login(producer)
    url = "/api/coproductions?limit=100"

    def queries() -> tuple[int, list[dict[str, Any]]]:
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(url)
        assert answer.status_code == 200
        return len(captured), answer.json()["items"]

    for _i in range(2):
        animated_project(producer, memo)
    few, _ = queries()
    for _i in range(4):
        animated_project(producer, memo)
    many, items = queries()
    assert len(items) == 6 and all(len(p["financing"]) == 3 and p["elements"] for p in items)
    for item in items:  # the list shows each project as its own address does, in the same order
        assert item == client.get(f"/api/coproductions/{item['id']}").json()
    assert many == few, (few, many)
