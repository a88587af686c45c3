"""Deleting a record that others still refer to (``on_delete=PROTECT``) is refused with a message naming
what refers to it, and nothing is deleted: never a database error, never a 500. (A film entered at a
festival and a memorandum an edition names: tests/festival/test_submissions.py.)"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from korkyt.catalogue import services as catalogue
from korkyt.catalogue.models import Company, Film
from korkyt.coproduction import services as coproduction
from korkyt.core.permissions import SYSTEM
from korkyt.institutions import services as institutions
from korkyt.institutions.models import Institution
from tests.factories import InstitutionFactory, UserFactory, film

pytestmark = pytest.mark.django_db


def test_an_institution_that_owns_films_is_not_deleted() -> None:
    owner = InstitutionFactory(code="AZ-X", country="AZ")
    f = film(owner, ("Nabat", "az"))
    with pytest.raises(ValidationError) as caught:
        institutions.institution_delete(actor=SYSTEM, institution=owner)
    assert "films" in " ".join(caught.value.messages)
    assert Institution.objects.filter(pk=owner.pk).exists() and Film.objects.filter(pk=f.pk).exists()


def test_a_company_that_coproduces_a_project_is_not_deleted() -> None:
    company = catalogue.company_create(
        actor=SYSTEM, names=[{"language": "en", "name": "Steppe Animation"}], country="KZ"
    )
    producer = UserFactory(username="producer")
    project = coproduction.project_create(actor=producer, kind="animation", title="Жел", language="kk")
    coproduction.partner_add(actor=producer, project=project, company=company, role="majority")
    with pytest.raises(ValidationError):
        catalogue.company_delete(actor=SYSTEM, company=company)
    assert Company.objects.filter(pk=company.pk).exists() and company.names.exists()


def test_a_record_nothing_refers_to_is_deleted() -> None:
    owner = InstitutionFactory(code="UZ-X", country="UZ")
    f = film(owner, ("Mahallada duv-duv gap", "uz"))
    catalogue.film_delete(actor=SYSTEM, film=f)
    assert not Film.objects.filter(pk=f.pk).exists()
    institutions.institution_delete(actor=SYSTEM, institution=owner)
    assert not Institution.objects.filter(pk=owner.pk).exists()
