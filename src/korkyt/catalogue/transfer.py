"""Films in and out: CSV import with a per-row error report, CSV and JSON export.

The CSV format is the demo dataset's (config/demo_data/films.csv): original_title, latin_title,
english_title, year, directors (| separated), countries (ISO 3166-1 alpha-2, | separated, the first is the
majority co-producer), kind, original_language, source_url. Each row is saved whole or not at all.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from korkyt.catalogue import selectors, services
from korkyt.catalogue.models import Credit, CreditRole, Film, FilmKind, FilmStatus, PersonName, TitleKind
from korkyt.catalogue.variants import normalize_text_tag
from korkyt.core.actors import Actor
from korkyt.core.errors import field_errors
from korkyt.core.languages import DEFAULT_TAG
from korkyt.core.spreadsheet import BadRecord, SafeDictWriter, read_records, unescape_cell
from korkyt.institutions.models import Institution, InstitutionKind
from korkyt.translit import search_key

COLUMNS = (
    "original_title",
    "latin_title",
    "english_title",
    "year",
    "directors",
    "countries",
    "kind",
    "original_language",
    "source_url",
)
REQUIRED = ("original_title", "year", "directors", "countries", "kind", "original_language")


@dataclass
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportReport:
    created: list[int] = field(default_factory=list)
    people_created: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    @property
    def failed_lines(self) -> list[int]:
        return sorted({e.line for e in self.errors})


def national_body(countries: Sequence[str]) -> Institution | None:
    """The owner of an imported film: the national film body of the first country that has one."""
    preference = [InstitutionKind.NATIONAL_AGENCY, InstitutionKind.STUDIO]
    for code in countries:
        found = {
            i.kind: i for i in Institution.objects.filter(country=code, kind__in=preference).order_by("code")
        }
        for kind in preference:
            if kind in found:
                return found[kind]
    return None


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _find_person(name: str) -> Any:
    key = search_key(name)
    for row in PersonName.objects.filter(generated=False, text__iexact=name).select_related("person"):
        return row.person
    # the same person written with another romanisation
    candidates = PersonName.objects.filter(generated=False, text__istartswith=name.split()[0][:3])
    for row in candidates.select_related("person"):
        if search_key(row.text) == key:
            return row.person
    return None


def _row_titles(row: dict[str, str], lang: str, errors: list[RowError], line: int) -> list[dict[str, str]]:
    original = row["original_title"].strip()
    titles = [{"text": original, "language": lang, "kind": TitleKind.ORIGINAL}]
    latin = (row.get("latin_title") or "").strip()
    if latin and latin != original:
        tag = "ru-Latn" if lang == "ru" else DEFAULT_TAG[lang] if lang in ("tr", "en") else f"{lang}-Latn"
        titles.append({"text": latin, "language": tag, "kind": TitleKind.TRANSLITERATED})
    english = (row.get("english_title") or "").strip()
    if english:
        titles.append({"text": english, "language": "en", "kind": TitleKind.TRANSLATED})
    return titles


def import_rows(
    rows: Iterable[dict[str, str]],
    *,
    actor: Actor,
    owner: Institution | None = None,
    status: str = FilmStatus.PUBLISHED,
    strict: bool = False,
    first_line: int = 2,
) -> ImportReport:
    """Import rows (dicts with the CSV columns), the first on line ``first_line``, one line each. A row
    with any error is reported and not saved; with ``strict``, nothing at all is saved when any row
    fails."""
    return _import_numbered(
        ((first_line + offset, row) for offset, row in enumerate(rows)),
        actor=actor,
        owner=owner,
        status=status,
        strict=strict,
    )


def _import_numbered(
    rows: Iterable[tuple[int, dict[str, str] | RowError]],
    *,
    actor: Any,
    owner: Institution | None = None,
    status: str = FilmStatus.PUBLISHED,
    strict: bool = False,
) -> ImportReport:
    report = ImportReport()
    with transaction.atomic():
        for line, row in rows:
            report.rows += 1
            if isinstance(row, RowError):  # the record could not be read
                report.errors.append(row)
                continue
            errors = _import_row(row, line, actor=actor, owner=owner, status=status, report=report)
            report.errors.extend(errors)
        if strict and report.errors:
            transaction.set_rollback(True)
            report.created = []
            report.people_created = 0
    return report


def _check_row(row: dict[str, str], line: int) -> tuple[list[RowError], dict[str, Any]]:
    errors: list[RowError] = []
    clean: dict[str, Any] = {}
    for name in REQUIRED:
        if not (row.get(name) or "").strip():
            errors.append(RowError(line, name, _("This field cannot be blank.")))
    year = (row.get("year") or "").strip()
    if year:
        if not (year.isascii() and year.isdigit()):
            errors.append(RowError(line, "year", _("Enter a year as a number.")))
        else:
            clean["year"] = int(year)
    kind = (row.get("kind") or "").strip()
    if kind and kind not in FilmKind.values:
        errors.append(
            RowError(
                line,
                "kind",
                _("Unknown kind “%(kind)s”; use one of: %(choices)s.")
                % {"kind": kind, "choices": ", ".join(FilmKind.values)},
            )
        )
    for code in _split(row.get("countries") or ""):
        if code.upper() not in dict(all_countries):
            errors.append(
                RowError(
                    line,
                    "countries",
                    _("Unknown country code “%(code)s”; use an ISO 3166-1 alpha-2 code such as KZ.")
                    % {"code": code},
                )
            )
    lang = (row.get("original_language") or "").strip().lower()
    if lang:
        if lang not in DEFAULT_TAG:
            errors.append(
                RowError(
                    line,
                    "original_language",
                    _("Unknown language code “%(code)s”; use one of: %(choices)s.")
                    % {"code": lang, "choices": ", ".join(DEFAULT_TAG)},
                )
            )
        else:
            try:
                clean["tag"] = normalize_text_tag(lang, row.get("original_title") or "")
            except ValidationError:
                clean["tag"] = DEFAULT_TAG[lang]
            clean["lang"] = lang
    return errors, clean


def _import_row(
    row: dict[str, str],
    line: int,
    *,
    actor: Actor,
    owner: Institution | None,
    status: str,
    report: ImportReport,
) -> list[RowError]:
    errors, clean = _check_row(row, line)
    if errors:
        return errors
    countries = [c.upper() for c in _split(row["countries"])]
    directors = _split(row["directors"])
    duplicate = services.duplicate_of(
        films=selectors.film_visible(actor),
        original_title=row["original_title"].strip(),
        year=clean["year"],
        directors=directors,
    )
    if duplicate is not None:
        return [
            RowError(
                line,
                "original_title",
                _(
                    "The film is already in the catalogue (film %(id)s): same original "
                    "title, year and director."
                )
                % {"id": duplicate.pk},
            )
        ]
    film_owner = owner or national_body(countries)
    if film_owner is None:
        return [
            RowError(line, "countries", _("No national film body of these countries is in the platform."))
        ]
    sources = [row["source_url"].strip()] if (row.get("source_url") or "").strip() else []
    titles = _row_titles(row, clean["lang"], errors, line)
    titles[0]["language"] = clean["tag"]
    try:
        with transaction.atomic():
            film = services.film_create(
                actor=actor,
                owner=film_owner,
                titles=titles,
                kind=row["kind"].strip(),
                year=clean["year"],
                countries=countries,
                original_languages=[clean["tag"]],
                source_urls=sources,
                status=status,
            )
            people = 0
            for order, name in enumerate(directors, start=1):
                person = _find_person(name)
                if person is None:
                    person = services.person_create(
                        actor=actor,
                        names=[{"text": name, "language": _name_language(name, clean["tag"])}],
                        owner=film_owner,
                    )
                    people += 1
                services.credit_create(
                    actor=actor, film=film, role=CreditRole.DIRECTOR, person=person, billing_order=order
                )
    except ValidationError as exc:
        return [RowError(line, e["field"], e["message"]) for e in field_errors(exc)]
    report.created.append(film.pk)
    report.people_created += people
    return []


def _name_language(name: str, film_tag: str) -> str:
    """The language a director's name is written in, as the row gives no language for it: the film's own
    when the name is in its script ("Zaur Qasımlı" of an Azerbaijani film is az-Latn, «Ермек Шынарбаев» of
    a Kazakh one kk-Cyrl); else a romanised spelling, English ("Sultan-Akhmet Khodzhikov" of a Kazakh
    film), or a Cyrillic one, Russian."""
    from korkyt.core.languages import CONTENT_LANGUAGES
    from korkyt.translit import detect_script

    script = detect_script(name)
    language = CONTENT_LANGUAGES.get(film_tag)
    if language is not None and language.script == script:
        return film_tag
    return "ru" if script == "Cyrl" else "en"


def _records(text: str) -> tuple[list[str], Iterable[tuple[int, dict[str, str] | RowError]]]:
    """The header and the numbered records of a CSV text (see core.spreadsheet.read_records): a record that
    cannot be read, or with a field over FIELD_MAX characters, is a RowError of the line it starts on."""
    header, records = read_records(text)

    def rows() -> Iterable[tuple[int, dict[str, str] | RowError]]:
        for start, values in records:
            if isinstance(values, BadRecord):
                yield start, RowError(start, values.field, values.message(_))
                continue
            yield start, {name: unescape_cell(v) for name, v in zip(header, values, strict=False)}

    return header, rows()


def import_csv(text: str, **options: Any) -> ImportReport:
    """Import a CSV text (the export format). Errors carry the line each record starts on."""
    header, rows = _records(text.lstrip("\ufeff"))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report = ImportReport()
        report.errors.append(
            RowError(1, "header", _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return report
    return _import_numbered(rows, **options)


# Export ------------------------------------------------------------------------------------------


def _latin_title(film: Film, lang: str) -> str:
    titles = [t for t in film.titles.all() if t.scheme != "bgn"]
    tag = "ru-Latn" if lang == "ru" else f"{lang}-Latn"
    for title in titles:
        if title.language == tag:
            return title.text
    original = selectors.film_original_title(film)
    return original.text if original else ""


def film_record(film: Film) -> dict[str, Any]:
    original = selectors.film_original_title(film)
    # the credits :func:`for_export` read with the films, else the film's own
    credits = getattr(film, "exported_credits", None)
    if credits is None:
        credits = selectors.film_credits(film)
    lang = film.original_languages[0].split("-")[0] if film.original_languages else ""
    english = next((t.text for t in film.titles.all() if t.language == "en" and not t.generated), "")
    directors = [
        selectors.person_name(c.person, "en").text
        for c in credits
        if c.role == CreditRole.DIRECTOR and c.person
    ]
    return {
        "id": film.pk,
        "original_title": original.text if original else "",
        "latin_title": _latin_title(film, lang),
        "english_title": english,
        "year": film.year,
        "directors": directors,
        "countries": [str(c.country) for c in film.countries.all()],
        "kind": film.kind,
        "original_language": lang,
        "source_urls": film.source_urls,
        "status": film.status,
        "owner": film.owner.code,
        "titles": [
            {
                "text": t.text,
                "language": t.language,
                "kind": t.kind,
                "generated": t.generated,
                "scheme": t.scheme,
            }
            for t in selectors.film_titles(film)
        ],
        "tracks": [{"kind": t.kind, "language": t.language, "status": t.status} for t in film.tracks.all()],
    }


#: Films read from the database at a time by :func:`write_films` (each chunk: its related rows in a few
#: queries, as many for any number of films in it).
CHUNK = 500


def for_export(films: QuerySet[Film]) -> QuerySet[Film]:
    """``films`` with everything :func:`film_record` reads (owner, titles, countries, tracks, the credits
    and their people's names), so that a film costs no query of its own."""
    credits = (
        Credit.objects.select_related("person")
        .prefetch_related("person__names")
        .order_by("position", "billing_order", "pk")
    )
    return films.select_related("owner").prefetch_related(
        "titles", "countries", "tracks", Prefetch("credits", queryset=credits, to_attr="exported_credits")
    )


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        **{k: record[k] for k in COLUMNS if k in record},
        "directors": "|".join(record["directors"]),
        "countries": "|".join(record["countries"]),
        "source_url": record["source_urls"][0] if record["source_urls"] else "",
        "year": record["year"] or "",
    }


def write_films(fmt: str, films: QuerySet[Film], out: IO[str]) -> int:
    """Write ``films`` to ``out`` as ``fmt`` (``csv`` or ``json``) as they are read, a chunk at a time; the
    text is what :func:`export_csv` and :func:`export_json` make at once. Returns the number of films."""
    records = (film_record(f) for f in for_export(films).iterator(chunk_size=CHUNK))
    count = 0
    if fmt == "csv":
        writer = SafeDictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(_csv_row(record))
            count += 1
        return count
    # json.dumps(list, indent=2) of the array, an element at a time: "[", each element indented one level
    # (a string never holds a raw line break), ",\n" between, "]"; "[]" when there is none.
    for record in records:
        element = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if count == 0 else ",\n  ") + element)
        count += 1
    out.write("\n]" if count else "[]")
    return count


def export_csv(films: Iterable[Film]) -> str:
    """The films as CSV text in the import format (at once: :func:`write_films` streams it)."""
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for film in films:
        writer.writerow(_csv_row(film_record(film)))
    return out.getvalue()


def export_json(films: Iterable[Film]) -> str:
    """The films as a JSON array (at once: :func:`write_films` streams it)."""
    return json.dumps([film_record(f) for f in films], ensure_ascii=False, indent=2)
