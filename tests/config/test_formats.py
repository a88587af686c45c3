"""Kazakh pages write numbers and dates as Kazakh does (Django ships no Kazakh formats)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats, translation


def test_kazakh_groups_thousands_with_a_space_and_writes_a_decimal_comma():
    with translation.override("kk"):
        assert formats.number_format(Decimal("1234567.89"), 2, force_grouping=True) == "1\xa0234\xa0567,89"
        assert formats.date_format(dt.date(2026, 12, 3)) == "03.12.2026"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1
    with translation.override("en"):
        assert formats.number_format(Decimal("1234567.89"), 2, force_grouping=True) == "1,234,567.89"


def test_kazakh_advice_amounts_are_grouped_the_kazakh_way():
    from korkyt.coproduction import wording

    with translation.override("kk"):
        assert wording._number(Decimal("92158.5")) == "92\xa0158,5"
    with translation.override("tr"):
        assert wording._number(Decimal("92158.5")) == "92.158,5"
