"""Dates in the order, words and weekday names of each interface language (CLDR through Babel), not Django's
one pattern for all ("19 ақпан 2027", "Жума"); times stay 24-hour."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from korkyt.core.dates import format_day, format_moment
from korkyt.core.timezones import wall_time

DAY = dt.date(2027, 2, 19)  # a Friday
NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("language", "long", "weekday"),
    [
        ("en", "February 19, 2027", "Friday, February 19"),
        ("ru", f"19 февраля 2027{NNBSP}г.", "пятница, 19 февраля"),
        ("kk", f"2027{NNBSP}ж. 19 ақпан", "19 ақпан, жұма"),
        ("ky", "2027-ж., 19-февраль", "февраль 19, жума"),
        ("uz", "19-fevral, 2027", "juma, 19-fevral"),
        ("tr", "19 Şubat 2027", "19 Şubat Cuma"),
        ("tk", "19 fewral 2027", "19 fewral, anna"),
        ("az", "19 fevral 2027", "Cümə, 19 fevral"),
    ],
)
def test_each_language_writes_a_date_its_own_way(language, long, weekday):
    with translation.override(language):
        assert format_day(DAY) == long
        assert format_day(DAY, "weekday") == weekday


def test_the_other_styles():
    with translation.override("kk"):
        assert format_day(DAY, "full") == f"2027{NNBSP}ж. 19 ақпан, жұма"  # not Django's "Жума"
        assert format_day(DAY, "day") == "19 ақпан"
        assert format_day(DAY, "month") == f"2027{NNBSP}ж. ақпан"
    with translation.override("ru"):
        assert format_day(DAY, "month") == f"февраль 2027{NNBSP}г."  # the month on its own: nominative
    assert format_day(DAY, "long", language="tr") == "19 Şubat 2027"


def test_a_moment_keeps_its_24_hour_time_joined_as_the_language_joins_them():
    moment = dt.datetime(2027, 2, 19, 15, 29)
    with translation.override("en"):
        assert format_moment(moment) == "February 19, 2027, 15:29"
        assert format_moment(moment, "day") == "February 19, 15:29"
    with translation.override("tr"):
        assert format_moment(moment, "weekday") == "19 Şubat Cuma 15:29"


def test_the_filters_date_a_moment_in_the_active_time_zone_or_the_one_given():
    moment = dt.datetime(2027, 2, 19, 22, 30, tzinfo=dt.UTC)  # 20 February in Aktau (UTC+5)
    template = Template(
        "{% load days tz %}{{ m|long_date }} | {{ m|weekday_date_time }} | {{ m|timezone:'UTC'|day_month_time }}"
        " | {{ d|year_month }} | {{ d|full_date }} | {{ none|long_date }}"
    )
    with translation.override("ru"), timezone.override(zoneinfo.ZoneInfo("Asia/Aqtau")):
        html = template.render(Context({"m": moment, "d": DAY, "none": None}))
    assert html == (
        f"20 февраля 2027{NNBSP}г. | суббота, 20 февраля, 03:30 | 19 февраля, 22:30"
        f" | февраль 2027{NNBSP}г. | пятница, 19 февраля 2027{NNBSP}г. | "
    )


def test_a_wall_time_in_messages_is_the_long_date_and_the_places_zone():
    moment = dt.datetime(2027, 3, 1, 18, 59, tzinfo=dt.UTC)
    with translation.override("kk"):
        assert wall_time(moment, "Asia/Aqtau") == f"2027{NNBSP}ж. 1 наурыз, 23:59 (Asia/Aqtau)"
    with translation.override("en"):
        assert wall_time(moment, "Asia/Aqtau") == "March 1, 2027, 23:59 (Asia/Aqtau)"


def test_a_moment_kept_as_iso_text_is_written_as_a_day_and_time():
    from korkyt.core.templatetags.days import iso_moment

    with translation.override("ru"):
        assert iso_moment("2027-03-02T10:00") == "2 марта, 10:00"
        assert iso_moment("2027-03-02T14:30", "2027-03-02T10:00") == "14:30"  # the same day: the time alone
        assert iso_moment("2027-03-03T09:00", "2027-03-02T10:00") == "3 марта, 09:00"
        assert iso_moment("soon") == "soon" and iso_moment("") == ""
