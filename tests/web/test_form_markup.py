"""Every form on the site is laid out by one template (core/form.html, a field by core/_field.html): a label
above its control, the help and the errors under it. Django's ``as_p``/``as_div`` put the label beside a
narrow control, which on a phone read as a different site (the festival's forms, the dubbing order, the
event registration did)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.template.loader import render_to_string

import korkyt

TEMPLATES = Path(korkyt.__file__).parent


def test_no_template_lays_out_a_form_with_djangos_own_markup():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in re.finditer(
            r"\{\{\s*[\w.]*\.as_(?:p|div|table|ul)\s*\}\}", path.read_text(encoding="utf-8")
        )
    ]
    assert found == []


class _Sample(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(label="Title", help_text="As on the poster.")
    agree = forms.BooleanField(label="I agree", required=False)


def test_a_form_renders_labels_above_controls_and_hidden_fields_alone():
    html = render_to_string("core/form.html", {"form": _Sample()})
    assert '<input type="hidden" name="token" id="id_token">' in html
    assert 'for="id_token"' not in html  # a hidden field has no label or row of its own
    assert html.count('<div class="field') == 2
    assert '<label for="id_title">Title <span aria-hidden="true">*</span></label>' in html
    # The help is what the control's aria-describedby names.
    assert 'aria-describedby="id_title_helptext"' in html
    assert '<div class="help" id="id_title_helptext">As on the poster.</div>' in html
    # A checkbox comes before its label, on one line.
    assert re.search(
        r'<input type="checkbox" name="agree" id="id_agree">\s*<label for="id_agree">I agree</label>', html
    )


def test_a_help_made_of_a_list_stays_inside_what_aria_describedby_names():
    """The password rules are a list: inside a <p> the browser closed the paragraph before it, so the
    field's description was empty and the rules were read by no one with the field."""
    from django.utils.safestring import mark_safe

    class Rules(forms.Form):
        password = forms.CharField(
            label="Password", help_text=mark_safe("<ul><li>At least 10 characters.</li></ul>")
        )

    html = render_to_string("core/form.html", {"form": Rules()})
    assert (
        '<div class="help" id="id_password_helptext"><ul><li>At least 10 characters.</li></ul></div>' in html
    )


def test_errors_of_hidden_fields_are_shown_with_the_field_named():
    form = _Sample(data={"title": "x"})
    assert not form.is_valid()
    html = render_to_string("core/form.html", {"form": form})
    assert re.search(r'<p class="error" role="alert">Token: [^<]+</p>', html)


@pytest.mark.django_db
def test_the_password_change_page_uses_the_sites_form_layout(client, django_user_model):
    user = django_user_model.objects.create_user("pw-user", "pw@example.org", "a-long-pass-123")
    client.force_login(user)
    response = client.get("/en/accounts/password/change/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<div class="field') == 3
    assert '<a href="/en/accounts/profile/">' in body


def test_a_fields_errors_are_what_its_aria_describedby_names():
    form = _Sample(data={"token": "t"})
    assert not form.is_valid()
    html = render_to_string("core/form.html", {"form": form})
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert re.search(r'<p class="error" id="id_title_error" role="alert">[^<]+</p>', html)


@pytest.mark.parametrize("language", ["en", "ru", "kk", "tr", "uz"])
def test_a_day_is_given_to_the_date_input_as_an_iso_day_in_every_language(language):
    """A date input reads only YYYY-MM-DD: Django's localized "18.02.2027" left it empty in Russian, and
    saving the form then lost the day (an edition's first and last days, a memorandum's signing day)."""
    import datetime as dt

    from django.utils import translation

    from korkyt.core.forms import DayField

    class Dated(forms.Form):
        day = DayField(label="Day")

    with translation.override(language):
        html = str(Dated(initial={"day": dt.date(2027, 2, 18)})["day"])
    assert 'value="2027-02-18"' in html, html
