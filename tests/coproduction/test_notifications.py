"""Mail about a co-production, each in its reader's language: a submitted project tells the editors of each
partner country's authority that it waits for their decision (not the members who do not decide, not the
authority that has decided); each decision tells the producers (returned with its comments, approved with
who is still to decide, approved by all); nobody without an address is written to."""

from __future__ import annotations

from typing import Any

import pytest

from korkyt.coproduction import services
from tests.coproduction.conftest import animated_project, make_agencies, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, Any]:
    people = make_people(make_agencies())
    for name, language in (("producer", "kk"), ("kz_agency", "kk"), ("az_agency", "az"), ("tr_agency", "tr")):
        people[name].email, people[name].language = f"{name}@example.org", language
        people[name].save()
    people["kz_translator"].email = "kz_translator@example.org"  # a member, not an editor
    people["kz_translator"].save()
    return people


def test_a_submitted_project_tells_each_authoritys_editors_in_their_language(
    people: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project = animated_project(people["producer"])
    with django_capture_on_commit_callbacks(execute=True):
        services.project_submit(actor=people["producer"], project=project)
    sent = {m.to[0]: m for m in mailoutbox}
    assert set(sent) == {"kz_agency@example.org", "az_agency@example.org", "tr_agency@example.org"}
    assert sent["tr_agency@example.org"].subject == "Bir ortak yapım kararınızı bekliyor: Қорқыт пен жел"
    assert "Türkiye" in sent["tr_agency@example.org"].body
    assert sent["az_agency@example.org"].subject.startswith("Birgə istehsal qərarınızı gözləyir")
    assert f"/kk/coproductions/{project.pk}/#reviews" in sent["kz_agency@example.org"].body
    assert f"/tr/coproductions/{project.pk}/#reviews" in sent["tr_agency@example.org"].body


def test_the_link_is_in_the_readers_language_whatever_the_senders(
    people: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import translation

    project = animated_project(people["producer"])
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):  # a Russian page
        services.project_submit(actor=people["producer"], project=project)
    links = {m.to[0]: m.body.rsplit("\n\n", 1)[1].strip() for m in mailoutbox}
    assert links["az_agency@example.org"].endswith(f"/az/coproductions/{project.pk}/#reviews")
    assert "/ru/" not in "".join(links.values())


def test_each_decision_tells_the_producers(
    people: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project = animated_project(people["producer"])
    services.project_submit(actor=people["producer"], project=project)
    reviews = {str(r.country): r for r in project.reviews.all()}
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(actor=people["kz_agency"], review=reviews["KZ"], decision="approve")
    (approved,) = mailoutbox
    assert approved.to == ["producer@example.org"]
    assert approved.subject == "Қазақстан мақұлдады: Қорқыт пен жел"
    assert "Әзірбайжан" in approved.body and "Түркия" in approved.body  # still to decide, in Kazakh
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(
            actor=people["az_agency"], review=reviews["AZ"], decision="return", comments="Ülüşümüzü artırın."
        )
    (returned,) = mailoutbox
    assert returned.subject.startswith("Өзгертуге қайтарылды") and "Ülüşümüzü artırın." in returned.body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.project_submit(actor=people["producer"], project=project)  # again: every review reopens
        for country in ("KZ", "AZ", "TR"):
            review = project.reviews.get(country=country)
            services.review_decide(
                actor=people[f"{country.lower()}_agency"], review=review, decision="approve"
            )
    to_producer = [m for m in mailoutbox if m.to == ["producer@example.org"]]
    assert [m.subject.split(":")[0] for m in to_producer][-1] == "Мақұлданды"  # approved by all
    assert len([m for m in mailoutbox if m.to == ["kz_agency@example.org"]]) == 1  # the resubmission


def test_nobody_without_an_address_is_written_to(
    people: dict[str, Any], mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for name in ("producer", "kz_agency", "az_agency", "tr_agency"):
        people[name].email = ""
        people[name].save()
    project = animated_project(people["producer"])
    with django_capture_on_commit_callbacks(execute=True):
        services.project_submit(actor=people["producer"], project=project)
        review = project.reviews.get(country="KZ")
        services.review_decide(actor=people["kz_agency"], review=review, decision="approve")
    assert mailoutbox == []
