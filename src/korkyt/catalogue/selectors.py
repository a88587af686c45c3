"""Every read on the catalogue, scoped to the asking user, and the choice of the title to show.

A draft film is seen by the members of its owning institution and by platform administrators; a published
film by everyone. Titles are shown in the viewer's language along the fallback chain, and for Kazakh and
Uzbek in the viewer's preferred script, transliterating when only the other script exists.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Length
from django.utils.translation import gettext as _

from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import (
    Company,
    CompanyName,
    Credit,
    Film,
    FilmCountry,
    FilmStatus,
    FilmTitle,
    Person,
    PersonName,
    TitleKind,
    Track,
    TrackStatus,
    Version,
)
from korkyt.catalogue.variants import display_in_script
from korkyt.core.actors import Actor
from korkyt.core.labels import language_label
from korkyt.core.languages import language_of
from korkyt.core.translations import Text, translated
from korkyt.translit import found_in, query_keys

SCRIPT_LANGUAGES = ("kk", "uz")


def _is_admin(user: Actor) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


# Films -------------------------------------------------------------------------------------------


def film_visibility(user: Actor, prefix: str = "") -> Q:
    """Who may see a film, the one definition: a published film everybody; a draft the members of its owning
    institution; every film the platform administrators. ``prefix`` (such as "film__") filters a film's
    children by it. The ``view_film`` and ``view_track`` rules are derived from it."""
    if _is_admin(user):
        return Q()
    q = Q(**{f"{prefix}status": FilmStatus.PUBLISHED})
    ids = institution_ids(user)
    if ids:
        q |= Q(**{f"{prefix}owner_id__in": ids})
    return q


def sees_published_films_only(user: Actor) -> bool:
    """True when ``film_visibility(user)`` is the published films and nothing more (the public, and people
    of no institution)."""
    return not _is_admin(user) and not institution_ids(user)


def film_visible(user: Actor) -> QuerySet[Film]:
    return Film.objects.filter(film_visibility(user))


def _film_base() -> QuerySet[Film]:
    return Film.objects.select_related("owner", "memorandum", "area").prefetch_related(
        "titles", "countries", "synopses", "tracks", "versions__tracks", "owner__translations", "images__alts"
    )


def film_filter(
    qs: QuerySet[Film],
    *,
    kind: str | None = None,
    country: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    language: str | None = None,
    status: str | None = None,
    owner: str | None = None,
    prefix: str = "",
) -> QuerySet[Any]:
    """Filters shared by the catalogue list and the search (``prefix`` for a related model)."""
    country, language, status, owner = (
        v.replace("\x00", "") if isinstance(v, str) else v for v in (country, language, status, owner)
    )
    if kind:
        qs = qs.filter(**{f"{prefix}kind": kind})
    if year_from is not None:
        qs = qs.filter(**{f"{prefix}year__gte": year_from})
    if year_to is not None:
        qs = qs.filter(**{f"{prefix}year__lte": year_to})
    film_ref = OuterRef(f"{prefix}pk") if prefix else OuterRef("pk")
    if country:
        qs = qs.filter(Exists(FilmCountry.objects.filter(film=film_ref, country=country.upper())))
    if language:
        lang = language_of(language)
        tags = [language] if "-" in language else [language, f"{lang}-Cyrl", f"{lang}-Latn", lang]
        qs = qs.filter(
            Exists(Track.objects.filter(film=film_ref, language__in=tags, status=TrackStatus.AVAILABLE))
        )
    if status:
        qs = qs.filter(**{f"{prefix}status": status})
    if owner:
        qs = qs.filter(**{f"{prefix}owner__code": owner.upper()})
    return qs


def film_list(*, user: Actor, **filters: Any) -> QuerySet[Film]:
    qs = film_filter(film_visible(user), **filters)
    return qs.order_by("-year", "pk").prefetch_related("titles", "countries", "images__alts")


def film_facets(
    *,
    user: Actor,
    kind: str | None = None,
    country: str | None = None,
    language: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> dict[str, list[tuple[str, int]]]:
    """Counts per kind, country, decade and available language over the films the user sees, following the
    filters: each facet counts the films that match every *other* filter (so its options say how many films
    choosing them would show, and the chosen option keeps its siblings to switch to)."""
    visible = film_visible(user)
    given: dict[str, Any] = {
        "kind": kind,
        "country": country,
        "language": language,
        "year_from": year_from,
        "year_to": year_to,
    }

    def without(*names: str) -> QuerySet[Film]:
        return film_filter(visible, **{k: v for k, v in given.items() if k not in names})

    kinds = Counter(without("kind").values_list("kind", flat=True))
    countries = Counter(
        FilmCountry.objects.filter(film__in=without("country")).values_list("country", flat=True)
    )
    decades = Counter(
        (y // 10) * 10 for y in without("year_from", "year_to").values_list("year", flat=True) if y
    )
    languages = Counter(
        Track.objects.filter(film__in=without("language"), status=TrackStatus.AVAILABLE)
        .values_list("film_id", "language")
        .distinct()
        .values_list("language", flat=True)
    )
    return {
        "kind": sorted(kinds.items()),
        "country": sorted(countries.items()),
        "decade": sorted(((str(d), n) for d, n in decades.items()), reverse=True),
        "language": sorted(languages.items()),
    }


def film_visible_with_details(user: Actor) -> QuerySet[Film]:
    """The films the user sees, with what a film's page shows prefetched."""
    return _film_base().filter(film_visibility(user))


