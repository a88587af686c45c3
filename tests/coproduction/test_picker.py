"""The company / institution picker on the partner form and the people picker for key elements: htmx
fragments of radio buttons (keyboard usable), resolved by the view into catalogue rows."""

from __future__ import annotations

import re

from django.test import Client

from korkyt.catalogue.models import Company
from korkyt.catalogue.services.people import company_create, person_create
from korkyt.coproduction.models import Element, Partner

from .conftest import animated_project


def test_typing_finds_companies_and_institutions_as_radio_buttons(people, agencies, client: Client):
    company_create(
        actor=people["admin"], names=[{"language": "ky", "name": "Ала-Тоо Анимация"}], country="KG"
    )
    client.force_login(people["producer"])
    page = client.get("/ru/coproductions/pick/partner/", {"partner-name": "ала-тоо", "field": "partner-pick"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'type="radio" name="partner-pick"' in html and "Ала-Тоо Анимация" in html and "Кыргызстан" in html
    html = client.get("/en/coproductions/pick/partner/", {"partner-name": "kz-agen"}).content.decode()
    assert 'value="institution:KZ-AGENCY"' in html
    assert (
        "radio" not in client.get("/en/coproductions/pick/partner/", {"partner-name": "a"}).content.decode()
    )


def test_the_partner_form_takes_the_company_chosen_with_its_country(people, client: Client):
    project = animated_project(people["producer"])
    company = company_create(
        actor=people["admin"], names=[{"language": "ky", "name": "Ала-Тоо Анимация"}], country="KG"
    )
    client.force_login(people["producer"])
    response = client.post(
        f"/en/coproductions/{project.pk}/partners/",
        {"partner-name": "Ала", "partner-role": "minority", "partner-pick": f"company:{company.pk}"},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(project=project, company=company)
    assert partner.country == "KG"


def test_a_forged_pick_is_refused_on_the_form(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    before = project.partners.count()
    response = client.post(
        f"/en/coproductions/{project.pk}/partners/",
        {"partner-name": "x", "partner-role": "minority", "partner-pick": "company:999999"},
    )
    assert response.status_code == 422
    assert "Choose an entry of the catalogue" in response.content.decode()
    assert project.partners.count() == before


def test_the_people_picker_links_the_element_to_the_catalogue_person(people, client: Client):
    project = animated_project(people["producer"])
    person = person_create(actor=people["admin"], names=[{"language": "kk-Cyrl", "text": "Ермек Тұрсынов"}])
    client.force_login(people["producer"])
    html = client.get("/kk/coproductions/pick/person/", {"element-name": "Ермек"}).content.decode()
    assert f'value="person:{person.pk}"' in html
    response = client.post(
        f"/en/coproductions/{project.pk}/elements/",
        {"element-job": "editor", "element-country": "KZ", "element-pick": f"person:{person.pk}"},
    )
    assert response.status_code == 302
    assert Element.objects.get(project=project, job="editor").person == person


def test_the_pickers_find_a_name_typed_in_the_other_script(people, client: Client):
    person = person_create(actor=people["admin"], names=[{"language": "kk-Cyrl", "text": "Ермек Тұрсынов"}])
    company = company_create(
        actor=people["admin"], names=[{"language": "ky", "name": "Ала-Тоо Анимация"}], country="KG"
    )
    client.force_login(people["producer"])
    html = client.get("/en/coproductions/pick/person/", {"element-name": "Ermek Tursynov"}).content.decode()
    assert f'value="person:{person.pk}"' in html
    html = client.get("/en/coproductions/pick/partner/", {"partner-name": "Ala-Too"}).content.decode()
    assert f'value="company:{company.pk}"' in html
    html = client.get("/en/coproductions/pick/person/", {"element-name": "Zzyzx"}).content.decode()
    assert "radio" not in html


def test_the_pickers_fold_case_and_diacritics_like_the_search(people, agencies, client: Client):
    person = person_create(actor=people["admin"], names=[{"language": "tr", "text": "Şerif Gören"}])
    company = company_create(
        actor=people["admin"], names=[{"language": "tr", "name": "Kültür Film"}], country="TR"
    )
    client.force_login(people["producer"])
    html = client.get("/en/coproductions/pick/person/", {"element-name": "SERIF"}).content.decode()
    assert f'value="person:{person.pk}"' in html
    html = client.get("/en/coproductions/pick/partner/", {"partner-name": "kultur"}).content.decode()
    assert f'value="company:{company.pk}"' in html


def test_an_element_chosen_from_the_catalogue_shows_the_persons_name_marked_with_its_language(
    people, client: Client
):
    """The elements table names the person as the catalogue writes them (with its ``lang``), never as
    "Person 12"; a name typed with no language is marked with its script."""
    project = animated_project(people["producer"])
    person = person_create(actor=people["admin"], names=[{"language": "kk-Cyrl", "text": "Ермек Тұрсынов"}])
    client.force_login(people["producer"])
    for data in (
        {"element-job": "editor", "element-country": "KZ", "element-pick": f"person:{person.pk}"},
        {"element-job": "composer", "element-country": "KZ", "element-name": "Айгүл Сәрсенова"},
    ):
        assert client.post(f"/en/coproductions/{project.pk}/elements/", data).status_code == 302
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    assert f"Person {person.pk}" not in page
    assert f'<a href="/en/people/{person.pk}/" lang="kk-Cyrl">Ермек Тұрсынов</a>' in page
    assert 'lang="und-Cyrl">Айгүл Сәрсенова<' in page


def test_the_picker_preselects_only_the_name_typed_else_the_name_as_typed(people, client: Client):
    """A longer name of the catalogue is offered, never taken for the one typed without a choice: the entry
    whose name is the one typed (folded: case, diacritics, script) is preselected, else "as typed"."""
    for name in ("Kültür Film", "Kültür Film Yapım"):
        company_create(actor=people["admin"], names=[{"language": "tr", "name": name}], country="TR")
    client.force_login(people["producer"])

    def checked(typed: str) -> list[str]:
        html = client.get("/en/coproductions/pick/partner/", {"partner-name": typed}).content.decode()
        return re.findall(
            r'<input type="radio" name="partner-pick" id="[^"]+" value="([^"]*)" checked>', html
        )

    exact = Company.objects.get(names__name="Kültür Film")
    assert checked("Kültür") == [""]  # two longer names: the name as typed
    assert checked("kultur film") == [f"company:{exact.pk}"]  # the name itself, folded
    assert checked("КҮЛТҮР ФИЛМ") == [f"company:{exact.pk}"]  # in another script
    assert checked("Kültür Film Y") == [""]


def test_the_matches_come_right_under_the_name_before_the_other_fields(people, client: Client):
    """By keyboard the list of matches is the next stop after the name typed, not after the whole form."""
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    html = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    for prefix in ("partner", "element"):
        name = html.index(f'id="id_{prefix}-name"')
        region = html.index(f'<div id="{prefix}-pick" class="pick" aria-live="polite"></div>')
        assert html.count(f'id="{prefix}-pick"') == 1
        assert name < region < html.index(f'id="id_{prefix}-country"')  # the next field comes after it
