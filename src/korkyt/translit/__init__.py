"""Turkic scripts: transliteration, casing, script detection, search keys and text checks.

>>> transliterate("қазақ тілі", "kk", "Latn")
'qazaq tılı'
>>> transliterate("Шаҳар", "uz", "Latn")
'Shahar'
>>> upper("istanbul", "tr")
'İSTANBUL'
"""

from __future__ import annotations

from korkyt.translit.casing import lower, title, upper
from korkyt.translit.lint import Finding, fix, lint, missing_letters
from korkyt.translit.schemes import LANGUAGES, Scheme, supported_schemes, transliterate
from korkyt.translit.script import detect_script
from korkyt.translit.search import found_in, query_keys, search_key, search_keys

__all__ = [
    "LANGUAGES",
    "Finding",
    "Scheme",
    "detect_script",
    "fix",
    "found_in",
    "lint",
    "lower",
    "missing_letters",
    "query_keys",
    "search_key",
    "search_keys",
    "supported_schemes",
    "title",
    "transliterate",
    "upper",
]
