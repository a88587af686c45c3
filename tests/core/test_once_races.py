"""A create form sent twice at the same moment (a double click on two connections) makes one record: the
second sending waits on the key's unique index and is led to the first's record (korkyt.core.once)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.coproduction.models import Project
from tests.factories import UserFactory
from tests.races import need_shared_database, run_together, unblock_flush_on_postgresql  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_double_click_on_two_connections_makes_one_project() -> None:
    need_shared_database()
    user = UserFactory(username="producer")
    form = {
        "title": "Dala",
        "language": "en",
        "kind": "fiction",
        "stage": "development",
        "currency": "USD",
        "once": "k" * 22,
    }

    def send() -> Any:
        client = Client()
        client.force_login(user)
        return client.post("/en/coproductions/new/", form)

    results = run_together([send, send, send])
    assert all(getattr(r, "status_code", None) == 302 for r in results), results
    assert Project.objects.count() == 1
    assert len({r["Location"] for r in results}) == 1
