"""RowsChoiceField: several rows by id, and ids no row can have are a form error, not a database one."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client

from korkyt.core.forms import RowsChoiceField
from korkyt.institutions.models import Institution, Memorandum

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from korkyt.config.demo import load

    load()


@pytest.mark.parametrize("raw", ["99999999999999999999", "9223372036854775808", "²", "0", "-1", "x"])
def test_ids_no_row_can_have_are_refused_before_the_database(demo, raw):
    field = RowsChoiceField(queryset=Institution.objects.all())
    real = Institution.objects.order_by("pk").first()
    with pytest.raises(forms.ValidationError) as exc:
        field.clean([str(real.pk), raw])
    assert exc.value.code == "invalid_pk_value"


def test_real_ids_and_rows_are_chosen(demo):
    field = RowsChoiceField(queryset=Institution.objects.all(), required=False)
    first, second = Institution.objects.order_by("pk")[:2]
    assert set(field.clean([str(first.pk), second.pk])) == {first, second}
    assert set(field.clean([first])) == {first}
    assert list(field.clean([])) == []


def test_the_memorandum_form_answers_a_huge_party_id_with_a_form_error(demo):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "b@example.org", "a-long-pass-123")
    client = Client()
    client.force_login(admin)
    before = Memorandum.objects.count()
    response = client.post(
        "/en/staff/memoranda/new/",
        {"parties": ["99999999999999999999"], "areas": ["99999999999999999999"], "status": "signed"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parties"] and response.context["form"].errors["areas"]
    assert Memorandum.objects.count() == before
