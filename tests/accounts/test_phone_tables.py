"""The roles on an object read on a phone: the holders' table is a ``row-cards`` table, whose rows the
stylesheet turns into cards at phone width, and every data cell names its column in ``data-label``, the same
words as the column's heading (the revoke buttons too, under their visually hidden heading)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from korkyt.accounts.models import Role
from korkyt.accounts.services import role_grant
from korkyt.core.permissions import SYSTEM
from tests.factories import UserFactory
from tests.fakeapp.models import FakeActivity
from tests.phone_tables import assert_cards_with_labels, tables_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_holders_of_roles_turn_into_cards(language: str) -> None:
    edition = FakeActivity.objects.create(name="Edition 2026")
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    role_grant(actor=SYSTEM, user=UserFactory(username="manager"), role=Role.EDITION_MANAGER, scope=edition)
    later = timezone.now() + dt.timedelta(days=30)
    role_grant(
        actor=SYSTEM, user=UserFactory(username="juror"), role=Role.JUROR, scope=edition, valid_from=later
    )
    client = Client()
    client.force_login(admin)
    tables = tables_of(client, f"/{language}/accounts/roles/{edition._meta.label_lower}/{edition.pk}/")
    assert len(tables) == 1 and len(tables[0].rows) == 2
    assert_cards_with_labels(tables)
    if language == "ru":
        assert tables[0].rows[0][0].label == "Персона"
