"""Percentages and decimals as the interface language writes them, from CLDR (Babel): "76.68%" in English,
"76,68 %" in Russian (a non-breaking space), "%76,68" in Turkish; a ratio "0.83" or "0,83".

Django's number formats know the separators but not where a language puts the percent sign; amounts with a
currency go through ``core.labels.money`` (Django's formats, which follow the same separators)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from babel.numbers import format_decimal, format_percent

from korkyt.core.languages import cldr_locale, request_language

if TYPE_CHECKING:
    from babel import Locale


def _locale(language: str | None) -> Locale:
    found = cldr_locale(language or request_language()) or cldr_locale("en")
    assert found is not None
    return found


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def percent(value: Any, places: int | None = None, language: str | None = None) -> str:
    """``value`` per cent (76.68 → "76.68%", "76,68 %", "%76,68"): exactly ``places`` decimals, or up to two
    without trailing zeros when None. Empty for None or ""; what is no number is shown as it is."""
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if number is None:
        return str(value)
    locale = _locale(language)
    if places is None:
        rounded = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN).normalize()
        return format_percent(rounded.scaleb(-2), locale=locale, decimal_quantization=False)
    pattern = str(locale.percent_formats[None].pattern)
    if places:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * places, 1)
    return format_percent(number.scaleb(-2), pattern, locale=locale)


def decimal(value: Any, places: int = 2, language: str | None = None) -> str:
    """``value`` with exactly ``places`` decimals, grouped, as the language writes it ("0.83", "0,83")."""
    if value is None or value == "":
        return ""
    number = _decimal(value)
    if number is None:
        return str(value)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, pattern, locale=_locale(language))
