"""What the coproduction app tells the engine: the budget for budget thresholds and how much of each
partner's money is confirmed (Eurimages' 50 % of the financing confirmed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from korkyt.coproduction import eligibility, services
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


def _it_tr(producer, *, budget=None, it_status="confirmed", tr_status="pending", it="9000000", tr="1000000"):  # type: ignore[no-untyped-def]
    project = services.project_create(
        actor=producer,
        kind="fiction",
        title="Il vento",
        language="tr",
        currency="EUR",
        runtime_min=95,
        budget=budget,
        shooting_starts_on=dt.date.today() + dt.timedelta(days=120),
    )
    it_partner = services.partner_add(
        actor=producer, project=project, country="IT", name="Roma", role="majority"
    )
    tr_partner = services.partner_add(actor=producer, project=project, country="TR", name="Ankara")
    for partner, amount, status in ((it_partner, it, it_status), (tr_partner, tr, tr_status)):
        services.source_add(
            actor=producer,
            project=project,
            partner=partner,
            kind="partner_equity",
            amount=Decimal(amount),
            currency="EUR",
            status=status,
        )
    for job in ("director", "scriptwriter", "composer", "director_of_photography", "production_designer"):
        services.element_set(actor=producer, project=project, job=job, country="IT")
    return project


def _eurimages(project):  # type: ignore[no-untyped-def]
    result = eligibility.evaluate(project)
    assert result.evaluation is not None, result.missing
    return result.evaluation.verdict("eurimages")


def _check(verdict, rule, subject=None):  # type: ignore[no-untyped-def]
    return next(c for c in verdict.checks if c.rule == rule and (subject is None or c.subject == subject))


def test_confirmed_sources_are_the_confirmed_part_of_each_contribution(people):
    project = animated_project(people["producer"])
    data, by_id, missing = eligibility.project_input(project)
    assert data is not None, missing
    confirmed = {by_id[p.id].country.code: (p.confirmed, p.contribution.currency) for p in data.partners}
    assert confirmed == {
        "KZ": (Decimal(606000000), "KZT"),
        "AZ": (Decimal(0), "AZN"),
        "TR": (Decimal(0), "TRY"),
    }
    assert data.budget == Decimal(1700000)


def test_eurimages_checks_the_confirmed_financing_of_each_country(people):
    both = _eurimages(_it_tr(people["producer"], tr_status="confirmed"))
    assert _check(both, "financing.confirmed", "TR").ok and both.eligible, both.reason
    # 90 % of the plan is confirmed, none of Türkiye's part.
    short = _eurimages(_it_tr(people["producer"]))
    assert _check(short, "financing.confirmed", "IT").ok
    check = _check(short, "financing.confirmed", "TR")
    assert (check.ok, check.pending, check.value) == (False, False, Decimal(0))
    assert not short.eligible


def test_the_projects_budget_decides_the_eurimages_5_million_threshold(people):
    # €1M of contributions in a €6M budget: a 90/10 split passes.
    big = _eurimages(
        _it_tr(people["producer"], budget=Decimal(6000000), it="900000", tr="100000", tr_status="confirmed")
    )
    assert (_check(big, "share", None).max, big.eligible) == (Decimal(90), True), big.reason
    # Without a budget, the whole financing plan: €1M, so 20–80 %.
    small = _eurimages(_it_tr(people["producer"], it="900000", tr="100000"))
    assert not small.eligible and _check(small, "share", None).max == Decimal(80)


def test_the_plans_eurimages_lines_are_the_support_asked(people):
    producer = people["producer"]
    project = _it_tr(producer, tr_status="confirmed")  # 10M, fiction
    italy = project.partners.get(country="IT")
    for amount in ("300000", "250000"):
        services.source_add(
            actor=producer,
            project=project,
            partner=italy,
            kind="eurimages",
            amount=Decimal(amount),
            currency="EUR",
            status="pending",
        )
    data, _by_id, missing = eligibility.project_input(project)
    assert data is not None and data.support["eurimages"].amount == Decimal(550000), missing
    verdict = _eurimages(project)
    assert not _check(verdict, "support.amount").ok and not verdict.eligible
    # The share of the cost (€10.55M) is 5.2 %: the director is not needed to decide it.
    assert _check(verdict, "support.share").ok


def test_the_female_director_decides_the_share_cap_from_the_form_and_the_api(people, client):
    from korkyt.accounts.services import token_create

    producer = people["producer"]
    project = _it_tr(producer, tr_status="confirmed", it="1000000", tr="500000")
    italy = project.partners.get(country="IT")
    services.source_add(
        actor=producer,
        project=project,
        partner=italy,
        kind="eurimages",
        amount=Decimal(300000),
        currency="EUR",
    )  # 300,000 of 1.8M: 16.67 %, under 17 %
    assert _check(_eurimages(project), "support.share").ok
    services.source_add(
        actor=producer,
        project=project,
        partner=italy,
        kind="eurimages",
        amount=Decimal(100000),
        currency="EUR",
    )  # 400,000 of 1.9M: 21.05 %
    waits = _check(_eurimages(project), "support.share")
    assert waits.pending and waits.max == Decimal(17)
    client.force_login(producer)
    page = client.get(f"/ru/coproductions/{project.pk}/").content.decode()
    assert "женщина-режиссёр" in page or "женщины-режиссёра" in page, "the pending check in Russian"
    form = client.get(f"/en/coproductions/{project.pk}/edit/").content.decode()
    assert 'name="female_director"' in form
    token = token_create(user=producer, name="t")[1]
    response = client.patch(
        f"/api/coproductions/{project.pk}",
        {"female_director": True},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200 and response.json()["female_director"] is True, response.content
    project.refresh_from_db()
    passes = _check(_eurimages(project), "support.share")
    assert (passes.ok, passes.max) == (True, Decimal(25))
    response = client.patch(
        f"/api/coproductions/{project.pk}",
        {"female_director": "maybe"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "female_director"
    project.refresh_from_db()
    assert project.female_director is True
