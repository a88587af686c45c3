"""Script- and language-neutral search keys.

``search_key`` folds a name written in any Turkic Cyrillic or Latin orthography (national alphabets,
BGN/PCGN, Turkish spelling, ASCII approximations) to one lower-case ASCII key, so that
"Қыз Жібек", "Qyz Jıbek", "Kyz-Zhibek", "Кыз Жибек" and "Kız Jibek" all become ``kiz jibek``.
The folding steps are listed in docs/transliteration.md.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from korkyt.translit._chars import APOSTROPHES

# 1. Cyrillic letters to Latin (lower-case input); apostrophes and BGN marks are dropped.
_CYR = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "ҕ": "g", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "җ": "j", "з": "z", "и": "i", "й": "i", "ј": "i", "і": "i", "ї": "i", "к": "k", "қ": "k",
    "ҝ": "g", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ў": "o", "ф": "f", "х": "h", "һ": "h", "ҳ": "h", "ц": "ts",
    "ч": "ç", "ҹ": "c", "ш": "ş", "щ": "ş", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "є": "e", "ґ": "g",
}  # fmt: skip
_STAGE1 = str.maketrans(_CYR | {a: "" for a in APOSTROPHES + "\u02ba\u00b7"})
# 2. Latin digraphs of the romanisations (and of the Cyrillic just converted) to single letters.
_DIGRAPHS = (
    ("shch", "ş"), ("sh", "ş"), ("ch", "ç"), ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"),
    ("gh", "g"), ("ng", "n"),
)  # fmt: skip
_DIGRAPH_RE = re.compile("|".join(d for d, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
# 3. Latin letters to plain ASCII in one simultaneous pass: c is the Turkic /dʒ/ (Turkish, Azerbaijani
#    c = ҹ = j) while ç (from ç, ч, ch) becomes c.
_LAT = {
    "ä": "a", "ə": "a", "â": "a", "c": "j", "ç": "c", "ğ": "g", "ı": "i", "î": "i", "ñ": "n", "ň": "n",
    "ö": "o", "ş": "s", "ū": "u", "ü": "u", "û": "u", "ý": "i", "y": "i", "ž": "j", "q": "k", "x": "h",
    "w": "v", "ĭ": "i", "ī": "i", "ė": "e", "ë": "io",
}  # fmt: skip
_STAGE3 = str.maketrans(_LAT)
_STAGE3_C = str.maketrans(_LAT | {"c": "c"})  # the other reading of a query's c: ç without its cedilla
# Letters left with other diacritics are stripped to their base letter, then folded once more (c is
# final by then: it already came from ç/ч/ch).
_STAGE4 = str.maketrans({k: v for k, v in _LAT.items() if k not in "cç"})
_NON_WORD = re.compile(r"[\W_]+")
_RUNS = re.compile(r"(.)\1+")
# The acute accent used as an apostrophe (´) is one before NFKC, which would make it a space and a mark.
ACUTE = "\u00b4"


def _normal(text: str) -> str:
    """One form for one text: invisible format characters (Unicode category Cf: zero-width space and
    joiners, soft hyphen, word joiner, BOM) removed, so they split no word; composed letters («Лёд» typed as
    е + U+0308 is «Лёд»), compatibility forms as the plain ones (fullwidth Ｋｅｌｉｎ is Kelin, the
    ligature ﬁ is fi): NFKC."""
    if not text.isprintable():  # format characters are not printable: most texts skip the scan
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    if ACUTE in text:
        text = text.replace(ACUTE, "'")
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Russian writes е for ё more often than not («Лед» for «Лёд»); ë is ё in BGN/PCGN romanisation.
_YO_AS_E = str.maketrans({"ё": "е", "ë": "e"})
_YO = "ёЁëË\u0308"  # and the diaeresis of a decomposed ё


# Azerbaijani is typed on keyboards without ə as often as with it, and then ə is written e («Demo ses» for
# «Demo səs»): the key folds ə to a (as Kazakh ә, read a without its mark), a text with ə gets the e key too.
_SCHWA_AS_E = str.maketrans({"ə": "e"})
_SCHWA_AS_E_AZ = str.maketrans({"ə": "e", "ә": "e"})  # Azerbaijani Cyrillic writes the same letter ә
_SCHWA = "əƏ"
_SCHWA_AZ = "əƏәӘ"


@lru_cache(maxsize=65536)
def _short_key(
    text: str, az: bool, yo_as_e: bool = False, c_as_c: bool = False, schwa_as_e: bool = False
) -> str:
    return _key(text, az, yo_as_e, c_as_c, schwa_as_e)


def _key(text: str, az: bool, yo_as_e: bool = False, c_as_c: bool = False, schwa_as_e: bool = False) -> str:
    if not text.isascii():  # ASCII is its own normal form
        text = _normal(text)
    low = text.lower()
    if az:
        low = low.replace("г", "q")
    if yo_as_e:
        low = low.translate(_YO_AS_E)
    if schwa_as_e:
        low = low.translate(_SCHWA_AS_E_AZ if az else _SCHWA_AS_E)
    # Apostrophes and Cyrillic first: afterwards the text is Latin, so Latin digraphs written by
    # romanisations (sh, zh, kh ...) and those produced from Cyrillic fold the same way.
    low = low.translate(_STAGE1)
    low = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group()], low)
    low = low.translate(_STAGE3_C if c_as_c else _STAGE3)
    if not low.isascii():
        low = _strip_marks(low).translate(_STAGE4)
    low = _NON_WORD.sub(" ", low)
    low = _RUNS.sub(r"\1", low)
    return " ".join(low.split())


def search_key(text: str, lang: str | None = None) -> str:
    """A folded key for searching ``text`` across scripts and spellings.

    Puts the text in NFKC, lower-cases, maps Cyrillic to Latin, folds romanisation digraphs (sh zh kh gh
    ng ch dj) and diacritics to plain letters, merges i/ı/y/й/ы/і into ``i``, q/қ/к into ``k``, c/ҹ/j
    into ``j`` and ç/ч/ch into ``c``, drops apostrophes, turns punctuation into spaces and collapses
    repeated letters. ``lang`` only matters for
    Azerbaijani Cyrillic, where г is read as q. The result is deterministic and ASCII where the input
    letters are Latin, Cyrillic or Turkic; other scripts are kept lower-cased.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    az = bool(lang) and str(lang).lower().startswith("az")
    # names and titles are remembered; long texts are not, so memory stays bounded
    return _short_key(text, az) if len(text) <= 256 else _key(text, az)


