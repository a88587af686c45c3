"""Language tags of titles and names, and the transliterations the platform generates from them.

Generated forms (one source title → these rows, ``generated=True``):

| source            | generated                                                   |
|-------------------|-------------------------------------------------------------|
| kk-Cyrl           | kk-Latn (2021 alphabet), kk-Latn (BGN/PCGN)                 |
| kk-Latn           | kk-Cyrl (2021 alphabet back), kk-Latn (BGN/PCGN via Cyrillic) |
| uz-Cyrl / uz-Latn | the other script (1995 alphabet)                            |
| az-Cyrl           | az-Latn (1991 alphabet)                                     |
| tk-Cyrl           | tk-Latn (1993 alphabet)                                     |
| ky-Cyrl           | ky-Latn (BGN/PCGN)                                          |
| ru                | ru-Latn (BGN/PCGN)                                          |
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from korkyt.core.languages import CONTENT_LANGUAGES, DEFAULT_TAG, EXTRA_TAGS, language_of, normalize_tag
from korkyt.translit import detect_script, transliterate


def tag_script(tag: str) -> str:
    if tag in EXTRA_TAGS:
        return EXTRA_TAGS[tag][1]
    return CONTENT_LANGUAGES[tag].script


def normalize_text_tag(tag: str, text: str = "") -> str:
    """The registry's spelling of a title's or name's tag. A bare two-script language ("kk", "uz") takes
    the script the text is written in; "ru-Latn" is accepted for romanised Russian."""
    raw = (tag or "").strip().replace("_", "-")
    if raw.lower() == "ru-latn":
        return "ru-Latn"
    normalized = normalize_tag(raw)
    if "-" not in raw and text:
        lang = language_of(normalized)
        script = detect_script(text)
        candidate = f"{lang}-{script}"
        if candidate in CONTENT_LANGUAGES:
            return candidate
        if lang == "ru" and script == "Latn":
            return "ru-Latn"
    return normalized


def check_tag(tag: str, text: str = "") -> str:
    try:
        return normalize_text_tag(tag, text)
    except ValidationError:
        raise ValidationError(
            _("Unknown language “%(tag)s”. Use one of: %(choices)s."),
            code="invalid_language",
            params={"tag": tag, "choices": ", ".join([*CONTENT_LANGUAGES, *EXTRA_TAGS])},
        ) from None


@dataclass(frozen=True)
class Variant:
    language: str
    text: str
    scheme: str


def _t(text: str, lang: str, target: str, scheme: str | None = None) -> str:
    return transliterate(text, lang, target, scheme=scheme).strip()


def generated_variants(text: str, tag: str) -> list[Variant]:
    """The transliterations generated from ``text`` written in ``tag`` (none for other combinations)."""
    text = text.strip()
    if not text:
        return []
    lang = language_of(tag)
    script = detect_script(text)
    out: list[Variant] = []
    if lang == "kk":
        if script == "Cyrl":
            out += [Variant("kk-Latn", _t(text, "kk", "Latn"), "kk-2021")]
            out += [Variant("kk-Latn", _t(text, "kk", "Latn", "bgn"), "bgn")]
        elif script == "Latn":
            cyrillic = _t(text, "kk", "Cyrl")
            out += [Variant("kk-Cyrl", cyrillic, "kk-2021")]
            out += [Variant("kk-Latn", _t(cyrillic, "kk", "Latn", "bgn"), "bgn")]
    elif lang == "uz":
        if script == "Cyrl":
            out += [Variant("uz-Latn", _t(text, "uz", "Latn"), "uz-1995")]
        elif script == "Latn":
            out += [Variant("uz-Cyrl", _t(text, "uz", "Cyrl"), "uz-1995")]
    elif lang in ("az", "tk"):
        if script == "Cyrl":
            out += [
                Variant(DEFAULT_TAG[lang], _t(text, lang, "Latn"), "az-1991" if lang == "az" else "tk-1993")
            ]
    elif lang in ("ky", "ru") and script == "Cyrl":
        out += [Variant(f"{lang}-Latn", _t(text, lang, "Latn", "bgn"), "bgn")]
    seen: set[tuple[str, str]] = {(tag, text)}
    unique: list[Variant] = []
    for variant in out:
        key = (variant.language, variant.text)
        if variant.text and key not in seen:
            seen.add(key)
            unique.append(variant)
    return unique


def display_in_script(text: str, tag: str, script: str) -> tuple[str, str] | None:
    """``text`` (in ``tag``) converted to ``script`` for kk/uz display, as (text, tag); else None."""
    lang = language_of(tag)
    if lang not in ("kk", "uz") or tag_script(tag) == script:
        return None
    try:
        return _t(text, lang, script), f"{lang}-{script}"
    except ValueError:
        return None
