"""The producers' edits of a project's own fields and texts, under the project's row lock: a form or an API
client that sends the version it read (core.concurrency) is refused once someone else changed the
project since, and an edit writes the fields it changes by name, never the status, dates of submission
and approval (the workflow's) nor the publication (``project_publish``'s)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from korkyt.catalogue.models import Film
from korkyt.coproduction.models import (
    MAX_AMOUNT,
    MAX_RATE,
    FinancingSource,
    Project,
    ProjectStatus,
    ProjectText,
)
from korkyt.core.actors import Actor
from korkyt.core.concurrency import check_version
from korkyt.core.validation import (
    UNSET,
    Errors,
    Unset,
    add_error,
    clean_tag,
    full_clean_into,
    given,
    raise_errors,
    require_perm,
)
from korkyt.institutions.models import CooperationArea, Memorandum
from korkyt.institutions.services import activity_forget, activity_record

AREA_BY_KIND = {
    "fiction": "joint_feature",
    "documentary": "joint_documentary",
    "animation": "joint_animation",
}


def lock_project(project: Project) -> Project:
    """Take ``project``'s row lock for the rest of the transaction and read it again under it (in place:
    the caller's object is the row as it is now)."""
    project.refresh_from_db(from_queryset=Project.objects.select_for_update())
    return project


def lock_for_change(actor: Actor, project: Project, version: str | None) -> None:
    """Before a producer's change: the permission, the row lock, the permission again of the project as it
    is under its lock (submitted meanwhile, it is no longer the producers' to change) and ``version``."""
    require_perm(actor, "coproduction.change_project", project)
    lock_project(project)
    require_perm(actor, "coproduction.change_project", project)
    check_version(project, version)


def memorandum_countries(memorandum: Memorandum) -> set[str]:
    """The countries of the memorandum's parties."""
    return {str(link.institution.country) for link in memorandum.party_links.select_related("institution")}


def under_memorandum(project: Project, memorandum: Memorandum) -> bool:
    """A project is made under a memorandum when its co-producers come from at least two of the countries
    that signed it (one, for a memorandum of a single country's institutions); partners from other
    countries may join them."""
    signed = memorandum_countries(memorandum)
    partners = {str(c) for c in project.partners.values_list("country", flat=True)}
    return bool(signed) and len(signed & partners) >= min(2, len(signed))


def record_under_memorandum(project: Project) -> None:
    """Count the project in its memorandum's report once every partner country's authority has approved it
    (its status ``approved``: a draft's partners are only what its producers typed) and while its partners
    are from the memorandum's countries (``under_memorandum``), else forget it there."""
    activity_forget(activity=project)
    if project.status != ProjectStatus.APPROVED:
        return
    if project.memorandum_id is None or not under_memorandum(project, project.memorandum):  # type: ignore[arg-type]
        return
    covered = project.memorandum.areas.order_by("pk")  # type: ignore[union-attr]
    area = project.area or covered.filter(code=AREA_BY_KIND.get(project.kind, "")).first() or covered.first()
    if area is None:
        raise ValidationError({"area": [_("This memorandum lists no area of cooperation.")]})
    activity_record(
        memorandum=project.memorandum,  # type: ignore[arg-type]
        area=area,
        activity=project,
        happened_on=project.shooting_starts_on,
    )


def check_memorandum(
    memorandum: Memorandum | None,
    area: CooperationArea | None,
    errors: Errors,
    project: Project | None = None,
    *,
    chosen: bool = True,
) -> None:
    """The area belongs to the memorandum; a memorandum ``chosen`` now lists an area, and a ``project``
    that already has partners is attached only to a memorandum it is made under (a project without
    partners yet is counted once they qualify)."""
    if area is not None and memorandum is None:
        add_error(errors, "area", _("Choose the memorandum the area belongs to."))
    if memorandum is not None and area is not None and not memorandum.areas.filter(pk=area.pk).exists():
        add_error(errors, "area", _("This memorandum does not cover that area of cooperation."))
    if chosen and memorandum is not None and area is None and not memorandum.areas.exists():
        add_error(errors, "area", _("This memorandum lists no area of cooperation."))
    if (
        chosen
        and memorandum is not None
        and project is not None
        and project.pk is not None
        and project.partners.exists()
        and not under_memorandum(project, memorandum)
    ):
        names = ", ".join(sorted(str(countries.name(c)) for c in memorandum_countries(memorandum)))
        add_error(
            errors,
            "memorandum",
            _(
                "The project's co-producers are not from the countries that signed this memorandum "
                "(%(countries)s): a project is made under a memorandum when its co-producers come from at "
                "least two of them."
            )
            % {"countries": names},
        )


