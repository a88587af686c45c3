"""Two producers, or two authorities, at once on one co-production: a form or an API client that read the
project before someone else's change is refused instead of reverting it, an edit never writes the status
the workflow owns, two approvals together approve the project, advice is applied only as it was shown,
and a key job set twice at the same moment is a message, not a server error."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.test import Client

from korkyt.accounts.services import token_create
from korkyt.coproduction import eligibility, services
from korkyt.coproduction.models import Element, FinancingSource, Project, ProjectStatus
from korkyt.core.concurrency import StaleError, version_of
from tests.coproduction.conftest import animated_project

pytestmark = pytest.mark.django_db

STALE = "Someone else changed this while you were editing it."


@pytest.fixture
def two_producers(people: dict[str, Any]) -> Project:
    project = animated_project(people["producer"])
    services.producer_add(actor=people["admin"], project=project, user=people["coproducer"])
    return project


def _loaded_edit_form(client: Client, project: Project) -> dict[str, Any]:
    """What the edit page posts back as it was loaded (its version among it)."""
    page = client.get(f"/en/coproductions/{project.pk}/edit/").content.decode()
    found = re.search(r'<input type="hidden" name="version" value="([^"]*)"', page)
    assert found, "the edit form carries the project's version"
    text = project.translations.get()
    return {
        "version": found[1],
        "title": text.title,
        "language": text.language,
        "logline": text.logline,
        "synopsis": text.synopsis,
        "kind": project.kind,
        "stage": project.stage,
        "currency": project.currency,
        "runtime_min": project.runtime_min,
        "budget": project.budget,
        "shooting_starts_on": project.shooting_starts_on.isoformat() if project.shooting_starts_on else "",
    }


def test_a_form_loaded_before_another_producers_save_is_refused_and_reverts_nothing(
    people, two_producers, client: Client
):
    project = two_producers
    client.force_login(people["coproducer"])
    loaded = _loaded_edit_form(client, project)
    assert loaded["version"] == version_of(project)
    # Meanwhile the other producer raises the budget and rewrites the logline.
    services.project_update(
        actor=people["producer"], project=Project.objects.get(pk=project.pk), budget=2_000_000
    )
    services.project_set_text(
        actor=people["producer"],
        project=Project.objects.get(pk=project.pk),
        language="kk-Cyrl",
        title="Қорқыт пен жел",
        logline="Four studios now.",
    )
    answer = client.post(
        f"/en/coproductions/{project.pk}/edit/", {**loaded, "title": "The Wind of Korkyt", "runtime_min": 90}
    )
    assert answer.status_code == 200  # the form again
    html = answer.content.decode()
    assert STALE in html
    assert 'value="The Wind of Korkyt"' in html  # what was typed is kept
    project.refresh_from_db()
    text = project.translations.get()
    assert project.budget == Decimal("2000000") and project.runtime_min == 82
    assert (text.title, text.logline) == ("Қорқыт пен жел", "Four studios now.")
    # loaded again, the same change goes through
    fresh = _loaded_edit_form(client, project)
    answer = client.post(f"/en/coproductions/{project.pk}/edit/", {**fresh, "runtime_min": 90})
    assert answer.status_code == 302
    project.refresh_from_db()
    assert project.runtime_min == 90 and project.budget == Decimal("2000000")
    assert project.translations.get().logline == "Four studios now."


def test_an_edit_never_reverts_a_submit_committed_meanwhile(people, two_producers):
    """The producer's edit holds the project as read before the submit; it is asked again of the project
    as it is under its lock: no longer the producers' to change, nothing written, still submitted."""
    read_before = Project.objects.get(pk=two_producers.pk)
    services.project_submit(actor=people["producer"], project=Project.objects.get(pk=two_producers.pk))
    with pytest.raises(PermissionDenied):
        services.project_update(actor=people["coproducer"], project=read_before, runtime_min=95)
    two_producers.refresh_from_db()
    assert two_producers.status == ProjectStatus.SUBMITTED and two_producers.runtime_min == 82


def test_an_edit_writes_only_the_fields_it_changes(people, two_producers):
    read_before = Project.objects.get(pk=two_producers.pk)
    Project.objects.filter(pk=two_producers.pk).update(is_published=True, budget=Decimal("1800000"))
    services.project_update(actor=people["coproducer"], project=read_before, runtime_min=95)
    two_producers.refresh_from_db()
    assert two_producers.runtime_min == 95
    assert two_producers.is_published and two_producers.budget == Decimal("1800000")


