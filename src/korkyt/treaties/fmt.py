"""Display formatting: the only place numbers are rounded."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
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
