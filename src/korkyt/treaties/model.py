"""The project and the verdicts: frozen dataclasses shared by the engine, the CLI and the coproduction app.

Money is :class:`~decimal.Decimal` everywhere in this API. Inside the engine amounts and shares are exact
fractions (``fractions.Fraction``), so a limit is met or missed exactly and no rounding happens before
display. A share is a percentage of the total in the project's ``currency``; each contribution is converted
with the rate written in the project (units of that currency per one unit of the project's currency).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from .messages import Msg

Kind = Literal["fiction", "documentary", "animation"]
KINDS: tuple[Kind, ...] = ("fiction", "documentary", "animation")

#: Currencies a contribution may be written in.
CURRENCIES: tuple[str, ...] = ("KZT", "TRY", "UZS", "AZN", "KGS", "TMT", "EUR", "USD", "RUB")

#: The key creative and technical elements; each holds the ISO 3166-1 alpha-2 code of the country the
#: person (or place) comes from, or None when not known or not applicable.
ELEMENT_NAMES: tuple[str, ...] = (
    "director",
    "scriptwriter",
    "composer",
    "director_of_photography",
    "sound",
    "editor",
    "production_designer",
    "costume_designer",
    "shooting_location",
    "vfx_location",
    "post_production_location",
)

#: Documents an instrument's application may ask for (the ``[documents]`` table of a rule file).
DOCUMENT_NAMES: tuple[str, ...] = (
    "synopsis",
    "treatment",
    "script",
    "contract",
    "rights",
    "cast_and_crew",
    "budget",
    "financing_plan",
    "schedule",
)


@dataclass(frozen=True)
class Money:
    """An amount in a currency (ISO 4217)."""

    amount: Decimal
    currency: str


@dataclass(frozen=True)
class Partner:
    """A co-producer: its id (unique in the project), country and contribution."""

    id: str
    country: str
    contribution: Money
    finance_only: bool = False
    #: How much of the contribution is confirmed (signed, awarded), in the contribution's currency;
    #: None when not known.
    confirmed: Decimal | None = None


@dataclass(frozen=True)
class Role:
    """A performing role: the performer's country and the days worked (roles are ranked by days)."""

    country: str | None
    days: int


@dataclass(frozen=True)
class Elements:
    """Who does the key jobs and where the work happens: a country code per element (None: unknown)."""

    countries: Mapping[str, str | None] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()

    def get(self, name: str) -> str | None:
        return self.countries.get(name)

    def ranked_roles(self) -> list[tuple[int, Role]]:
        """(input index, role) ordered by days worked, most first; ties keep input order."""
        return sorted(enumerate(self.roles), key=lambda item: -item[1].days)


@dataclass(frozen=True)
class Project:
    """A co-production as the engine sees it (the JSON input, parsed and checked)."""

    kind: Kind
    runtime_min: int
    date: dt.date
    currency: str
    rates: Mapping[str, Decimal]
    partners: tuple[Partner, ...]
    elements: Elements
    shooting_starts_on: dt.date
    applied_on: dt.date | None = None
    instruments: tuple[str, ...] | None = None
    #: The production budget in the project's currency (None: the sum of the contributions is used).
    budget: Decimal | None = None
    #: Support asked of a fund, by the fund's instrument id (``eurimages``); checked against its caps.
    support: Mapping[str, Money] = field(default_factory=dict)
    #: Whether one or more of the directors attached is a woman (None: not said); Eurimages' cap on its
    #: support is higher then.
    female_director: bool | None = None

    def rate(self, currency: str) -> Decimal:
        """Units of ``currency`` per one unit of the project's currency (1 for the project's own)."""
        if currency == self.currency:
            return self.rates.get(currency, Decimal(1))
        return self.rates[currency]

    def partner(self, partner_id: str) -> Partner:
        for p in self.partners:
            if p.id == partner_id:
                return p
        raise KeyError(partner_id)


# --- results ---------------------------------------------------------------------------------------------

#: A check's figure: a percentage or an amount (Decimal), a count or minutes (int), a date, or nothing.
Figure = Decimal | int | date | None


