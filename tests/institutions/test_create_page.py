"""A platform administrator adds an institution from the staff pages (as `POST /api/institutions` does):
the code, kind and country, the name in one language; every mistake is named on its field and nothing is
half-saved; nobody else may."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from korkyt.core.models import AuditEntry
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/staff/institutions/new/"


def _data(**over: str) -> dict[str, str]:
    return {
        "code": "kg-kyrgyzfilm",
        "kind": "studio",
        "country": "KG",
        "native_language": "ky-Cyrl",
        "website": "kyrgyzfilm.kg",
        "language": "ky-Cyrl",
        "name": "Кыргызфильм",
        "short_name": "",
        "description": "Киностудия",
        "is_public": "on",
        **over,
    }


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


def test_an_administrator_adds_an_institution(admin_client: Client) -> None:
    staff = admin_client.get("/en/staff/").content.decode()
    assert f'href="{URL}"' in staff
    assert admin_client.get(URL).status_code == 200
    answer = admin_client.post(URL, _data())
    assert answer.status_code == 302 and answer["Location"] == "/en/institutions/KG-KYRGYZFILM/"
    institution = Institution.objects.get(code="KG-KYRGYZFILM")  # the code is written in capitals
    assert institution.kind == "studio" and str(institution.country) == "KG" and institution.is_public
    assert institution.website == "https://kyrgyzfilm.kg"
    (text,) = institution.translations.all()
    assert (text.language, text.name) == ("ky-Cyrl", "Кыргызфильм")
    page = admin_client.get(answer["Location"]).content.decode()
    assert "Кыргызфильм" in page
    # its page leads on to its roles (to give its editors theirs) and to its history
    assert f'href="/en/accounts/roles/institutions.institution/{institution.pk}/"' in page
    history = f"/en/history/institutions.institution/{institution.pk}"
    assert f'href="{history}"' in page
    assert "Кыргызфильм" in admin_client.get(history).content.decode()
    assert AuditEntry.objects.filter(
        content_type__model="institution", object_pk=str(institution.pk)
    ).exists()


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"code": "K"}, "code"),
        ({"code": "КЗ-ФИЛЬМ"}, "code"),
        ({"kind": "bank"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"name": ""}, "name"),
        ({"language": "xx-Nope"}, "language"),
        ({"website": "not a site"}, "website"),
        ({"name": "x" * 5000}, "name"),
    ],
)
def test_each_mistake_is_named_and_nothing_is_saved(admin_client: Client, over: dict, field: str) -> None:
    answer = admin_client.post(URL, _data(**over))
    assert answer.status_code == 200
    assert field in answer.context["form"].errors, answer.context["form"].errors
    assert not Institution.objects.exists()


def test_a_code_already_taken_is_refused(admin_client: Client) -> None:
    InstitutionFactory(code="KG-KYRGYZFILM", country="KG")
    answer = admin_client.post(URL, _data())
    assert answer.status_code == 200 and "code" in answer.context["form"].errors
    assert Institution.objects.count() == 1


def test_only_platform_administrators_add_institutions() -> None:
    kz = InstitutionFactory(code="KZ-A", country="KZ")
    editor = MembershipFactory(user=UserFactory(username="kz-editor"), institution=kz).user
    client = Client()
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _data()).status_code == 403
    assert f'href="{URL}"' not in client.get("/en/staff/").content.decode()
    assert Client().get(URL).status_code == 302  # to the sign-in page
    assert not Institution.objects.filter(code="KG-KYRGYZFILM").exists()


def test_the_work_page_names_the_institutions_a_person_works_for() -> None:
    from tests.factories import InstitutionFactory, MembershipFactory

    member = MembershipFactory(
        user=UserFactory(username="kg-member"), institution=InstitutionFactory(code="KG-W")
    )
    client = Client()
    client.force_login(member.user)
    page = client.get("/en/staff/").content.decode()
    assert '<span class="tag"><span lang="en">Institution KG-W</span> · ' in page


def test_institutions_are_chosen_by_name_with_their_language(admin_client: Client) -> None:
    from tests.factories import InstitutionFactory

    InstitutionFactory(code="KZ-NAMED", country="KZ")
    page = admin_client.get("/ru/staff/memoranda/new/").content.decode()
    # the parties: ticked by name, marked as English, with the country in the reader's language
    assert '<span lang="en">Institution KZ-NAMED</span> (Казахстан)' in page
    # the framework: a select whose option carries the name's language
    assert re.search(r'<option value="\d+" lang="en">Institution KZ-NAMED</option>', page)
