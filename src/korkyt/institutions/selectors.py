"""Every read on institutions and memoranda, scoped to the asking user, and the implementation reports."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import rules
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import get_language, gettext
from django_countries.fields import Country

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.core.actors import Actor
from korkyt.core.collation import sort_by_name, sort_key
from korkyt.core.titles import titled
from korkyt.core.translations import Text, pick_row, translated
from korkyt.institutions.areas import area_name
from korkyt.institutions.models import (
    ActivityRelation,
    CooperationArea,
    Institution,
    InstitutionKind,
    InstitutionTranslation,
    Memorandum,
    MemorandumActivity,
    MemorandumParty,
    MemorandumStatus,
)
from korkyt.translit import found_in, query_keys


def _is_admin(user: Actor) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


# Institutions ------------------------------------------------------------------------------------


def institution_visibility(user: Actor) -> Q:
    """Who may see an institution, the one definition: a public one everybody; a private one its members;
    every one the platform administrators. The ``view_institution`` rule is derived from it."""
    if _is_admin(user):
        return Q()
    return Q(is_public=True) | Q(pk__in=institution_ids(user))


def institution_visible(user: Actor) -> QuerySet[Institution]:
    return Institution.objects.filter(institution_visibility(user))


def institution_seen(user: Actor | None, institution: Institution) -> bool:
    """:func:`institution_visibility` for one institution already read (a memorandum's party), without a
    query: a private party of a public memorandum is not named to those who may not see it (``user`` None:
    anyone signed out)."""
    if user is None:
        return institution.is_public
    return _is_admin(user) or institution.is_public or institution.pk in institution_ids(user)


def memorandum_parties_seen(memorandum: Memorandum, user: Actor) -> list[Institution]:
    """The parties of ``memorandum`` that ``user`` may see (:func:`institution_seen`)."""
    return [p for p in memorandum_parties(memorandum) if institution_seen(user, p)]


def institution_list(
    *, user: Actor, country: str | None = None, kind: str | None = None, q: str | None = None
) -> QuerySet[Institution]:
    """The institutions ``user`` sees, of ``country`` and ``kind``; with ``q``, those whose code contains it
    or whose name or short name, in any language, contains it once both are folded like the site's search
    folds them (case, diacritics, script: "KÜLTÜR", "Kultur" and "kültür" find the same)."""
    qs = institution_visible(user)
    if country:
        qs = qs.filter(country=country.upper())
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(pk__in=_named(qs, q)))
    return qs.prefetch_related("translations", "images__alts").order_by("country", "code")


def _named(institutions: QuerySet[Institution], q: str) -> list[int]:
    """The ids of ``institutions`` having a name or short name that contains ``q`` once folded
    (``korkyt.translit.found_in``). Compared in Python: the institutions are few, and the databases'
    own case folding differs (SQLite's LIKE folds ASCII letters only)."""
    wanted = query_keys(q)
    if not wanted:
        return []
    rows = InstitutionTranslation.objects.filter(institution__in=institutions.values("pk")).values_list(
        "institution_id", "language", "name", "short_name"
    )
    return sorted(
        {
            pk
            for pk, language, name, short in rows
            if found_in(wanted, name, language) or (short and found_in(wanted, short, language))
        }
    )


def institution_get(*, user: Actor, code: str) -> Institution | None:
    return institution_list(user=user).filter(code=code.upper()).first()


def institution_editable(*, user: Actor, own: bool = False) -> QuerySet[Institution]:
    """The institutions ``user`` may change: those they edit, every one for a platform administrator (but
    with ``own``, where the administrator too holds the editor role)."""
    from korkyt.accounts.models import Role

    qs = Institution.objects.prefetch_related("translations")
    if _is_admin(user) and not own:
        return qs.order_by("code")
    return qs.filter(pk__in=institution_ids(user, Role.EDITOR)).order_by("code")


def institution_country_counts(*, user: Actor) -> dict[str, int]:
    """How many institutions ``user`` sees in each country, international organisations aside: counted by
    the database (the home page's network)."""
    rows = (
        institution_visible(user)
        .exclude(kind=InstitutionKind.INTERNATIONAL_ORGANIZATION)
        .values_list("country")
        .annotate(count=Count("pk"))
        .order_by("country")
    )
    return {str(country): count for country, count in rows}


def institution_texts(institution: Institution, language: str) -> tuple[Text, Text, Text]:
    """(name, short name, description) in the best language along the fallback chain."""
    rows = list(institution.translations.all())
    row = pick_row(rows, language, institution.native_language)
    if row is None:
        return Text(institution.code, "en"), Text(institution.code, "en"), Text("", "en")
    description = translated(rows, language, institution.native_language, field="description")
    return (
        Text(row.name, row.language),
        Text(row.short_name or row.name, row.language),
        description or Text("", row.language),
    )


def institution_translation(institution: Institution, language: str) -> InstitutionTranslation | None:
    return institution.translations.filter(language=language).first()


# Memoranda ---------------------------------------------------------------------------------------


def _memorandum_base() -> QuerySet[Memorandum]:
    return Memorandum.objects.select_related("framework").prefetch_related(
        Prefetch(
            "party_links",
            queryset=MemorandumParty.objects.select_related("institution").prefetch_related(
                "institution__translations"
            ),
        ),
        "framework__translations",
        "areas",
        "translations",
    )


def memorandum_visibility(user: Actor) -> Q:
    """Who may see a memorandum, the one definition: a signed (not draft) one everybody; a draft the members
    of its parties; every one the platform administrators. The ``view_memorandum`` rule is derived from it."""
    if _is_admin(user):
        return Q()
    mine = institution_ids(user)
    party = MemorandumParty.objects.filter(memorandum=OuterRef("pk"), institution_id__in=mine)
    return ~Q(status=MemorandumStatus.DRAFT) | Q(Exists(party))


def memorandum_visible(user: Actor) -> QuerySet[Memorandum]:
    return _memorandum_base().filter(memorandum_visibility(user))


def memorandum_recordable(user: Actor) -> QuerySet[Memorandum]:
    """The memoranda ``user`` may record activities under (the ``record_activity`` rule): every one for the
    platform administrators, else those one of whose parties ``user`` is an editor of. The memoranda a form
    offers to place a film, an event or a job under."""
    if _is_admin(user):
        return memorandum_visible(user)
    return memorandum_visible(user).filter(_a_party_edited_by(user))


def _a_party_edited_by(user: Actor) -> Exists:
    """A memorandum one of whose parties ``user`` holds the editor role on (a filter of memoranda)."""
    mine = institution_ids(user, Role.EDITOR)
    return Exists(MemorandumParty.objects.filter(memorandum=OuterRef("pk"), institution_id__in=mine))


def memorandum_list(
    *,
    user: Actor,
    institution: str | None = None,
    country: str | None = None,
    area: str | None = None,
    status: str | None = None,
    year: int | None = None,
    mine: bool = False,
) -> QuerySet[Memorandum]:
    """The memoranda ``user`` sees, filtered; with ``mine``, only those with a party ``user`` edits."""
    qs = memorandum_visible(user)
    if mine:
        qs = qs.filter(_a_party_edited_by(user))
    if institution:  # by an institution ``user`` may see (a private code tells nothing)
        party = institution_visible(user).filter(code=institution.upper())
        qs = qs.filter(party_links__institution__in=party)
    if country:
        qs = qs.filter(party_links__institution__country=country.upper())
    if area:
        qs = qs.filter(areas__code=area)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(signed_on__year=year)
    return qs.distinct().order_by("-signed_on", "pk")


def memorandum_editable(*, user: Actor, own: bool = False) -> QuerySet[Memorandum]:
    """The memoranda ``user`` may change (``institutions.change_memorandum``), chosen by the database: those
    with a party the user edits; every one for a platform administrator (but with ``own``, those with a
    party where the administrator too holds the editor role). The latest signed first."""
    qs = _memorandum_base()
    if not _is_admin(user) or own:
        qs = qs.filter(_a_party_edited_by(user))
    return qs.order_by("-signed_on", "pk")


def memorandum_countries(*, user: Actor) -> dict[int, set[str]]:
    """The countries of the parties of each memorandum ``user`` sees, by memorandum id: two columns read,
    no memorandum loaded (the network and the country pairs)."""
    visible = Memorandum.objects.filter(memorandum_visibility(user)).values("pk")
    countries: dict[int, set[str]] = defaultdict(set)
    for memo_id, country in MemorandumParty.objects.filter(memorandum__in=visible).values_list(
        "memorandum_id", "institution__country"
    ):
        countries[memo_id].add(str(country))
    return dict(countries)


def memorandum_network(*, user: Actor) -> list[tuple[list[str], int]]:
    """(party countries, activities recorded) of each memorandum ``user`` sees, for the home's network."""
    countries = memorandum_countries(user=user)
    counts = activity_counts(memorandum_ids=list(countries))
    return [(sorted(codes), counts.get(memo_id, 0)) for memo_id, codes in countries.items()]


def memorandum_parties(memorandum: Memorandum) -> list[Institution]:
    return [link.institution for link in memorandum.party_links.all()]


def memorandum_title(memorandum: Memorandum, language: str) -> Text:
    """The memorandum's own title in the best language; else a title made of its parties' countries."""
    picked = translated(memorandum.translations.all(), language, field="title")
    if picked:
        return picked
    names = " — ".join(dict.fromkeys(str(p.country.name) for p in memorandum_parties(memorandum)))
    return Text(gettext("Memorandum of cooperation: %(parties)s") % {"parties": names}, language)


def memorandum_place(memorandum: Memorandum, language: str) -> Text | None:
    """Where it was signed, in the best language that gives it (None when no language does)."""
    return translated(memorandum.translations.all(), language, field="place")


def memorandum_summary(memorandum: Memorandum, language: str) -> Text:
    return translated(memorandum.translations.all(), language, field="summary") or Text("", language)


def area_list() -> QuerySet[CooperationArea]:
    return CooperationArea.objects.order_by("position", "code")


# Reports -----------------------------------------------------------------------------------------


@dataclass
class AreaCount:
    code: str
    name: str
    count: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class MemorandumReport:
    memorandum_id: int
    total: int
    areas: list[AreaCount]
    latest: list[MemorandumActivity]


def activity_titles(rows: list[MemorandumActivity], language: str) -> list[MemorandumActivity]:
    """Set ``row.title`` on each row: its activity's title in ``language`` as a ``Text`` (the tag it is
    written in, for ``lang``), read from the activity (``activity_title(language)`` when the model has one,
    else ``str``), never stored; ``row.detail``: what the activity adds in the interface language
    (``activity_detail(language)``, e.g. "Dubbing → Kazakh"); ``row.url``: its page, reversed in the
    active language. The activities are read per model with what their titles read (the ``prefetch`` of
    their title's registration, ``core.titles``), so the queries do not grow with the rows."""
    by_type: dict[int, list[MemorandumActivity]] = defaultdict(list)
    for row in rows:
        by_type[row.content_type_id].append(row)
    for type_rows in by_type.values():
        model = type_rows[0].content_type.model_class()
        objects = titled(model).in_bulk([r.object_id for r in type_rows]) if model is not None else {}
        for row in type_rows:
            obj = objects.get(row.object_id)
            title = getattr(obj, "activity_title", None)
            text = title(language) if callable(title) else (str(obj) if obj is not None else "")
            row.title = text if isinstance(text, Text) else Text(str(text), language)
            detail = getattr(obj, "activity_detail", None)
            row.detail = str(detail(language)) if callable(detail) else ""
            url = getattr(obj, "activity_url", None)
            row.url = url() if callable(url) else ""
            row.kind = str(model._meta.verbose_name) if model is not None else ""
    return rows


def activity_seen(rows: list[MemorandumActivity], user: Actor | None) -> list[MemorandumActivity]:
    """The rows whose activity ``user`` may see (anyone signed out when None), in their order: the others
    are counted on the memorandum's pages, never named. The activity's own app decides, by its view rule
    (``<app>.view_<model>``: one query per model when the rule derives from its selector's visibility
    queryset, ``core.permissions.visible_predicate``, else the rule asked per activity); a model without
    a view rule is seen while it has a public page (``activity_url()``). A model whose view rule is named
    otherwise declares it (``activity_view_perm``, e.g. a translation job's ``localization.view_job``):
    its readers by that rule see it, and everyone while it has a public page (the film translated)."""
    viewer = user if user is not None else AnonymousUser()
    if _is_admin(viewer):
        return list(rows)
    by_type: dict[int, list[MemorandumActivity]] = defaultdict(list)
    for row in rows:
        by_type[row.content_type_id].append(row)
    seen: set[tuple[int, int]] = set()
    for type_id, type_rows in by_type.items():
        model = type_rows[0].content_type.model_class()
        if model is None:
            continue
        ids = [r.object_id for r in type_rows]
        declared = getattr(model, "activity_view_perm", None)
        perm = declared or f"{model._meta.app_label}.view_{model._meta.model_name}"
        visible = getattr(rules.permissions.permissions.get(perm), "visible", None)
        if visible is not None:
            found = set(visible(viewer).filter(pk__in=ids).values_list("pk", flat=True))
            if declared:  # and the others while they have a public page
                rest = [pk for pk in ids if pk not in found]
                found |= {pk for pk, obj in titled(model).in_bulk(rest).items() if _has_public_page(obj)}
        else:
            objects = titled(model).in_bulk(ids)
            if rules.perm_exists(perm):
                found = {pk for pk, obj in objects.items() if viewer.has_perm(perm, obj)}
            else:
                found = {pk for pk, obj in objects.items() if _has_public_page(obj)}
        seen.update((type_id, pk) for pk in found)
    return [row for row in rows if (row.content_type_id, row.object_id) in seen]


def _has_public_page(obj: object) -> bool:
    url = getattr(obj, "activity_url", None)
    return bool(url()) if callable(url) else True


def activity_prefetch() -> GenericPrefetch:
    """``prefetch_related(activity_prefetch())``: the activities of a list of records, each model's read at
    once with what its title reads (as :func:`activity_titles` reads them)."""
    models = [
        model
        for model in apps.get_models()
        if any(isinstance(f, ActivityRelation) for f in model._meta.private_fields)
    ]
    return GenericPrefetch("activity", [titled(model) for model in models])


@dataclass
class AreaActivities:
    code: str
    name: str
    rows: list[MemorandumActivity]
    count: int = 0  # every activity of the area, when ``rows`` shows only the newest
    hidden: int = 0  # those of ``count`` the reader may not see: counted, never named

    @property
    def seen(self) -> int:
        """How many of the area's activities the reader may see (its page lists them)."""
        return self.count - self.hidden


def memorandum_activities(
    *,
    memorandum: Memorandum,
    user: Actor | None = None,
    language: str | None = None,
    newest: int | None = None,
) -> list[AreaActivities]:
    """Everything recorded under a memorandum, per area it covers (empty areas included, in the areas'
    order), newest first, each with its title in ``language``, its kind and the public page it links to
    (``activity_url()``: empty while the activity is not public). With ``newest``, each area's ``rows`` are
    its ``newest`` latest (titles are read for those only) and ``count`` says how many it has. Only the
    activities ``user`` may see are in ``rows`` (:func:`activity_seen`); ``count`` counts them all."""
    rows = list(
        MemorandumActivity.objects.filter(memorandum=memorandum)
        .select_related("area", "content_type")
        .order_by("-happened_on", "-created_at", "-pk")
    )
    shown = {row.pk for row in activity_seen(rows, user)}
    areas: dict[str, AreaActivities] = {
        a.code: AreaActivities(a.code, str(area_name(a.code)), [])
        for a in memorandum.areas.order_by("position", "code")
    }
    for row in rows:
        code = row.area.code
        area = areas.setdefault(code, AreaActivities(code, str(area_name(code)), []))
        area.count += 1
        area.hidden += row.pk not in shown
        if row.pk in shown and (newest is None or len(area.rows) < newest):
            area.rows.append(row)
    activity_titles([row for area in areas.values() for row in area.rows], language or get_language() or "en")
    return list(areas.values())


def area_activities(*, memorandum: Memorandum, area: str) -> QuerySet[MemorandumActivity]:
    """The activities recorded under a memorandum in one area, newest first (titles: ``activity_titles``
    on the rows shown)."""
    return (
        MemorandumActivity.objects.filter(memorandum=memorandum, area__code=area)
        .select_related("area", "content_type")
        .order_by("-happened_on", "-created_at", "-pk")
    )


def memorandum_report(
    *, memorandum: Memorandum, user: Actor | None = None, latest: int = 10, language: str | None = None
) -> MemorandumReport:
    """Activities recorded under a memorandum, counted per area it covers (zeros included); the latest
    that ``user`` may see (:func:`activity_seen`) with their titles in ``language`` (the active language by
    default)."""
    rows = list(
        MemorandumActivity.objects.filter(memorandum=memorandum)
        .select_related("area", "content_type")
        .order_by("-happened_on", "-created_at")
    )
    counts: dict[str, AreaCount] = {
        a.code: AreaCount(a.code, str(area_name(a.code))) for a in memorandum.areas.all()
    }
    total = 0
    shown = {row.pk for row in activity_seen(rows, user)}
    recent: list[MemorandumActivity] = []
    for row in rows:
        total += 1
        entry = counts.setdefault(row.area.code, AreaCount(row.area.code, str(area_name(row.area.code))))
        entry.count += 1
        model = row.content_type.model_class()
        kind = model._meta.verbose_name if model is not None else row.content_type.model
        entry.by_kind[str(kind)] = entry.by_kind.get(str(kind), 0) + 1
        if row.pk in shown and len(recent) < latest:
            recent.append(row)
    activity_titles(recent, language or get_language() or "en")
    return MemorandumReport(memorandum.pk, total, list(counts.values()), recent)


@dataclass
class CountryPairRow:
    countries: tuple[str, str]
    names: tuple[str, str]
    memoranda: int
    activities: int
    by_area: dict[str, int]


def country_pair_report(*, user: Actor) -> list[CountryPairRow]:
    """For each pair of countries that share a visible memorandum: memoranda and activities per area. The
    two countries of a pair, and the pairs, are in the alphabetical order of the reader's language."""
    countries = memorandum_countries(user=user)
    pair_memoranda: dict[tuple[str, str], set[int]] = defaultdict(set)
    for memo_id, codes in countries.items():
        for a, b in combinations(sorted(codes), 2):
            pair_memoranda[(a, b)].add(memo_id)
    activity_counts: dict[int, Counter[str]] = defaultdict(Counter)
    for memo_id, area_code, count in (
        MemorandumActivity.objects.filter(memorandum_id__in=list(countries))
        .values_list("memorandum_id", "area__code")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        activity_counts[memo_id][area_code] += count
    rows = []
    for pair, memo_ids in pair_memoranda.items():
        by_area: Counter[str] = Counter()
        for memo_id in memo_ids:
            by_area.update(activity_counts.get(memo_id, Counter()))
        first, second = sort_by_name(((c, str(Country(c).name)) for c in pair), name=lambda c: c[1])
        rows.append(
            CountryPairRow(
                (first[0], second[0]),
                (first[1], second[1]),
                len(memo_ids),
                sum(by_area.values()),
                dict(by_area),
            )
        )
    return sorted(rows, key=lambda row: tuple(sort_key(name) for name in row.names))


#: :func:`activity_latest` looks through this many times ``limit`` of the latest activities, no further.
LATEST_WINDOW = 8


def activity_latest(*, user: Actor, limit: int = 10, language: str | None = None) -> list[MemorandumActivity]:
    """The latest activities under the memoranda ``user`` sees that they may see (:func:`activity_seen`),
    looked for among the latest ``limit * LATEST_WINDOW`` only: a bounded read however many recent ones are
    hidden from ``user``, who is shown fewer than ``limit`` when most of them are."""
    rows = (
        MemorandumActivity.objects.filter(memorandum__in=memorandum_visible(user).values("pk"))
        .select_related("area", "memorandum", "content_type")
        .order_by("-happened_on", "-created_at", "-pk")
    )
    found = activity_seen(list(rows[: limit * LATEST_WINDOW]), user)
    return activity_titles(found[:limit], language or get_language() or "en")


def activity_counts(*, memorandum_ids: list[int]) -> dict[int, int]:
    """Number of recorded activities per memorandum id (counted by the database)."""
    rows = (
        MemorandumActivity.objects.filter(memorandum_id__in=memorandum_ids)
        .values_list("memorandum_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return dict(rows)
