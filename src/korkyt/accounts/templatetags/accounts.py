"""``{{ user|account_name }}``: a person with an account as pages name them: the name they give in the
reader's language (else the nearest they gave), marked with its language, never the user name when a name
is known (``accounts.selectors.user_name``). ``{{ user|account_name:"with_username" }}`` adds the user name
after a name, for staff who manage accounts: "Әйгерім Сәдуақасова (juror-2)". ``{% way_back as back %}``: the
page's ``next`` (query or form) when it leads back to this site, else "" (``core.http.local_next``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from korkyt.accounts.selectors import user_name
from korkyt.core.http import local_next
from korkyt.core.languages import request_language

register = template.Library()


@register.filter
def account_name(user: Any, options: str = "") -> SafeString | str:
    if user is None:
        return ""
    name = user_name(user, request_language())
    shown = format_html('<span lang="{}">{}</span>', name.lang, name.text)
    if options == "with_username" and name.text != user.username:
        return format_html("{} ({})", shown, user.username)
    return shown


@register.simple_tag(takes_context=True)
def way_back(context: dict[str, Any]) -> str:
    request = context.get("request")
    if request is None:
        return ""
    return local_next(request, request.POST.get("next") or request.GET.get("next"))
