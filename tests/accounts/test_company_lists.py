"""The lists of catalogue companies (a profile's organisation, a dub's studio) read in the order of their
names, not in the order the companies were entered."""

from __future__ import annotations

import pytest

from korkyt.accounts.forms import ProfileForm
from korkyt.catalogue.models import Company, CompanyName
from korkyt.localization.dubbing.forms import DubbingOrderForm

pytestmark = pytest.mark.django_db


def _company(name: str, language: str = "en") -> Company:
    company = Company.objects.create()
    CompanyName.objects.create(company=company, name=name, language=language)
    return company


def test_companies_are_listed_by_name() -> None:
    zeta = _company("Zeta Dubbing")
    alma = _company("almaty film studio")
    mid = _company("Kazakhfilm")
    CompanyName.objects.create(company=zeta, name="Бета дубляж", language="ru")  # a second name sorts later
    expected = [alma.pk, mid.pk, zeta.pk]
    profile = ProfileForm().fields["organisation_company"].queryset
    assert [c.pk for c in profile] == expected
    order = DubbingOrderForm(sources=[]).fields["studio_company"].queryset
    assert [c.pk for c in order] == expected
