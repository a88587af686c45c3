"""``{{ share|percent:2 }}``: a percentage as the reader's language writes it (``core.numbers.percent``):
"76.68%", "76,68 %" (ru), "%76,68" (tr); without an argument, up to two decimals, none when whole ("40%")."""

from __future__ import annotations

from typing import Any

from django import template

from korkyt.core import numbers

register = template.Library()


@register.filter
def percent(value: Any, places: int | str | None = None) -> str:
    return numbers.percent(value, None if places is None or places == "" else int(places))
