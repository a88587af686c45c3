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


def test_eurimages_checks_the_confirmed_financing(people):
    confirmed = _eurimages(_it_tr(people["producer"]))  # 90 % confirmed
    assert _check(confirmed, "financing.confirmed").ok and confirmed.eligible, confirmed.reason
    short = _eurimages(_it_tr(people["producer"], it_status="pending", tr_status="confirmed"))  # 10 %
    check = _check(short, "financing.confirmed")
    assert (check.ok, check.pending, check.value) == (False, False, Decimal(10))
    assert not short.eligible


def test_the_projects_budget_decides_the_eurimages_5_million_threshold(people):
    # €1M of contributions in a €6M budget: a 90/10 split passes.
    big = _eurimages(_it_tr(people["producer"], budget=Decimal(6000000), it="900000", tr="100000"))
    assert (_check(big, "share", None).max, big.eligible) == (Decimal(90), True), big.reason
    # Without a budget, the whole financing plan: €1M, so 20–80 %.
    small = _eurimages(_it_tr(people["producer"], it="900000", tr="100000"))
    assert not small.eligible and _check(small, "share", None).max == Decimal(80)
