"""Staff pages that name people by their accounts (the name each gives) read those names with the list:
the edition's jurors and selection committee, an entry's reviews. The number of queries does not grow with
the people listed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from korkyt.accounts.models import UserName
from korkyt.festival import services
from tests.factories import UserFactory
from tests.festival.conftest import eligible_entry

pytestmark = pytest.mark.django_db


def _named(i: int) -> Any:
    user = UserFactory(username=f"person{i}")
    UserName.objects.create(user=user, full_name=f"Named Person {i}", language="en")
    return user


def _grows(client: Client, url: str, add: Any) -> str:
    def queries() -> tuple[int, str]:
        client.get(url)  # warm the session and the content types
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert page.status_code == 200
        return len(captured), page.content.decode()

    add(0, 2)
    few, _ = queries()
    add(2, 6)
    many, html = queries()
    assert many == few, (few, many)
    return html


def test_the_people_page_names_jurors_and_reviewers_with_the_list(
    edition: Any, feature: Any, staff: Any
) -> None:
    def add(start: int, end: int) -> None:
        for i in range(start, end):
            services.committee_add(actor=staff, edition=edition, user=_named(i), sections=["feature"])
            services.juror_add(actor=staff, section=feature, user=_named(100 + i))

    client = Client()
    client.force_login(staff)
    html = _grows(client, reverse("festival:people", args=[edition.number]), add)
    assert "Named Person 5" in html and "Named Person 105" in html


def test_an_entrys_page_names_its_reviewers_with_the_list(
    feature: Any, staff: Any, agency_kg: Any, kg_editor: Any, kg_head: Any
) -> None:
    entry = eligible_entry(feature, agency_kg, kg_editor, kg_head, "Jer")

    def add(start: int, end: int) -> None:
        for i in range(start, end):
            reviewer = _named(i)
            assignment = services.assignment_create(actor=staff, submission=entry, reviewer=reviewer)
            services.review_save(
                actor=reviewer, assignment=assignment, scores={"story": 3, "craft": 4}, submit=True
            )

    client = Client()
    client.force_login(staff)
    html = _grows(client, reverse("festival:submission", args=[entry.pk]), add)
    assert "Named Person 5" in html
