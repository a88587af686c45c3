"""Dates and numbers written as each UI language writes them (Django ships no Kazakh formats, and its
month names and Turkmen year are corrected here)."""

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


def test_a_month_after_a_day_is_written_as_each_language_writes_it():
    day = dt.date(2027, 3, 4)
    expected = {
        "ru": "4 марта 2027",  # genitive
        "kk": "4 наурыз 2027",  # lower case (Django's catalogue capitalises it)
        "ky": "4 март 2027",
        "az": "4 mart 2027",
        "tk": "4 mart 2027",
        "uz": "4 mart 2027",
        "tr": "4 Mart 2027",  # Turkish capitalises it
        "en": "4 March 2027",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert formats.date_format(day, "j E Y") == text, language
    with translation.override("az"):
        assert formats.date_format(dt.date(2027, 6, 1), "j E") == "1 iyun"  # not "i̇yun"


def test_turkmen_dates_end_with_the_turkmen_word_for_year():
    with translation.override("tk"):
        assert formats.date_format(dt.date(2027, 3, 4)) == "4 mart 2027 ý."  # Django's says "г."


def test_every_ui_language_writes_numbers_as_cldr_does():
    """Amounts on pages (a financing plan's "151 500 000,00 KZT") use each language's decimal mark: Django's
    Kyrgyz formats wrote a decimal point."""
    from django.template import Context, Template

    expected = {
        "ky": "151\xa0500\xa0000,00",
        "kk": "151\xa0500\xa0000,00",
        "ru": "151\xa0500\xa0000,00",
        "uz": "151\xa0500\xa0000,00",
        "tk": "151\xa0500\xa0000,00",
        "tr": "151.500.000,00",
        "az": "151.500.000,00",
        "en": "151,500,000.00",
    }
    for language, text in expected.items():
        with translation.override(language):
            shown = Template('{{ v|floatformat:"2g" }}').render(Context({"v": Decimal("151500000")}))
            assert shown == text, language


def test_turkish_dates_have_no_leading_zero():
    """CLDR's "5 Mart 2027", "1 Mar 2026", "6 Ara 2026 10:23"; Django's Turkish formats write "05 Mart 2027"."""
    with translation.override("tr"):
        assert formats.date_format(dt.date(2027, 3, 5)) == "5 Mart 2027"
        assert formats.date_format(dt.date(2026, 3, 1), "SHORT_DATE_FORMAT") == "1 Mar 2026"
        assert (
            formats.date_format(dt.datetime(2026, 12, 6, 10, 23), "SHORT_DATETIME_FORMAT")
            == "6 Ara 2026 10:23"
        )
        assert formats.date_format(dt.datetime(2027, 3, 5, 9, 5), "DATETIME_FORMAT") == "5 Mart 2027 09:05"
        assert formats.number_format(Decimal("1234.5"), 1, force_grouping=True) == "1.234,5"  # Django's
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_english_times_are_24_hour_like_every_other_time_on_the_site():
    """Django's English "3:29 p.m." beside the festival's "15:29"; the date as pages write it."""
    from korkyt.core.dates import format_moment

    moment = dt.datetime(2027, 3, 1, 15, 29)
    with translation.override("en"):
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "03/01/2027 15:29"
        assert (
            formats.date_format(moment, "DATETIME_FORMAT") == format_moment(moment) == "March 1, 2027, 15:29"
        )
        assert formats.time_format(moment) == "15:29"
        assert formats.date_format(moment.date()) == "March 1, 2027"
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "03/01/2027"  # Django's


def test_azerbaijani_amounts_group_thousands_with_a_point():
    """CLDR az writes 1.234.567,89; the amounts of budgets and prices (``money``) and the co-production advice
    follow it."""
    from korkyt.coproduction import wording
    from korkyt.core.labels import money

    with translation.override("az"):
        assert formats.number_format(Decimal("1234567.89"), 2, force_grouping=True) == "1.234.567,89"
        assert money(Decimal("400000"), "AZN") == "400.000 AZN"
        assert money(Decimal("1500.5"), "AZN") == "1.500,50 AZN"
        assert wording._number(Decimal("92158.5")) == "92.158,5"
