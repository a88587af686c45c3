"""Property-based fuzzing of the whole HTTP API from its own OpenAPI schema (schemathesis): whatever the
input, the API answers without a server error, and 4xx answers keep the one error shape."""

from __future__ import annotations

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from korkyt.config.openapi import schema_json

schema = schemathesis.openapi.from_dict(json.loads(schema_json()))


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The demo site and an administrator's token, loaded once for the module inside a transaction that is
    rolled back at its end (each test's own changes are rolled back to it as usual): 121 operations do not
    load the demo 121 times."""
    from django.db import transaction

    from korkyt.accounts.services import token_create, user_create
    from korkyt.config.demo import load

    with django_db_blocker.unblock(), transaction.atomic():
        load()
        admin = user_create(username="fuzz-admin", password=None, is_superuser=True)
        yield {"Authorization": f"Bearer {token_create(user=admin, name='fuzz')[1]}"}
        transaction.set_rollback(True)


@pytest.fixture
def wsgi_app(demo_world, db):  # type: ignore[no-untyped-def]
    from django.core import signals
    from django.db import close_old_connections

    from korkyt.config.wsgi import application

    # As Django's test client does: the start and end of a request must not close the test's database connection
    # (it holds the test transaction; on PostgreSQL closing it would lose the data).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield application, demo_world
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("KORKYT_FUZZ_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_never_answers_with_a_server_error(case, wsgi_app):
    """As a platform administrator, so that writes get past authentication to validation."""
    app, headers = wsgi_app
    response = case.call(app=app, headers=headers)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
    if 400 <= response.status_code < 500 and response.headers.get("content-type", [""])[0].startswith(
        "application/json"
    ):
        assert set(response.json()) == {"detail", "code", "errors"}
