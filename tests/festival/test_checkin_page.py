"""The screening's check-in page shows who is checked in (the time) and how many of the confirmed tickets
are, as the events desk counts them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from korkyt.festival.programme import tickets
from korkyt.festival.programme.models import Screening
from tests.factories import UserFactory
from tests.festival.test_programme_staff_tickets import on_sale  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_staff_list_shows_each_ticket_checked_in_and_the_count(on_sale: Screening, staff: Any) -> None:  # noqa: F811
    regs = [tickets.book(screening=on_sale, user=UserFactory()) for _ in range(3)]
    client = Client()
    client.force_login(staff)
    url = reverse("festival:screening_checkin", args=[on_sale.pk])
    page = client.get(url).content.decode()
    assert re.search(r"<strong>0</strong> / 3 · checked in of the confirmed seats", page)
    assert '<th scope="col">Checked in</th>' in page
    response = client.post(url, {"code": regs[0].code}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert re.search(r"<strong>1</strong> / 3 · checked in of the confirmed seats", page)
    with timezone.override(on_sale.edition.tz):
        at = timezone.localtime(regs[0].checkins.get().checked_in_at).strftime("%H:%M")
    assert page.count(f">{at}</time>") == 1
    assert page.count('data-label="Checked in">—</td>') == 2
