"""Dates and times typed into forms: a year outside 1900–2199 is a message on its field, never a moment
that a time zone's offset carries past Python's or the database's calendar (a server error)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django import forms
from django.utils import timezone, translation

from korkyt.core.forms import DayField, MomentField


class _Form(forms.Form):
    at = MomentField(label="At", required=False)
    on = DayField(label="On", required=False)


@pytest.mark.parametrize(
    "at", ["0001-01-01T00:00", "1899-12-31T23:59", "2200-01-01T00:00", "9999-12-31T23:59"]
)
def test_a_time_outside_the_years_is_refused_on_its_field(at: str) -> None:
    with timezone.override(zoneinfo.ZoneInfo("Asia/Aqtau")):
        form = _Form({"at": at})
        assert not form.is_valid()
    assert form.errors["at"] == ["Give a year between 1900 and 2199."]


def test_a_day_outside_the_years_is_refused_and_the_message_is_translated() -> None:
    with translation.override("ru"):
        form = _Form({"on": "0027-03-01"})
        assert not form.is_valid()
        assert "1900" in form.errors["on"][0] and "Give a year" not in form.errors["on"][0]


def test_a_time_inside_the_years_is_read_in_the_active_zone() -> None:
    with timezone.override(zoneinfo.ZoneInfo("Asia/Aqtau")):
        form = _Form({"at": "2027-03-01T23:59", "on": "2199-12-31"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["at"] == dt.datetime(2027, 3, 1, 18, 59, tzinfo=dt.UTC)
    assert form.cleaned_data["on"] == dt.date(2199, 12, 31)
    assert 'type="datetime-local"' in str(form["at"]) and 'type="date"' in str(form["on"])