def check_amount(value: Decimal | None, field: str, errors: Errors) -> None:
    """An amount of money the platform keeps: below MAX_AMOUNT."""
    if value is not None and value >= MAX_AMOUNT:
        add_error(errors, field, _("Give an amount below 1,000,000,000,000,000."))


def check_rate(value: Decimal | None, field: str, errors: Errors) -> None:
    """A rate the platform keeps: below MAX_RATE."""
    if value is not None and value >= MAX_RATE:
        add_error(errors, field, _("Give a rate below 1,000,000,000."))


def check_dates(project: Project, errors: Errors) -> None:
    if (
        project.shooting_starts_on
        and project.shooting_ends_on
        and project.shooting_ends_on < project.shooting_starts_on
    ):
        add_error(errors, "shooting_ends_on", _("Shooting cannot end before it starts."))


RATE_PLACES = Decimal("1e-12")
CENTS = Decimal("0.01")


def currency_change(
    project: Project, old: str, *, convert_budget: bool, errors: Errors
) -> Callable[[], Decimal | None]:
    """What changing the project's currency from ``old`` to ``project.currency`` does to the money written
    in ``old``: a line's rate is units of its currency per one unit of the project's currency, so every rate
    is restated against the new currency, and so is the budget (``convert_budget``: unless the same change
    gives it). This needs the rate of the new currency, taken from the financing plan's lines in it (the
    latest-dated wins, as in ``eligibility.rates_of``): a line in the old currency gets ``1 / that rate``
    (dated like it), a line in a third currency its rate divided by it (keeping its date), a line in the new
    currency needs none. Without that rate the change is refused (on ``currency``) while lines in other
    currencies carry rates or a budget would be kept as typed. Returns the writer (called once nothing
    else is refused), which gives the converted budget."""
    new = project.currency
    sources = list(project.financing.all())
    known = [s for s in sources if s.currency == new and s.rate is not None]
    names = {"old": old, "new": new}
    if not known:
        if any(s.currency not in (old, new) and s.rate is not None for s in sources):
            add_error(
                errors,
                "currency",
                _(
                    "The financing plan's rates are written against %(old)s and it gives no rate of %(new)s: "
                    "add a line in %(new)s with its rate (the other rates are then converted), or remove the "
                    "lines in other currencies first and add them again with their rates to %(new)s."
                )
                % names,
            )
        if convert_budget and project.budget:
            add_error(
                errors,
                "currency",
                _(
                    "The budget is in %(old)s and the financing plan gives no rate of %(new)s: give the "
                    "budget in %(new)s in the same change, or add a line in %(new)s with its rate first."
                )
                % names,
            )
        return lambda: None
    best = max(enumerate(known), key=lambda pair: (pair[1].rate_on or dt.date.min, pair[0]))[1]
    assert best.rate is not None
    updates: list[tuple[FinancingSource, Decimal | None, dt.date | None]] = []
    for source in sources:
        if source.currency == new:
            updates.append((source, None, None))
            continue
        if source.currency == old:
            raw, on = 1 / best.rate, best.rate_on
        elif source.rate is not None:
            raw, on = source.rate / best.rate, source.rate_on
        else:
            continue
        rate = raw.quantize(RATE_PLACES) if raw < MAX_RATE else None
        if rate is None or rate <= 0:
            add_error(
                errors,
                "currency",
                _(
                    "The rate of %(currency)s to %(new)s would be out of range: remove its lines first and "
                    "add them again with their rate to %(new)s."
                )
                % {"currency": source.currency, "new": new},
            )
            continue
        updates.append((source, rate, on))
    budget = None
    if convert_budget and project.budget is not None:
        budget = (project.budget * best.rate).quantize(CENTS)
        check_amount(budget, "budget", errors)

    def write() -> Decimal | None:
        for source, rate, on in updates:
            source.rate, source.rate_on = rate, on
            source.save(update_fields=["rate", "rate_on"])
        return budget

    return write


