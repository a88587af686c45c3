"""Advice on the film itself: its running time, the application deadline and its authors."""

from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

from ..countries import adjective
from ..engine import HUNDRED, earliest_shooting
from ..fmt import figure, shown_value
from ..messages import Countries, Jobs, Pct, msg
from ..model import Advice, Change, Check, Project
from ..rules import Instrument, RuleBook
from ._common import _d, _join

#: Authors are made local in this order when too many are foreign (the least central first).
_AUTHOR_ORDER = ("composer", "production_designer", "director_of_photography", "scriptwriter", "director")


def _advise_running_time(
    project: Project, inst: Instrument, check: Check, on: date, book: RuleBook
) -> Advice:
    assert isinstance(check.min, int)
    change = Change("set", "runtime_min", value=check.min)
    missing = check.min - project.runtime_min
    message = f"the film must run at least {check.min} minutes (now {project.runtime_min}): + {missing} min"
    m = msg("advice.running_time", min=check.min, now=project.runtime_min, missing=missing)
    return Advice(inst.id, check.rule, check.subject, message, (change,), texts=(m,))


def _advise_deadline(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    assert inst.deadline is not None and isinstance(check.value, date)
    start = earliest_shooting(check.value, inst.deadline.months_before_shooting)
    change = Change("set", "shooting_starts_on", value=start)
    applied = "the application was made" if project.applied_on else "it is"
    message = (
        f"{applied} past the deadline ({figure(check.max)}): move the start of shooting to "
        f"{start.isoformat()} or later"
    )
    code = "advice.deadline_applied" if project.applied_on else "advice.deadline_pending"
    m = msg(code, deadline=check.max, start=start)
    return Advice(inst.id, check.rule, check.subject, message, (change,), texts=(m,))


def _advise_authors(project: Project, inst: Instrument, check: Check, on: date, book: RuleBook) -> Advice:
    au = inst.authors
    assert au is not None and au.max_foreign is not None
    filled = [e for e in au.elements if project.elements.get(e) is not None]
    foreign = [e for e in filled if project.elements.get(e) != au.country]
    unknown = [e for e in au.elements if project.elements.get(e) is None]
    # An author whose country is not known may be foreign: the check passes only when it would still pass
    # with every such author foreign, so the known foreign ones are made local first, then unknown ones.
    allowed = math.floor(Fraction(au.max_foreign) * (len(filled) + len(unknown)) / HUNDRED)
    k = len(foreign) + len(unknown) - allowed
    order = [e for e in _AUTHOR_ORDER if e in foreign] + [e for e in foreign if e not in _AUTHOR_ORDER]
    order += [e for e in _AUTHOR_ORDER if e in unknown] + [e for e in unknown if e not in _AUTHOR_ORDER]
    flip = order[:k]
    changes = tuple(Change("set_element", e, country=au.country) for e in flip)
    now = shown_value(_d(check.value), None, au.max_foreign)
    message = (
        f"{len(foreign)} of {len(filled)} authors are foreign ({figure(now)} %, at most "
        f"{figure(check.max)} %): make the {_join([e.replace('_', ' ') for e in flip])} "
        f"{adjective(au.country)}"
    )
    m = msg(
        "advice.authors",
        foreign=len(foreign),
        filled=len(filled),
        value=Pct(now),
        max=Pct(au.max_foreign),
        jobs=Jobs(tuple(flip)),
        country=Countries((au.country,)),
    )
    return Advice(inst.id, check.rule, check.subject, message, changes, texts=(m,))
