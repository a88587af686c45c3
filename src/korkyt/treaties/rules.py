"""Rule sets as data: one TOML file per instrument, read into frozen dataclasses.

The package's own files live in ``korkyt/treaties/data/instruments/``; :func:`load_rulebook` reads them
(and any extra directory a caller names) once. Adding an instrument is adding a file: the engine knows the
sections below and nothing instrument-specific.

``[applicability]`` ``type`` is one of ``parties`` (co-producers from at least ``min_party_coproducers``
party states), ``country`` (a co-producer from ``country``), ``country_with_foreign`` (one from
``country`` and one from elsewhere), ``pair`` (co-producers from exactly the listed ``countries``, each
present) or ``memorandum`` (a co-producer from ``hub`` and one from another party).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .countries import is_country
from .errors import RuleBookError
from .model import DOCUMENT_NAMES, ELEMENT_NAMES, KINDS

APPLICABILITY_TYPES = ("parties", "country", "country_with_foreign", "pair", "memorandum")
INSTRUMENT_KINDS = ("convention", "fund", "national", "bilateral", "memorandum")


@dataclass(frozen=True)
class Party:
    """A state bound by the instrument from ``joined`` (and until ``left``, when it left)."""

    country: str
    joined: date
    left: date | None = None
    note: str = ""

    def bound_on(self, on: date) -> bool:
        return self.joined <= on and (self.left is None or on < self.left)


@dataclass(frozen=True)
class ShareLimits:
    """Per-co-producer share limits, percent. ``discretionary_min``: lower floor with approval;
    ``max_over_budget`` / ``min_over_budget``: the limits when the budget exceeds ``budget_over_eur``."""

    min: Decimal | None
    max: Decimal | None
    source: str
    discretionary_min: Decimal | None = None
    max_over_budget: Decimal | None = None
    budget_over_eur: Decimal | None = None
    min_over_budget: Decimal | None = None


@dataclass(frozen=True)
class Window:
    """A percentage window (finance-only partners) or a cap (non-party co-producers combined)."""

    min: Decimal | None
    max: Decimal | None
    source: str
    note: str = ""


@dataclass(frozen=True)
class SupportCap:
    """A fund's caps on its support: an amount in EUR and a share of the production cost (higher with a
    female director), the share cap for the kinds of film in ``kinds`` only."""

    max_eur: Decimal | None
    max_share: Decimal | None
    max_share_female_director: Decimal | None
    kinds: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class PointsEntry:
    """One line of an Appendix II table: element(s) or a role rank, and its points."""

    label: str
    points: int
    elements: tuple[str, ...] = ()
    role: int | None = None
    note: str = ""


@dataclass(frozen=True)
class PointsTable:
    kind: str
    entries: tuple[PointsEntry, ...]
    needed: int
    of: int
    source: str
    discretionary: bool = False
    advisory: bool = False
    note: str = ""


@dataclass(frozen=True)
class Deadline:
    months_before_shooting: int
    authority: str
    source: str


@dataclass(frozen=True)
class Authors:
    country: str
    elements: tuple[str, ...]
    max_foreign: Decimal
    source: str


@dataclass(frozen=True)
class National:
    country: str
    ratified_treaties: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Applicability:
    type: str
    source: str
    min_party_coproducers: int = 2
    country: str | None = None
    countries: tuple[str, ...] = ()
    hub: str | None = None
    party_word: str = "party"


@dataclass(frozen=True)
class Instrument:
    """One instrument's rule set, as written in its data file."""

    id: str
    version: str
    short: str
    title: str
    kind: str
    confers_status: bool
    strength: int
    effective_from: date
    source: str
    summary: str
    applicability: Applicability
    effective_to: date | None = None
    sources: tuple[str, ...] = ()
    note: str = ""
    parties: tuple[Party, ...] = ()
    bilateral: ShareLimits | None = None
    multilateral: ShareLimits | None = None
    min_coproducers_multilateral: int | None = None
    min_coproducers_source: str = ""
    finance_only: Window | None = None
    non_party_cap: Window | None = None
    confirmed: Window | None = None  # the least share of the financing that must be confirmed
    confirmed_per_country: bool = False  # ... in each co-producing country, not on the whole plan
    support: SupportCap | None = None  # the caps on the support a fund gives
    points: Mapping[str, PointsTable] = field(default_factory=dict)
    running_time_min: int | None = None
    running_time_source: str = ""
    deadline: Deadline | None = None
    authors: Authors | None = None
    national: National | None = None
    superseded_by: str | None = None
    yields_to_bilateral: bool = False
    documents: tuple[str, ...] = ()  # what the application asks for (DOCUMENT_NAMES), in the file's order
    documents_source: str = ""
    path: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)

    def parties_on(self, on: date) -> frozenset[str]:
        """Countries bound on ``on``."""
        return frozenset(p.country for p in self.parties if p.bound_on(on))


