"""The engine's reasons, checks and advice in the viewer's language.

``korkyt.treaties`` gives every message as stable codes with typed parameters
(:mod:`korkyt.treaties.messages`); this module holds one translatable template per code and shows the
parameters the local way: percentages and amounts with the locale's separators, countries by their
translated names, jobs by the element labels, partner ids by the partners' names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from korkyt.coproduction.models import ElementJob, ProjectKind
from korkyt.core.dates import format_day
from korkyt.core.numbers import percent
from korkyt.core.translations import Text
from korkyt.treaties.fmt import shown_figure
from korkyt.treaties.messages import CODES, Amount, Countries, Jobs, Msg, Pct
from korkyt.treaties.model import Check

TEMPLATES: dict[str, Promise] = {
    "reason.not_yet_in_force": _("%(short)s does not apply: not in force on %(on)s (from %(since)s)"),
    "reason.no_longer_in_force": _(
        "%(short)s does not apply: no longer in force on %(on)s (until %(until)s)"
    ),
    "reason.not_parties": _("%(short)s does not apply: not parties to it: %(countries)s"),
    "reason.not_members": _("%(short)s does not apply: not members: %(countries)s"),
    "reason.too_few_parties": _(
        "%(short)s does not apply: it needs co-producers from at least %(needed)s parties"
    ),
    "reason.too_few_members": _(
        "%(short)s does not apply: it needs co-producers from at least %(needed)s members"
    ),
    "reason.joins_later": _("%(country)s only from %(since)s"),
    "reason.only_parties": _("parties among the co-producers: %(countries)s"),
    "reason.only_members": _("members among the co-producers: %(countries)s"),
    "reason.superseded": _("%(short)s does not apply: between %(countries)s it is replaced by %(newer)s"),
    "reason.yields_to_bilateral": _(
        "%(short)s does not apply: it governs bilateral co-productions only where no bilateral agreement "
        "exists, and %(treaty)s applies"
    ),
    "reason.applies_parties": _(
        "%(short)s applies: parties among the co-producers: %(countries)s (%(shape)s co-production)"
    ),
    "reason.applies_members": _(
        "%(short)s applies: members among the co-producers: %(countries)s (%(shape)s co-production)"
    ),
    "reason.others_not": _("not covered: %(countries)s"),
    "reason.no_coproducer_from": _("%(short)s does not apply: no co-producer from %(countries)s"),
    "reason.applies_producer": _("%(short)s applies: a producer from %(countries)s (%(partners)s)"),
    "reason.no_foreign": _("%(short)s does not apply: no foreign co-producer"),
    "reason.applies_with_foreign": _(
        "%(short)s applies: a co-producer from %(country)s with producers from %(countries)s"
    ),
    "reason.pair_not_covered": _(
        "%(short)s does not apply: it covers co-productions between %(pair)s only; not covered: %(countries)s"
    ),
    "reason.applies_pair": _("%(short)s applies: a co-production between %(countries)s"),
    "reason.memo_no_hub": _(
        "%(short)s does not apply: no co-producer from %(country)s, which signed each memorandum"
    ),
    "reason.memo_no_partner": _(
        "%(short)s does not apply: no co-producer from a country that signed a memorandum with %(country)s"
    ),
    "reason.memo_applies": _(
        "%(short)s applies: memoranda of %(country)s with %(countries)s; a memorandum confers no "
        "co-production status"
    ),
    "reason.eligible": _("every condition is met"),
    "reason.not_eligible": _("not eligible: see the failed checks"),
    "reason.pending": _("not yet decidable: see the pending checks"),
    "reason.points_guidance": _("Appendix II points are guidance only for %(table)s (%(scored)s of %(of)s)"),
    "check.finance_only": _("%(partner)s (%(country)s), finance only: %(value)s; window %(min)s–%(max)s"),
    "check.share": _("%(partner)s (%(country)s): %(value)s (%(shape)s: %(min)s–%(max)s)"),
    "check.share_eur_unknown": _(
        "the budget in EUR is unknown without a EUR rate: the %(max)s limit is used"
    ),
    "check.share_over_budget": _("budget over %(budget)s"),
    "check.share_discretionary": _("from %(min)s with both authorities' approval"),
    "check.non_party_cap": _(
        "co-producers from non-party states together: %(value)s (at most %(max)s): %(partners)s"
    ),
    "check.coproducers_min": _(
        "party states among the co-producers: %(count)s (a multilateral co-production needs %(needed)s)"
    ),
    "check.points": _("Appendix II (%(table)s): %(scored)s of %(of)s points, %(needed)s needed"),
    "check.points_discretionary": _(
        "below threshold: discretionary (the authorities may still grant status)"
    ),
    "check.running_time": _("running time %(value)s min (at least %(min)s)"),
    "check.deadline_applied": _(
        "applied on %(applied)s; the deadline was %(latest)s (%(months)s months before shooting starts on "
        "%(start)s)"
    ),
    "check.deadline_pending": _(
        "not applied yet; apply to %(authority)s by %(latest)s (%(months)s months before shooting starts on "
        "%(start)s)"
    ),
    "check.producers_none": _("no foreign co-producer"),
    "check.producers_covered": _(
        "foreign co-producers: %(count)s, from %(countries)s; a ratified treaty covers them"
    ),
    "check.producers_uncovered": _(
        "foreign co-producers: %(count)s, from %(countries)s; no treaty ratified by %(country)s covers them"
    ),
    "check.authors": _("foreign authors: %(foreign)s of %(filled)s (%(value)s, at most %(max)s): %(jobs)s"),
    "check.authors_unknown": _("not decidable until the country is known of: %(jobs)s"),
    "check.confirmed": _("financing confirmed: %(value)s (at least %(min)s)"),
    "check.confirmed_unknown": _(
        "financing confirmed: %(value)s (at least %(min)s); not decidable until it is known how much is "
        "confirmed of: %(partners)s"
    ),
    "check.confirmed_country": _("financing confirmed in %(country)s: %(value)s (at least %(min)s)"),
    "check.confirmed_country_unknown": _(
        "financing confirmed in %(country)s: %(value)s (at least %(min)s); not decidable until it is known "
        "how much is confirmed of: %(partners)s"
    ),
    "check.support_amount": _("%(fund)s support asked: %(value)s (at most %(max)s)"),
    "check.support_amount_eur_unknown": _(
        "%(fund)s support asked: %(value)s; not decidable without a EUR rate (at most %(max)s)"
    ),
    "check.support_share": _("%(fund)s support: %(value)s of the production cost (at most %(max)s)"),
    "check.support_share_female": _(
        "%(fund)s support: %(value)s of the production cost (at most %(max)s with a female director)"
    ),
    "check.support_share_unknown": _(
        "%(fund)s support: %(value)s of the production cost (at most %(max)s, %(higher)s with a female "
        "director); not decidable until it is known whether a female director is attached"
    ),
    "advice.share_others_zero": _(
        "the share of %(partner)s (%(country)s) is %(value)s: the other partners contribute nothing; raise "
        "their contributions"
    ),
    "advice.share_raise": _(
        "raise the share of %(partner)s (%(country)s) from %(value)s to %(target)s: + %(amount)s"
    ),
    "advice.share_lower": _(
        "lower the share of %(partner)s (%(country)s) from %(value)s to %(target)s: − %(amount)s"
    ),
    "advice.or_lower_others": _("or lower the other partners' contributions by %(amount)s"),
    "advice.or_raise_others": _("or raise the other partners' contributions by %(amount)s"),
    "advice.within_window": _("the share is already within the window the authorities may approve"),
    "advice.non_party": _("bring the non-party co-producers together from %(value)s to %(max)s: %(moves)s"),
    "advice.or_raise_party": _("or raise the party partners' contributions by %(amount)s"),
    "advice.coproducers_too_few": _(
        "co-producers from party states missing: %(missing)s; the rule book lists too few parties"
    ),
    "advice.coproducers_add": _(
        "co-producers from party states missing: %(missing)s (e.g. %(countries)s), each bringing at least "
        "%(share)s: %(amount)s"
    ),
    "advice.points_no_party": _("no co-producer is from a party state"),
    "advice.points_discretionary": _(
        "below threshold: discretionary (%(scored)s of %(needed)s points: the authorities may still grant "
        "status after consultation); to pass outright:"
    ),
    "advice.points": _(
        "points missing: %(missing)s; give these jobs to people or places from a party state "
        "(%(countries)s): %(jobs)s: + %(gain)s points"
    ),
    "advice.running_time": _("the film must run at least %(min)s minutes (now %(now)s): + %(missing)s min"),
    "advice.deadline_applied": _(
        "the application was made past the deadline (%(deadline)s): move the start of shooting to %(start)s "
        "or later"
    ),
    "advice.deadline_pending": _(
        "it is past the deadline (%(deadline)s): move the start of shooting to %(start)s or later"
    ),
    "advice.producers": _(
        "%(country)s treats a co-production as a national film only under an international treaty it has "
        "ratified, and none covering %(countries)s is recorded: no change to the project passes this; with "
        "producers from %(country)s only, the film could qualify"
    ),
    "advice.authors": _(
        "foreign authors: %(foreign)s of %(filled)s (%(value)s, at most %(max)s): give these jobs to people "
        "from %(country)s: %(jobs)s"
    ),
    "advice.invalid": _("this change cannot be applied: %(error)s"),
    "advice.breaks": _("this makes other checks fail: %(count)s"),
    "broken.no_longer_applies": _("%(instrument)s would no longer apply"),
    "broken.check": _("%(instrument)s:"),
}

#: The check names (the engine's ``rule``).
RULES: dict[str, Promise] = {
    "share": _("Share of a co-producer"),
    "finance_only": _("Finance-only share"),
    "non_party_cap": _("Non-party co-producers together"),
    "coproducers.min": _("Party states among the co-producers"),
    "points": _("Appendix II points"),
    "running_time": _("Running time"),
    "deadline": _("Application deadline"),
    "producers": _("Foreign co-producers"),
    "authors.foreign": _("Foreign authors"),
    "financing.confirmed": _("Confirmed financing"),
    "support.amount": _("Support asked"),
    "support.share": _("Support as a share of the cost"),
}

_SHAPES: dict[str, Promise] = {"bilateral": _("bilateral"), "multilateral": _("multilateral")}
_PERCENT_RULES = {
    "share",
    "finance_only",
    "non_party_cap",
    "authors.foreign",
    "financing.confirmed",
    "support.share",
}
#: Words of the rule data (korkyt.treaties, in English) that the messages put into a sentence: an
#: instrument's short name and an authority's name. Other short names are codes (CETS 220, TR 2019).
_DATA_WORDS: dict[str, Promise] = {
    "Memorandum": pgettext_lazy("instrument's short name", "Memorandum"),
    "the General Directorate of Cinema": _("the General Directorate of Cinema"),
}

#: The instruments' titles (the rule data's ``title``, in English) in the reader's language; an instrument
#: added later without one here keeps its English title, marked as English.
TITLES: dict[str, Promise] = {
    "cets-220": _("Council of Europe Convention on Cinematographic Co-Production (revised)"),
    "ets-147": _("European Convention on Cinematographic Co-Production"),
    "eurimages": _("Eurimages co-production support: eligibility conditions"),
    "it-tr-2006": _("Agreement between Italy and Türkiye on cinematographic co-production (2006)"),
    "kz-2019": _('Kazakhstan: Law "On Cinematography" No. 212-VI (national film)'),
    "mou": _("Memoranda of cooperation (Aktau, October 2025)"),
    "tr-2019": _("Türkiye: Regulation on Film Shooting Permits and Co-Productions (2019)"),
}

assert set(TEMPLATES) == set(CODES), set(CODES) ^ set(TEMPLATES)


def instrument_title(instrument: Any) -> Text:
    """An instrument's title in the reader's language, marked with the language it is written in."""
    words = TITLES.get(instrument.id)
    language = get_language() or "en"
    if words is None or (str(words) == instrument.title and not language.startswith("en")):
        return Text(instrument.title, "en")
    return Text(str(words), language)


def _number(value: Decimal, places: int = 2) -> str:
    d = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    d = d.quantize(Decimal(1)) if d == d.to_integral_value() else Decimal(f"{d:f}".rstrip("0"))
    # Grouped by thousands in every language (some locales define no grouping; 1165132 is hard to read).
    return numberformat.format(
        d,
        str(get_format("DECIMAL_SEPARATOR")),
        grouping=3,
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")) or "\u00a0",
        force_grouping=True,
        use_l10n=True,
    )


def _names(codes: Iterable[str]) -> str:
    return ", ".join(str(countries.name(c) or c) for c in codes)


def _job(name: str) -> str:
    if name.startswith("role:"):
        return gettext("performing role no. %(n)s (by days worked)") % {"n": name.split(":", 1)[1]}
    try:
        return str(ElementJob(name).label)
    except ValueError:
        return name


def _param(name: str, value: Any, partners: Mapping[str, str]) -> str:
    if isinstance(value, Pct):
        return percent(value.value)
    if isinstance(value, Amount):
        return f"{_number(value.value)} {value.currency}"
    if isinstance(value, Countries):
        return _names(value.codes)
    if isinstance(value, Jobs):
        return ", ".join(_job(n) for n in value.names)
    if isinstance(value, dt.date):
        return format_day(value)
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, str) and value in _DATA_WORDS:
        return str(_DATA_WORDS[value])
    if name == "shape":
        return str(_SHAPES.get(value, value))
    if name == "table":
        try:
            return str(ProjectKind(value).label)
        except ValueError:
            return str(value)
    if name == "partner":
        return partners.get(value, value)
    if name == "partners" and isinstance(value, str):
        return ", ".join(partners.get(p, p) for p in value.split(", "))
    return str(value)


def render_one(m: Msg, partners: Mapping[str, str] | None = None) -> str:
    params = {k: _param(k, v, partners or {}) for k, v in m.params}
    return str(TEMPLATES[m.code]) % params


def render(texts: Iterable[Msg], partners: Mapping[str, str] | None = None) -> str:
    """The pieces of one message in the active language, joined the way the engine joins them."""
    out = ""
    for m in texts:
        piece = render_one(m, partners)
        out += piece if not out else (" " if out.endswith(":") else "; ") + piece
    return out


def render_html(texts: Iterable[Msg], partners: Mapping[str, Text]) -> SafeString:
    """:func:`render` as HTML: each partner's name in its language (``<span lang>``), the rest escaped."""
    names = {k: format_html('<span lang="{}">{}</span>', t.lang, t.text) for k, t in partners.items()}
    out = ""
    for m in texts:
        params = {}
        for k, v in m.params:
            if k == "partners" and isinstance(v, str):
                params[k] = ", ".join(conditional_escape(names.get(p, p)) for p in v.split(", "))
            else:
                params[k] = conditional_escape(_param(k, v, names))
        piece = conditional_escape(str(TEMPLATES[m.code])) % params
        out += piece if not out else (" " if out.endswith(":") else "; ") + piece
    return mark_safe(out)  # noqa: S308  (the template and every parameter escaped above)


