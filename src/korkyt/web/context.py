"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from korkyt.core.languages import UI_LANGUAGES

# Each UI language named in itself, for the language switcher.
ENDONYMS = {
    "en": "English",
    "ru": "Русский",
    "kk": "Қазақша",
    "az": "Azərbaycanca",
    "ky": "Кыргызча",
    "tk": "Türkmençe",
    "tr": "Türkçe",
    "uz": "Oʻzbekcha",
}


def site(request: HttpRequest) -> dict[str, Any]:
    current = get_language() or settings.LANGUAGE_CODE
    return {
        "ui_languages": [(code, ENDONYMS[code]) for code in UI_LANGUAGES],
        "current_language": current,
        "current_endonym": ENDONYMS.get(current, current),
    }
