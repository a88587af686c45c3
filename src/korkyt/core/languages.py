"""Registry of content languages (BCP 47 tags with script) and of the UI languages.

Content in many languages lives in translation tables keyed by one of these tags. The registry is the
single list of what the platform accepts; anything else is refused with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from babel import Locale


@dataclass(frozen=True)
class ContentLanguage:
    tag: str
    language: str
    script: str
    name: str  # English name; UI shows the translated name from LANGUAGE_NAMES


CONTENT_LANGUAGES: dict[str, ContentLanguage] = {
    lang.tag: lang
    for lang in (
        ContentLanguage("kk-Cyrl", "kk", "Cyrl", "Kazakh (Cyrillic)"),
        ContentLanguage("kk-Latn", "kk", "Latn", "Kazakh (Latin)"),
        ContentLanguage("az-Latn", "az", "Latn", "Azerbaijani (Latin)"),
        ContentLanguage("az-Cyrl", "az", "Cyrl", "Azerbaijani (Cyrillic)"),
        ContentLanguage("ky-Cyrl", "ky", "Cyrl", "Kyrgyz (Cyrillic)"),
        ContentLanguage("ky-Latn", "ky", "Latn", "Kyrgyz (Latin, BGN)"),
        ContentLanguage("tk-Latn", "tk", "Latn", "Turkmen (Latin)"),
        ContentLanguage("tk-Cyrl", "tk", "Cyrl", "Turkmen (Cyrillic)"),
        ContentLanguage("tr", "tr", "Latn", "Turkish"),
        ContentLanguage("uz-Latn", "uz", "Latn", "Uzbek (Latin)"),
        ContentLanguage("uz-Cyrl", "uz", "Cyrl", "Uzbek (Cyrillic)"),
        ContentLanguage("ru", "ru", "Cyrl", "Russian"),
        ContentLanguage("en", "en", "Latn", "English"),
    )
}

# The official (default) script of each language: a bare tag such as "kk" means this one.
DEFAULT_TAG: dict[str, str] = {
    "kk": "kk-Cyrl",
    "az": "az-Latn",
    "ky": "ky-Cyrl",
    "tk": "tk-Latn",
    "tr": "tr",
    "uz": "uz-Latn",
    "ru": "ru",
    "en": "en",
}

LANGUAGE_NAMES = {
    "kk": _("Kazakh"),
    "az": _("Azerbaijani"),
    "ky": _("Kyrgyz"),
    "tk": _("Turkmen"),
    "tr": _("Turkish"),
    "uz": _("Uzbek"),
    "ru": _("Russian"),
    "en": _("English"),
}

SCRIPT_NAMES = {"Cyrl": _("Cyrillic"), "Latn": _("Latin")}
#: The script in brackets after a language's name ("Kazakh (Cyrillic)"): lower case where a language writes
#: it so inside a phrase ("казахский (кириллица)"), not where it is a heading of its own ("Кириллица").
SCRIPT_IN_NAMES = {
    "Cyrl": pgettext_lazy("script, in brackets after a language's name", "Cyrillic"),
    "Latn": pgettext_lazy("script, in brackets after a language's name", "Latin"),
}

UI_LANGUAGES = ("en", "ru", "kk", "az", "ky", "tk", "tr", "uz")

# Romanised Russian is not a content language of its own, but generated titles and imported romanisations
# are kept under this tag (BCP 47 allows it) so that they are searchable and shown with the right `lang`.
EXTRA_TAGS: dict[str, tuple[str, str]] = {"ru-Latn": ("ru", "Latn")}

#: The one length of every language-tag column (``korkyt.core.translations.LanguageTagField``).
TAG_MAX_LENGTH = 16


def request_language() -> str:
    """The interface language of the current request (``"en"`` outside one)."""
    return get_language() or "en"


@cache
def cldr_locale(language: str) -> Locale | None:
    """Babel's CLDR locale for a UI language or a tag ("kk", "uz-Latn"), or None when CLDR has none: country
    names (``core.countries``) and short days (``{{ day|short_day }}``) are read from it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def is_registered_tag(tag: str) -> bool:
    """Whether ``tag`` is spelled exactly as the registry spells a content language (or an extra tag)."""
    return tag in CONTENT_LANGUAGES or tag in EXTRA_TAGS


def normalize_tag(tag: str) -> str:
    """Return the registry's spelling of a language tag, or raise ValidationError naming the choices.

    Case-insensitive; "kk" becomes "kk-Cyrl", "uz-latn" becomes "uz-Latn", "tr-Latn" becomes "tr".
    """
    raw = (tag or "").strip().replace("_", "-")
    if not raw:
        raise ValidationError(_("A language is required."), code="required")
    parts = raw.split("-")
    lang = parts[0].lower()
    if len(parts) == 1:
        if lang in DEFAULT_TAG:
            return DEFAULT_TAG[lang]
    elif len(parts) == 2:
        script = parts[1].title()
        candidate = f"{lang}-{script}"
        if candidate in CONTENT_LANGUAGES:
            return candidate
        if lang in DEFAULT_TAG and DEFAULT_TAG[lang] == lang and CONTENT_LANGUAGES[lang].script == script:
            return lang
    raise ValidationError(
        _("Unknown language “%(tag)s”. Use one of: %(choices)s."),
        code="invalid_language",
        params={"tag": tag, "choices": ", ".join(CONTENT_LANGUAGES)},
    )


def language_of(tag: str) -> str:
    """The language subtag: "kk-Latn" → "kk"."""
    return tag.split("-")[0].lower()


def content_language_label(tag: str) -> str | Promise:
    """The tag named in the interface language: "Kazakh (Latin)", "Қазақ (латын)"…"""
    info = CONTENT_LANGUAGES[tag]
    name = LANGUAGE_NAMES[info.language]
    if "-" not in tag:
        return name
    return format_lazy("{} ({})", name, SCRIPT_IN_NAMES[info.script])


def content_language_choices() -> list[tuple[str, str | Promise]]:
    return [(tag, content_language_label(tag)) for tag in CONTENT_LANGUAGES]


def fallback_chain(requested: str, original: str | None = None) -> list[str]:
    """Tags to try, best first: the requested language (its scripts, official first), English, the original.

    >>> fallback_chain("kk", "tr")
    ['kk-Cyrl', 'kk-Latn', 'en', 'tr']
    """
    chain: list[str] = []
    lang = language_of(requested)
    try:
        exact = normalize_tag(requested)
    except ValidationError:
        exact = None
    if exact:
        chain.append(exact)
    for tag, info in CONTENT_LANGUAGES.items():
        if info.language == lang and tag not in chain:
            chain.append(tag)
    if "en" not in chain:
        chain.append("en")
    if original and original not in chain:
        chain.append(original)
    return chain


def name_lang(text: object) -> str:
    """A ``lang`` value for a person's name typed with no language (a guest, a ticket holder, an account):
    its script when one dominates (``und-Cyrl``, ``und-Latn``, ``und-Arab``), else ``und``, so that screen
    readers do not read it as the page's language."""
    from korkyt.translit import detect_script

    script = detect_script(str(text or ""))
    return f"und-{script}" if script in ("Cyrl", "Latn", "Arab") else "und"
