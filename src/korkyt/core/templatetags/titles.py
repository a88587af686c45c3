"""``{{ obj|title_html }}`` and ``{{ obj|title_text }}``: what the platform calls an object, in the reader's
language (korkyt.core.titles); the HTML form carries its ``lang``. ``{{ text|in_language:"en" }}``: a text
known to be written in one language (a treaty's English title) as a ``span`` marked with it, for use inside a
translated sentence."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from korkyt.core.titles import text_html, title_of
from korkyt.core.titles import title_html as _title_html
from korkyt.core.translations import Text

register = template.Library()


@register.filter
def title_html(obj: Any) -> SafeString | str:
    return "" if obj is None else _title_html(obj)


@register.filter
def title_text(obj: Any) -> str:
    return "" if obj is None else title_of(obj).text


@register.filter
def in_language(text: Any, language: str) -> SafeString | str:
    return "" if text in (None, "") else text_html(Text(str(text), language))