def film_credits(film: Film) -> list[Credit]:
    return list(
        Credit.objects.filter(film=film)
        .select_related("person", "company")
        .prefetch_related("person__names", "person__images__alts", "company__names")
        .order_by("position", "billing_order", "pk")
    )


def _rank_title(title: FilmTitle | PersonName | Any) -> tuple[int, int, int]:
    # entered before generated; national alphabets before BGN/PCGN; then the editors' order. Rows that
    # are never generated (a synopsis) rank alike.
    return (
        int(getattr(title, "generated", False)),
        int(getattr(title, "scheme", "") == "bgn"),
        getattr(title, "position", 0),
    )


def pick_text(
    rows: list[Any], language: str, script: str | None = None, original: str | None = None
) -> Text | None:
    """The best (text, lang) among rows with ``text``/``language`` for the viewer's language and script."""
    if not rows:
        return None
    lang = language_of(language)
    preferred = f"{lang}-{script}" if script and lang in SCRIPT_LANGUAGES else None
    if preferred and all(row.language != preferred for row in rows):
        other = [row for row in rows if language_of(row.language) == lang]
        if other:
            best = min(other, key=_rank_title)
            converted = display_in_script(best.text, best.language, script or "")
            if converted:
                return Text(*converted)
    return translated(rows, language, original, field="text", prefer=preferred, rank=_rank_title)


def film_original_title(film: Film) -> Text | None:
    titles = [t for t in film.titles.all() if not t.generated]
    originals = [t for t in titles if t.kind == TitleKind.ORIGINAL] or titles
    if not originals:
        return None
    best = min(originals, key=_rank_title)
    return Text(best.text, best.language)


def film_title(film: Film, language: str, script: str | None = None) -> Text:
    original = film_original_title(film)
    picked = pick_text(list(film.titles.all()), language, script, original.lang if original else None)
    return picked or Text(str(film), "en")


def film_titles(film: Film) -> list[FilmTitle]:
    return sorted(film.titles.all(), key=lambda t: (t.generated, t.position, t.language, t.pk))


# People and companies ----------------------------------------------------------------------------


#: ``finder(q)`` → a QuerySet of the ids (one column) of the people one of whose names contains ``q`` once
#: both are folded as the site's search folds them. The search app registers the one over its index in its
#: ``AppConfig.ready``: the catalogue does not import the apps built on it.
PersonFinder = Callable[[str], QuerySet[Any]]
_person_finders: list[PersonFinder] = []


