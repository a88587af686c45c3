"""Choices labelled with a ``Text`` carry its language: an option takes ``lang``, a checkbox's label a
marked ``span``; and the forms that list institutions, memoranda and companies label them so."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from korkyt.core.forms import LangCheckboxSelectMultiple, LangRadioSelect, LangSelect
from korkyt.core.translations import Text

CHOICES = [("1", Text("Қазақфильм", "kk-Cyrl")), ("2", Text("<b>Türkmenfilm</b>", "tk-Latn")), ("3", "plain")]


def render(widget: forms.Widget) -> str:
    return str(widget.render("who", ["1"], attrs={"id": "id_who"}))


def test_an_option_carries_the_language_of_its_label():
    html = render(LangSelect(choices=CHOICES))
    assert '<option value="1" selected lang="kk-Cyrl">Қазақфильм</option>' in html
    assert 'lang="tk-Latn">&lt;b&gt;Türkmenfilm&lt;/b&gt;</option>' in html  # escaped, never markup
    assert '<option value="3">plain</option>' in html


@pytest.mark.parametrize("widget", [LangCheckboxSelectMultiple, LangRadioSelect])
def test_a_checkbox_or_radio_label_is_a_span_marked_with_its_language(widget):
    html = render(widget(choices=CHOICES))
    assert '<span lang="kk-Cyrl">Қазақфильм</span></label>' in html
    assert '<span lang="tk-Latn">&lt;b&gt;Türkmenfilm&lt;/b&gt;</span>' in html
    assert " plain</label>" in html
    assert 'lang="kk-Cyrl"' not in html.split("<span", 1)[0]  # the input itself is not marked


@pytest.mark.django_db
def test_the_festival_edition_form_marks_each_organiser_with_the_language_of_its_name():
    from korkyt.festival.forms import EditionForm
    from korkyt.institutions.models import Institution, InstitutionTranslation

    agency = Institution.objects.create(code="AZ-CA", country="AZ", kind="national_agency")
    InstitutionTranslation.objects.create(institution=agency, language="en", name="Cinema Agency")
    with translation.override("ru"):
        html = str(EditionForm(user=None)["organisers"])
    assert '<span lang="en">Cinema Agency</span>' in html
