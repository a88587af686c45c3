"""Display formatting: the only place numbers are rounded."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction


def to_decimal(value: Fraction | Decimal | int) -> Decimal:
    """An exact fraction as a Decimal (28 significant digits)."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


def frac(value: Decimal | int) -> Fraction:
    return Fraction(value)


def _trim(d: Decimal) -> str:
    text = f"{d:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pct(value: Fraction | Decimal | int, places: int = 2) -> str:
    """'7.5 %' (at most ``places`` decimals)."""
    d = to_decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    return f"{_trim(d)} %"


def shown_value(
    value: Decimal, lo: Decimal | None, hi: Decimal | None, places: int = 2, rounding: str = ROUND_HALF_EVEN
) -> Decimal:
    """``value`` rounded to ``places`` decimals for display beside the limits ``lo``–``hi``. A value
    outside them that would round onto the limit (or inside) is rounded away from it instead: down below a
    minimum, up above a maximum, so a failing 4.995 % reads 4.99 % against a 5 % minimum and 80.001 % reads
    80.01 % against an 80 % maximum, never the limit itself."""
    step = Decimal(1).scaleb(-places)
    near = value.quantize(step, rounding=rounding)
    if lo is not None and value < lo and near >= lo:
        return value.quantize(step, rounding=ROUND_FLOOR)
    if hi is not None and value > hi and near <= hi:
        return value.quantize(step, rounding=ROUND_CEILING)
    return near


def shown_figure(value: object, lo: object, hi: object, places: int = 2) -> object:
    """A check's figure for display beside its limits (:func:`shown_value` for percentages and amounts;
    other figures as they are)."""
    if not isinstance(value, Decimal):
        return value
    return shown_value(
        value,
        lo if isinstance(lo, Decimal) else None,
        hi if isinstance(hi, Decimal) else None,
        places,
    )


def pct_against(value: Decimal, lo: Decimal | None, hi: Decimal | None, places: int = 2) -> str:
    """A percentage shown beside its limits: see :func:`shown_value`."""
    return pct(shown_value(value, lo, hi, places), places)


def money(value: Fraction | Decimal | int, currency: str) -> str:
    """'312,500 KGS', '1,250.5 EUR'."""
    d = to_decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return f"{_trim(d)} {currency}"


def figure(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _trim(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))
    return "" if value is None else str(value)


def json_decimal(value: Decimal, places: int = 4) -> str:
    """A Decimal for JSON output: at most ``places`` decimals, no exponent, no trailing zeros."""
    d = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    text = f"{d:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