def search_keys(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The keys ``text`` is found under: its ``search_key`` and, when it has ё (or ë), the key with ё read
    as е too, so that «Лед» finds «Лёд» while «Ёшлик» keeps the key of its Latin spelling «Yoshlik»
    (``ioslik``); when it has the Azerbaijani ə (or, in Azerbaijani, the Cyrillic ә), the key with ə read as
    e too, so that "Demo ses" finds "Demo səs". No key for a text without letters or digits."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    az = bool(lang) and str(lang).lower().startswith("az")
    short = len(text) <= 256
    key = _short_key(text, az) if short else _key(text, az)
    if not key:
        return ()
    keys = [key]
    if any(c in text for c in _YO):
        keys.append(_short_key(text, az, True) if short else _key(text, az, True))
    if any(c in text for c in (_SCHWA_AZ if az else _SCHWA)):
        keys.append(_short_key(text, az, False, False, True) if short else _key(text, az, False, False, True))
    return tuple(dict.fromkeys(keys))


def query_keys(text: str) -> tuple[str, ...]:
    """The readings of a query: its ``search_key`` and, when it has a Latin c, the key with that c read as
    ç (``c``) too. The key reads c as Turkish and Azerbaijani do (c = ҹ = j: «Cavad» is ``javad``), but a
    c typed in a query may as well be a ç without its cedilla («Colcu» for «Çölçü», ``colcu``)."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    short = len(text) <= 256
    key = _short_key(text, False) if short else _key(text, False)
    if "j" not in key or not any(c in text for c in "cCｃＣ"):  # every c became j: no j, no c
        return (key,) if key else ()
    other = _short_key(text, False, False, True) if short else _key(text, False, False, True)
    return (key,) if other == key else (key, other)


def found_in(qkeys: tuple[str, ...], text: str, lang: str | None = None) -> bool:
    """Whether ``text`` contains a query once both are folded: one of the query's readings (``qkeys``, from
    ``query_keys``) is part of one of the keys of ``text`` (``search_keys``). «Туркменфильм», "KÜLTÜR" and
    "Kultur" are found in "Türkmenfilm birleşigi" and "Türk Kültürü Teşkilatı" alike. The one way the lists
    that cannot use the search index (institutions) match a name as the search does."""
    return any(qkey in key for key in search_keys(text, lang) for qkey in qkeys)
