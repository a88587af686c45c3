"""Two people act on one co-production at the same moment, each on their own database connection: the
project's row lock (coproduction.services.editing.lock_project) and version (core.concurrency)."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.coproduction import services
from korkyt.coproduction.models import Project, ProjectStatus
from korkyt.core.concurrency import StaleError, version_of
from tests.coproduction.conftest import animated_project
from tests.races import need_shared_database, run_together, unblock_flush_on_postgresql  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_producers_saving_the_same_version_at_once_keep_one_change_and_refuse_the_other(
    people: Any,
) -> None:
    need_shared_database()
    project = animated_project(people["producer"])
    services.producer_add(actor=people["admin"], project=project, user=people["coproducer"])
    read = version_of(Project.objects.get(pk=project.pk))

    def save(user: Any, runtime: int) -> Any:
        return services.project_update(
            actor=user, project=Project.objects.get(pk=project.pk), version=read, runtime_min=runtime
        )

    results = run_together([lambda: save(people["producer"], 90), lambda: save(people["coproducer"], 95)])
    written = [r for r in results if isinstance(r, Project)]
    assert len(written) == 1 and sum(isinstance(r, StaleError) for r in results) == 1, results
    assert Project.objects.get(pk=project.pk).runtime_min == written[0].runtime_min


def test_the_partner_countries_approving_at_the_same_moment_approve_the_project(
    people: Any, memo: Any
) -> None:
    need_shared_database()
    project = animated_project(people["producer"], memo)
    services.advice_apply(actor=people["producer"], project=project, instrument="tr-2019", index=0)
    services.project_submit(actor=people["producer"], project=Project.objects.get(pk=project.pk))
    reviews = {str(r.country): r for r in Project.objects.get(pk=project.pk).reviews.all()}
    agencies = {"KZ": "kz_agency", "AZ": "az_agency", "TR": "tr_agency"}
    assert set(reviews) == set(agencies)

    results = run_together(
        [
            lambda c=c: services.review_decide(
                actor=people[agencies[c]], review=reviews[c], decision="approve"
            )
            for c in agencies
        ]
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    project = Project.objects.get(pk=project.pk)
    assert project.status == ProjectStatus.APPROVED and project.approved_at is not None
    assert set(project.reviews.values_list("status", flat=True)) == {"approved"}