def subject_html(rule: str, subject: str, partners: Mapping[str, Text]) -> SafeString:
    """:func:`subject_name` as HTML, the partner's name in its language."""
    names = {k: format_html('<span lang="{}">{}</span>', t.lang, t.text) for k, t in partners.items()}
    return conditional_escape(subject_name(rule, subject, names))


def rule_name(rule: str) -> str:
    return str(RULES.get(rule, rule))


def subject_name(rule: str, subject: str, partners: Mapping[str, str]) -> str:
    """The partner a check is about, or the kind of film for points; other subjects need no name."""
    if rule in ("share", "finance_only"):
        return partners.get(subject, subject)
    if rule == "points":
        return _param("table", subject, partners)
    if rule == "financing.confirmed" and subject != "financing":  # checked per country: its code
        return _names((subject,))
    return ""


def limits(rule: str, low: Any, high: Any) -> str:
    """'5%–80%', '≥ 70', '≤ 1 April 2026' (in the active language), or '' when there is no limit."""
    lo, hi = figure(rule, low), figure(rule, high)
    if lo and hi:
        return f"{lo}–{hi}"
    if lo:
        return f"≥ {lo}"
    return f"≤ {hi}" if hi else ""


def check_value(c: Check) -> str:
    """A check's figure beside its limits: a failing one is rounded away from the limit it misses."""
    return figure(c.rule, shown_figure(c.value, c.min, c.max))


def figure(rule: str, value: Any) -> str:
    """A check's figure or limit, the local way ('' when there is none)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_day(value)
    if rule in _PERCENT_RULES and isinstance(value, Decimal | int):
        return percent(value)
    if rule == "support.amount" and isinstance(value, Decimal):
        return f"{_number(value)} EUR"
    if isinstance(value, Decimal):
        return _number(value)
    return str(value)
