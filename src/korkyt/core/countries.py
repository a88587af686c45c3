"""Country names in the interface language, from the Unicode CLDR (through Babel).

django-countries translates its names only into the languages it ships catalogues for (no Kazakh,
Azerbaijani, Kyrgyz, Turkmen or Uzbek); ``COUNTRIES_OVERRIDE`` (settings) gives it a lazy CLDR name for
every code instead, so the model field, forms, filters and ``country.name`` speak the viewer's language
everywhere without a second mechanism. A code CLDR does not know keeps django-countries' own name.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from korkyt.core.collation import sort_by_name
from korkyt.core.languages import cldr_locale

# Where CLDR's name is not the one the country itself uses in that language: the Kyrgyz Republic's
# constitution names it "Кыргызская Республика (Кыргызстан)" in Russian, the form the network's memoranda use;
# CLDR's Russian name is "Киргизия".
PREFERRED: dict[tuple[str, str], str] = {("ru", "KG"): "Кыргызстан"}


@cache
def _territories(language: str) -> dict[str, str]:
    locale = cldr_locale(language)
    return {} if locale is None else dict(locale.territories)


def country_name(code: str) -> str:
    """The CLDR name of ``code`` in the active language (``"KZ"`` → "Қазақстан" in kk)."""
    from django_countries.data import COUNTRIES

    language = (get_language() or "en").split("-")[0]
    name = PREFERRED.get((language, code)) or _territories(language).get(code)
    if name:
        return name
    return str(COUNTRIES[code]) if code in COUNTRIES else code


def cldr_overrides() -> dict[str, Any]:
    """``COUNTRIES_OVERRIDE`` for django-countries: every code it knows, named lazily by CLDR."""
    from django_countries.data import COUNTRIES

    lazy_name = lazy(country_name, str)
    return {code: lazy_name(code) for code in COUNTRIES}


#: The six countries whose national film bodies signed the memoranda: first in every country list.
NETWORK_COUNTRIES = ("AZ", "KZ", "KG", "TM", "TR", "UZ")

Choices = list[tuple[Any, Any]]


def country_choices() -> Choices:
    """Every country for a form's choice field: "—", then the network's six countries, then the others,
    each group in the alphabetical order of the active language (``core.collation``; django-countries sorts
    by the names stripped to ASCII). Django validates and renders the groups (``<optgroup>``); each code is
    in one group only."""
    from django_countries import countries

    everyone = sort_by_name(((code, str(name)) for code, name in countries), name=lambda c: c[1])
    return [
        ("", "—"),
        (_("Countries of the network"), [c for c in everyone if c[0] in NETWORK_COUNTRIES]),
        (_("Other countries"), [c for c in everyone if c[0] not in NETWORK_COUNTRIES]),
    ]


_APOSTROPHES = str.maketrans({mark: "'" for mark in "’‘ʻʼ`´"})  # Uzbek writes oʻ, gʻ with any of them
#: Names people still type that CLDR no longer gives in any of the eight languages.
ALIASES = {"turkey": "TR"}


def _fold(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


@cache
def _codes_by_name() -> dict[str, str]:
    """Every country's CLDR name in the eight interface languages (and django-countries' English one),
    folded, to its code."""
    from django_countries.data import COUNTRIES

    from korkyt.core.languages import UI_LANGUAGES

    index: dict[str, str] = {}
    for code, english in COUNTRIES.items():
        index.setdefault(_fold(str(english)), code)
    for language in UI_LANGUAGES:
        for code, cldr in _territories(language).items():
            if code in COUNTRIES:
                index.setdefault(_fold(cldr), code)
    for (_language, code), preferred in PREFERRED.items():
        index.setdefault(_fold(preferred), code)
    for alias, code in ALIASES.items():
        index.setdefault(alias, code)
    return index


def country_code(text: str) -> str | None:
    """The code of a country typed by its two-letter code or by its name in any of the interface languages
    ("kg", "Kyrgyzstan", "Кыргызстан", "Qirg‘iziston" → "KG"); None when it names none."""
    from django_countries.data import COUNTRIES

    typed = text.strip()
    if len(typed) == 2 and typed.upper() in COUNTRIES:
        return typed.upper()
    return _codes_by_name().get(_fold(typed))
