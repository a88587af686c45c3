"""Percentages where each language puts the sign (CLDR): "76.68%", "76,68 %" with a non-breaking space,
"%76,68"; not "76.68 %" with a plain space in every language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from korkyt.core.numbers import decimal, percent


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "76.68%"),
        ("ru", "76,68\xa0%"),
        ("tr", "%76,68"),
        ("kk", "76,68%"),
        ("tk", "76,68\xa0%"),
        ("az", "76,68%"),
    ],
)
def test_each_language_puts_the_percent_sign_its_own_way(language, expected):
    with translation.override(language):
        assert percent(Decimal("76.68")) == expected


def test_digits_as_asked_or_up_to_two_without_trailing_zeros():
    with translation.override("en"):
        assert percent(Decimal("40.000")) == "40%"
        assert percent(Decimal("33.3333")) == "33.33%"
        assert percent(50, 2) == "50.00%"
        assert percent(Decimal("85.4"), 0) == "85%"
        assert percent(None) == "" and percent("") == "" and percent("n/a") == "n/a"
    assert percent(7, language="tr") == "%7"


def test_a_decimal_with_the_languages_mark():
    assert decimal(Decimal("0.834"), 2, language="ru") == "0,83"
    assert decimal(0.8, 2, language="en") == "0.80"
    assert decimal(Decimal("1234.5"), 1, language="tr") == "1.234,5"


def test_the_filter_in_a_template():
    template = Template("{% load numbers %}{{ share|percent:2 }} · {{ done|percent }}")
    with translation.override("tr"):
        assert template.render(Context({"share": Decimal("12.5"), "done": 60})) == "%12,50 · %60"


def test_a_jobs_progress_reads_as_the_language_writes_it():
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    job = SimpleNamespace(pk=1, status="running", active=True, percent=40, message="", get_status_display="…")
    with translation.override("tr"):
        html = render_to_string("core/_job.html", {"j": job, "next": "/"})
    assert ">%40</progress> %40" in html
