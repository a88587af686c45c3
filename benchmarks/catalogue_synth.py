"""A realistic synthetic catalogue for benchmarks: titles in every script of the network, five variants
per film (original, national Latin or Cyrillic, BGN romanisation, English, Russian), people with names in
Cyrillic and Latin, directors credited. Deterministic for a given seed. Written with bulk inserts (the
services are for editors; this is a load generator), then the search index is rebuilt.

A module of the benchmarks, not of the application: ``benchmarks/search.py`` imports it, and it runs alone
against the configured database (DATABASE_URL, or SQLite under var/)::

    PYTHONPATH=src python benchmarks/catalogue_synth.py --films 100000
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

WORDS = {
    "kk-Cyrl": "дала жол ана бала ақсақ құлан алтын адам көш аспан күн ай тау өзен жүрек батыр қыз жігіт "
    "арман сағыныш ел жер әке шаңырақ құс бүркіт жылқы таң түн сөз ән күй домбыра қала ауыл",
    "uz-Latn": "non shahar bola ota ona yo'l osmon tun kun tog' daryo yurak qiz yigit orzu xotira "
    "bog' anor kuy qo'shiq mahalla tush rang uy eshik dala oy yulduz",
    "az-Latn": "ana oğul nar bağı qala sahə yol ulduz dəniz külək ürək qız oğlan arzu xatirə "
    "kənd şəhər dağ çay ev qapı gecə gündüz söz nəğmə",
    "tr": "kış uykusu yol eşkıya ağaç yaz susuz dağ deniz rüzgar yürek kız oğlan rüya hatıra "
    "köy şehir nehir ev kapı gece gündüz söz şarkı maymun",
    "ky-Cyrl": "тоо көл асман бала ата эне жол жүрөк кыз жигит кыял эскерүү айыл шаар "
    "дарыя үй эшик түн күн сөз ыр боз үй кентавр",
    "tk-Latn": "kitap ýol ene ogul gyz ýigit arzuw ýatlama oba şäher derýa öý gapy gije gündiz söz "
    "aýdym dag deňiz ýürek",
    "ru": "небо детства дорога мать сын дочь ветер сердце мечта память город степь река дом "
    "ночь день песня огонь снег",
}
ENGLISH = [
    "sky",
    "road",
    "mother",
    "son",
    "daughter",
    "wind",
    "heart",
    "dream",
    "memory",
    "city",
    "steppe",
    "river",
    "house",
    "night",
    "day",
    "song",
    "fire",
    "snow",
    "mountain",
    "orchard",
    "bread",
    "book",
    "horse",
    "eagle",
]
FIRST = {
    "Cyrl": [
        "Айдар",
        "Асель",
        "Бахыт",
        "Гульнара",
        "Ерлан",
        "Жанна",
        "Нурлан",
        "Сауле",
        "Тимур",
        "Алия",
        "Болат",
        "Айгерим",
        "Марат",
        "Данияр",
    ],
    "Latn": [
        "Elchin",
        "Leyla",
        "Murad",
        "Aysel",
        "Orhan",
        "Zeynep",
        "Umid",
        "Dilnoza",
        "Bekzod",
        "Gulnora",
        "Serdar",
        "Aýna",
        "Kemal",
        "Ilgar",
    ],
}
LAST = {
    "Cyrl": [
        "Сатаев",
        "Тұрсынов",
        "Абдыкалыков",
        "Оокеев",
        "Шамшиев",
        "Исмаилова",
        "Кенжеев",
        "Жунусов",
        "Нарлиев",
        "Мусаев",
    ],
    "Latn": [
        "Najaf",
        "Baydarov",
        "Musaoglu",
        "Ceylan",
        "Erksan",
        "Güney",
        "Alovov",
        "Batyrov",
        "Usmonov",
        "Khamdamov",
        "Hasanov",
    ],
}
COUNTRIES = {
    "kk-Cyrl": "KZ",
    "uz-Latn": "UZ",
    "az-Latn": "AZ",
    "tr": "TR",
    "ky-Cyrl": "KG",
    "tk-Latn": "TM",
    "ru": "KG",
}


# Letters of each orthography, for pseudo-words beside the real ones (a real catalogue's vocabulary is large).
ALPHABETS = {
    "kk-Cyrl": ("бгғджзйкқлмнңпрстшх", "аәеиоөұүыі"),
    "uz-Latn": ("bdfghjklmnpqrstvxyz", "aeiou"),
    "az-Latn": ("bcçdfgğhjklmnpqrsştvxyz", "aeəıioöuü"),
    "tr": ("bcçdfgğhjklmnprsştvyz", "aeıioöuü"),
    "ky-Cyrl": ("бгджзйклмнңпрстчш", "аеиоөуүы"),
    "tk-Latn": ("bçdfgjklmnňprsştwýz", "aäeiouöüy"),
    "ru": ("бвгджзклмнпрстфхцчш", "аеиоуыэюя"),
    "en": ("bcdfghklmnprstvwy", "aeiou"),
}
PSEUDO_WORDS = 3000


class Vocabulary:
    """Real words first, then pseudo-words, drawn with a Zipf distribution (frequent words are few)."""

    def __init__(self, tag: str, real: list[str], rng: random.Random) -> None:
        consonants, vowels = ALPHABETS[tag]
        words = list(dict.fromkeys(real))
        seen = set(words)
        while len(words) < len(real) + PSEUDO_WORDS:
            word = "".join(
                rng.choice(consonants) + rng.choice(vowels) + rng.choice(("", "", rng.choice(consonants)))
                for _ in range(rng.choice((1, 2, 2, 3, 3, 4)))
            )
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        total = 0.0
        self.cumulative: list[float] = []
        for rank in range(len(words)):
            total += 1.0 / (rank + 3) ** 0.9
            self.cumulative.append(total)

    def phrase(self, rng: random.Random) -> str:
        count = rng.choice((1, 2, 2, 3, 3, 4))
        text = " ".join(rng.choices(self.words, cum_weights=self.cumulative, k=count))
        return text[:1].upper() + text[1:]


@dataclass
class SynthReport:
    films: int = 0
    titles: int = 0
    people: int = 0
    entries: int = 0


def synth(
    *, films: int, people: int | None = None, seed: int = 15907, progress: Callable[[int], None] | None = None
) -> SynthReport:
    """Add ``films`` synthetic published films (and ``people``, default as many) to the catalogue."""
    # Django and the models are imported here: the module is imported before django.setup() runs
    from django.db import transaction

    from korkyt.catalogue.models import (
        Credit,
        CreditRole,
        Film,
        FilmCountry,
        FilmKind,
        FilmStatus,
        FilmTitle,
        Person,
        PersonName,
        TitleKind,
    )
    from korkyt.catalogue.signals import catalogue_reloaded
    from korkyt.catalogue.variants import generated_variants
    from korkyt.institutions.models import Institution

    rng = random.Random(seed)
    people = films if people is None else people
    owners = {i.country.code: i for i in Institution.objects.filter(kind__in=["national_agency", "studio"])}
    fallback = Institution.objects.order_by("pk").first()
    if fallback is None:
        raise ValueError("Load the institutions first (korkyt demo load).")
    vocab = {tag: Vocabulary(tag, text.split(), rng) for tag, text in WORDS.items()}
    english = Vocabulary("en", ENGLISH, rng)
    first_names = {s: Vocabulary(tag, FIRST[s], rng) for s, tag in (("Cyrl", "ru"), ("Latn", "en"))}
    last_names = {s: Vocabulary(tag, LAST[s], rng) for s, tag in (("Cyrl", "ru"), ("Latn", "en"))}
    report = SynthReport()
    batch = 2000
    person_ids: list[int] = []
    for start in range(0, people, batch):
        with transaction.atomic():
            size = min(batch, people - start)
            rows = Person.objects.bulk_create(Person() for _ in range(size))
            names: list[PersonName] = []
            for person in rows:
                script = rng.choice(("Cyrl", "Latn"))
                first = first_names[script].phrase(rng).split()[0]
                last = last_names[script].phrase(rng).split()[0]
                text = f"{first.title()} {last.title()}"
                tag = "kk-Cyrl" if script == "Cyrl" else "en"
                names.append(PersonName(person=person, text=text, language=tag, position=0))
                for variant in generated_variants(text, tag):
                    names.append(
                        PersonName(
                            person=person,
                            text=variant.text,
                            language=variant.language,
                            generated=True,
                            scheme=variant.scheme,
                            position=0,
                        )
                    )
            PersonName.objects.bulk_create(names, ignore_conflicts=True)
            person_ids += [p.pk for p in rows]
            report.people += size
    tags = list(WORDS)
    kinds = [FilmKind.FEATURE] * 6 + [FilmKind.DOCUMENTARY, FilmKind.ANIMATION, FilmKind.SHORT]
    for start in range(0, films, batch):
        with transaction.atomic():
            size = min(batch, films - start)
            specs = [(rng.choice(tags), rng.choice(kinds), rng.randint(1930, 2025)) for _ in range(size)]
            film_rows = Film.objects.bulk_create(
                Film(
                    kind=kind,
                    year=year,
                    status=FilmStatus.PUBLISHED,
                    owner=owners.get(COUNTRIES[tag], fallback),
                    original_languages=[tag],
                )
                for tag, kind, year in specs
            )
            titles: list[FilmTitle] = []
            countries: list[FilmCountry] = []
            credits: list[Credit] = []
            for film, (tag, _kind, _year) in zip(film_rows, specs, strict=True):
                original = vocab[tag].phrase(rng)
                variants = [(original, tag, TitleKind.ORIGINAL, "")]
                variants += [
                    (v.text, v.language, TitleKind.TRANSLITERATED, v.scheme)
                    for v in generated_variants(original, tag)[:2]
                ]
                variants.append((english.phrase(rng), "en", TitleKind.TRANSLATED, ""))
                russian = original if tag == "ru" else vocab["ru"].phrase(rng)
                if tag != "ru":
                    variants.append((russian, "ru", TitleKind.TRANSLATED, ""))
                variants += [
                    (v.text, v.language, TitleKind.TRANSLITERATED, v.scheme)
                    for v in generated_variants(russian, "ru")
                ]
                while len(variants) < 5:
                    variants.append((english.phrase(rng), "en", TitleKind.FESTIVAL, ""))
                titles += [
                    FilmTitle(
                        film=film,
                        text=text[:300],
                        language=lang,
                        kind=kind,
                        generated=bool(scheme),
                        scheme=scheme,
                    )
                    for text, lang, kind, scheme in variants[:5]
                ]
                countries.append(FilmCountry(film=film, country=COUNTRIES[tag], role="majority"))
                if person_ids:
                    credits.append(
                        Credit(
                            film=film,
                            person_id=rng.choice(person_ids),
                            role=CreditRole.DIRECTOR,
                            billing_order=1,
                        )
                    )
            FilmTitle.objects.bulk_create(titles, ignore_conflicts=True)
            FilmCountry.objects.bulk_create(countries)
            Credit.objects.bulk_create(credits)
            report.films += size
            report.titles += len(titles)
        if progress:
            progress(size)
    responses = catalogue_reloaded.send(sender=Film)
    for _receiver, response in responses:
        value: object = response
        if isinstance(value, int):
            report.entries += value
    return report


def main() -> None:
    import argparse
    import os
    import time

    import django

    parser = argparse.ArgumentParser(description="Add a synthetic catalogue and rebuild the search index.")
    parser.add_argument("--films", type=int, default=1000)
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--seed", type=int, default=15907)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "korkyt.config.settings")
    django.setup()
    started = time.perf_counter()
    report = synth(films=args.films, people=args.people, seed=args.seed)
    print(
        f"{report.films} films ({report.titles} titles), {report.people} people; "
        f"search index: {report.entries} entries; {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
