"""Languages the dubbing tools know: the script each engine reads, speaking rates, syllable counting.

Syllables are counted as vowel letters (Turkic languages and Russian write one vowel per syllable),
vowel groups for English, and two syllables per digit for numbers written in figures. Text in the other
script than the one the engine reads is converted first, so both spellings count alike. The speaking
rates are espeak-ng 1.51's own rates at its default speed (175 words per minute), measured on the
sample lines of :mod:`korkyt.dubbing.samples` and re-measured by ``benchmarks/dubbing.py``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from korkyt.dubbing.errors import DubbingError

_CYRILLIC_VOWELS = "аәеёиоөуұүыіэюяў"


@dataclass(frozen=True)
class Language:
    """What the dubbing tools need to know about one language."""

    code: str
    name: str
    #: ISO 639-2/B code written into MKV/MP4 language tags.
    iso639_2: str
    #: The script espeak-ng's voice for this language reads: "Cyrl" or "Latn".
    engine_script: str
    #: espeak-ng voice name.
    espeak_voice: str
    #: Syllables per second (espeak-ng at 175 wpm, see module docstring).
    syllables_per_second: float
    #: Seconds added per comma-like pause and per sentence end inside a line.
    comma_pause: float
    sentence_pause: float
    #: Vowel letters in both scripts, lower case.
    vowels: str


#: Seconds every line takes beyond its syllables (onset and release of the utterance).
LINE_OVERHEAD = 0.15

LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("kk", "Kazakh", "kaz", "Cyrl", "kk", 6.2, 0.2, 0.2, _CYRILLIC_VOWELS + "aäeıioöuūüy"),
        Language("ky", "Kyrgyz", "kir", "Cyrl", "ky", 5.6, 0.2, 0.2, _CYRILLIC_VOWELS + "aeıioöuüy"),
        Language("ru", "Russian", "rus", "Cyrl", "ru", 7.5, 0.2, 0.2, _CYRILLIC_VOWELS + "aeiouy"),
        Language("az", "Azerbaijani", "aze", "Latn", "az", 5.65, 0.2, 0.2, _CYRILLIC_VOWELS + "aeəıioöuü"),
        Language("tk", "Turkmen", "tuk", "Latn", "tk", 5.75, 0.2, 0.2, _CYRILLIC_VOWELS + "aäeioöuüy"),
        Language("tr", "Turkish", "tur", "Latn", "tr", 5.7, 0.2, 0.2, _CYRILLIC_VOWELS + "aeıioöuüâîû"),
        Language("uz", "Uzbek", "uzb", "Latn", "uz", 6.05, 0.2, 0.2, _CYRILLIC_VOWELS + "aeiou"),
        Language("en", "English", "eng", "Latn", "en", 6.0, 0.2, 0.2, "aeiouy"),
    )
}


def get_language(code: str) -> Language:
    """Return the :class:`Language` for a code such as ``kk``, ``kk-Cyrl`` or ``uz_Latn``.

    Raises :class:`DubbingError` naming the known codes when the language is unknown.
    """
    primary = (code or "").strip().replace("_", "-").split("-")[0].lower()
    try:
        return LANGUAGES[primary]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise DubbingError(
            f"unknown language {code!r}; known languages: {known}",
            code="language.unknown",
            params={"language": code, "known": known},
        ) from None


_ENGLISH_GROUPS = re.compile(r"[aeiouy]+")
_WORD = re.compile(r"[^\W_]+(?:['ʼʻ’][^\W_]+)*", re.UNICODE)
_DIGITS = re.compile(r"\d")


def count_syllables(text: str, lang: str | Language) -> int:
    """Estimate the number of spoken syllables in ``text`` for a language.

    The text is first converted to the script the speech engine reads for the language, so both
    spellings of a line count alike (Kazakh Latin ``i`` is the consonant й, ``ia`` the one vowel я).
    """
    language = lang if isinstance(lang, Language) else get_language(lang)
    text = to_engine_script(unicodedata.normalize("NFC", text), language, language.engine_script).lower()
    digits = len(_DIGITS.findall(text))
    total = 2 * digits
    if language.code == "en":
        for word in _WORD.findall(text):
            word = _DIGITS.sub("", word)
            if not word:
                continue
            groups = len(_ENGLISH_GROUPS.findall(word))
            if groups == 0:
                # An abbreviation or a word without vowels is spelled: about one syllable a letter (BBC).
                groups = sum(1 for ch in word if ch.isalpha())
            elif word.endswith("e") and not word.endswith(("le", "ee")) and groups > 1:
                groups -= 1
            total += max(groups, 1)
        return total
    vowels = language.vowels
    for word in _WORD.findall(text):
        n = sum(1 for ch in word if ch in vowels)
        if n == 0 and not word.isdigit():
            # An abbreviation or a word without vowels is spelled: about one syllable a letter.
            n = sum(1 for ch in word if ch.isalpha())
        total += n
    return total


def count_words(text: str) -> int:
    """Count words as runs of letters or digits (apostrophes inside a word keep it whole)."""
    return len(_WORD.findall(text))


def count_pauses(text: str) -> tuple[int, int]:
    """Return (comma-like pauses, sentence ends) inside ``text``, not counting its final punctuation."""
    body = text.strip().rstrip(".!?…»\"' ")
    commas = len(re.findall(r"[,;:—–]", body))
    ends = len(re.findall(r"[.!?…]+\s", body))
    return commas, ends


def text_script(text: str) -> str | None:
    """Return "Cyrl" or "Latn" for the script most letters of ``text`` are in, or None without letters."""
    cyr = lat = 0
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            cyr += 1
        elif name.startswith("LATIN"):
            lat += 1
    if cyr == lat == 0:
        return None
    return "Cyrl" if cyr >= lat else "Latn"


def to_engine_script(text: str, lang: Language, script: str) -> str:
    """Convert ``text`` to ``script`` ("Cyrl"/"Latn") with korkyt.translit when most of it is in the other.

    A line korkyt.translit has no converter for (Kyrgyz or Russian written in Latin letters, English)
    is kept as written.
    """
    current = text_script(text)
    if current is None or current == script:
        return text
    try:
        from korkyt.translit import transliterate
    except ImportError:
        raise DubbingError("korkyt.translit is needed to convert the script for the speech engine") from None
    try:
        return str(transliterate(text, lang.code, script))
    except ValueError:
        return text


def estimate_seconds(text: str, lang: str | Language) -> float:
    """Estimated spoken duration of ``text`` in seconds at a natural pace for the language."""
    language = lang if isinstance(lang, Language) else get_language(lang)
    syllables = count_syllables(text, language)
    if syllables == 0:
        return 0.0
    commas, ends = count_pauses(text)
    return (
        LINE_OVERHEAD
        + syllables / language.syllables_per_second
        + commas * language.comma_pause
        + ends * language.sentence_pause
    )
