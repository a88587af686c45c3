"""Adding to (or removing from) a project's partners, financing plan or elements brings the producer back
to that section of the project page, not to its top, and says there that it was saved; a refused addition
comes back at the section too, its form unfolded with the error."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.coproduction.conftest import animated_project

ADDS = [
    (
        "partners/",
        "partners",
        {"partner-name": "Bishkek Frames", "partner-country": "KG", "partner-role": "minority"},
    ),
    (
        "financing/add/",
        "financing",
        {
            "source-kind": "broadcaster",
            "source-amount": "1000",
            "source-currency": "USD",
            "source-status": "pending",
        },
    ),
    ("elements/", "elements", {"element-job": "costume_designer", "element-country": "AZ"}),
]


def _section(page: str, section: str) -> str:
    start = page.index(f'<section id="{section}" aria-labelledby="{section}-title">')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize(("path", "section", "data"), ADDS, ids=[a[1] for a in ADDS])
def test_an_addition_returns_to_its_section_and_says_so_there(people, client: Client, path, section, data):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    response = client.post(f"/en/coproductions/{project.pk}/{path}", data)
    assert response.status_code == 302
    assert response["Location"] == f"/en/coproductions/{project.pk}/#{section}"
    page = client.get(response["Location"]).content.decode()
    said = '<ul class="messages" role="status"><li class="success">Saved.</li></ul>'
    assert said in _section(page, section)
    assert page.count("Saved.") == 1  # not at the top of the page as well


@pytest.mark.parametrize(("path", "section", "data"), ADDS, ids=[a[1] for a in ADDS])
def test_each_add_form_is_sent_to_its_section(people, client: Client, path, section, data):
    """A refused addition is the page drawn again at the form's address: the anchor brings the reader to
    the unfolded form and its error rather than the top of the page."""
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    page = client.get(f"/en/coproductions/{project.pk}/").content.decode()
    assert f'action="/en/coproductions/{project.pk}/{path}#{section}"' in _section(page, section)


def test_a_removal_returns_to_its_section(people, client: Client):
    project = animated_project(people["producer"])
    client.force_login(people["producer"])
    partner = project.partners.get(name="Istanbul Çizgi")
    response = client.post(f"/en/coproductions/{project.pk}/remove/partner/{partner.pk}/")
    assert response["Location"] == f"/en/coproductions/{project.pk}/#partners"
    page = client.get(response["Location"]).content.decode()
    assert '<li class="success">Removed.</li>' in _section(page, "partners")