def register_person_finder(finder: PersonFinder) -> PersonFinder:
    """Make ``finder`` the way people are found by name (registering again replaces it)."""
    _person_finders[:] = [finder]
    return finder


def people_matching(q: str) -> QuerySet[Any]:
    """The ids of the people one of whose names (in any script the catalogue keeps) contains ``q`` in any
    case, spelling and script: "YILMAZ", "Yilmaz Guney" and "yılmaz" find Yılmaz Güney, "Ермек" finds
    «Ермек Тұрсынов». For a subquery (``pk__in``)."""
    if not _person_finders:
        raise ImproperlyConfigured("No person finder is registered: is korkyt.search installed?")
    return _person_finders[0](q)


def person_list(*, user: Actor, q: str | None = None) -> QuerySet[Person]:
    """Everyone (people are public), in catalogue order; with ``q``, those ``people_matching`` finds."""
    qs = Person.objects.prefetch_related("names").order_by("pk")
    q = (q or "").replace("\x00", "")[:200]
    if q:
        qs = qs.filter(pk__in=people_matching(q))
    return qs


def person_visible(user: Actor) -> QuerySet[Person]:
    return Person.objects.prefetch_related("names", "images__alts")


def person_name(person: Person, language: str, script: str | None = None) -> Text:
    rows = list(person.names.all())
    first = min((r for r in rows if not r.generated), key=_rank_title, default=None)
    picked = pick_text(rows, language, script, first.language if first else None)
    return picked or Text(str(person), "en")


def person_films(*, user: Actor, person: Person) -> list[Credit]:
    return list(
        Credit.objects.filter(person=person)
        .filter(film_visibility(user, "film__"))
        .select_related("film")
        .prefetch_related(Prefetch("film__titles"), "film__countries", "film__images__alts")
        .order_by("-film__year", "pk")
    )


def company_list(*, user: Actor, country: str | None = None, q: str | None = None) -> QuerySet[Company]:
    """Every company (companies are public), of ``country``; with ``q``, those having a name that contains
    it once both are folded as the site's search folds them (case, diacritics, script: "kultur" finds
    "Kültür Film", "Ala-Too" «Ала-Тоо Анимация»). The names are compared in Python (companies are not in
    the search index; the databases' own case folding differs)."""
    qs = Company.objects.order_by("pk")
    if country:
        qs = qs.filter(country=country.upper())
    if q:
        wanted = query_keys(q[:200])
        rows = CompanyName.objects.filter(company__in=qs.values("pk")).values_list(
            "company_id", "language", "name"
        )
        qs = qs.filter(
            pk__in=sorted({pk for pk, tag, name in rows if wanted and found_in(wanted, name, tag)})
        )
    return qs.prefetch_related("names")


def company_visible(user: Actor) -> QuerySet[Company]:
    return Company.objects.prefetch_related("names")


def company_name(company: Company, language: str) -> Text:
    return translated(company.names.all(), language, field="name") or Text(str(company), "en")


def company_films(*, user: Actor, company: Company) -> list[Credit]:
    return list(
        Credit.objects.filter(company=company)
        .filter(film_visibility(user, "film__"))
        .select_related("film")
        .prefetch_related("film__titles", "film__countries", "film__images__alts")
        .order_by("-film__year", "pk")
    )


def credit_visible(user: Actor) -> QuerySet[Credit]:
    return Credit.objects.filter(film_visibility(user, "film__")).select_related("film", "person")


def track_list(*, user: Actor, film: Film) -> QuerySet[Track]:
    return Track.objects.filter(film=film).order_by("kind", "language", "pk")


def track_visible(user: Actor) -> QuerySet[Track]:
    """A film's tracks are seen by whoever sees the film."""
    return Track.objects.filter(film_visibility(user, "film__")).select_related("film")


