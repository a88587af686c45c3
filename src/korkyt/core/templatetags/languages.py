"""Template filters for codes people should not read: ``{{ tag|language_name }}`` names a content language
in the interface language ("Kazakh (Cyrillic)", "Қазақ (кирилл)"), ``{{ tags|language_alternatives }}``
names several as alternatives ("English or Russian"), ``{{ codes|country_names }}`` names countries
("Kazakhstan, Kyrgyzstan"); ``scheme_name``, ``qa_profile_name`` and
``decade_name`` likewise. ``{{ name|name_lang }}`` is the ``lang`` of a name typed with no language
(``und-Cyrl``: its script)."""

from __future__ import annotations

from django import template

from korkyt.core.countries import country_name
from korkyt.core.labels import decade_label, language_label, languages_or, qa_profile_label, scheme_label
from korkyt.core.languages import name_lang as _name_lang

register = template.Library()


@register.filter
def language_name(tag: str) -> str:
    """The tag's name in the interface language; an unknown tag is shown as it is."""
    return language_label(tag)


@register.filter
def language_alternatives(tags: list[str] | None) -> str:
    """``{{ section.jury_languages|language_alternatives }}``: "English or Russian", "Ағылшын тілі немесе орыс
    тілі" (core.labels.languages_or)."""
    return languages_or(tags or [])


@register.filter
def country_names(codes: list[str] | None) -> str:
    """``{{ section.countries|country_names }}``: the countries' names in the interface language, in the
    order given ("Қазақстан, Қырғызстан"), not their codes."""
    return ", ".join(country_name(str(code)) for code in codes or [])


@register.filter
def name_lang(text: object) -> str:
    """``<span lang="{{ guest.name|name_lang }}">``: ``und-Cyrl`` for "Әлия Нұрова" (see core.languages)."""
    return _name_lang(text)


@register.filter
def scheme_name(scheme: str) -> str:
    """A transliteration scheme's name ("BGN/PCGN romanisation"), not its code ("bgn")."""
    return scheme_label(scheme)


@register.filter
def qa_profile_name(profile: str) -> str:
    """A subtitle QA profile's name ("Kazakh subtitle rules"), not its code ("kk")."""
    return qa_profile_label(profile)


@register.filter
def decade_name(decade: int | str) -> str:
    """A decade as its years: 1990 → "1990–1999"."""
    return decade_label(decade)