@dataclass(frozen=True)
class Check:
    """One rule applied to one subject (a partner id, ``"total"``, ``"project"``, a points table ...).

    ``value`` is the project's figure, ``min``/``max`` the limits (None: no limit on that side),
    ``source`` the article or text the limit comes from. ``discretionary`` marks a failure the competent
    authorities may still accept (points below the threshold, a share in a treaty's approval window).
    ``pending`` marks a check that cannot be decided yet because the project lacks what it needs (authors
    whose country is not known, financing whose confirmation is not known): ``ok`` is False, but nothing
    has failed.
    """

    rule: str
    subject: str
    value: Figure
    min: Figure
    max: Figure
    ok: bool
    source: str
    message: str = ""
    discretionary: bool = False
    texts: tuple[Msg, ...] = ()  # the message as codes and parameters (korkyt.treaties.messages)
    pending: bool = False


@dataclass(frozen=True)
class Points:
    """Appendix II points: how many the project scores of how many, and how many are needed."""

    table: str
    scored: int
    of: int
    needed: int
    discretionary: bool = False  # below the threshold, but the authorities may still grant status
    advisory: bool = False  # guidance only: the score does not decide eligibility
    scored_by: tuple[str, ...] = ()  # labels of the entries that scored
    missing: tuple[str, ...] = ()  # labels of the entries that did not


ChangeOp = Literal["change_contribution", "set_element", "set_role", "add_role", "set", "add_partner"]


@dataclass(frozen=True)
class Change:
    """One machine-applicable edit of a project (see :func:`korkyt.treaties.apply_changes`).

    - ``change_contribution``: add ``amount`` (negative to lower) to partner ``target``'s contribution,
      in ``currency`` (the partner's own);
    - ``set_element``: set element ``target`` to ``country``;
    - ``set_role``: set the country of the role at input index ``target`` (a decimal string);
    - ``add_role``: append a role from ``country`` with ``days`` days worked;
    - ``set``: set project field ``target`` (``runtime_min``, ``shooting_starts_on``) to ``value``;
    - ``add_partner``: add partner ``target`` from ``country`` contributing ``amount`` in ``currency``.
    """

    op: ChangeOp
    target: str
    country: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    days: int | None = None
    value: int | date | None = None


@dataclass(frozen=True)
class Broken:
    """A check that passed before a piece of advice is applied and fails (or disappears) after it."""

    instrument: str
    rule: str
    subject: str
    message: str
    texts: tuple[Msg, ...] = ()


@dataclass(frozen=True)
class Advice:
    """The smallest change found that makes one failed check pass.

    ``changes`` are applied together; ``actionable`` is False when no change to the project can pass the
    check (e.g. a treaty that does not exist), and then ``changes`` is empty. ``breaks`` lists the checks
    (of any instrument) that applying ``changes`` would make fail; the message says so too.
    """

    instrument: str
    rule: str
    subject: str
    message: str
    changes: tuple[Change, ...] = ()
    actionable: bool = True
    breaks: tuple[Broken, ...] = ()
    texts: tuple[Msg, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """One instrument's answer for the project.

    ``pending``: no check fails but some cannot be decided yet, so the project is not (yet) ``eligible``.
    """

    id: str
    applies: bool
    reason: str
    eligible: bool
    checks: tuple[Check, ...] = ()
    points: Points | None = None
    advice: tuple[Advice, ...] = ()
    why: tuple[Msg, ...] = ()  # ``reason`` as codes and parameters
    pending: bool = False


@dataclass(frozen=True)
class Evaluation:
    """Every instrument's verdict for a project at a date.

    ``shares`` are exact percentages (Decimal with the context's precision; rounded only for display),
    ``total`` the sum of contributions in ``currency``, ``basis`` the strongest applicable instrument
    that confers status and that the project satisfies (None when there is none).
    """

    on: date
    currency: str
    total: Decimal
    shares: Mapping[str, Decimal]
    verdicts: tuple[Verdict, ...]
    basis: str | None

    def verdict(self, instrument_id: str) -> Verdict:
        for v in self.verdicts:
            if v.id == instrument_id:
                return v
        raise KeyError(instrument_id)
