"""Migration 0007 (box-office sales) on existing registrations: every one stays an online booking of its
account; afterwards a registration without a user must be a box-office sale, and walk-ins never collide.
Runs on SQLite (a table rebuild) and, with DATABASE_URL, on PostgreSQL (DROP NOT NULL, added columns)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("events", "0006_booking_seats_held_price")]
AFTER = [("events", "0007_registration_box_office")]


def test_existing_registrations_become_online_bookings_and_walk_ins_fit_the_new_constraints() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = UserFactory(username="before-0007")  # the accounts tables are at their latest state
    bookable = old.get_model("events", "Bookable").objects.create(capacity=10, taken=2)
    Registration = old.get_model("events", "Registration")
    live = Registration.objects.create(
        bookable=bookable, user_id=user.pk, status="confirmed", code="MIGRATE007"
    )
    Registration.objects.create(bookable=bookable, user_id=user.pk, status="cancelled", code="MIGRATE008")
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
        new = executor.loader.project_state(AFTER).apps
        Registration = new.get_model("events", "Registration")
        row = Registration.objects.get(pk=live.pk)
        assert (row.user_id, row.channel, row.holder_name, row.holder_email) == (user.pk, "online", "", "")
        assert Registration.objects.filter(channel="online").count() == 2
        for i in range(2):
            Registration.objects.create(
                bookable_id=bookable.pk,
                user=None,
                channel="box_office",
                status="confirmed",
                code=f"WALKIN{i}",
            )
        with pytest.raises(IntegrityError), transaction.atomic():
            Registration.objects.create(bookable_id=bookable.pk, user=None, status="confirmed", code="NOBODY")
        with pytest.raises(IntegrityError), transaction.atomic():
            Registration.objects.create(
                bookable_id=bookable.pk, user_id=user.pk, status="pending", code="TWICE"
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
