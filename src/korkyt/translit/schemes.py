"""Registry of the supported (language, target script, scheme) combinations and ``transliterate``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from korkyt.translit import tables as t
from korkyt.translit._chars import nfc
from korkyt.translit.engine import Converter

LANGUAGES = ("kk", "uz", "az", "tk", "ky", "tr", "ru")
SCRIPTS = ("Latn", "Cyrl")


@dataclass(frozen=True)
class Scheme:
    """One supported conversion: ``lang`` text from ``source`` script into ``target`` script."""

    lang: str
    source: str
    target: str
    name: str
    default: bool
    description: str


def _c(**kw: object) -> Callable[[], Converter]:
    return lambda: Converter(**kw)  # type: ignore[arg-type]


_SCHEMES: dict[tuple[str, str, str], tuple[Scheme, Callable[[], Converter]]] = {}


def _add(
    lang: str, target: str, name: str, default: bool, description: str, build: Callable[[], Converter]
) -> None:
    source = "Cyrl" if target == "Latn" else "Latn"
    _SCHEMES[(lang, target, name)] = (Scheme(lang, source, target, name, default, description), build)


_add("kk", "Latn", "kk-2021", True, "Kazakh 2021 Latin alphabet", _c(letters=t.KK_2021, target_turkic=True))
_add(
    "kk",
    "Cyrl",
    "kk-2021",
    True,
    "Kazakh 2021 Latin alphabet back to Cyrillic",
    _c(
        letters=t.KK_2021_REVERSE,
        seqs=t.KK_2021_REVERSE_SEQS,
        rules=t.KK_2021_REVERSE_RULES,
        source_turkic=True,
        ascii_passthrough=False,
    ),
)
_add(
    "kk",
    "Latn",
    "bgn",
    False,
    "BGN/PCGN romanisation (as ICU Kazakh-Latin/BGN)",
    _c(letters=t.KK_BGN, seqs=t.KK_BGN_SEQS, caps="icu"),
)
_add(
    "uz",
    "Latn",
    "uz-1995",
    True,
    "Uzbek 1995 Latin alphabet (Cabinet resolution No. 339)",
    _c(letters=t.UZ_1995, rules=t.UZ_1995_RULES),
)
_add(
    "uz",
    "Cyrl",
    "uz-1995",
    True,
    "Uzbek 1995 Latin alphabet back to Cyrillic",
    _c(
        letters=t.UZ_1995_REVERSE,
        seqs=t.UZ_1995_REVERSE_SEQS,
        rules=t.UZ_1995_REVERSE_RULES,
        raw=t.UZ_1995_REVERSE_RAW,
        hold=t.UZ_1995_REVERSE_HOLD,
        ascii_passthrough=False,
    ),
)
_add(
    "uz",
    "Latn",
    "bgn",
    False,
    "BGN/PCGN romanisation (as ICU Uzbek-Latin/BGN)",
    _c(letters=t.UZ_BGN, seqs=t.UZ_BGN_SEQS, rules=t.UZ_BGN_RULES, caps="icu"),
)
_add(
    "az",
    "Latn",
    "az-1991",
    True,
    "Azerbaijani 1991 Latin alphabet",
    _c(letters=t.AZ_1991, target_turkic=True),
)
_add(
    "az",
    "Cyrl",
    "az-1991",
    True,
    "Azerbaijani Latin alphabet back to the 1958 Cyrillic alphabet",
    _c(letters=t.AZ_1991_REVERSE, source_turkic=True, ascii_passthrough=False),
)
_add(
    "az",
    "Latn",
    "bgn",
    False,
    "BGN/PCGN romanisation (as ICU Azerbaijani-Latin/BGN)",
    _c(letters=t.AZ_BGN, target_turkic=True, caps="icu"),
)
_add(
    "tk",
    "Latn",
    "tk-1993",
    True,
    "Turkmen national Latin alphabet",
    _c(letters=t.TK_1993, rules=t.TK_1993_RULES),
)
_add(
    "tk",
    "Cyrl",
    "tk-1993",
    True,
    "Turkmen national Latin alphabet back to Cyrillic",
    _c(
        letters=t.TK_1993_REVERSE,
        seqs=t.TK_1993_REVERSE_SEQS,
        rules=t.TK_1993_REVERSE_RULES,
        ascii_passthrough=False,
    ),
)
_add(
    "tk",
    "Latn",
    "bgn",
    False,
    "BGN/PCGN romanisation (ICU Turkmen-Latin/BGN, with и й җ converted)",
    _c(letters=t.TK_BGN, seqs=t.TK_BGN_SEQS, rules=t.TK_BGN_RULES, caps="icu"),
)
_add(
    "ky",
    "Latn",
    "bgn",
    True,
    "BGN/PCGN romanisation (as ICU Kirghiz-Latin/BGN)",
    _c(letters=t.KY_BGN, seqs=t.KY_BGN_SEQS, caps="icu"),
)
_add(
    "ky",
    "Latn",
    "turkic",
    False,
    "Common Turkic Alphabet style (ң → ñ, ш → ş, ч → ç)",
    _c(letters=t.KY_CTA, target_turkic=True),
)
_add(
    "ru",
    "Latn",
    "bgn",
    True,
    "BGN/PCGN romanisation (as ICU Russian-Latin/BGN)",
    _c(letters=t.RU_BGN, seqs=t.RU_BGN_SEQS, rules=t.RU_BGN_RULES, caps="icu"),
)
_add(
    "tr",
    "Latn",
    "turkish",
    True,
    "Turkic Cyrillic text in Turkish spelling (Қыз Жібек → Kız Jibek)",
    _c(letters=t.TR_TURKIC, target_turkic=True),
)


def supported_schemes() -> list[Scheme]:
    """Every supported (lang, source, target, scheme) combination, defaults first per pair."""
    return sorted((s for s, _ in _SCHEMES.values()), key=lambda s: (s.lang, s.target, not s.default, s.name))


def _supported_text() -> str:
    return "; ".join(
        f"{s.lang} → {s.target}: {s.name}{' (default)' if s.default else ''}" for s in supported_schemes()
    )


@cache
def _lookup(lang: str, target: str, scheme: str | None) -> Converter:
    if scheme is None:
        for (lg, tg, _), (info, build) in _SCHEMES.items():
            if lg == lang and tg == target and info.default:
                return build()
    else:
        found = _SCHEMES.get((lang, target, scheme))
        if found is not None:
            return found[1]()
    wanted = f"lang={lang!r}, target={target!r}" + (f", scheme={scheme!r}" if scheme else "")
    raise ValueError(f"unsupported transliteration ({wanted}); supported: {_supported_text()}")


def _normalise_target(target: str) -> str:
    low = target.strip().lower()
    if low in ("latn", "latin"):
        return "Latn"
    if low in ("cyrl", "cyrillic"):
        return "Cyrl"
    return target


def _normalise_lang(lang: str) -> str:
    return lang.strip().replace("_", "-").split("-", 1)[0].lower()


def converter(lang: str, target: str, scheme: str | None = None) -> Converter:
    """The compiled converter for ``(lang, target, scheme)``; raises ``ValueError`` if unsupported."""
    if not isinstance(lang, str) or not isinstance(target, str):
        raise ValueError("lang and target must be strings such as 'kk' and 'Latn'")
    if scheme is not None and not isinstance(scheme, str):
        raise ValueError("scheme must be a string such as 'bgn', or None for the default")
    return _lookup(_normalise_lang(lang), _normalise_target(target), scheme)


_FAST: dict[tuple[str, str, str | None], Converter] = {}


def transliterate(text: str, lang: str, target: str, *, scheme: str | None = None) -> str:
    """Convert ``text`` written in ``lang`` into the ``target`` script ("Latn" or "Cyrl").

    The default scheme per language and direction is the national alphabet (kk-2021, uz-1995, az-1991,
    tk-1993) or BGN/PCGN where none exists (ky, ru); ``scheme`` picks another (``"bgn"`` ...). Input is
    NFC-normalised and output is NFC. Letters of the other script, digits, punctuation, markup
    (``<i>``, ``{\\i1}``), URLs and e-mail addresses pass through unchanged. Raises ``ValueError``
    naming the supported combinations when ``(lang, target, scheme)`` is not one of them.
    """
    conv = _FAST.get((lang, target, scheme))
    if conv is None:
        conv = converter(lang, target, scheme)
        _FAST[(lang, target, scheme)] = conv
    if not isinstance(text, str):
        raise ValueError(f"text must be a str, not {type(text).__name__}")
    return conv.convert(text)


__all__ = ["LANGUAGES", "Scheme", "converter", "nfc", "supported_schemes", "transliterate"]