def film_owner_choices(user: Actor, current: Any = None) -> list[tuple[str, Any]]:
    """The institutions a film of ``user``'s may belong to, as form choices (code, the name in the reader's
    language marked with its language, for ``LangSelect``): those the user edits, every one for a platform
    administrator, and the film's ``current`` owner."""
    from korkyt.accounts.models import Role
    from korkyt.core.languages import request_language
    from korkyt.core.permissions import is_platform_admin
    from korkyt.institutions.models import Institution
    from korkyt.institutions.selectors import institution_texts

    rows = Institution.objects.prefetch_related("translations").order_by("code")
    if not is_platform_admin(user):
        rows = rows.filter(pk__in=institution_ids(user, Role.EDITOR) | ({current.pk} if current else set()))
    language = request_language()
    return [(i.code, institution_texts(i, language)[0]) for i in rows]


def film_credit(film: Film, credit_id: int | None) -> Credit | None:
    """The credit ``credit_id`` of ``film``, if it is still there."""
    return Credit.objects.filter(film=film, pk=credit_id).first() if credit_id else None


def film_entered_title(film: Film, title_id: int | None) -> FilmTitle | None:
    """The title ``title_id`` of ``film`` as an editor entered it (not a generated transliteration)."""
    return FilmTitle.objects.filter(film=film, pk=title_id, generated=False).first() if title_id else None


def film_version(film: Film, version_id: int | None) -> Version | None:
    return Version.objects.filter(film=film, pk=version_id).first() if version_id else None


def film_track(film: Film, track_id: int | None) -> Track | None:
    return Track.objects.filter(film=film, pk=track_id).select_related("film").first() if track_id else None


def film_versions(film: Film) -> list[Version]:
    """A film's versions with their tracks, in the order they were added."""
    return list(Version.objects.filter(film=film).prefetch_related("tracks").order_by("pk"))


def films_catalogued(user: Actor) -> QuerySet[Film]:
    """The films of the institutions the user edits (every film for a platform administrator), drafts
    first, then the most recently changed."""
    from korkyt.accounts.models import Role
    from korkyt.core.permissions import is_platform_admin

    qs = Film.objects.all()
    if not is_platform_admin(user):
        qs = qs.filter(owner_id__in=institution_ids(user, Role.EDITOR))
    draft_first = Case(When(status=FilmStatus.DRAFT, then=Value(0)), default=Value(1))
    return qs.order_by(draft_first, "-updated_at", "-pk")


def film_worklist(user: Actor, limit: int = 10) -> tuple[list[Film], int, int]:
    """The first ``limit`` of :func:`films_catalogued`, with how many there are and how many are drafts."""
    qs = films_catalogued(user)
    counts = qs.aggregate(total=Count("pk"), drafts=Count("pk", filter=Q(status=FilmStatus.DRAFT)))
    rows = list(qs.prefetch_related("titles")[:limit])
    return rows, counts["total"], counts["drafts"]


# What the history page calls a film's dependent rows (``register(..., title=...)`` in apps.py): words in
# the reader's language where the rows say codes of themselves ("12 · director", "12 · subtitles [kk]").


def credit_title(credit: Any, language: str) -> Text:
    if credit.person_id:
        who = person_name(credit.person, language).text
    elif credit.company_id:
        who = company_name(credit.company, language).text
    else:
        who = ""
    role = str(credit.get_role_display())
    return Text(f"{role}: {who}" if who else role, "")


def version_title(version: Any, language: str) -> Text:
    return Text(str(version.get_kind_display()), "")


def track_title(track: Any, language: str) -> Text:
    return Text(f"{track.get_kind_display()} · {language_label(track.language)}", "")