def test_the_api_answers_409_stale_to_a_client_that_read_an_older_project(people, two_producers, client):
    project = two_producers
    headers = {"Authorization": f"Bearer {token_create(user=people['coproducer'], name='t')[1]}"}
    read = client.get(f"/api/coproductions/{project.pk}", headers=headers).json()["version"]
    assert read == version_of(project)
    services.project_update(actor=people["producer"], project=project, budget=2_000_000)
    answer = client.patch(
        f"/api/coproductions/{project.pk}",
        {"budget": "1500000", "version": read},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "stale" and body["detail"].startswith(STALE)
    assert body["errors"][0]["field"] == "version"
    project.refresh_from_db()
    assert project.budget == Decimal("2000000")
    texts = client.post(
        f"/api/coproductions/{project.pk}/texts",
        {"language": "en", "title": "Korkyt and the Wind", "version": read},
        content_type="application/json",
        headers=headers,
    )
    assert texts.status_code == 409 and not project.translations.filter(language="en").exists()
    # with the version just read, or with none (an older client), the change is made
    current = client.get(f"/api/coproductions/{project.pk}", headers=headers).json()["version"]
    answer = client.patch(
        f"/api/coproductions/{project.pk}",
        {"budget": "1500000", "version": current},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200 and answer.json()["version"] != current
    answer = client.patch(
        f"/api/coproductions/{project.pk}",
        {"runtime_min": 88},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200 and answer.json()["runtime_min"] == 88


# --- two authorities approve at once -----------------------------------------------------------------


def test_each_decision_takes_the_projects_lock_first_and_the_last_approval_approves(people, monkeypatch):
    """Under the project's lock, the second of two approvals taken together waits for the first and sees
    it: the project is approved, never left submitted with every review approved."""
    project = animated_project(people["producer"])
    services.advice_apply(actor=people["producer"], project=project, instrument="tr-2019", index=0)
    services.project_submit(actor=people["producer"], project=project)
    locked: list[type] = []
    select_for_update = QuerySet.select_for_update

    def spy(self: QuerySet, *args: Any, **kwargs: Any) -> QuerySet:
        locked.append(self.model)
        return select_for_update(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "select_for_update", spy)
    for country, who in (("KZ", "kz_agency"), ("AZ", "az_agency"), ("TR", "tr_agency")):
        locked.clear()
        review = project.reviews.get(country=country)
        services.review_decide(actor=people[who], review=review, decision="approve")
        assert locked and locked[0] is Project, locked  # the project's row before the review's
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED


# --- advice applied as shown --------------------------------------------------------------------------


def _shown_advice(client: Client, project: Project) -> dict[str, str]:
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    form = re.search(
        r'name="instrument" value="tr-2019"><input type="hidden" name="index" value="(\d+)">'
        r'<input type="hidden" name="digest" value="([0-9a-f]+)">',
        page,
    )
    assert form, "the advice's button carries its fingerprint"
    return {"instrument": "tr-2019", "index": form[1], "digest": form[2]}


def test_advice_that_changed_since_it_was_shown_is_not_applied(people, two_producers, client: Client):
    project = two_producers
    client.force_login(people["coproducer"])
    shown = _shown_advice(client, project)
    # Meanwhile the other producer adds some Azerbaijani money: the advice is now another amount.
    az = project.partners.get(country="AZ")
    services.source_add(
        actor=people["producer"],
        project=project,
        partner=az,
        kind="partner_equity",
        amount=Decimal("10000"),
        currency="AZN",
        rate=Decimal("1.70"),
        rate_on=dt.date(2026, 3, 1),
    )
    lines = sorted(FinancingSource.objects.filter(project=project).values_list("pk", "amount"))
    answer = client.post(f"/en/coproductions/{project.pk}/advice/", shown, follow=True)
    assert STALE in answer.content.decode()
    assert sorted(FinancingSource.objects.filter(project=project).values_list("pk", "amount")) == lines
    # shown again, it applies
    answer = client.post(
        f"/en/coproductions/{project.pk}/advice/", _shown_advice(client, project), follow=True
    )
    assert "The advice was applied." in answer.content.decode()
    assert eligibility.evaluate(project).basis == "tr-2019"


def test_the_api_gives_each_advice_its_digest_and_refuses_a_stale_one(people, two_producers, client: Client):
    project = two_producers
    client.force_login(people["coproducer"])
    out = client.get(f"/api/coproductions/{project.pk}/eligibility").json()
    (tr,) = [i for i in out["instruments"] if i["id"] == "tr-2019"]
    digest = tr["advice"][0]["digest"]
    assert digest == _shown_advice(client, project)["digest"]
    az = project.partners.get(country="AZ")
    services.source_add(
        actor=people["producer"],
        project=project,
        partner=az,
        kind="partner_equity",
        amount=Decimal("10000"),
        currency="AZN",
        rate=Decimal("1.70"),
        rate_on=dt.date(2026, 3, 1),
    )
    before = FinancingSource.objects.filter(project=project).count()
    answer = client.post(
        f"/api/coproductions/{project.pk}/advice",
        {"instrument": "tr-2019", "index": 0, "digest": digest},
        content_type="application/json",
    )
    assert answer.status_code == 409 and answer.json()["code"] == "stale"
    assert FinancingSource.objects.filter(project=project).count() == before


def test_a_stale_advice_index_past_the_end_is_stale_too(people, two_producers):
    with pytest.raises(StaleError):
        services.advice_apply(
            actor=people["producer"], project=two_producers, instrument="tr-2019", index=99, digest="0" * 16
        )


# --- a key job set twice at once ---------------------------------------------------------------------


def test_a_key_job_set_by_another_producer_at_the_same_moment_is_a_message(
    people, two_producers, monkeypatch
):
    """Both producers found no composer and add one; the second's row meets the first's (stood in for by a
    row written between the look-up and the save): a refusal naming the job, not a server error."""
    project = two_producers
    project.elements.filter(job="composer").delete()
    next_position = services._next_position

    def meanwhile(rows: Any) -> int:
        Element.objects.create(project=project, job="composer", country="AZ", position=99)
        return next_position(rows)

    monkeypatch.setattr(services, "_next_position", meanwhile)
    with pytest.raises(ValidationError) as refused:
        services.element_set(actor=people["coproducer"], project=project, job="composer", country="TR")
    assert refused.value.error_dict["job"][0].code == "stale"
    assert STALE in refused.value.message_dict["job"][0]
    # (the stand-in row went with this test's refused transaction; the other producer's is committed)
    assert not project.elements.filter(job="composer", country="TR").exists()
