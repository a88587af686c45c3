"""``{{ amount|money:currency }}``: an amount as the reader's language writes it, grouped, with cents only
when there are any (``core.labels.money``): "400 000 USD" (kk), "1.500,50 TRY" (tr)."""

from __future__ import annotations

from typing import Any

from django import template

from korkyt.core import labels

register = template.Library()


@register.filter
def money(amount: Any, currency: str = "") -> str:
    return labels.money(amount, currency)
