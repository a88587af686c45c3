"""``{% history_link obj %}``: a link to the object's history, shown only to those who may read it."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from korkyt.core.audit import may_read_history

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context: dict[str, Any], obj: Any) -> SafeString | str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or not may_read_history(user, obj):
        return ""
    url = reverse("core:history", args=[obj._meta.label_lower, obj.pk])
    return format_html('<a class="history-link" href="{}">{}</a>', url, _("History"))
