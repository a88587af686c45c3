"""Applying machine-readable changes to a project (see :class:`~korkyt.treaties.model.Change`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from ..errors import ProjectError
from ..model import Change, Elements, Money, Partner, Project, Role


def apply_changes(project: Project, changes: Iterable[Change]) -> Project:
    """The project with ``changes`` applied in order (see :class:`~korkyt.treaties.model.Change`)."""
    for ch in changes:
        project = _apply(project, ch)
    return project


def _apply(project: Project, ch: Change) -> Project:
    if ch.op == "change_contribution":
        assert ch.amount is not None
        partners = []
        for p in project.partners:
            if p.id == ch.target:
                if ch.currency not in (None, p.contribution.currency):
                    raise ProjectError(f"changes.{ch.target}", "the change must be in the partner's currency")
                amount = p.contribution.amount + ch.amount
                if amount < 0:
                    raise ProjectError(f"changes.{ch.target}", "the contribution would become negative")
                # Money added is not confirmed; money taken away leaves at most the rest confirmed.
                confirmed = None if p.confirmed is None else min(p.confirmed, amount)
                p = replace(p, contribution=Money(amount, p.contribution.currency), confirmed=confirmed)
            partners.append(p)
        if all(p.id != ch.target for p in project.partners):
            raise ProjectError(f"changes.{ch.target}", "no such partner")
        return replace(project, partners=tuple(partners))
    if ch.op == "set_element":
        countries = dict(project.elements.countries)
        countries[ch.target] = ch.country
        return replace(project, elements=Elements(countries, project.elements.roles))
    if ch.op == "set_role":
        roles = list(project.elements.roles)
        index = int(ch.target)
        roles[index] = replace(roles[index], country=ch.country)
        return replace(project, elements=Elements(project.elements.countries, tuple(roles)))
    if ch.op == "add_role":
        more = (*project.elements.roles, Role(ch.country, ch.days or 0))
        return replace(project, elements=Elements(project.elements.countries, more))
    if ch.op == "set":
        if ch.target == "runtime_min" and isinstance(ch.value, int):
            return replace(project, runtime_min=ch.value)
        if ch.target == "shooting_starts_on" and isinstance(ch.value, date):
            return replace(project, shooting_starts_on=ch.value)
        raise ProjectError(f"changes.{ch.target}", "cannot be set by a change")
    if ch.op == "add_partner":
        assert ch.country is not None and ch.amount is not None and ch.currency is not None
        partner = Partner(ch.target, ch.country, Money(ch.amount, ch.currency))
        return replace(project, partners=(*project.partners, partner))
    raise ProjectError("changes.op", f"unknown change {ch.op!r}")