def records_named(records: QuerySet[Any], rows: type[Any], column: str, owner: str, name: str) -> list[Any]:
    """Up to two of ``records`` (oldest first) that have a row of ``rows`` (their names or titles, the text
    in ``column``, the record in ``owner``) equal to ``name`` but for case.

    SQLite folds case in ASCII only, and PostgreSQL as its locale says (a "C" locale: ASCII only), so a
    name with other letters (Cyrillic, Turkic) is compared in Python among the names of the same length."""
    back = rows._meta.get_field(owner.removesuffix("_id")).remote_field.related_name
    if name.isascii():
        return list(records.filter(**{f"{back}__{column}__iexact": name}).distinct().order_by("pk")[:2])
    wanted = name.casefold()
    ids = sorted(
        {
            pk
            for pk, text in rows.objects.filter(**{f"{owner}__in": records.values("pk")})
            .annotate(size=Length(column))
            .filter(size=len(name))
            .values_list(owner, column)
            if text.casefold() == wanted
        }
    )
    return list(records.filter(pk__in=ids[:2]).order_by("pk"))


#: ``#12``, ``12``, or a catalogue page address ending in ``/films/12/``.
FILM_REF = re.compile(r"^(?:#\s*|.*/films/)?(\d{1,12})/?$")
#: The same for a person, a bare number included (``person_named``: no name is only digits).
PERSON_NUMBER = re.compile(r"^(?:#\s*|.*/people/)?(\d{1,12})/?$")


def _one(
    records: QuerySet[Any],
    rows: type[Any],
    column: str,
    owner: str,
    ref: re.Pattern[str],
    text: str,
    says: dict[str, str],
) -> Any:
    """The one record of ``records`` that ``text`` names by number (``ref``) or by one of its name rows;
    else a ValidationError worded by ``says`` (``number``: no such number, ``several``: a name shared,
    ``none``: no such name)."""
    text = " ".join(text.split())
    shown: dict[str, Any] = {"ref": text[:40], "name": text[:100]}
    number = ref.match(text)
    if number:
        found = records.filter(pk=int(number.group(1))).first()
        if found is None:
            raise ValidationError(says["number"] % shown)
        return found
    matches = records_named(records, rows, column, owner, text)
    if len(matches) > 1:
        raise ValidationError(says["several"] % {**shown, "a": matches[0].pk, "b": matches[1].pk})
    if not matches:
        raise ValidationError(says["none"] % shown)
    return matches[0]


def film_by_title(*, films: QuerySet[Film], text: str) -> Film:
    """The film of ``films`` (those the person may see) that ``text`` names: its number (``12``, ``#12``, the
    address of its page) or one of its titles as in the catalogue, in any script and case ("Қыз Жібек",
    "qyz zhibek", "Kyz-Zhibek"). Refuses, saying why, a number or title of no such film and a title that
    several films share (then the numbers tell them apart)."""
    says = {
        "number": _("No film with the number %(ref)s in the catalogue."),
        "several": _(
            "Several films in the catalogue are called “%(name)s”; give the number of the one you mean "
            "(#%(a)s or #%(b)s)."
        ),
        "none": _(
            "No film in the catalogue is called “%(name)s”: give its title as the catalogue writes it, "
            "or its number."
        ),
    }
    return _one(films, FilmTitle, "text", "film_id", FILM_REF, text, says)


def person_named(*, people: QuerySet[Person], text: str) -> Person:
    """As ``film_by_title``, for a person of ``people``: their number (``12``, ``#12``, their page's address)
    or a name as the catalogue writes it, in any script and case. Nobody is added."""
    says = {
        "number": _("Nobody with the number %(ref)s in the catalogue."),
        "several": _(
            "Several people in the catalogue are called “%(name)s”; give the number of the one you mean "
            "(#%(a)s or #%(b)s)."
        ),
        "none": _(
            "Nobody in the catalogue is called “%(name)s”: give the name as the catalogue writes it, or "
            "the number."
        ),
    }
    return _one(people, PersonName, "text", "person_id", PERSON_NUMBER, text, says)
