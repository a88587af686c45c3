"""``{{ day|short_day }}``: a day as a tab or a menu item names it, in the reader's language ("Wed, Feb 3",
"ср, 3 февр.", "3 ақп., ср"), by CLDR's short weekday-and-month pattern (Babel).

Django's ``"D j M"`` capitalises both abbreviations (``title()``) and keeps the English order, which Kazakh,
Kyrgyz, Uzbek and Azerbaijani write otherwise ("Ср 3 Ақп" for "3 ақп., ср")."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton
from django import template

from korkyt.core.languages import cldr_locale, request_language

register = template.Library()


@register.filter
def short_day(day: dt.date | None) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        day = day.date()
    return format_skeleton("MMMEd", day, locale=cldr_locale(request_language()) or cldr_locale("en"))
