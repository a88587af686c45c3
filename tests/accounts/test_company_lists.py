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


def test_lists_start_with_a_dash_like_every_list_of_the_site() -> None:
    """An empty choice reads "—" (``core.forms.ModelChoiceField``), not Django's "---------"."""
    _company("Kazakhfilm")
    html = str(ProfileForm()["organisation_company"])
    assert '<option value="" selected>—</option>' in html and "---------" not in html
    order = DubbingOrderForm(sources=[("job:1", "An approved translation")])
    for name in ("source", "studio_institution", "studio_company", "adapter", "director", "memorandum"):
        html = str(order[name])
        assert '<option value="">—</option>' in html or '<option value="" selected>—</option>' in html, name
        assert "---------" not in html, name


def test_no_app_builds_a_list_of_rows_with_djangos_empty_choice() -> None:
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "korkyt"
    offenders = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if path.name != "forms.py" or path.parent.name != "core"
        if "forms.ModelChoiceField(" in (text := path.read_text()) or '"---------"' in text
    ]
    assert not offenders
