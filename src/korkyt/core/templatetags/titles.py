"""``{{ obj|title_html }}`` and ``{{ obj|title_text }}``: what the platform calls an object, in the reader's
language (korkyt.core.titles); the HTML form carries its ``lang``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from korkyt.core.titles import title_html as _title_html
from korkyt.core.titles import title_of

register = template.Library()


@register.filter
def title_html(obj: Any) -> SafeString | str:
    return "" if obj is None else _title_html(obj)


@register.filter
def title_text(obj: Any) -> str:
    return "" if obj is None else title_of(obj).text
