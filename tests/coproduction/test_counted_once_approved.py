"""A memorandum's public report counts a co-production once the competent authority of every partner
country has approved it: a draft's partners are only what its producers typed (anyone signed in may start
one), and a submitted project waits for the authorities' decisions."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.config.demo import SYSTEM
from korkyt.coproduction import services as coproduction_services
from korkyt.institutions import selectors
from korkyt.institutions.models import MemorandumActivity
from tests.coproduction.conftest import animated_project, make_agencies, make_people
from tests.factories import memorandum

pytestmark = pytest.mark.django_db


def _headers(user: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_a_coproduction_is_counted_once_every_authority_approved_it(client: Client):  # type: ignore[no-untyped-def]
    agencies = make_agencies()
    people = make_people(agencies)
    theirs = memorandum(agencies["AZ"], agencies["TR"], areas=("joint_feature",))
    # anyone signed in makes a draft under a memorandum and names partners from its countries: not counted
    headers = _headers(people["stranger"])
    answer = client.post(
        "/api/coproductions",
        {
            "kind": "fiction",
            "title": "Spam project",
            "language": "en",
            "memorandum": theirs.pk,
            "area": "joint_feature",
            "is_published": True,
        },
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 201, answer.content
    spam = answer.json()["id"]
    for country in ("AZ", "TR"):
        answer = client.post(
            f"/api/coproductions/{spam}/partners",
            {"country": country, "name": f"Fake {country} co"},
            content_type="application/json",
            headers=headers,
        )
        assert answer.status_code == 201, answer.content
    assert client.get(f"/api/memoranda/{theirs.pk}/report").json()["total"] == 0
    assert "Spam project" not in client.get(f"/en/memoranda/{theirs.pk}/activities/").content.decode()

    # submitted, it waits for the authorities; approved by every one of them, it is counted
    ours = memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_animation",))
    project = animated_project(people["producer"], ours)
    assert selectors.memorandum_report(memorandum=ours).total == 0
    coproduction_services.project_submit(actor=people["producer"], project=project)
    reviews = {str(r.country): r for r in project.reviews.all()}
    for country in ("KZ", "AZ"):
        agency = people[f"{country.lower()}_agency"]
        coproduction_services.review_decide(actor=agency, review=reviews[country], decision="approve")
    assert selectors.memorandum_report(memorandum=ours).total == 0
    coproduction_services.review_decide(actor=people["tr_agency"], review=reviews["TR"], decision="approve")
    (row,) = MemorandumActivity.objects.filter(memorandum=ours)
    assert (row.object_id, row.area.code) == (project.pk, "joint_animation")
    assert row.happened_on == project.shooting_starts_on


def test_records_of_unapproved_coproductions_leave_the_reports():  # type: ignore[no-untyped-def]
    import importlib

    from django.apps import apps

    from korkyt.institutions.services import activity_record

    agencies = make_agencies()
    people = make_people(agencies)
    memo = memorandum(agencies["KZ"], agencies["AZ"], areas=("joint_animation",))
    draft = animated_project(people["producer"], memo)
    activity_record(memorandum=memo, area="joint_animation", activity=draft)  # as recorded before
    assert selectors.memorandum_report(memorandum=memo, user=SYSTEM).total == 1
    module = importlib.import_module(
        "korkyt.coproduction.migrations.0009_memorandum_counts_approved_projects"
    )
    module.forget_unapproved(apps, None)
    assert selectors.memorandum_report(memorandum=memo, user=SYSTEM).total == 0