@dataclass(frozen=True)
class RuleBook:
    """The instruments known to the engine, in file order of their ids."""

    instruments: tuple[Instrument, ...]

    def get(self, instrument_id: str) -> Instrument:
        for inst in self.instruments:
            if inst.id == instrument_id:
                return inst
        raise KeyError(instrument_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.instruments)


# --- reading ---------------------------------------------------------------------------------------------


class _Reader:
    """Typed access to one TOML table, with errors that name the file and key."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, key: str, message: str) -> RuleBookError:
        return RuleBookError(f"{self.where}: {key}: {message}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "a string is required")
        return value.strip()

    def opt_text(self, key: str) -> str | None:
        return self.text(key) if key in self.data else None

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, "an integer is required")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "true or false is required")
        return value

    def day(self, key: str) -> date:
        value = self.data.get(key)
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(key, "a date YYYY-MM-DD is required") from None

    def opt_day(self, key: str) -> date | None:
        return self.day(key) if key in self.data else None

    def percent(self, key: str) -> Decimal | None:
        if key not in self.data:
            return None
        try:
            value = Decimal(str(self.data[key]))
        except InvalidOperation:
            raise self.fail(key, "a decimal string is required") from None
        if not value.is_finite() or value < 0:
            raise self.fail(key, "a finite non-negative number is required")
        return value

    def table(self, key: str) -> _Reader | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(key, "a table is required")
        return _Reader(value, f"{self.where} [{key}]")

    def countries(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(c, str) and is_country(c) for c in value):
            raise self.fail(key, "a list of ISO 3166-1 alpha-2 codes is required")
        return tuple(value)

    def country(self, key: str) -> str:
        value = self.text(key)
        if not is_country(value):
            raise self.fail(key, f"unknown country {value!r}")
        return value


def _shares(r: _Reader | None) -> ShareLimits | None:
    if r is None:
        return None
    return ShareLimits(
        min=r.percent("min"),
        max=r.percent("max"),
        source=r.text("source"),
        discretionary_min=r.percent("discretionary_min"),
        max_over_budget=r.percent("max_over_budget"),
        budget_over_eur=r.percent("budget_over_eur"),
        min_over_budget=r.percent("min_over_budget"),
    )


def _confirmed_per(r: _Reader | None) -> bool:
    if r is None:
        return False
    per = r.text("per", "project")
    if per not in ("project", "country"):
        raise r.fail("per", "project or country is required")
    return per == "country"


def _support(r: _Reader | None) -> SupportCap | None:
    if r is None:
        return None
    kinds = tuple(str(k) for k in r.data.get("kinds", KINDS))
    if not kinds or any(k not in KINDS for k in kinds):
        raise r.fail("kinds", f"a list of kinds of film is required; known: {', '.join(KINDS)}")
    cap = SupportCap(
        max_eur=r.percent("max_eur"),
        max_share=r.percent("max_share"),
        max_share_female_director=r.percent("max_share_female_director"),
        kinds=kinds,
        source=r.text("source"),
    )
    if cap.max_eur is None and cap.max_share is None:
        raise r.fail("max_eur", "max_eur or max_share is required")
    return cap


def _window(r: _Reader | None) -> Window | None:
    if r is None:
        return None
    return Window(
        min=r.percent("min"), max=r.percent("max"), source=r.text("source"), note=r.text("note", "")
    )


def _points(r: _Reader | None) -> dict[str, PointsTable]:
    if r is None:
        return {}
    tables: dict[str, PointsTable] = {}
    raw = r.data
    for kind in raw:
        if kind not in KINDS:
            raise r.fail(kind, f"unknown kind of film; known: {', '.join(KINDS)}")
    # Tables that stand alone first, then those that reuse another's entries (same_as).
    for kind in sorted(raw, key=lambda k: "same_as" in raw[k]):
        t = r.table(kind)
        assert t is not None
        base_kind = t.opt_text("same_as")
        if base_kind is not None:
            if base_kind not in tables:
                raise t.fail("same_as", f"no table {base_kind!r} to reuse")
            base = tables[base_kind]
            tables[kind] = PointsTable(
                kind=kind,
                entries=base.entries,
                needed=t.integer("needed", base.needed),
                of=t.integer("of", base.of),
                source=t.text("source", base.source),
                discretionary=t.flag("discretionary", base.discretionary),
                advisory=t.flag("advisory"),
                note=t.text("note", ""),
            )
            continue
        entries = []
        raw_entries = t.data.get("entries")
        if not isinstance(raw_entries, list) or not raw_entries:
            raise t.fail("entries", "a non-empty list is required")
        for n, item in enumerate(raw_entries):
            e = _Reader(item, f"{t.where} entries[{n}]")
            elements = tuple(e.data.get("elements", ()))
            role = e.data.get("role")
            if bool(elements) == (role is not None):
                raise e.fail("elements", "give either elements or a role rank")
            if any(x not in ELEMENT_NAMES for x in elements):
                raise e.fail("elements", f"unknown element; known: {', '.join(ELEMENT_NAMES)}")
            if role is not None and (not isinstance(role, int) or role < 1):
                raise e.fail("role", "a rank 1, 2, 3 ... is required")
            entries.append(
                PointsEntry(
                    label=e.text("label"),
                    points=e.integer("points"),
                    elements=elements,
                    role=role,
                    note=e.text("note", ""),
                )
            )
        total = sum(x.points for x in entries)
        of = t.integer("of", total)
        if of != total:
            raise t.fail("of", f"the entries add up to {total}, not {of}")
        tables[kind] = PointsTable(
            kind=kind,
            entries=tuple(entries),
            needed=t.integer("needed"),
            of=of,
            source=t.text("source"),
            discretionary=t.flag("discretionary"),
            advisory=t.flag("advisory"),
            note=t.text("note", ""),
        )
    return tables


def parse_instrument(data: Mapping[str, Any], where: str = "<data>") -> Instrument:
    """An :class:`Instrument` from one decoded TOML document."""
    r = _Reader(data, where)
    a = r.table("applicability")
    if a is None:
        raise r.fail("applicability", "the [applicability] table is required")
    atype = a.text("type")
    if atype not in APPLICABILITY_TYPES:
        raise a.fail("type", f"unknown type {atype!r}; known: {', '.join(APPLICABILITY_TYPES)}")
    applicability = Applicability(
        type=atype,
        source=a.text("source"),
        min_party_coproducers=a.integer("min_party_coproducers", 2),
        country=a.country("country") if "country" in a.data else None,
        countries=a.countries("countries"),
        hub=a.country("hub") if "hub" in a.data else None,
        party_word=a.text("party_word", "party"),
    )
    kind = r.text("kind")
    if kind not in INSTRUMENT_KINDS:
        raise r.fail("kind", f"unknown kind {kind!r}; known: {', '.join(INSTRUMENT_KINDS)}")
    parties = []
    for n, item in enumerate(data.get("parties", [])):
        p = _Reader(item, f"{where} parties[{n}]")
        parties.append(
            Party(
                country=p.country("country"),
                joined=p.day("joined"),
                left=p.opt_day("left"),
                note=p.text("note", ""),
            )
        )
    shares = r.table("shares")
    mc = r.table("min_coproducers")
    rt = r.table("running_time")
    dl = r.table("deadline")
    au = r.table("authors")
    na = r.table("national")
    docs = r.table("documents")
    documents: tuple[str, ...] = ()
    if docs is not None:
        documents = tuple(str(x) for x in docs.data.get("items", ()))
        if not documents or any(x not in DOCUMENT_NAMES for x in documents):
            raise docs.fail(
                "items", f"a list of document names is required; known: {', '.join(DOCUMENT_NAMES)}"
            )
    authors = None
    if au is not None:
        elements = tuple(au.data.get("elements", ()))
        if not elements or any(x not in ELEMENT_NAMES for x in elements):
            raise au.fail(
                "elements", f"a list of element names is required; known: {', '.join(ELEMENT_NAMES)}"
            )
        max_foreign = au.percent("max_foreign")
        if max_foreign is None:
            raise au.fail("max_foreign", "required")
        authors = Authors(au.country("country"), elements, max_foreign, au.text("source"))
    inst = Instrument(
        id=r.text("id"),
        version=r.text("version", "1"),
        short=r.text("short"),
        title=r.text("title"),
        kind=kind,
        confers_status=r.flag("confers_status"),
        strength=r.integer("strength"),
        effective_from=r.day("effective_from"),
        effective_to=r.opt_day("effective_to"),
        source=r.text("source"),
        sources=tuple(str(s) for s in data.get("sources", ())),
        summary=" ".join(r.text("summary", "").split()),
        note=" ".join(r.text("note", "").split()),
        applicability=applicability,
        parties=tuple(parties),
        bilateral=_shares(shares.table("bilateral")) if shares else None,
        multilateral=_shares(shares.table("multilateral")) if shares else None,
        min_coproducers_multilateral=mc.integer("multilateral") if mc else None,
        min_coproducers_source=mc.text("source") if mc else "",
        finance_only=_window(r.table("finance_only")),
        non_party_cap=_window(r.table("non_party_cap")),
        confirmed=_window(r.table("confirmed")),
        confirmed_per_country=_confirmed_per(r.table("confirmed")),
        support=_support(r.table("support")),
        points=_points(r.table("points")),
        running_time_min=rt.integer("min") if rt else None,
        running_time_source=rt.text("source") if rt else "",
        deadline=(
            Deadline(
                dl.integer("months_before_shooting"), dl.text("authority", "the authority"), dl.text("source")
            )
            if dl
            else None
        ),
        authors=authors,
        national=(
            National(
                na.country("country"),
                tuple(str(x) for x in na.data.get("ratified_treaties", ())),
                na.text("source"),
            )
            if na
            else None
        ),
        superseded_by=r.opt_text("superseded_by"),
        yields_to_bilateral=r.flag("yields_to_bilateral"),
        documents=documents,
        documents_source=docs.text("source") if docs else "",
        path=where,
    )
    if atype == "parties" and not inst.parties:
        raise r.fail("parties", "an instrument that applies between parties needs a [[parties]] list")
    return inst


def read_instrument(path: Path | str) -> Instrument:
    """Read one rule file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RuleBookError(f"{path}: {exc}") from None
    return parse_instrument(data, str(path))


