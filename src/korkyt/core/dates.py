"""Dates as each interface language writes them, from CLDR (Babel): "19 February 2027" is "2027 ж. 19 ақпан"
in Kazakh, "2027-ж., 19-февраль" in Kyrgyz, "19-fevral, 2027" in Uzbek; a weekday date is "пятница,
19 февраля", "19 Şubat Cuma", "19 fewral, anna".

Django's patterns ("j E Y", "l j E") keep one order for every language and its weekday names; CLDR has each
language's own. Times stay Django's 24-hour "H:i" (festival times are 24-hour in every language); a date
with its time is joined by the language's own date-and-time pattern ("{1}, {0}", "{1} {0}").

A moment is dated as its own time zone reads it, as Django's ``|date`` does: in templates the filters
(``core/templatetags/days.py``) receive it in the active time zone, or in the one ``|timezone:`` gave.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Literal

from babel.dates import format_date, format_skeleton
from django.utils.dateformat import time_format

from korkyt.core.languages import cldr_locale, request_language

if TYPE_CHECKING:
    from babel import Locale

#: "long": day, month and year ("19 February 2027"); "full": the same with the weekday; "weekday": weekday,
#: day and month ("Friday, February 19"); "day": day and month ("February 19"); "month": month and year
#: ("February 2027").
Style = Literal["long", "full", "weekday", "day", "month"]

_SKELETONS = {"weekday": "MMMMEd", "day": "MMMMd", "month": "yMMMM"}
_SHORT_WEEKDAY = re.compile(r"('[^']*')|\b([Ec])\2{0,2}\b")


def _locale(language: str | None) -> Locale:
    found = cldr_locale(language or request_language()) or cldr_locale("en")
    assert found is not None
    return found


def _wide_weekday(pattern: str) -> str:
    """CLDR's skeletons give the weekday short ("Fri, February 19"); written out, as a heading reads it."""
    return _SHORT_WEEKDAY.sub(lambda m: m.group(1) or m.group(2) * 4, pattern)


def day_of(value: dt.date) -> dt.date:
    """The date of a day or of a moment (in the moment's own time zone)."""
    return value.date() if isinstance(value, dt.datetime) else value


def format_day(value: dt.date, style: Style = "long", language: str | None = None) -> str:
    """A day, or a moment's day, in ``style`` as ``language`` (the interface language) writes it."""
    locale = _locale(language)
    day = day_of(value)
    if style in ("long", "full"):
        return format_date(day, style, locale=locale)
    skeleton = _SKELETONS[style]
    if style == "weekday":
        pattern = locale.datetime_skeletons.get(skeleton)
        if pattern is not None:
            return format_date(day, _wide_weekday(pattern.pattern), locale=locale)
    return format_skeleton(skeleton, day, locale=locale)


def format_moment(value: dt.datetime, style: Style = "long", language: str | None = None) -> str:
    """A moment's day in ``style`` and its time (24-hour "H:i"), joined as ``language`` joins them:
    "February 19, 2027, 10:00", "19 Şubat 2027 10:00"."""
    glue = str(_locale(language).datetime_formats.get("medium", "{1}, {0}"))
    return glue.replace("{1}", format_day(value, style, language)).replace("{0}", time_format(value, "H:i"))
