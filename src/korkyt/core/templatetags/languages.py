"""Template filters for content languages: ``{{ tag|language_name }}`` names a tag in the interface
language ("Kazakh (Cyrillic)", "Қазақ (кирилл)"), never the raw code."""

from __future__ import annotations

from django import template

from korkyt.core.languages import CONTENT_LANGUAGES, content_language_label

register = template.Library()


@register.filter
def language_name(tag: str) -> str:
    """The tag's name in the interface language; an unknown tag is shown as it is."""
    return str(content_language_label(tag)) if tag in CONTENT_LANGUAGES else str(tag or "")
