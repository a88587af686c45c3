"""The partner finder page: countries and catalogue companies whose participation, at the share given,
would make the project qualify; a producer takes a suggestion in one click."""

from __future__ import annotations

from django.test import Client

from korkyt.catalogue.services.people import company_create
from korkyt.coproduction import eligibility, services
from korkyt.coproduction.models import Partner

from .conftest import animated_project as _animated


def animated_project(producer):  # type: ignore[no-untyped-def]
    """The Kazakh–Turkish part of the animated project: it qualifies under TR 2019, and a third
    co-producer at the right share keeps it qualifying."""
    project = _animated(producer)
    services.partner_remove(actor=producer, partner=project.partners.get(country="AZ"))
    return project


def test_the_finder_lists_countries_shares_and_catalogue_companies(people, client: Client):
    project = animated_project(people["producer"])
    company = company_create(
        actor=people["admin"], names=[{"language": "ky", "name": "Ала-Тоо Анимация"}], country="KG"
    )
    client.force_login(people["producer"])
    page = client.get(f"/ru/coproductions/{project.pk}/partners/find/").content.decode()
    assert "Кыргызстан" in page and "Ала-Тоо Анимация" in page
    assert 'lang="ky"' in page
    # the instrument by its title in Russian, not its short code ("TR 2019")
    assert (
        '<span lang="ru">Турция: Положение о разрешениях на съёмку фильмов и совместном производстве (2019)'
        "</span>" in page
    )
    findings, missing = eligibility.find_partners(project, user=people["producer"])
    assert not missing
    kg = [f for f in findings if f.suggestion.country == "KG"]
    assert kg and kg[0].companies == [company]


def test_taking_a_suggestion_adds_the_company_with_a_pending_contribution_and_the_project_qualifies(
    people, client: Client
):
    project = animated_project(people["producer"])
    company = company_create(
        actor=people["admin"], names=[{"language": "ky", "name": "Ала-Тоо Анимация"}], country="KG"
    )
    findings, _ = eligibility.find_partners(project, user=people["producer"])
    s = next(f.suggestion for f in findings if f.suggestion.country == "KG")
    client.force_login(people["producer"])
    response = client.post(
        f"/en/coproductions/{project.pk}/partners/find/take/",
        {"country": "KG", "company": company.pk, "amount": str(s.amount_min)},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(project=project, company=company)
    (line,) = project.financing.filter(partner=partner)
    assert line.amount == s.amount_min and line.status == "pending"
    verdict = eligibility.evaluate(project).evaluation.verdict(s.instrument)
    assert verdict.eligible


def test_a_tampered_suggestion_is_refused_without_saving(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    before = project.partners.count()
    for data in ({"country": "XX", "amount": "100"}, {"country": "KG", "amount": "-5"}, {"country": "KG"}):
        response = client.post(f"/en/coproductions/{project.pk}/partners/find/take/", data)
        assert response.status_code == 302
    assert project.partners.count() == before


def test_an_amount_that_is_no_finite_number_is_refused_not_a_server_error(people, client: Client):
    """``Decimal`` reads "NaN" and "Infinity" but no comparison takes a NaN: the finder's usual refusal,
    nothing saved."""
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    url = f"/en/coproductions/{project.pk}/partners/find/take/"
    before = project.partners.count()
    for amount in ("NaN", "sNaN", "-NaN", "Infinity", "-Infinity"):
        response = client.post(url, {"country": "KG", "amount": amount}, follow=True)
        assert response.status_code == 200, amount
        assert "This suggestion is no longer valid; look again." in response.content.decode(), amount
    assert project.partners.count() == before


def test_a_company_named_by_something_that_is_no_id_is_not_found(people, client: Client):
    """The company a suggestion names is read as an id (core.http.id_from): anything else is a 404, as
    an unknown company is, never a server error; nothing saved."""
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    url = f"/en/coproductions/{project.pk}/partners/find/take/"
    before = project.partners.count()
    for company in ("abc", "1.5", "²", "99999999999999999999", "-1", "0"):
        response = client.post(url, {"country": "KG", "amount": "100", "company": company})
        assert response.status_code == 404, company
    assert project.partners.count() == before
