"""``short_day``: a day on a tab or in a menu, written as each UI language writes it (CLDR), not Django's
capitalised English pattern ("Ср 3 Ақп")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from korkyt.core.templatetags.days import short_day

DAY = dt.date(2027, 2, 3)  # a Wednesday


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Wed, Feb 3"),
        ("ru", "ср, 3 февр."),
        ("kk", "3 ақп., ср"),
        ("ky", "3-фев., шарш."),
        ("uz", "Chor, 3-fev"),
        ("az", "Ç., 3 fev"),
        ("tr", "3 Şub Çar"),
    ],
)
def test_each_language_writes_the_day_its_own_way(language, expected):
    with translation.override(language):
        assert short_day(DAY) == expected


def test_every_ui_language_has_a_short_day_and_months_in_lower_case_where_it_writes_them_so():
    for language in ("ru", "kk", "ky", "uz", "az", "tk"):
        with translation.override(language):
            text = short_day(DAY)
        month = [w for w in text.replace(",", " ").replace("-", " ").split() if not w.isdigit()]
        assert text and any(w.islower() for w in month), (language, text)


def test_a_moment_is_its_day_and_nothing_is_empty():
    with translation.override("en"):
        assert short_day(dt.datetime(2027, 2, 3, 23, 0)) == "Wed, Feb 3"
        assert short_day(None) == ""


def test_the_filter_in_a_template():
    with translation.override("kk"):
        html = Template("{% load days %}{{ d|short_day }}").render(Context({"d": DAY}))
    assert html == "3 ақп., ср"
