"""Festival names in the reader's language: ``{{ edition.city|host_city }}`` (a host city when the catalogue
knows it, else as entered) and ``{{ edition|edition_name }}`` ("Қорқыт Ата 6 · Ақтау 2027")."""

from __future__ import annotations

from django import template

from korkyt.festival import selectors
from korkyt.festival.models import Edition

register = template.Library()


@register.filter
def host_city(city: str | None) -> str:
    return selectors.city_name(city or "")


@register.filter
def edition_name(edition: Edition | None) -> str:
    """``{{ edition|edition_name }}``: the edition as the festival names it, in the reader's language."""
    return "" if edition is None else selectors.edition_name(edition)