def _package_files() -> list[tuple[str, str]]:
    folder = resources.files("korkyt.treaties").joinpath("data/instruments")
    return sorted(
        (item.name, item.read_text(encoding="utf-8"))
        for item in folder.iterdir()
        if item.name.endswith(".toml")
    )


#: The order instruments are listed and evaluated in (files not named here follow, by id).
ORDER = ("cets-220", "ets-147", "eurimages", "tr-2019", "kz-2019", "it-tr-2006", "mou")


def build_rulebook(instruments: Iterable[Instrument]) -> RuleBook:
    """A rule book from instruments; ids must be unique."""
    seen: dict[str, Instrument] = {}
    for inst in instruments:
        if inst.id in seen:
            raise RuleBookError(f"{inst.path}: id {inst.id!r} is already defined in {seen[inst.id].path}")
        seen[inst.id] = inst
    ordered = sorted(seen.values(), key=lambda i: (ORDER.index(i.id) if i.id in ORDER else len(ORDER), i.id))
    return RuleBook(tuple(ordered))


def read_rulebook(extra: Iterable[Path | str] = ()) -> RuleBook:
    """Read the package's rule files (and every ``*.toml`` in the ``extra`` directories) afresh."""
    instruments = []
    for name, text in _package_files():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise RuleBookError(f"{name}: {exc}") from None
        instruments.append(parse_instrument(data, f"korkyt/treaties/data/instruments/{name}"))
    for folder in extra:
        for path in sorted(Path(folder).glob("*.toml")):
            instruments.append(read_instrument(path))
    return build_rulebook(instruments)


@cache
def load_rulebook() -> RuleBook:
    """The package's rule book, read once per process."""
    return read_rulebook()