@transaction.atomic
def project_update(
    *,
    actor: Actor,
    project: Project,
    version: str | None = None,
    kind: str | Unset = UNSET,
    stage: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    runtime_min: int | Unset | None = UNSET,
    budget: Decimal | Unset | None = UNSET,
    female_director: bool | Unset | None = UNSET,
    shooting_starts_on: dt.date | Unset | None = UNSET,
    shooting_ends_on: dt.date | Unset | None = UNSET,
    applied_on: dt.date | Unset | None = UNSET,
    memorandum: Memorandum | Unset | None = UNSET,
    area: CooperationArea | Unset | None = UNSET,
    film: Film | Unset | None = UNSET,
) -> Project:
    """Change the fields given. The permission is asked again of the project as it is under its lock (a
    project submitted meanwhile is no longer the producers' to change); ``version``, when given, must be
    the project's (StaleError otherwise)."""
    lock_for_change(actor, project, version)
    changes = given(
        kind=kind,
        stage=stage,
        currency=currency,
        runtime_min=runtime_min,
        budget=budget,
        female_director=female_director,
        shooting_starts_on=shooting_starts_on,
        shooting_ends_on=shooting_ends_on,
        applied_on=applied_on,
        memorandum=memorandum,
        area=area,
        film=film,
    )
    before = (project.memorandum_id, project.area_id, project.shooting_starts_on)
    old_currency, old_budget = project.currency, project.budget
    for name, value in changes.items():
        setattr(project, name, value)
    errors: Errors = {}
    full_clean_into(project, errors, exclude=["created_by", "memorandum", "area", "film"])
    check_memorandum(
        project.memorandum, project.area, errors, project, chosen=project.memorandum_id != before[0]
    )
    check_dates(project, errors)
    check_amount(project.budget, "budget", errors)
    write = None
    if project.currency != old_currency and "currency" not in errors:
        restated = project.budget != old_budget
        write = currency_change(project, old_currency, convert_budget=not restated, errors=errors)
    raise_errors(errors)
    fields = [*changes]
    if write is not None and (budget := write()) is not None:
        project.budget = budget
        fields = [*dict.fromkeys([*fields, "budget"])]
    project.save(update_fields=[*fields, "updated_at"])
    if (project.memorandum_id, project.area_id, project.shooting_starts_on) != before:
        record_under_memorandum(project)
    return project


@transaction.atomic
def project_set_text(
    *,
    actor: Actor,
    project: Project,
    language: str,
    title: str,
    logline: str = "",
    synopsis: str = "",
    version: str | None = None,
) -> ProjectText:
    """The title, logline and synopsis in one language (added or replaced); the project's version moves
    with them (a form loaded before is refused)."""
    lock_for_change(actor, project, version)
    errors: Errors = {}
    tag = clean_tag(language, "language", errors)
    if not (title or "").strip():
        add_error(errors, "title", _("Give the project a title."))
    raise_errors(errors)
    text, _created = ProjectText.objects.get_or_create(
        project=project, language=tag, defaults={"title": title}
    )
    text.title, text.logline, text.synopsis = title.strip(), logline, synopsis
    full_clean_into(text, errors, exclude=["project"])
    raise_errors(errors)
    text.save()
    project.save(update_fields=["updated_at"])
    return text


@transaction.atomic
def project_edit(
    *,
    actor: Actor,
    project: Project,
    language: str,
    title: str,
    logline: str = "",
    synopsis: str = "",
    version: str | None = None,
    **values: Any,
) -> Project:
    """The edit page's save: the project's fields and its texts in one language, together or not at all,
    refused (StaleError) when ``version`` is given and the project changed since."""
    project_update(actor=actor, project=project, version=version, **values)
    project_set_text(
        actor=actor, project=project, language=language, title=title, logline=logline, synopsis=synopsis
    )
    return project
