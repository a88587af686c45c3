"""Korkyt language tags and how each engine spells them.

Korkyt uses BCP 47 tags: a language (``kk``) optionally with a script (``kk-Latn``). A tag whose script is
the language's default script is written without it (``kk-Cyrl`` → ``kk``, ``uz-Latn`` → ``uz``), so
``canonical_tag`` gives one spelling per language-and-script and pairs compare equal however they were
written. Engines use their own codes (NLLB ``kaz_Cyrl``, Apertium ``kaz``, LibreTranslate ``kk``); the
maps below translate between them for the eight network languages.
"""

from __future__ import annotations

import functools
import re

# The script each network language is written in when the tag names none.
DEFAULT_SCRIPT: dict[str, str] = {
    "kk": "Cyrl",
    "az": "Latn",
    "ky": "Cyrl",
    "tk": "Latn",
    "tr": "Latn",
    "uz": "Latn",
    "ru": "Cyrl",
    "en": "Latn",
}

LANGUAGE_NAMES: dict[str, str] = {
    "kk": "Kazakh",
    "az": "Azerbaijani",
    "ky": "Kyrgyz",
    "tk": "Turkmen",
    "tr": "Turkish",
    "uz": "Uzbek",
    "ru": "Russian",
    "en": "English",
}

SCRIPT_NAMES: dict[str, str] = {"Cyrl": "Cyrillic", "Latn": "Latin", "Arab": "Arabic"}

# NLLB-200 (FLORES-200) codes.
NLLB_CODES: dict[str, str] = {
    "kk": "kaz_Cyrl",
    "az": "azj_Latn",
    "ky": "kir_Cyrl",
    "tk": "tuk_Latn",
    "tr": "tur_Latn",
    "uz": "uzn_Latn",
    "ru": "rus_Cyrl",
    "en": "eng_Latn",
}

# Apertium ISO 639-3 codes; Apertium's Turkic pairs use each language's default script.
APERTIUM_CODES: dict[str, str] = {
    "kk": "kaz",
    "az": "aze",
    "ky": "kir",
    "tk": "tuk",
    "tr": "tur",
    "uz": "uzb",
    "ru": "rus",
    "en": "eng",
}

_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")


@functools.lru_cache(maxsize=1024)
def canonical_tag(tag: str) -> str:
    """The canonical spelling of a language tag: ``"KK_cyrl"`` → ``"kk"``, ``"kk-latn"`` → ``"kk-Latn"``.

    Raises ValueError for something that is not a language tag.
    """
    match = _TAG.match(tag.strip()) if isinstance(tag, str) else None
    if match is None:
        raise ValueError(f"{tag!r} is not a language tag (expected e.g. 'kk', 'kk-Latn', 'uz-Cyrl')")
    language = match.group(1).lower()
    script = match.group(2).title() if match.group(2) else None
    region = match.group(3)
    if script is not None and DEFAULT_SCRIPT.get(language) == script:
        script = None
    parts = [language]
    if script:
        parts.append(script)
    if region:
        parts.append(region.upper())
    return "-".join(parts)


def language_of(tag: str) -> str:
    """The language subtag of a tag: ``"kk-Latn"`` → ``"kk"``."""
    return canonical_tag(tag).split("-", 1)[0]


def describe(tag: str) -> str:
    """A plain English name for a tag, for prompts: ``"kk-Latn"`` → ``"Kazakh (Latin script)"``."""
    canonical = canonical_tag(tag)
    language = canonical.split("-", 1)[0]
    name = LANGUAGE_NAMES.get(language, language)
    script = _script_of(canonical)
    if script:
        return f"{name} ({SCRIPT_NAMES.get(script, script)} script)"
    return name


def _script_of(canonical: str) -> str | None:
    parts = canonical.split("-")
    if len(parts) > 1 and len(parts[1]) == 4:
        return parts[1]
    language = parts[0]
    return DEFAULT_SCRIPT.get(language)


def engine_code(tag: str, codes: dict[str, str]) -> str | None:
    """The engine's code for a tag, or None when the engine has no code for that language and script.

    The maps hold each language in its default script only: ``kk-Latn`` has no NLLB or Apertium code.
    """
    canonical = canonical_tag(tag)
    return codes.get(canonical)


def tag_for_code(code: str, codes: dict[str, str]) -> str | None:
    """The Korkyt tag for an engine code (the inverse of :func:`engine_code`), or None when unknown."""
    for tag, value in codes.items():
        if value == code:
            return tag
    return None
