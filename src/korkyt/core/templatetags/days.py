"""Days and moments as the reader's language writes them, by CLDR's patterns (Babel, ``core/dates.py``):

``{{ day|short_day }}`` on a tab or in a menu ("Wed, Feb 3", "ср, 3 февр.", "3 ақп., ср"); ``long_date``
("February 19, 2027", "2027 ж. 19 ақпан"), ``full_date`` (with the weekday), ``weekday_date`` ("пятница,
19 февраля", "19 Şubat Cuma"), ``day_month`` ("19 февраля") and ``year_month`` ("февраль 2027 г."); with the
time (24-hour "H:i") ``long_date_time``, ``weekday_date_time`` and ``day_month_time``; ``iso_moment`` for a
moment kept as ISO text. ``{{ day|weekday_date|sentence_start }}`` where the date opens a heading, a
sentence or a label: Russian, Uzbek, Kazakh, Kyrgyz and Turkmen write weekdays and months with a small
letter ("вторник, 9 сентября"), which then takes its capital ("Вторник, 9 сентября"); inside a sentence,
not.

Django's patterns ("D j M", "j E Y", "l j E") keep the English order and capitalise abbreviations, which
Kazakh, Kyrgyz, Uzbek and Azerbaijani write otherwise ("Ср 3 Ақп" for "3 ақп., ср"). A moment is dated in the
active time zone, or in the one ``|timezone:`` gave, as ``|date`` does."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton
from django import template
from django.utils.dateformat import time_format

from korkyt.core.dates import Style, format_day, format_moment
from korkyt.core.labels import sentence_start as _sentence_start
from korkyt.core.languages import cldr_locale, request_language

register = template.Library()


@register.filter
def short_day(day: dt.date | None) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    return format_skeleton("MMMEd", day, locale=cldr_locale(request_language()) or cldr_locale("en"))


def _day(value: dt.date | None, style: Style) -> str:
    return "" if value is None or value == "" else format_day(value, style)


def _moment(value: dt.datetime | None, style: Style) -> str:
    return "" if value is None or value == "" else format_moment(value, style)


@register.filter(is_safe=True)
def sentence_start(text: str) -> str:
    """``{{ day|weekday_date|sentence_start }}``: the first letter a capital, as the interface language writes
    it (``core.labels.sentence_start``)."""
    return _sentence_start(str(text or ""))


@register.filter(expects_localtime=True)
def long_date(value: dt.date | None) -> str:
    return _day(value, "long")


@register.filter(expects_localtime=True)
def full_date(value: dt.date | None) -> str:
    return _day(value, "full")


@register.filter(expects_localtime=True)
def weekday_date(value: dt.date | None) -> str:
    return _day(value, "weekday")


@register.filter(expects_localtime=True)
def day_month(value: dt.date | None) -> str:
    return _day(value, "day")


@register.filter(expects_localtime=True)
def year_month(value: dt.date | None) -> str:
    return _day(value, "month")


@register.filter(expects_localtime=True)
def long_date_time(value: dt.datetime | None) -> str:
    return _moment(value, "long")


@register.filter(expects_localtime=True)
def weekday_date_time(value: dt.datetime | None) -> str:
    return _moment(value, "weekday")


@register.filter(expects_localtime=True)
def day_month_time(value: dt.datetime | None) -> str:
    return _moment(value, "day")


@register.filter
def iso_moment(value: str | None, start: str | None = None) -> str:
    """A moment kept as ISO 8601 text, a place's wall time ("2027-03-02T10:00": a festival guest's
    unavailable time) as ``day_month_time`` writes it; with the start of its span
    (``{{ end|iso_moment:start }}``) only the time when the span ends on the day it starts. Text that is no
    moment is shown as it is."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(str(value))
        first = dt.datetime.fromisoformat(str(start)) if start else None
    except ValueError:
        return str(value)
    if first is not None and first.date() == moment.date():
        return time_format(moment, "H:i")
    return format_moment(moment, "day")
