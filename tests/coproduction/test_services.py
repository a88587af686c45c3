"""Co-production services: the animated Kazakh–Azerbaijani–Turkish project from draft to approval."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role
from korkyt.coproduction import eligibility, selectors, services
from korkyt.coproduction.models import Project, ProjectStatus, ReviewStatus
from korkyt.institutions import selectors as institution_selectors
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db


def test_the_animated_coproduction_fails_one_rule_applies_the_advice_passes_and_both_agencies_approve(
    people, memo
):
    project = animated_project(people["producer"], memo)
    before = eligibility.evaluate(project)
    assert before.evaluation is not None, before.missing
    failing = [
        (v.id, c.rule, c.subject)
        for v in before.evaluation.verdicts
        if v.applies
        for c in v.checks
        if not c.ok
    ]
    tr = before.evaluation.verdict("tr-2019")
    assert not tr.eligible and tr.advice, failing
    assert any("Azerbaijani" in a.message for a in tr.advice)
    services.advice_apply(actor=people["producer"], project=project, instrument="tr-2019", index=0)
    after = eligibility.evaluate(project)
    assert after.evaluation is not None and after.evaluation.verdict("tr-2019").eligible
    assert after.basis == "tr-2019"
    assert {s.currency for s in project.financing.all()} == {"KZT", "AZN", "TRY"}

    services.project_submit(actor=people["producer"], project=project)
    assert project.status == ProjectStatus.SUBMITTED
    reviews = {str(r.country): r for r in project.reviews.all()}
    assert set(reviews) == {"KZ", "AZ", "TR"}
    services.review_decide(actor=people["kz_agency"], review=reviews["KZ"], decision="approve")
    services.review_decide(actor=people["az_agency"], review=reviews["AZ"], decision="approve")
    project.refresh_from_db()
    assert project.status == ProjectStatus.SUBMITTED
    services.review_decide(actor=people["tr_agency"], review=reviews["TR"], decision="approve")
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED and project.approved_at is not None

    report = institution_selectors.memorandum_report(memorandum=memo)
    assert report.total == 1
    assert [a.count for a in report.areas if a.code == "joint_animation"] == [1]


def test_an_authority_returns_the_project_with_comments_and_resubmission_starts_the_reviews_over(people):
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    review = project.reviews.get(country="AZ")
    with pytest.raises(ValidationError) as exc:
        services.review_decide(actor=people["az_agency"], review=review, decision="return")
    assert "comments" in exc.value.message_dict
    services.review_decide(
        actor=people["az_agency"], review=review, decision="return", comments="Raise our share."
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.RETURNED
    services.project_update(actor=people["producer"], project=project, runtime_min=85)
    services.project_submit(actor=people["producer"], project=project)
    assert set(project.reviews.values_list("status", flat=True)) == {ReviewStatus.PENDING}


def test_only_the_editors_of_the_partner_countrys_agency_decide_its_review(people):
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    review = project.reviews.get(country="KZ")
    for who in ("uz_agency", "az_agency", "kz_translator", "producer", "stranger"):
        with pytest.raises(PermissionDenied):
            services.review_decide(actor=people[who], review=review, decision="approve")


def test_a_submitted_project_is_not_edited_by_its_producers_until_returned(people):
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    with pytest.raises(PermissionDenied):
        services.project_update(actor=people["producer"], project=project, runtime_min=90)


def test_another_person_may_not_change_or_submit_a_project(people):
    project = animated_project(people["producer"])
    with pytest.raises(PermissionDenied):
        services.project_update(actor=people["stranger"], project=project, runtime_min=90)
    with pytest.raises(PermissionDenied):
        services.project_submit(actor=people["stranger"], project=project)
    with pytest.raises(PermissionDenied, match="invites"):  # a producer invites, never grants
        services.producer_add(actor=people["producer"], project=project, user=people["coproducer"])
    assert not people["coproducer"].has_perm(
        "coproduction.change_project", Project.objects.get(pk=project.pk)
    )
    services.producer_add(actor=people["admin"], project=project, user=people["coproducer"])
    services.project_update(actor=people["coproducer"], project=project, runtime_min=90)


def test_a_creator_whose_producer_role_is_taken_away_no_longer_sees_or_changes_the_project(people):
    project = animated_project(people["producer"])
    services.producer_add(actor=people["admin"], project=project, user=people["coproducer"])
    account_services.role_revoke(
        actor=people["coproducer"], user=people["producer"], role=Role.PRODUCER, scope=project
    )
    project = Project.objects.get(pk=project.pk)
    assert project.created_by == people["producer"]
    assert not selectors.project_visible(people["producer"]).filter(pk=project.pk).exists()
    assert not people["producer"].has_perm("coproduction.view_project", project)
    with pytest.raises(PermissionDenied):
        services.project_update(actor=people["producer"], project=project, runtime_min=90)
    services.project_update(actor=people["coproducer"], project=project, runtime_min=90)


def test_a_foreign_currency_needs_its_rate_and_date(people):
    project = animated_project(people["producer"])
    with pytest.raises(ValidationError) as exc:
        services.source_add(
            actor=people["producer"], project=project, kind="broadcaster", amount=1, currency="UZS"
        )
    assert {"rate", "rate_on"} <= set(exc.value.message_dict)


def test_a_project_without_partners_or_running_time_says_what_is_missing(people):
    project = services.project_create(actor=people["producer"], kind="fiction", title="Bare", language="en")
    result = eligibility.evaluate(project)
    assert result.evaluation is None
    assert {"runtime_min", "shooting_starts_on", "partners"} <= set(result.missing)


def test_every_transition_is_audited(people):
    from korkyt.core.audit import audit_entries_for

    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    review = project.reviews.get(country="KZ")
    services.review_decide(actor=people["kz_agency"], review=review, decision="approve")
    entries = list(audit_entries_for(actor=people["admin"], obj=project))
    actions = {e.action_type: e for e in entries}
    assert "coproduction.project.submit" in actions
    assert actions["coproduction.project.submit"].actor == people["producer"]
    assert actions["coproduction.review.approve"].actor == people["kz_agency"]


def test_deleting_a_project_removes_it_from_the_memorandum_report(people, memo):
    project = animated_project(people["producer"], memo)
    services.project_delete(actor=people["producer"], project=project)
    assert institution_selectors.memorandum_report(memorandum=memo).total == 0
