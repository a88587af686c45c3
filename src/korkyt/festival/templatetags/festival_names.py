"""``{{ edition.city|host_city }}``: a host city in the reader's language when the catalogue knows it
(``selectors.city_name``), else as entered."""

from __future__ import annotations

from django import template

from korkyt.festival.selectors import city_name

register = template.Library()


@register.filter
def host_city(city: str | None) -> str:
    return city_name(city or "")
