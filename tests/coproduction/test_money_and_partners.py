"""What a project keeps straight: its money when its currency changes, amounts a database can read back,
the day it applied, the memorandum it is counted under and who its partners are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from korkyt.catalogue.models import Company
from korkyt.config.demo import SYSTEM
from korkyt.coproduction import eligibility, selectors, services
from korkyt.coproduction.forms import ProjectForm, SourceForm
from korkyt.coproduction.models import FinancingSource, Partner, PartnerRole
from korkyt.institutions import selectors as institution_selectors
from tests.coproduction.conftest import animated_project
from tests.factories import memorandum

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 1)


def two_partner_project(producer, *, budget=None, memo=None):  # type: ignore[no-untyped-def]
    """A USD project: a Kazakh partner with 1,010,000 KZT at 505, a Turkish one with 1,000 EUR at 0.5."""
    project = services.project_create(
        actor=producer,
        kind="fiction",
        title="Two rates",
        language="en",
        currency="USD",
        runtime_min=95,
        budget=budget,
        shooting_starts_on=dt.date.today() + dt.timedelta(days=120),
        memorandum=memo,
    )
    kz = services.partner_add(actor=producer, project=project, country="KZ", name="Steppe Films")
    tr = services.partner_add(actor=producer, project=project, country="TR", name="Bosphorus Film")
    services.source_add(
        actor=producer,
        project=project,
        partner=kz,
        kind="partner_equity",
        amount=Decimal("1010000"),
        currency="KZT",
        rate=Decimal("505"),
        rate_on=ON,
    )
    services.source_add(
        actor=producer,
        project=project,
        partner=tr,
        kind="partner_equity",
        amount=Decimal("1000"),
        currency="EUR",
        rate=Decimal("0.5"),
        rate_on=ON,
    )
    return project


def shares_and_total(project):  # type: ignore[no-untyped-def]
    result = eligibility.evaluate(project)
    assert result.evaluation is not None, result.missing
    return sorted(result.evaluation.shares.values()), result.evaluation.total


# --- the project's currency ------------------------------------------------------------------------------


def test_changing_the_currency_restates_the_rates_so_the_shares_stay(people):
    project = two_partner_project(people["producer"], budget=Decimal("4000"))
    assert shares_and_total(project) == ([50, 50], 4000)

    services.project_update(actor=people["producer"], project=project, currency="EUR")

    project.refresh_from_db()
    assert project.currency == "EUR" and project.budget == Decimal("2000.00")
    assert shares_and_total(project) == ([50, 50], 2000)
    rates = {s.currency: (s.rate, s.rate_on) for s in project.financing.all()}
    assert rates == {"KZT": (Decimal("1010"), ON), "EUR": (None, None)}

    # no line is in USD any more: the way back needs the rate of USD again
    with pytest.raises(ValidationError) as exc:
        services.project_update(actor=people["producer"], project=project, currency="USD")
    assert list(exc.value.message_dict) == ["currency"]
    project.refresh_from_db()
    assert project.currency == "EUR" and shares_and_total(project) == ([50, 50], 2000)


def test_a_budget_given_with_the_new_currency_is_kept_as_given(people):
    project = two_partner_project(people["producer"], budget=Decimal("4000"))
    services.project_update(actor=people["producer"], project=project, currency="EUR", budget=Decimal("2500"))
    project.refresh_from_db()
    assert project.budget == Decimal("2500")


def test_a_currency_whose_rate_the_plan_does_not_give_is_refused_and_nothing_changes(people):
    project = two_partner_project(people["producer"])
    with pytest.raises(ValidationError) as exc:
        services.project_update(actor=people["producer"], project=project, currency="TRY", runtime_min=100)
    assert "currency" in exc.value.message_dict
    assert "TRY" in exc.value.message_dict["currency"][0]
    project.refresh_from_db()
    assert project.currency == "USD" and project.runtime_min == 95
    assert {s.currency: s.rate for s in project.financing.all()} == {"KZT": 505, "EUR": Decimal("0.5")}


def test_a_plan_in_the_projects_currency_only_changes_currency_and_asks_for_the_rate(people):
    producer = people["producer"]
    project = services.project_create(
        actor=producer, kind="fiction", title="One currency", language="en", currency="USD"
    )
    partner = services.partner_add(actor=producer, project=project, country="KZ", name="Steppe Films")
    services.source_add(
        actor=producer, project=project, partner=partner, kind="partner_equity", amount=10, currency="USD"
    )
    services.project_update(actor=producer, project=project, currency="EUR")
    project.refresh_from_db()
    assert project.currency == "EUR"
    missing = eligibility.evaluate(project).missing
    assert "financing[0].rate" in missing


def test_the_edit_page_changing_only_the_currency_converts_the_budget(people, client: Client):
    project = two_partner_project(people["producer"], budget=Decimal("4000"))
    client.force_login(people["producer"])
    response = client.post(
        f"/en/coproductions/{project.pk}/edit/",
        {
            "title": "Two rates",
            "language": "en",
            "kind": "fiction",
            "stage": "development",
            "runtime_min": "95",
            "budget": "4000.00",
            "currency": "EUR",
            "shooting_starts_on": project.shooting_starts_on.isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == f"/en/coproductions/{project.pk}/", response.url
    project.refresh_from_db()
    assert project.currency == "EUR" and project.budget == Decimal("2000.00")


# --- amounts and rates a database reads back --------------------------------------------------------------


def test_an_amount_too_large_is_refused_on_the_service_form_and_api(people, client: Client):
    project = two_partner_project(people["producer"])
    partner = project.partners.first()
    huge = Decimal("9999999999999999.99")
    with pytest.raises(ValidationError) as exc:
        services.source_add(
            actor=people["producer"],
            project=project,
            partner=partner,
            kind="other",
            amount=huge,
            currency="USD",
        )
    assert list(exc.value.message_dict) == ["amount"]
    with pytest.raises(ValidationError) as exc:
        services.source_add(
            actor=people["producer"],
            project=project,
            kind="other",
            amount=Decimal(1),
            currency="KZT",
            rate=Decimal("999999999999"),
            rate_on=ON,
        )
    assert list(exc.value.message_dict) == ["rate"]
    with pytest.raises(ValidationError) as exc:
        services.project_update(actor=people["producer"], project=project, budget=huge)
    assert list(exc.value.message_dict) == ["budget"]
    assert project.financing.count() == 2

    form = SourceForm({"kind": "other", "amount": str(huge), "currency": "USD", "status": "pending"})
    assert not form.is_valid() and "amount" in form.errors
    with pytest.raises(ValidationError):
        ProjectForm().fields["budget"].clean("1000000000000000")
    assert ProjectForm().fields["budget"].clean("999999999999999") == Decimal("999999999999999")

    client.force_login(people["producer"])
    response = client.post(
        f"/api/coproductions/{project.pk}/financing",
        {"kind": "other", "amount": str(huge), "currency": "USD"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"amount"}
    assert project.financing.count() == 2


def test_the_largest_amount_taken_is_read_back_and_evaluated(people):
    project = two_partner_project(people["producer"])
    services.source_add(
        actor=people["producer"],
        project=project,
        partner=project.partners.first(),
        kind="other",
        amount=Decimal("999999999999999.99"),
        currency="USD",
    )
    result = eligibility.evaluate(project)
    assert result.evaluation is not None
    assert FinancingSource.objects.filter(project=project).count() == 3


# --- the application date -----------------------------------------------------------------------------------


def test_submitting_records_the_day_of_the_application(people):
    project = animated_project(people["producer"])
    assert project.applied_on is None
    services.project_submit(actor=people["producer"], project=project)
    project.refresh_from_db()
    assert project.applied_on == dt.date.today()
    result = eligibility.evaluate(project)
    assert result.input is not None and result.input.applied_on == dt.date.today()


def test_an_application_date_the_producers_gave_is_kept_on_submission(people):
    project = animated_project(people["producer"])
    earlier = dt.date.today() - dt.timedelta(days=3)
    services.project_update(actor=people["producer"], project=project, applied_on=earlier)
    services.project_submit(actor=people["producer"], project=project)
    project.refresh_from_db()
    assert project.applied_on == earlier


# --- the memorandum --------------------------------------------------------------------------------------------


def test_a_project_whose_partners_did_not_sign_the_memorandum_is_refused_and_not_counted(people, memo):
    producer = people["producer"]
    project = services.project_create(actor=producer, kind="fiction", title="Elsewhere", language="en")
    services.partner_add(actor=producer, project=project, country="TR", name="Bosphorus Film")
    services.partner_add(actor=producer, project=project, country="UZ", name="Tashkent Film")
    with pytest.raises(ValidationError) as exc:
        services.project_update(actor=producer, project=project, memorandum=memo)
    assert list(exc.value.message_dict) == ["memorandum"]
    project.refresh_from_db()
    assert project.memorandum_id is None
    assert institution_selectors.memorandum_report(memorandum=memo).total == 0


def _approved(project):  # type: ignore[no-untyped-def]
    """The project as every partner country's authority left it: approved (the workflow is walked in
    test_services)."""
    from korkyt.coproduction.models import Project, ProjectStatus

    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.APPROVED)
    project.refresh_from_db()
    return project


def test_an_approved_project_is_counted_while_its_partners_come_from_two_signatory_countries(people, memo):
    producer, admin = people["producer"], people["admin"]
    project = services.project_create(
        actor=producer, kind="fiction", title="Under it", language="en", memorandum=memo
    )
    services.partner_add(actor=producer, project=project, country="TR", name="Bosphorus Film")
    kz = services.partner_add(actor=producer, project=project, country="KZ", name="Steppe Films")
    az = services.partner_add(actor=producer, project=project, country="AZ", name="Baku Film")
    assert institution_selectors.memorandum_report(memorandum=memo).total == 0  # a draft: not counted
    project = _approved(project)
    services.partner_remove(actor=admin, partner=az)
    assert institution_selectors.memorandum_report(memorandum=memo).total == 0
    services.partner_add(actor=admin, project=project, country="AZ", name="Baku Film")
    assert institution_selectors.memorandum_report(memorandum=memo).total == 1
    assert kz.pk


def test_another_memorandum_of_the_same_countries_takes_the_project(people, agencies):
    producer = people["producer"]
    first = memorandum(agencies["KZ"], agencies["UZ"])
    other = memorandum(agencies["KZ"], agencies["AZ"])
    project = services.project_create(
        actor=producer, kind="fiction", title="Moves", language="en", memorandum=first
    )
    services.partner_add(actor=producer, project=project, country="KZ", name="Steppe Films")
    services.partner_add(actor=producer, project=project, country="UZ", name="Tashkent Film")
    project = _approved(project)
    services.partner_remove(actor=people["admin"], partner=project.partners.get(country="UZ"))
    services.partner_add(actor=people["admin"], project=project, country="UZ", name="Tashkent Film")
    assert institution_selectors.memorandum_report(memorandum=first).total == 1
    with pytest.raises(ValidationError):
        services.project_update(actor=people["admin"], project=project, memorandum=other)
    assert institution_selectors.memorandum_report(memorandum=first).total == 1


# --- partners ---------------------------------------------------------------------------------------------------


def test_the_same_company_is_a_partner_once(people):
    project = two_partner_project(people["producer"])
    company = Company.objects.create(country="TR")
    services.partner_add(actor=people["producer"], project=project, company=company)
    with pytest.raises(ValidationError) as exc:
        services.partner_add(actor=people["producer"], project=project, company=company)
    assert list(exc.value.message_dict) == ["company"]
    assert project.partners.filter(company=company).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(project=project, company=company, country="TR")


def test_the_same_institution_is_a_partner_once(people, agencies):
    project = two_partner_project(people["producer"])
    services.partner_add(actor=people["producer"], project=project, institution=agencies["KZ"])
    with pytest.raises(ValidationError) as exc:
        services.partner_add(actor=people["producer"], project=project, institution=agencies["KZ"])
    assert list(exc.value.message_dict) == ["institution"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(project=project, institution=agencies["KZ"], country="KZ")


def test_a_financial_coproducer_brings_only_money(people):
    project = two_partner_project(people["producer"])
    one = services.partner_add(
        actor=people["producer"], project=project, country="AZ", name="Fund", role="financial"
    )
    assert one.finance_only and one.role == PartnerRole.FINANCIAL
    two = services.partner_add(
        actor=people["producer"], project=project, country="AZ", name="Bank", finance_only=True
    )
    assert two.finance_only and two.role == PartnerRole.FINANCIAL


def test_the_majority_shown_is_the_one_the_shares_make(people, client: Client):
    producer = people["producer"]
    project = services.project_create(
        actor=producer,
        kind="fiction",
        title="Who leads",
        language="en",
        runtime_min=95,
        shooting_starts_on=dt.date.today() + dt.timedelta(days=120),
    )
    small = services.partner_add(
        actor=producer, project=project, country="KZ", name="Small Films", role="majority"
    )
    big = services.partner_add(actor=producer, project=project, country="TR", name="Big Films")
    for partner, amount in ((small, 100), (big, 900)):
        services.source_add(
            actor=producer,
            project=project,
            partner=partner,
            kind="partner_equity",
            amount=Decimal(amount),
            currency="USD",
        )
    partners = list(project.partners.all())
    assert selectors.partner_roles(partners, {small.pk: 10, big.pk: 90}) == {
        small.pk: "Minority co-producer",
        big.pk: "Majority co-producer",
    }
    assert selectors.partner_roles(partners, {}) == {
        small.pk: "Majority co-producer",
        big.pk: "Minority co-producer",
    }
    client.force_login(producer)
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    small_row = page[page.index(">Small Films</td>") :].split("</tr>")[0]
    big_row = page[page.index(">Big Films</td>") :].split("</tr>")[0]
    assert "Minority co-producer" in small_row and "Majority co-producer" in big_row


def test_partners_saved_before_get_the_financial_role_and_flag_together(people):
    import importlib

    from django.apps import apps

    project = two_partner_project(people["producer"])
    role_only = Partner.objects.create(project=project, country="AZ", name="A", role="financial")
    flag_only = Partner.objects.create(project=project, country="AZ", name="B", finance_only=True)
    plain = Partner.objects.create(project=project, country="AZ", name="C", role="majority")
    module = importlib.import_module("korkyt.coproduction.migrations.0006_partner_financial_is_finance_only")
    module.financial_together(apps, None)
    rows = {p.pk: (p.role, p.finance_only) for p in Partner.objects.filter(project=project)}
    assert rows[role_only.pk] == rows[flag_only.pk] == ("financial", True)
    assert rows[plain.pk] == ("majority", False)


def test_projects_counted_before_under_a_memorandum_their_partners_did_not_sign_leave_its_report(
    people, memo
):
    import importlib

    from django.apps import apps

    from korkyt.institutions.services import activity_record

    producer = people["producer"]
    counted = two_partner_project(producer)  # with AZ below: KZ, TR and AZ, under the KZ–AZ one
    services.partner_add(actor=producer, project=counted, country="AZ", name="Baku Film")
    stray = services.project_create(actor=producer, kind="fiction", title="Stray", language="en")
    services.partner_add(actor=producer, project=stray, country="TR", name="Bosphorus Film")
    services.partner_add(actor=producer, project=stray, country="UZ", name="Tashkent Film")
    area = memo.areas.first()
    for project in (counted, stray):  # as the platform recorded any attached project before
        activity_record(memorandum=memo, area=area, activity=project, happened_on=None)
    assert institution_selectors.memorandum_report(memorandum=memo).total == 2
    module = importlib.import_module(
        "korkyt.coproduction.migrations.0007_memorandum_counts_qualifying_projects"
    )
    module.forget_unqualified(apps, None)
    report = institution_selectors.memorandum_report(memorandum=memo, user=SYSTEM)  # names the unpublished
    assert report.total == 1 and [r.object_id for r in report.latest] == [counted.pk]


def test_a_project_attached_before_to_a_memorandum_it_does_not_qualify_for_is_still_edited(people, memo):
    from korkyt.coproduction.models import Project

    project = two_partner_project(people["producer"])  # KZ and TR: not under the KZ–AZ memorandum
    Project.objects.filter(pk=project.pk).update(memorandum=memo)
    project.refresh_from_db()
    services.project_update(actor=people["producer"], project=project, runtime_min=100)
    project.refresh_from_db()
    assert project.runtime_min == 100 and project.memorandum_id == memo.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_company_entered_twice_before_is_merged_into_one_partner_with_both_lines():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target):  # type: ignore[no-untyped-def]
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("coproduction", target)])
        return MigrationExecutor(connection).loader.project_state([("coproduction", target)]).apps

    old = migrate("0003_field_labels")
    try:
        company = old.get_model("catalogue", "Company").objects.create()
        project = old.get_model("coproduction", "Project").objects.create(kind="fiction", currency="USD")
        partner = old.get_model("coproduction", "Partner")
        first = partner.objects.create(project=project, company=company, country="KZ", name="Steppe Films")
        again = partner.objects.create(project=project, company=company, country="KZ", name="Steppe Films")
        other = partner.objects.create(project=project, country="TR", name="Bosphorus Film")
        source = old.get_model("coproduction", "FinancingSource")
        for owner, amount in ((first, 100), (again, 200), (other, 300)):
            source.objects.create(
                project=project, partner=owner, kind="partner_equity", amount=amount, currency="USD"
            )
    finally:
        new = migrate("0005_partner_unique_company_and_institution")
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())  # every app at its latest again
    partners = new.get_model("coproduction", "Partner").objects.filter(project_id=project.pk)
    assert sorted(partners.values_list("pk", flat=True)) == [first.pk, other.pk]
    lines = new.get_model("coproduction", "FinancingSource").objects.filter(project_id=project.pk)
    assert sorted(lines.values_list("partner_id", "amount")) == [
        (first.pk, 100),
        (first.pk, 200),
        (other.pk, 300),
    ]
