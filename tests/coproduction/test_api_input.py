"""What the co-production API refuses in a request body, with nothing saved: a year a form would not take
(core.forms.YEARS) in a date field, and a field it does not know (a typo must not look like success)."""

from __future__ import annotations

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.coproduction.models import FinancingSource
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer_api(people):
    project = animated_project(people["producer"])
    token = token_create(user=people["producer"], name="t")[1]
    return project, {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("field", ["shooting_starts_on", "shooting_ends_on", "applied_on"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_project_date_outside_the_years_is_refused(client: Client, producer_api, field, day):
    project, headers = producer_api
    before = getattr(project, field)
    response = client.patch(
        f"/api/coproductions/{project.pk}",
        {field: day, "runtime_min": 77},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert {"field": field, "message": "Give a year between 1900 and 2199."} in response.json()["errors"]
    project.refresh_from_db()
    assert getattr(project, field) == before and project.runtime_min != 77


def test_a_project_date_inside_the_years_is_kept(client: Client, producer_api):
    project, headers = producer_api
    response = client.patch(
        f"/api/coproductions/{project.pk}",
        {"shooting_starts_on": "2199-12-31"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    assert response.json()["shooting_starts_on"] == "2199-12-31"


def test_a_financing_rate_day_outside_the_years_is_refused(client: Client, producer_api):
    project, headers = producer_api
    count = FinancingSource.objects.count()
    response = client.post(
        f"/api/coproductions/{project.pk}/financing",
        {"kind": "broadcaster", "amount": "1000", "currency": "EUR", "rate": "1.1", "rate_on": "0099-01-01"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert {"field": "rate_on", "message": "Give a year between 1900 and 2199."} in response.json()["errors"]
    assert FinancingSource.objects.count() == count


def test_a_field_the_api_does_not_know_is_refused_and_nothing_changes(client: Client, producer_api):
    project, headers = producer_api
    response = client.patch(
        f"/api/coproductions/{project.pk}",
        {"runtme_min": 95, "runtime_min": 95},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert "runtme_min" in {e["field"] for e in response.json()["errors"]}
    project.refresh_from_db()
    assert project.runtime_min != 95


def test_a_body_that_is_not_an_object_is_refused(client: Client, producer_api):
    project, headers = producer_api
    response = client.post(
        f"/api/coproductions/{project.pk}/partners", [], content_type="application/json", headers=headers
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
