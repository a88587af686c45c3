"""Editions, their sections and rules, and the call for entries."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.core.actors import Actor
from korkyt.core.audit import audit_log
from korkyt.core.dates import format_day
from korkyt.core.timezones import country_time_zone, wall_time, zone
from korkyt.core.validation import (
    Errors,
    add_error,
    clean_tag,
    clean_texts,
    full_clean_into,
    raise_errors,
    require_perm,
)
from korkyt.festival.models import (
    Call,
    Criterion,
    CriterionLabel,
    Deadline,
    DeadlineTier,
    Edition,
    Premiere,
    Section,
    SectionKind,
    WaiverCode,
)
from korkyt.festival.services.texts import EDITION_NOTES_MAX, check_length


def zone_of(time_zone: str, country: str) -> str:
    """The time zone given, else the host country's festival city's."""
    return time_zone.strip() or country_time_zone(country)


def first_moment(starts_on: dt.date, time_zone: str) -> dt.datetime | None:
    """The festival's first day's midnight in its time zone (None for an unknown zone: the field's own
    check names it)."""
    tz = zone(time_zone)
    return None if tz is None else timezone.make_aware(dt.datetime.combine(starts_on, dt.time()), tz)


def check_edition_dates(
    *,
    edition: Edition | None,
    starts_on: dt.date,
    ends_on: dt.date,
    results_at: dt.datetime | None,
    time_zone: str,
    errors: Errors,
) -> None:
    """The edition's dates in their order: the last day not before the first, the call for entries closed
    before the festival starts, the results announced once the call has opened (without a call, from the
    festival's first day on)."""
    if ends_on < starts_on:
        add_error(errors, "ends_on", _("The last day comes after the first."))
    if results_at is not None and timezone.is_naive(results_at):
        add_error(errors, "results_at", _("Give times with their time zone."))
        return
    first = first_moment(starts_on, time_zone)
    tz = zone(time_zone)
    if first is None or tz is None:
        return
    call = Call.objects.filter(edition=edition).first() if edition is not None and edition.pk else None
    if results_at is not None and call is not None:
        # Announced once there is something to judge: after the call opens (a team may announce its
        # awards at any time from then on, during the festival as a rule).
        if results_at < call.opens_at:
            add_error(
                errors,
                "results_at",
                _("The results cannot be announced before the call for entries opens (%(when)s).")
                % {"when": wall_time(call.opens_at, tz)},
            )
    elif results_at is not None and results_at < first:
        add_error(
            errors,
            "results_at",
            _("The results are announced during or after the festival: not before its first day (%(day)s).")
            % {"day": format_day(starts_on)},
        )
    last = (
        Deadline.objects.filter(call__edition=edition).order_by("-closes_at").first()
        if edition is not None and edition.pk
        else None
    )
    if last is not None and last.closes_at >= first:
        add_error(
            errors,
            "starts_on",
            _(
                "The call for entries closes on %(when)s: the festival's first day comes after it. Move the "
                "deadlines first."
            )
            % {"when": wall_time(last.closes_at, tz)},
        )


@dataclass
class CriterionData:
    """A line of a review form. ``labels``: its label by language tag (``{"en": "Story", "ru": "Сюжет"}``),
    at least one."""

    code: str
    labels: Mapping[str, str]
    weight: Decimal | float = 1
    max_score: int = 10


def check_criteria(criteria: Sequence[CriterionData], errors: Errors) -> list[dict[str, str]]:
    """Refuse a review form with a code twice, a line without a label or with a weight or highest score out
    of range; the labels of each line by the registry's tag ("kk" → "kk-Cyrl"), blanks left out."""
    codes = [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        add_error(errors, "criteria", _("Each criterion needs its own code."))
    labels = []
    for i, c in enumerate(criteria):
        texts = clean_texts(
            c.labels,
            f"criteria[{i}].labels",
            errors,
            max_length=200,
            too_long=_("A label is at most 200 characters."),
        )
        if not texts:
            add_error(errors, "criteria", _("Give each criterion a label."))
        labels.append(texts)
        if not 0 < float(c.weight) <= 99:
            add_error(errors, "criteria", _("A weight is above zero and below 100."))
        if not 1 <= int(c.max_score) <= 100:
            add_error(errors, "criteria", _("The highest score is from 1 to 100."))
    return labels


def criterion_write(
    section: Section, data: CriterionData, labels: Mapping[str, str], position: int
) -> Criterion:
    """Add or change the section's line ``data.code`` with its ``labels`` (those of other languages go)."""
    row, _created = Criterion.objects.update_or_create(
        section=section,
        code=data.code,
        defaults={
            "weight": Decimal(str(data.weight)),
            "max_score": int(data.max_score),
            "position": position,
        },
    )
    row.labels.exclude(language__in=list(labels)).delete()
    for tag, text in labels.items():
        CriterionLabel.objects.update_or_create(criterion=row, language=tag, defaults={"text": text})
    return row


@dataclass
class DeadlineData:
    tier: str
    closes_at: dt.datetime
    fee_eur: int = 0


def edition_create(
    *,
    actor: Actor,
    number: int,
    city: str,
    country: str,
    starts_on: dt.date,
    ends_on: dt.date,
    venues: Sequence[str] = (),
    organisers: Sequence[Any] = (),
    memorandum: Any = None,
    area: Any = None,
    results_at: dt.datetime | None = None,
    notes: str = "",
    language: str | None = "en",
    source_url: str = "",
    time_zone: str = "",
) -> Edition:
    """A new edition (platform administrators). Under a memorandum and area it is recorded as an activity
    of that memorandum. Without a time zone it takes its host country's."""
    require_perm(actor, "festival.create_edition")
    errors: Errors = {}
    if Edition.objects.filter(number=number).exists():
        add_error(errors, "number", _("Edition %(number)s exists already.") % {"number": number})
    time_zone = zone_of(time_zone, country)
    check_edition_dates(
        edition=None,
        starts_on=starts_on,
        ends_on=ends_on,
        results_at=results_at,
        time_zone=time_zone,
        errors=errors,
    )
    from korkyt.festival.services.editing import check_memorandum

    check_memorandum(memorandum, area, errors)
    check_length(errors, "notes", notes, EDITION_NOTES_MAX)
    edition = Edition(
        number=number,
        city=city,
        country=country,
        starts_on=starts_on,
        ends_on=ends_on,
        venues=[v for v in venues if v],
        memorandum=memorandum,
        area=area,
        results_at=results_at,
        notes=notes,
        language=(language or "en").strip(),
        source_url=source_url,
        time_zone=time_zone,
    )
    full_clean_into(edition, errors, exclude=["number"])
    raise_errors(errors)
    with transaction.atomic():
        edition.save()
        edition.organisers.set(organisers)
        if memorandum is not None and area is not None:
            from korkyt.institutions.services import activity_record

            activity_record(memorandum=memorandum, area=area, activity=edition, happened_on=starts_on)
    return edition


def check_entries_close(value: dt.datetime | None, errors: Errors) -> None:
    """A section's own deadline is a moment with its time zone."""
    if value is not None and timezone.is_naive(value):
        add_error(errors, "entries_close_at", _("Give times with their time zone."))


def section_create(
    *,
    actor: Actor,
    edition: Edition,
    kind: str,
    year_from: int | None = None,
    year_to: int | None = None,
    runtime_min: int | None = None,
    runtime_max: int | None = None,
    countries_allowed: Sequence[str] = (),
    premiere: str = Premiere.NONE,
    jury_languages: Sequence[str] = (),
    max_per_country: int | None = None,
    direct_allowed: bool = True,
    reviews_per_entry: int = 3,
    criteria: Sequence[CriterionData] = (),
    entries_close_at: dt.datetime | None = None,
) -> Section:
    require_perm(actor, "festival.manage_edition", edition)
    errors: Errors = {}
    check_entries_close(entries_close_at, errors)
    if kind not in SectionKind.values:
        add_error(errors, "kind", _("Unknown section kind."))
    elif edition.sections.filter(kind=kind).exists():
        add_error(errors, "kind", _("The edition has this section already."))
    if year_from and year_to and year_to < year_from:
        add_error(errors, "year_to", _("The range ends after it starts."))
    if runtime_min and runtime_max and runtime_max < runtime_min:
        add_error(errors, "runtime_max", _("The range ends after it starts."))
    for code in countries_allowed:
        if code not in countries:
            add_error(errors, "countries", _("Unknown country “%(code)s”.") % {"code": code})
    langs = [clean_tag(t, f"jury_languages[{i}]", errors) for i, t in enumerate(jury_languages)]
    labels = check_criteria(criteria, errors)
    section = Section(
        edition=edition,
        kind=kind,
        year_from=year_from,
        year_to=year_to,
        runtime_min=runtime_min,
        runtime_max=runtime_max,
        countries=list(countries_allowed),
        premiere=premiere,
        jury_languages=[t for t in langs if t],
        max_per_country=max_per_country,
        direct_allowed=direct_allowed,
        reviews_per_entry=reviews_per_entry,
        entries_close_at=entries_close_at,
        position=edition.sections.count(),
    )
    full_clean_into(section, errors, exclude=["edition"])
    raise_errors(errors)
    with transaction.atomic():
        section.save()
        for i, (c, texts) in enumerate(zip(criteria, labels, strict=True)):
            criterion_write(section, c, texts, i)
    return section


@dataclass
class WaiverData:
    code: str
    max_uses: int = 1
    late_entry: bool = False


def _checked_deadlines(
    opens_at: dt.datetime, deadlines: Sequence[DeadlineData], errors: Errors, edition: Edition
) -> list[DeadlineData]:
    """The deadlines in their tiers' order, with what is wrong with them added to ``errors``."""
    order = list(DeadlineTier.values)
    tiers = [d.tier for d in deadlines]
    if not deadlines:
        add_error(errors, "deadlines", _("Give at least one deadline."))
    for d in deadlines:
        if d.tier not in order:
            add_error(errors, "deadlines", _("Unknown deadline tier “%(tier)s”.") % {"tier": d.tier})
        elif timezone.is_naive(d.closes_at):
            add_error(errors, "deadlines", _("Give times with their time zone."))
        if not 0 <= d.fee_eur <= 100_000:
            add_error(errors, "deadlines", _("A fee is from 0 to 100,000 EUR."))
    if len(set(tiers)) != len(tiers):
        add_error(errors, "deadlines", _("Each tier has one deadline."))
    if timezone.is_naive(opens_at):
        add_error(errors, "opens_at", _("Give times with their time zone."))
    if errors:
        return []
    known = sorted(deadlines, key=lambda d: order.index(d.tier))
    if any(b.closes_at <= a.closes_at for a, b in itertools.pairwise(known)):
        add_error(errors, "deadlines", _("Each tier closes after the one before it."))
    if known and opens_at >= known[0].closes_at:
        add_error(errors, "opens_at", _("The call opens before its first deadline."))
    first = first_moment(edition.starts_on, edition.time_zone)
    if known and first is not None and known[-1].closes_at >= first:
        add_error(
            errors,
            "deadlines",
            _("The last deadline comes before the festival's first day (%(day)s).")
            % {"day": format_day(edition.starts_on)},
        )
    return known


def call_open(
    *,
    actor: Actor,
    edition: Edition,
    opens_at: dt.datetime,
    deadlines: Sequence[DeadlineData],
    waivers: Mapping[str, int] | None = None,
    late_waivers: Sequence[str] = (),
) -> Call:
    """Open (or re-open with new deadlines) the edition's call. Tiers close in their order: early before
    regular before late before extended."""
    require_perm(actor, "festival.manage_edition", edition)
    errors: Errors = {}
    known = _checked_deadlines(opens_at, deadlines, errors, edition)
    raise_errors(errors)
    with transaction.atomic():
        call, _created = Call.objects.update_or_create(
            edition=edition, defaults={"opens_at": opens_at, "is_open": True}
        )
        call.deadlines.all().delete()
        for d in known:
            Deadline.objects.create(call=call, tier=d.tier, closes_at=d.closes_at, fee_eur=d.fee_eur)
        for code, uses in (waivers or {}).items():
            WaiverCode.objects.update_or_create(
                call=call, code=code, defaults={"max_uses": uses, "late_entry": code in late_waivers}
            )
        audit_log(
            obj=edition,
            action="festival.edition.call_open",
            actor=actor,
            data={"deadlines": [d.tier for d in deadlines]},
        )
    return call


def _call_state(call: Call | None) -> dict[str, Any]:
    if call is None:
        return {}
    return {
        "opens_at": call.opens_at.isoformat(),
        "deadlines": [
            [d.tier, d.closes_at.isoformat(), d.fee_eur] for d in call.deadlines.order_by("closes_at")
        ],
        "waivers": [[w.code, w.max_uses, w.late_entry] for w in call.waivers.order_by("code")],
    }


def call_set(
    *,
    actor: Actor,
    edition: Edition,
    opens_at: dt.datetime,
    deadlines: Sequence[DeadlineData],
    waivers: Sequence[WaiverData] = (),
) -> Call:
    """The edition's staff set the call's opening time, its deadline tiers (each closing after the one
    before, with its fee) and its waiver codes (each waives the fee; ``late_entry`` also admits an entry
    after the last deadline). The call stays open or closed as it was (a new call starts closed). A code
    already used is kept (its uses cannot drop below what it has been used). Audited before → after."""
    require_perm(actor, "festival.manage_edition", edition)
    errors: Errors = {}
    known = _checked_deadlines(opens_at, deadlines, errors, edition)
    call = Call.objects.filter(edition=edition).first()
    used = {w.code: w.used for w in call.waivers.all()} if call else {}
    codes: list[str] = []
    for w in waivers:
        code = w.code.strip()
        if not code or len(code) > 40 or not all(ch.isalnum() or ch in "-_" for ch in code):
            add_error(errors, "waivers", _("A waiver code is 1–40 letters, digits, - or _."))
        elif code.casefold() in (c.casefold() for c in codes):
            add_error(errors, "waivers", _("Each waiver code is given once."))
        else:
            codes.append(code)
        if not 1 <= w.max_uses <= 100_000:
            add_error(errors, "waivers", _("A waiver code is used from 1 to 100,000 times."))
        elif w.max_uses < used.get(code, 0):
            add_error(
                errors,
                "waivers",
                _("The code “%(code)s” has been used %(n)s times already.") % {"code": code, "n": used[code]},
            )
    for code, n in used.items():
        if n and code not in codes:
            add_error(
                errors,
                "waivers",
                _("The code “%(code)s” has been used: it stays (set its uses to stop it).") % {"code": code},
            )
    raise_errors(errors)
    with transaction.atomic():
        before = _call_state(call)
        call, _created = Call.objects.update_or_create(edition=edition, defaults={"opens_at": opens_at})
        call.deadlines.all().delete()
        for d in known:
            Deadline.objects.create(call=call, tier=d.tier, closes_at=d.closes_at, fee_eur=d.fee_eur)
        call.waivers.exclude(code__in=codes).delete()
        for w in waivers:
            WaiverCode.objects.update_or_create(
                call=call, code=w.code.strip(), defaults={"max_uses": w.max_uses, "late_entry": w.late_entry}
            )
        audit_log(
            obj=edition,
            action="festival.edition.call_set",
            actor=actor,
            data={"before": before, "after": _call_state(call)},
        )
    return call


def call_close(*, actor: Actor, edition: Edition) -> Call:
    require_perm(actor, "festival.manage_edition", edition)
    with transaction.atomic():
        call = Call.objects.select_for_update().get(edition=edition)
        call.is_open = False
        call.save(update_fields=["is_open", "updated_at"])
        audit_log(obj=edition, action="festival.edition.call_close", actor=actor)
    return call


def current_tier(call: Call, now: dt.datetime | None = None) -> Deadline | None:
    """The deadline tier an entry sent ``now`` falls in; None before the call opens or after it closes."""
    now = now or timezone.now()
    if not call.is_open or now < call.opens_at:
        return None
    for deadline in call.deadlines.order_by("closes_at"):
        if now <= deadline.closes_at:
            return deadline
    return None
