"""schema.org data written into a page's ``<script type="application/ld+json">`` element, the one way.

Every JSON-LD producer serialises with :func:`json_ld_dumps`: ``<``, ``>`` and ``&`` are written as
``\\u003c``, ``\\u003e`` and ``\\u0026`` (as Django's ``json_script`` does), so no text of the data (a
title, a name) can end the element or open a comment or another script in it; the JSON read is the same.
The language-tagged strings inside it come from ``core.translations.json_ld_text``.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_dumps(data: Any) -> SafeString:
    """``data`` as JSON safe to put inside a ``<script type="application/ld+json">`` element as it is."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(_ESCAPES)
    return mark_safe(text)  # noqa: S308 - every character that could end the element is escaped above
