"""Transliteration throughput and latency: korkyt.translit against PyICU, in one run.

For each language, ~1 MB of generated subtitle-like text (real stems with agglutinative suffixes, names,
numbers, punctuation, a few Latin words and <i> tags) is converted by our default scheme and by ICU's
nearest transform, with the ICU transliterator created once and cached:

    uz  uz-1995    vs ICU uz_Cyrl-uz_Latn
    kk  kk-2021    vs ICU Kazakh-Latin/BGN
    ky  bgn        vs ICU Kirghiz-Latin/BGN
    az  az-1991    vs ICU Azerbaijani-Latin/BGN
    tk  tk-1993    vs ICU Turkmen-Latin/BGN

Throughput is measured on the whole text in one call and line by line (one call per subtitle line),
with nothing remembered between runs. Every figure is the best of 5 runs (titles: of 25). Title
latency is the mean over 2,000 distinct 20-character titles, for ours both the first time
(nothing remembered) and again (short texts are remembered). Finally the Uzbek official examples are
checked against both implementations.

Run: PYTHONPATH=src python benchmarks/translit_vs_icu.py [--size 1000000]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
import unicodedata
from collections.abc import Callable

import icu

from korkyt.translit import transliterate
from korkyt.translit.schemes import converter

REPEAT = 5  # each timing is the best of this many runs
TITLE_REPEAT = 25  # a pass over the titles takes milliseconds: more runs, less noise

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


def _time(
    fn: Callable[[], object], repeat: int = REPEAT, before: Callable[[], object] | None = None
) -> float:
    """The best of ``repeat`` timings of ``fn`` (``before`` runs untimed ahead of each), as timeit
    advises: the slower runs measure the other processes of a shared machine, not the code."""
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def bench_language(lang: str, size: int) -> dict[str, float]:
    scheme, icu_id = ICU_PEERS[lang]
    lines = make_lines(lang, size)
    text = "".join(lines)
    titles = make_titles(lang, 2000)
    tr = icu.Transliterator.createInstance(icu_id)  # cached: created once
    conv = converter(lang, "Latn", scheme)
    n = len(text)
    res: dict[str, float] = {"chars": n}

    res["ours_whole"] = n / _time(lambda: transliterate(text, lang, "Latn", scheme=scheme))
    res["ours_lines"] = n / _time(
        lambda: [transliterate(x, lang, "Latn", scheme=scheme) for x in lines], before=conv.clear_memo
    )
    res["icu_whole"] = n / _time(lambda: tr.transliterate(text))
    res["icu_lines"] = n / _time(lambda: [tr.transliterate(x) for x in lines])

    res["title_ours_cold"] = _time(
        lambda: [transliterate(t, lang, "Latn", scheme=scheme) for t in titles],
        repeat=TITLE_REPEAT,
        before=conv.clear_memo,
    )
    res["title_ours_warm"] = _time(
        lambda: [transliterate(t, lang, "Latn", scheme=scheme) for t in titles], repeat=TITLE_REPEAT
    )
    res["title_icu"] = _time(lambda: [tr.transliterate(t) for t in titles], repeat=TITLE_REPEAT)
    for k in ("title_ours_cold", "title_ours_warm", "title_icu"):
        res[k] = res[k] / len(titles) * 1e6
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
    parser.add_argument("--langs", default="uz,kk,ky,az,tk")
    args = parser.parse_args()
    print(f"Machine: {os.cpu_count()} CPU(s), {_cpu_model()}; Python {platform.python_version()};"
          f" ICU {icu.ICU_VERSION}, PyICU {icu.VERSION}")  # fmt: skip
    print(f"Text: ~{args.size:,} characters per language; throughput in million characters per second.\n")
    head = (
        f"{'lang':<4} {'ICU peer':<22} {'ours whole':>10} {'ICU whole':>9} {'ratio':>7}"
        f" {'ours/line':>9} {'ICU/line':>8} {'ratio':>6}   {'title µs: ours':>14} {'again':>5} {'ICU':>5}"
    )
    print(head)
    print("-" * len(head))
    for lang in args.langs.split(","):
        r = bench_language(lang, args.size)
        print(
            f"{lang:<4} {ICU_PEERS[lang][1]:<22} {r['ours_whole'] / 1e6:>10.2f} {r['icu_whole'] / 1e6:>9.2f}"
            f" {r['ours_whole'] / r['icu_whole']:>6.1f}× {r['ours_lines'] / 1e6:>9.2f}"
            f" {r['icu_lines'] / 1e6:>8.2f} {r['ours_lines'] / r['icu_lines']:>5.1f}×"
            f"   {r['title_ours_cold']:>14.1f} {r['title_ours_warm']:>5.1f} {r['title_icu']:>5.1f}",
            flush=True,
        )
    ours, theirs, total = uzbek_examples()
    print(f"\nUzbek official examples right: korkyt {ours}/{total}, ICU uz_Cyrl-uz_Latn {theirs}/{total}")
    print(
        "\nwhole = one call on the whole text; /line = one call per subtitle line; throughput in M chars/s;"
        " ratio = ours / ICU. title µs = mean per distinct 20-character title: ours the first time,"
        " ours again (remembered), ICU."
    )


if __name__ == "__main__":
    main()
