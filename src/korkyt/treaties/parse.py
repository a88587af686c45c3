"""The JSON project contract: decode, check and turn into a :class:`~korkyt.treaties.model.Project`.

Every problem is a :class:`~korkyt.treaties.errors.ProjectError` naming the field
(``partners[1].contribution.currency``) and the reason. Amounts and rates are decimal strings (JSON numbers
are accepted too and read as decimals, never as binary floats).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from korkyt.core.textcheck import SURROGATE, find_bad_text

from .countries import is_country
from .errors import ProjectError
from .model import CURRENCIES, ELEMENT_NAMES, KINDS, Elements, Money, Partner, Project, Role

#: Largest project file the CLI reads.
MAX_BYTES = 2_000_000
#: Bounds that keep the exact arithmetic small: amounts below 10^18, at most 6 decimal places;
#: rates below 10^12, at most 12 decimal places; at most 200 partners and 500 roles.
MAX_AMOUNT = Decimal(10) ** 18
MAX_RATE = Decimal(10) ** 12
MAX_PARTNERS = 200
MAX_ROLES = 500
#: Years a date of the project (and the evaluation date) may fall in, as in the web app's forms.
YEARS = (1900, 2199)
TOP_LEVEL = frozenset(
    {
        "kind",
        "runtime_min",
        "date",
        "currency",
        "rates",
        "partners",
        "elements",
        "shooting_starts_on",
        "applied_on",
        "instruments",
        "budget",
        "support",
        "female_director",
        "title",
        "$schema",
    }
)


def loads(text: str | bytes, *, known_instruments: tuple[str, ...] | None = None) -> Project:
    """Parse a project from JSON text."""
    if len(text) > MAX_BYTES:
        raise ProjectError("(file)", f"larger than {MAX_BYTES:,} bytes")
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ProjectError(
            "(file)", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except UnicodeDecodeError:
        raise ProjectError("(file)", "not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise ProjectError("(file)", f"invalid JSON: {exc}") from None
    return from_dict(data, known_instruments=known_instruments)


#: The forms the schema (data/project.schema.json) gives amounts and dates, in ASCII digits.
_DECIMAL = re.compile(r"\s*-?[0-9]+(\.[0-9]+)?\s*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _decimal(value: Any, field: str, *, what: str, limit: Decimal, places: int, positive: bool) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ProjectError(field, f'{what} must be a decimal string such as "1250000.00"')
    if isinstance(value, str) and not _DECIMAL.fullmatch(value):  # as the schema: not 1e5, 606_000 or ٦٠٦
        raise ProjectError(field, f'{what} {value!r} is not a number written like "1250000.00"')
    try:
        number = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, ValueError):
        raise ProjectError(field, f"{what} {value!r} is not a number") from None
    if not number.is_finite():
        raise ProjectError(field, f"{what} must be a finite number")
    if number < 0:
        raise ProjectError(field, f"{what} must not be negative")
    if positive and number == 0:
        raise ProjectError(field, f"{what} must be greater than zero")
    if number >= limit:
        raise ProjectError(field, f"{what} must be below {limit:,.0f}")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        raise ProjectError(field, f"{what} has more than {places} decimal places")
    return number


def parse_date(value: Any, field: str) -> date:
    """A date written YYYY-MM-DD (the schema's form) within :data:`YEARS`, else a ProjectError."""
    if not isinstance(value, str):
        raise ProjectError(field, "a date YYYY-MM-DD is required")
    try:
        if not _DATE.fullmatch(value):  # as the schema: not 20260301 or 2026-W09-7
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise ProjectError(field, f"{value!r} is not a date YYYY-MM-DD") from None
    check_year(day, field)
    return day


def check_year(day: date, field: str) -> date:
    """``day`` when its year is within :data:`YEARS`, else a :class:`ProjectError` naming ``field``."""
    low, high = YEARS
    if not low <= day.year <= high:
        raise ProjectError(field, f"{day.isoformat()}: give a year between {low} and {high}")
    return day


def _country(value: Any, field: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ProjectError(field, 'an ISO 3166-1 alpha-2 country code such as "KZ" is required')
    code = value.strip().upper()
    if not is_country(code):
        raise ProjectError(field, f"unknown country {value!r} (ISO 3166-1 alpha-2 codes such as KZ, TR, AZ)")
    return code


def _currency(value: Any, field: str) -> str:
    if not isinstance(value, str) or value.strip().upper() not in CURRENCIES:
        raise ProjectError(field, f"unknown currency {value!r}; known: {', '.join(CURRENCIES)}")
    return value.strip().upper()


def _object(value: Any, field: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ProjectError(field, "an object is required")
    return value


def _int(value: Any, field: str, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProjectError(field, "a whole number is required")
    if not low <= value <= high:
        raise ProjectError(field, f"must be between {low} and {high}")
    return value


def _refuse_surrogates(data: Any) -> None:
    """Refuse text holding a lone UTF-16 surrogate (a JSON escape such as ``"\\ud800"`` without its pair):
    it is not Unicode, and no report could be written with it. Names the field (``partners[0].id``)."""
    found = find_bad_text(data, frozenset({SURROGATE}))  # a NUL is text to these packages
    if found is not None:
        what = "a key holds" if found.in_key else "holds"
        raise ProjectError(
            found.where or "(project)", f"{what} a lone surrogate (U+D800 to U+DFFF), not valid text"
        )


def from_dict(data: Any, *, known_instruments: tuple[str, ...] | None = None) -> Project:
    """A :class:`Project` from decoded JSON (a dict), checked field by field."""
    _refuse_surrogates(data)
    data = _object(data, "(project)")
    for key in data:
        if key not in TOP_LEVEL:
            raise ProjectError(
                str(key), f"unknown field; known: {', '.join(sorted(TOP_LEVEL - {'$schema'}))}"
            )
    if not isinstance(data.get("title", ""), str):
        raise ProjectError("title", "must be text (free text, not evaluated)")
    for key in ("kind", "runtime_min", "date", "currency", "partners", "elements", "shooting_starts_on"):
        if key not in data:
            raise ProjectError(key, "required")
    kind = data["kind"]
    if kind not in KINDS:
        raise ProjectError("kind", f"must be one of {', '.join(KINDS)}, not {kind!r}")
    runtime = _int(data["runtime_min"], "runtime_min", low=1, high=10_000)
    on = parse_date(data["date"], "date")
    currency = _currency(data["currency"], "currency")

    rates: dict[str, Decimal] = {}
    for code, value in _object(data.get("rates", {}), "rates").items():
        field = f"rates.{code}"
        if not isinstance(code, str) or code.upper() not in CURRENCIES:
            raise ProjectError(field, f"unknown currency {code!r}; known: {', '.join(CURRENCIES)}")
        rate = _decimal(value, field, what="the rate", limit=MAX_RATE, places=12, positive=True)
        if code.upper() == currency and rate != 1:
            raise ProjectError(field, f"the rate of the project's own currency must be 1, not {rate}")
        rates[code.upper()] = rate

    raw_partners = data["partners"]
    if not isinstance(raw_partners, list) or not raw_partners:
        raise ProjectError("partners", "a non-empty list of co-producers is required")
    if len(raw_partners) > MAX_PARTNERS:
        raise ProjectError("partners", f"at most {MAX_PARTNERS} co-producers")
    partners: list[Partner] = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_partners):
        where = f"partners[{n}]"
        item = _object(raw, where)
        for key in item:
            if key not in ("id", "country", "contribution", "finance_only", "name"):
                raise ProjectError(
                    f"{where}.{key}", "unknown field; known: id, country, contribution, finance_only"
                )
        pid = item.get("id")
        if not isinstance(pid, str | int) or isinstance(pid, bool) or not str(pid).strip():
            raise ProjectError(f"{where}.id", "a non-empty id is required")
        pid = str(pid).strip()
        if len(pid) > 100:
            raise ProjectError(f"{where}.id", "at most 100 characters")
        if pid in seen:
            raise ProjectError(f"{where}.id", f"duplicate id {pid!r}")
        seen.add(pid)
        country = _country(item.get("country"), f"{where}.country")
        assert country is not None
        contribution = _object(item.get("contribution"), f"{where}.contribution")
        for key in contribution:
            if key not in ("amount", "currency", "confirmed"):
                raise ProjectError(
                    f"{where}.contribution.{key}", "unknown field; known: amount, currency, confirmed"
                )
        if "amount" not in contribution:
            raise ProjectError(f"{where}.contribution.amount", "required")
        amount = _decimal(
            contribution["amount"],
            f"{where}.contribution.amount",
            what="the amount",
            limit=MAX_AMOUNT,
            places=6,
            positive=False,
        )
        confirmed = None
        if contribution.get("confirmed") is not None:
            confirmed = _decimal(
                contribution["confirmed"],
                f"{where}.contribution.confirmed",
                what="the confirmed amount",
                limit=MAX_AMOUNT,
                places=6,
                positive=False,
            )
            if confirmed > amount:
                raise ProjectError(
                    f"{where}.contribution.confirmed", "the confirmed amount must not exceed the amount"
                )
        cur = _currency(contribution.get("currency"), f"{where}.contribution.currency")
        if cur != currency and cur not in rates:
            raise ProjectError(
                f"rates.{cur}", f"missing: {where} contributes in {cur}; give units of {cur} per 1 {currency}"
            )
        finance_only = item.get("finance_only", False)
        if not isinstance(finance_only, bool):
            raise ProjectError(f"{where}.finance_only", "true or false is required")
        partners.append(Partner(pid, country, Money(amount, cur), finance_only, confirmed))
    if all(p.contribution.amount == 0 for p in partners):
        raise ProjectError("partners", "every contribution is zero: the shares cannot be computed")

    raw_elements = _object(data["elements"], "elements")
    countries: dict[str, str | None] = {}
    roles: list[Role] = []
    for key, value in raw_elements.items():
        if key == "roles":
            if not isinstance(value, list):
                raise ProjectError("elements.roles", "a list of {country, days} is required")
            if len(value) > MAX_ROLES:
                raise ProjectError("elements.roles", f"at most {MAX_ROLES} roles")
            for n, raw in enumerate(value):
                where = f"elements.roles[{n}]"
                role = _object(raw, where)
                for rkey in role:
                    if rkey not in ("country", "days", "name"):
                        raise ProjectError(f"{where}.{rkey}", "unknown field; known: country, days")
                rc = _country(role.get("country"), f"{where}.country", optional=True)
                if "days" not in role:
                    raise ProjectError(f"{where}.days", "required")
                roles.append(Role(rc, _int(role["days"], f"{where}.days", low=0, high=10_000)))
        elif key in ELEMENT_NAMES:
            countries[key] = _country(value, f"elements.{key}", optional=True)
        else:
            raise ProjectError(
                f"elements.{key}", f"unknown element; known: {', '.join((*ELEMENT_NAMES, 'roles'))}"
            )

    budget = None
    if data.get("budget") is not None:
        budget = _decimal(
            data["budget"], "budget", what="the budget", limit=MAX_AMOUNT, places=6, positive=True
        )
    support = _support(data.get("support"), currency, rates, known_instruments)
    female_director = data.get("female_director")
    if female_director is not None and not isinstance(female_director, bool):
        raise ProjectError("female_director", "true, false or null is required")
    shooting = parse_date(data["shooting_starts_on"], "shooting_starts_on")
    applied = parse_date(data["applied_on"], "applied_on") if data.get("applied_on") is not None else None
    instruments: tuple[str, ...] | None = None
    if data.get("instruments") is not None:
        raw_ids = data["instruments"]
        if not isinstance(raw_ids, list) or not all(isinstance(x, str) for x in raw_ids):
            raise ProjectError("instruments", "a list of instrument ids is required")
        for n, x in enumerate(raw_ids):
            if known_instruments is not None and x not in known_instruments:
                raise ProjectError(
                    f"instruments[{n}]", f"unknown instrument {x!r}; known: {', '.join(known_instruments)}"
                )
        instruments = tuple(dict.fromkeys(raw_ids))
    return Project(
        kind=kind,
        runtime_min=runtime,
        date=on,
        currency=currency,
        rates=rates,
        partners=tuple(partners),
        elements=Elements(countries, tuple(roles)),
        shooting_starts_on=shooting,
        applied_on=applied,
        instruments=instruments,
        budget=budget,
        support=support,
        female_director=female_director,
    )


def _support(
    value: Any, currency: str, rates: Mapping[str, Decimal], known: tuple[str, ...] | None
) -> dict[str, Money]:
    """``{"eurimages": {"amount", "currency"}}``: the support asked of each fund."""
    if value is None:
        return {}
    raw = _object(value, "support")
    out: dict[str, Money] = {}
    for fund, item in raw.items():
        where = f"support.{fund}"
        if known is not None and fund not in known:
            raise ProjectError(where, f"unknown instrument {fund!r}; known: {', '.join(known)}")
        money = _object(item, where)
        for key in money:
            if key not in ("amount", "currency"):
                raise ProjectError(f"{where}.{key}", "unknown field; known: amount, currency")
        if "amount" not in money:
            raise ProjectError(f"{where}.amount", "required")
        amount = _decimal(
            money["amount"], f"{where}.amount", what="the support", limit=MAX_AMOUNT, places=6, positive=False
        )
        cur = _currency(money.get("currency"), f"{where}.currency")
        if cur != currency and cur not in rates:
            raise ProjectError(
                f"rates.{cur}", f"missing: {where} is asked in {cur}; give units of {cur} per 1 {currency}"
            )
        out[fund] = Money(amount, cur)
    return out


def to_dict(project: Project) -> dict[str, Any]:
    """The project back as JSON-ready data (the input contract)."""
    elements: dict[str, Any] = {k: project.elements.get(k) for k in ELEMENT_NAMES}
    elements["roles"] = [{"country": r.country, "days": r.days} for r in project.elements.roles]
    data: dict[str, Any] = {
        "kind": project.kind,
        "runtime_min": project.runtime_min,
        "date": project.date.isoformat(),
        "currency": project.currency,
        "rates": {k: str(v) for k, v in project.rates.items()},
        "partners": [
            {
                "id": p.id,
                "country": p.country,
                "contribution": _contribution(p),
                "finance_only": p.finance_only,
            }
            for p in project.partners
        ],
        "elements": elements,
        "shooting_starts_on": project.shooting_starts_on.isoformat(),
    }
    if project.applied_on is not None:
        data["applied_on"] = project.applied_on.isoformat()
    if project.instruments is not None:
        data["instruments"] = list(project.instruments)
    if project.budget is not None:
        data["budget"] = str(project.budget)
    if project.support:
        data["support"] = {
            k: {"amount": str(m.amount), "currency": m.currency} for k, m in project.support.items()
        }
    if project.female_director is not None:
        data["female_director"] = project.female_director
    return data


def _contribution(p: Partner) -> dict[str, str]:
    out = {"amount": str(p.contribution.amount), "currency": p.contribution.currency}
    if p.confirmed is not None:
        out["confirmed"] = str(p.confirmed)
    return out
