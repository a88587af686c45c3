"""Names people read for the codes the platform keeps: language tags ("kk-Cyrl"), transliteration schemes
("bgn"), subtitle QA profiles ("kk", "netflix-adult") and decades (1990). Pages show these, never the bare
code; an unknown code is shown as it is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from korkyt.core.languages import (
    CONTENT_LANGUAGES,
    EXTRA_TAGS,
    LANGUAGE_NAMES,
    SCRIPT_IN_NAMES,
    content_language_label,
    language_of,
)

SCHEME_NAMES: dict[str, Promise] = {
    "bgn": _("BGN/PCGN romanisation"),
    "kk-2021": _("Kazakh Latin alphabet of 2021"),
    "uz-1995": _("Uzbek Latin alphabet of 1995"),
    "az-1991": _("Azerbaijani Latin alphabet of 1991"),
    "tk-1993": _("Turkmen Latin alphabet of 1993"),
    "turkic": _("Common Turkic Alphabet"),
    "turkish": _("Turkish spelling"),
}

GENERAL_PROFILES: dict[str, Promise] = {
    "netflix-adult": _("Streaming, general audience"),
    "netflix-children": _("Streaming, children's programmes"),
    "festival-dcp": _("Cinema projection (DCP)"),
}


def scheme_label(scheme: str) -> str:
    """ "bgn" → "BGN/PCGN romanisation" in the interface language."""
    return str(SCHEME_NAMES.get(scheme, scheme or ""))


def qa_profile_label(profile: str) -> str:
    """ "kk" → "Kazakh subtitle rules", "netflix-adult" → "Streaming, general audience"."""
    if profile in GENERAL_PROFILES:
        return str(GENERAL_PROFILES[profile])
    if profile in LANGUAGE_NAMES:
        return str(_("%(language)s subtitle rules") % {"language": LANGUAGE_NAMES[profile]})
    return str(profile or "")


def decade_label(decade: int | str) -> str:
    """1990 → "1990–1999": the years themselves, read alike in every language (an English "1990s" is not)."""
    try:
        start = int(decade)
    except (TypeError, ValueError):
        return str(decade or "")
    return f"{start}\u2013{start + 9}"


def language_label(tag: str) -> str:
    """A language tag's name in the interface language ("Kazakh (Cyrillic)"); an unknown tag as it is."""
    if tag in CONTENT_LANGUAGES:
        return str(content_language_label(tag))
    if tag in EXTRA_TAGS:
        language, script = EXTRA_TAGS[tag]
        return f"{LANGUAGE_NAMES[language]} ({SCRIPT_IN_NAMES[script]})"
    return str(tag or "")


#: Interface languages that write a language's name with a small letter inside a sentence ("или русский",
#: "немесе орыс тілі", "və ya rus dili"); English and Turkish write it with a capital ("or Russian", "veya
#: Rusça").
SMALL_LETTER_NAMES = frozenset({"ru", "kk", "az", "ky", "tk", "uz"})


def in_sentence(name: str) -> str:
    """A language's name as it is written inside a sentence of the interface language: "Орыс тілі" → "орыс
    тілі" in Kazakh, "İngilis dili" → "ingilis dili" in Azerbaijani; unchanged in English and Turkish."""
    language = language_of(get_language() or "en")
    if language not in SMALL_LETTER_NAMES or not name:
        return name
    first = name[0]
    if first == "\u0130":  # İ: the dotted capital's small letter is i, not i + a combining dot
        small = "i"
    elif first == "I" and language == "az":  # Azerbaijani's dotless pair: I → ı
        small = "\u0131"
    else:
        small = first.lower()
    return small + name[1:]


#: Interface languages whose small dotted i has a dotted capital ("i" → "İ"): Azerbaijani and Turkish.
DOTTED_CAPITAL_I = frozenset({"az", "tr"})


def sentence_start(text: str) -> str:
    """Text that opens a heading, a sentence or a label, its first letter a capital as the interface language
    writes it: a date from CLDR that starts with a small letter ("вторник, 8 сентября", "seshanba,
    8-sentabr", Azerbaijani "iyun 2027") → "Вторник, 8 сентября", "Seshanba, 8-sentabr", "İyun 2027".
    Text starting with a capital or a digit is unchanged. Dates inside a sentence are left as they are."""
    if not text:
        return text
    first = text[0]
    dotted = first == "i" and language_of(get_language() or "en") in DOTTED_CAPITAL_I
    big = "\u0130" if dotted else first.upper()
    return (big if len(big) == 1 else first) + text[1:]  # "ß" and the like: no one-letter capital


def languages_or(tags: Iterable[str], *, starts_sentence: bool = True) -> str:
    """Language tags as alternatives in the interface language: "English or Russian", "Ағылшын тілі немесе
    орыс тілі". The first name keeps its capital when it opens the sentence or the value; the others are
    written as they are inside a sentence (``in_sentence``)."""
    names = [language_label(tag) for tag in tags]
    return str(_(" or ")).join(
        name if index == 0 and starts_sentence else in_sentence(name) for index, name in enumerate(names)
    )


def money(amount: Any, currency: str = "") -> str:
    """An amount as the reader's language writes it, grouped, cents only when there are any, then the
    currency code: "400 000 USD", "1.500,50 TRY" (tr), "2,500 KZT" (en). Empty for None."""
    from decimal import Decimal, InvalidOperation

    from django.utils.formats import number_format

    if amount is None or amount == "":
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    places = 0 if value == value.to_integral_value() else 2
    text = number_format(value, places, force_grouping=True)
    return f"{text} {currency}" if currency else text
