"""Transliteration throughput and latency: korkyt.translit against PyICU, in one run.

For each language, ~1 MB of generated subtitle-like text (real stems with agglutinative suffixes, names,
numbers, punctuation, a few Latin words and <i> tags) is converted by our default scheme and by ICU's
nearest transform, with the ICU transliterator created once and cached:

    uz      uz-1995    vs ICU uz_Cyrl-uz_Latn
    kk      kk-2021    vs ICU Kazakh-Latin/BGN   (ICU has no 2021 alphabet: a different, BGN/PCGN, output)
    kk-bgn  bgn        vs ICU Kazakh-Latin/BGN   (the same scheme on both sides)
    ky      bgn        vs ICU Kirghiz-Latin/BGN
    az      az-1991    vs ICU Azerbaijani-Latin/BGN
    tk      tk-1993    vs ICU Turkmen-Latin/BGN

The main figure is per call, one call per subtitle line, as a subtitle pipeline converts text, with
nothing remembered between runs; a secondary figure converts the whole text in one call. Ours and ICU
alternate (the order reversed every other round) for ``--rounds`` rounds (5); medians are printed with
the min–max of the per-round ratio. Title latency is the median over rounds of the mean over 2,000
distinct 20-character titles, for ours both the first time (nothing remembered) and again (short texts
are remembered). Finally the Uzbek official examples are checked against both implementations.

Run: PYTHONPATH=src python benchmarks/translit_vs_icu.py [--size 1000000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
import unicodedata
from collections.abc import Callable

import icu

from korkyt.translit import transliterate
from korkyt.translit.schemes import converter

STEMS = {
    "kk": "қазақ тіл ел жер су тау ақ көк күн ай жыл ана әке бала кітап фильм кино өнер әнші ән жол"
    " қала ауыл үй мектеп дала халық тарих мәдениет ғылым жұлдыз шығыс батыс орталық әлем жас қыз"
    " жігіт дос бақыт өмір махаббат сөз хабар оқу жұмыс ойын көрермен режиссер сценарий актер",
    "uz": "ўзбек тил эл ер сув тоғ оқ кўк кун ой йил она ота бола китоб фильм кино санъат ашула йўл"
    " шаҳар қишлоқ уй мактаб дала халқ тарих маданият илм юлдуз шарқ ғарб марказ дунё ёш қиз"
    " йигит дўст бахт ҳаёт муҳаббат сўз хабар ўқиш иш ўйин томошабин режиссёр сценарий актёр цирк",
    "ky": "кыргыз тил эл жер суу тоо ак көк күн ай жыл эне ата бала китеп фильм кино өнөр ырчы ыр жол"
    " шаар айыл үй мектеп талаа эл тарых маданият илим жылдыз чыгыш батыш борбор дүйнө жаш кыз"
    " жигит дос бакыт өмүр сүйүү сөз кабар окуу жумуш оюн көрүүчү режиссёр сценарий актёр",
    "az": "азәрбајҹан дил ел јер су дағ ағ ҝөј ҝүн ај ил ана ата ушаг китаб филм кино сәнәт мәғни јол"
    " шәһәр кәнд ев мәктәб чөл халг тарих мәдәнијјәт елм улдуз шәрг гәрб мәркәз дүнја ҹаван гыз"
    " оғлан дост хошбәхтлик һәјат мәһәббәт сөз хәбәр охумаг иш ојун тамашачы режиссор ссенари актјор",
    "tk": "түркмен дил ил ер сув даг ак гөк гүн ай йыл эне ата чага китап фильм кино сунгат айдым ёл"
    " шәхер обa өй мекдеп дүз халк тарых медениет ылым йылдыз гүндогар гүнбатар мерkез дүнйә яш гыз"
    " йигит дост бagт дурмуш сөйги сөз хабар окув иш оюн томашачы режиссёр сценарий актёр",
}
SUFFIXES = {
    "kk": ["", "", "", "лар", "дың", "ға", "да", "мен", "ы", "ның", "дар", "ларды", "сы", "ымыз", "қа"],
    "uz": ["", "", "", "лар", "нинг", "га", "да", "ни", "и", "лари", "дан", "имиз", "ча", "ги"],
    "ky": ["", "", "", "лар", "дын", "га", "да", "менен", "ы", "нын", "дар", "ларды", "сы", "быз"],
    "az": ["", "", "", "лар", "ин", "а", "да", "лә", "и", "нын", "дән", "ләр", "ымыз", "ча"],
    "tk": ["", "", "", "лар", "ың", "а", "да", "билен", "ы", "ниң", "дан", "лер", "ымыз", "ча"],
}
NAMES = {
    "kk": "Алматы Астана Абай Мұхтар Әуезов Жамбыл Шәкен Айманов Қыз Жібек Ақтау Ілияс",
    "uz": "Тошкент Самарқанд Бухоро Навоий Ҳамза Исҳоқ Чўлпон Шуҳрат Аббосов Ўткир Ҳошимов",
    "ky": "Бишкек Ош Нарын Чыңгыз Айтматов Манас Токтогул Курманжан Ысык-Көл Жалал-Абад",
    "az": "Бакы Ҝәнҹә Шуша Низами Фүзули Үзејир Һаҹыбәјов Рәшид Бејбутов Ҹәфәр Ҹаббарлы",
    "tk": "Ашгабат Мары Дашогуз Махтумкули Гурбансолтан Ёлбарс Җемшит Ярмухаммет Түркменбашы",
}
LATIN_WORDS = ["Netflix", "YouTube", "OK", "DCP", "4K", "Dolby", "Cannes", "Berlinale", "HD"]

ICU_PEERS = {
    "uz": ("uz-1995", "uz_Cyrl-uz_Latn"),
    "kk": ("kk-2021", "Kazakh-Latin/BGN"),
    "kk-bgn": ("bgn", "Kazakh-Latin/BGN"),
    "ky": ("bgn", "Kirghiz-Latin/BGN"),
    "az": ("az-1991", "Azerbaijani-Latin/BGN"),
    "tk": ("tk-1993", "Turkmen-Latin/BGN"),
}

UZ_OFFICIAL = [
    ("ер", "yer"), ("поезд", "poyezd"), ("съезд", "sʼyezd"), ("Исҳоқ", "Isʼhoq"), ("цирк", "sirk"),
    ("абзац", "abzas"), ("лицей", "litsey"), ("акция", "aksiya"), ("ШАҲАР", "SHAHAR"), ("Шаҳар", "Shahar"),
    ("маъно", "maʼno"), ("ўзбек", "oʻzbek"), ("ғалаба", "gʻalaba"),
]  # fmt: skip


def _word(rng: random.Random, lang: str, stems: list[str], names: list[str]) -> str:
    r = rng.random()
    if r < 0.06:
        return rng.choice(names)
    if r < 0.07:
        return rng.choice(LATIN_WORDS)
    if r < 0.09:
        return str(rng.randint(1, 2025))
    w = rng.choice(stems) + rng.choice(SUFFIXES[lang]) + (rng.choice(SUFFIXES[lang]) if r > 0.8 else "")
    return w.upper() if r > 0.985 else w


def make_lines(lang: str, size: int, seed: int = 7) -> list[str]:
    """Subtitle-like lines totalling about ``size`` characters."""
    rng = random.Random(seed)
    stems, names = STEMS[lang].split(), NAMES[lang].split()
    lines: list[str] = []
    total = 0
    while total < size:
        words = [_word(rng, lang, stems, names) for _ in range(rng.randint(3, 9))]
        words[0] = words[0][:1].upper() + words[0][1:]
        line = " ".join(words) + rng.choice([".", ",", "?", "!", "...", " —", ":"])
        if rng.random() < 0.05:
            line = f"<i>{line}</i>"
        line = ("- " if rng.random() < 0.1 else "") + line + "\n"
        lines.append(line)
        total += len(line)
    return lines


def make_titles(lang: str, n: int, seed: int = 11) -> list[str]:
    """``n`` distinct titles of 20 characters."""
    rng = random.Random(seed)
    stems, names = STEMS[lang].split(), NAMES[lang].split()
    titles: set[str] = set()
    while len(titles) < n:
        words = [_word(rng, lang, stems, names) for _ in range(4)]
        t = " ".join(words)[:20]
        if len(t) == 20:
            titles.add(t[:1].upper() + t[1:])
    return sorted(titles)


def _once(fn: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_language(key: str, size: int, rounds: int) -> dict[str, list[float]]:
    """Seconds per round of each measurement, ours and ICU alternating (order reversed every round)."""
    lang = key.split("-")[0]
    scheme, icu_id = ICU_PEERS[key]
    lines = make_lines(lang, size)
    text = "".join(lines)
    titles = make_titles(lang, 2000)
    tr = icu.Transliterator.createInstance(icu_id)  # cached: created once
    conv = converter(lang, "Latn", scheme)
    ours: dict[str, tuple[Callable[[], object], Callable[[], object] | None]] = {
        "lines": (lambda: [transliterate(x, lang, "Latn", scheme=scheme) for x in lines], conv.clear_memo),
        "whole": (lambda: transliterate(text, lang, "Latn", scheme=scheme), None),
        "title_cold": (
            lambda: [transliterate(t, lang, "Latn", scheme=scheme) for t in titles],
            conv.clear_memo,
        ),
        "title_warm": (lambda: [transliterate(t, lang, "Latn", scheme=scheme) for t in titles], None),
    }
    theirs: dict[str, Callable[[], object]] = {
        "lines": lambda: [tr.transliterate(x) for x in lines],
        "whole": lambda: tr.transliterate(text),
        "title": lambda: [tr.transliterate(t) for t in titles],
    }
    res: dict[str, list[float]] = {}
    for r in range(rounds):
        order = ["ours", "icu"] if r % 2 == 0 else ["icu", "ours"]
        for side in order:
            if side == "ours":
                for name, (fn, before) in ours.items():
                    res.setdefault(f"ours_{name}", []).append(_once(fn, before))
            else:
                for name, fn in theirs.items():
                    res.setdefault(f"icu_{name}", []).append(_once(fn))
    res["chars"] = [float(len(text))]
    return res


def uzbek_examples() -> tuple[int, int, int]:
    tr = icu.Transliterator.createInstance("uz_Cyrl-uz_Latn")
    ours = sum(transliterate(c, "uz", "Latn") == lat for c, lat in UZ_OFFICIAL)
    theirs = sum(unicodedata.normalize("NFC", tr.transliterate(c)) == lat for c, lat in UZ_OFFICIAL)
    return ours, theirs, len(UZ_OFFICIAL)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of text per language")
    parser.add_argument("--langs", default="uz,kk,kk-bgn,ky,az,tk")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} CPU(s), {_cpu_model()}; Python {platform.python_version()};"
          f" ICU {icu.ICU_VERSION}, PyICU {icu.VERSION}")  # fmt: skip
    print(f"Text: ~{args.size:,} characters per language; {args.rounds} rounds, ours and ICU alternating.")
    print("Throughput in million characters per second (median of rounds); ratio = ours / ICU, median of")
    print("the per-round ratios with their min–max. Higher is faster.\n")
    results = {key: bench_language(key, args.size, args.rounds) for key in args.langs.split(",")}

    def rate(r: dict[str, list[float]], name: str) -> float:
        return r["chars"][0] / statistics.median(r[name]) / 1e6

    def ratio(r: dict[str, list[float]], what: str) -> str:
        per_round = sorted(i / o for o, i in zip(r[f"ours_{what}"], r[f"icu_{what}"], strict=True))
        return f"{statistics.median(per_round):.2f}× ({per_round[0]:.2f}–{per_round[-1]:.2f})"

    print("Per call, one call per subtitle line (what a subtitle pipeline sees):")
    print(f"{'lang':<7} {'ours scheme':<11} {'ICU transform':<22} {'ours':>7} {'ICU':>7}  ratio (min–max)")
    for key, r in results.items():
        print(
            f"{key:<7} {ICU_PEERS[key][0]:<11} {ICU_PEERS[key][1]:<22} {rate(r, 'ours_lines'):>7.2f}"
            f" {rate(r, 'icu_lines'):>7.2f}  {ratio(r, 'lines')}"
            + ("   ICU is BGN/PCGN, not the 2021 alphabet" if key == "kk" else "")
        )
    print("\nSecondary: the whole text in one call (ICU edits its buffer in place and slows down on long")
    print("texts whose output is longer than the input):")
    for key, r in results.items():
        print(
            f"{key:<7} {ICU_PEERS[key][0]:<11} {ICU_PEERS[key][1]:<22} {rate(r, 'ours_whole'):>7.2f}"
            f" {rate(r, 'icu_whole'):>7.2f}  {ratio(r, 'whole')}"
        )
    print("\nA distinct 20-character title, µs per title (median of rounds): ours first time / again / ICU")
    for key, r in results.items():
        per = [
            statistics.median(r[name]) / 2000 * 1e6
            for name in ("ours_title_cold", "ours_title_warm", "icu_title")
        ]
        print(f"{key:<7} {per[0]:>6.1f} / {per[1]:.1f} / {per[2]:.1f}")
    ours, theirs, total = uzbek_examples()
    print(f"\nUzbek official examples right: korkyt {ours}/{total}, ICU uz_Cyrl-uz_Latn {theirs}/{total}")


if __name__ == "__main__":
    main()
