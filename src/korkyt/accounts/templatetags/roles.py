"""``{% roles_link obj %}``: a link to the page where the object's staff roles are granted, shown only to
those who may grant one there."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from korkyt.accounts.scopes import grantable_roles

register = template.Library()


@register.simple_tag(takes_context=True)
def roles_link(context: dict[str, Any], obj: Any) -> SafeString | str:
    request = context.get("request")
    if obj is None or not grantable_roles(getattr(request, "user", None), obj):
        return ""
    url = reverse("accounts:scope_roles", args=[obj._meta.label_lower, obj.pk])
    return format_html('<a class="roles-link" href="{}">{}</a>', url, _("Roles"))
