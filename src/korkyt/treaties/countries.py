"""ISO 3166-1 alpha-2 country codes with English names and, for the network's neighbours, adjectives."""

from __future__ import annotations

from functools import cache
from importlib import resources

#: "the Kyrgyz share": adjectives for the countries advice most often names.
_ADJECTIVES = {
    "KZ": "Kazakh",
    "KG": "Kyrgyz",
    "AZ": "Azerbaijani",
    "TR": "Turkish",
    "TM": "Turkmen",
    "UZ": "Uzbek",
    "RU": "Russian",
    "IT": "Italian",
    "NL": "Dutch",
    "RO": "Romanian",
    "UA": "Ukrainian",
    "FR": "French",
    "DE": "German",
}

#: Shorter everyday names where the ISO short name is long.
_SHORT = {
    "NL": "Netherlands",
    "GB": "United Kingdom",
    "US": "United States",
    "RU": "Russia",
    "IR": "Iran",
    "KR": "South Korea",
    "KP": "North Korea",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "SY": "Syria",
    "LA": "Laos",
    "FM": "Micronesia",
}


@cache
def countries() -> dict[str, str]:
    """Every ISO 3166-1 alpha-2 code with its English name."""
    text = resources.files("korkyt.treaties").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            table[code] = _SHORT.get(code, name)
    return table


def is_country(code: str) -> bool:
    return code in countries()


def country_name(code: str) -> str:
    return countries().get(code, code)


def adjective(code: str) -> str:
    """'Kyrgyz' for KG; the country's name for codes without a listed adjective."""
    return _ADJECTIVES.get(code, country_name(code))


def names(codes: list[str] | tuple[str, ...]) -> str:
    """'Kazakhstan', 'Kazakhstan and Türkiye', 'Kazakhstan, Kyrgyzstan and Türkiye'."""
    items = [country_name(c) for c in codes]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
