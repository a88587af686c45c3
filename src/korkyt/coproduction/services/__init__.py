"""Every write on co-productions. Producers change their projects (drafts and returned ones); the
authorities of the partner countries decide on submitted ones; every move of the workflow is audited
(korkyt.core.workflow), every field change too (korkyt.core.audit)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.accounts import services as account_services
from korkyt.accounts.models import Role, RoleAssignment, User
from korkyt.catalogue.models import Company, Film, Person
from korkyt.coproduction import eligibility, notifications
from korkyt.coproduction.models import (
    Element,
    ElementJob,
    FinancingSource,
    Partner,
    PartnerRole,
    Project,
    ProjectStage,
    ProjectStatus,
    ProjectText,
    Review,
    ReviewStatus,
    SourceKind,
    SourceStatus,
)
from korkyt.coproduction.rules import is_review_editor, produces_reviewed
from korkyt.coproduction.services.editing import (
    check_amount,
    check_dates,
    check_memorandum,
    check_rate,
    lock_project,
    record_under_memorandum,
)
from korkyt.coproduction.services.editing import project_edit as project_edit
from korkyt.coproduction.services.editing import project_set_text as project_set_text
from korkyt.coproduction.services.editing import project_update as project_update
from korkyt.core.actors import Actor, saved_user
from korkyt.core.concurrency import StaleError
from korkyt.core.permissions import SYSTEM, is_platform_admin
from korkyt.core.validation import (
    Errors,
    add_error,
    clean_tag,
    full_clean_into,
    raise_errors,
    require_perm,
)
from korkyt.core.workflow import transition_apply
from korkyt.institutions.models import CooperationArea, Institution, InstitutionKind, Memorandum
from korkyt.institutions.services import activity_forget


@transaction.atomic
def project_create(
    *,
    actor: Actor,
    kind: str,
    title: str,
    language: str,
    logline: str = "",
    synopsis: str = "",
    stage: str = "development",
    currency: str = "USD",
    runtime_min: int | None = None,
    budget: Decimal | None = None,
    female_director: bool | None = None,
    shooting_starts_on: dt.date | None = None,
    shooting_ends_on: dt.date | None = None,
    applied_on: dt.date | None = None,
    memorandum: Memorandum | None = None,
    area: CooperationArea | None = None,
    film: Film | None = None,
    is_published: bool = False,
) -> Project:
    """A new draft project; its creator becomes its first producer."""
    require_perm(actor, "coproduction.add_project")
    errors: Errors = {}
    tag = clean_tag(language, "language", errors)
    if not (title or "").strip():
        add_error(errors, "title", _("Give the project a title."))
    if stage == ProjectStage.CANCELLED:
        add_error(errors, "stage", _("A new project cannot start cancelled: choose the stage it is at."))
    project = Project(
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
        is_published=is_published,
        original_language=tag or "",
        created_by=saved_user(actor),
    )
    full_clean_into(project, errors, exclude=["created_by", "memorandum", "area", "film"])
    check_memorandum(memorandum, area, errors)
    check_dates(project, errors)
    check_amount(budget, "budget", errors)
    raise_errors(errors)
    project.save()
    text = ProjectText(
        project=project, language=tag or "", title=title.strip(), logline=logline, synopsis=synopsis
    )
    errors = {}
    full_clean_into(text, errors, exclude=["project"])
    raise_errors(errors)
    text.save()
    user = saved_user(actor)
    if user is not None:
        account_services.role_grant(
            actor=SYSTEM, user=user, role=Role.PRODUCER, scope=project, on_behalf_of=user
        )
    record_under_memorandum(project)
    return project


@transaction.atomic
def project_publish(*, actor: Actor, project: Project, published: bool) -> Project:
    """Show the project to everyone (or stop showing it)."""
    require_perm(actor, "coproduction.publish_project", project)
    project.is_published = published
    project.save(update_fields=["is_published", "updated_at"])
    return project


@transaction.atomic
def project_delete(*, actor: Actor, project: Project) -> None:
    require_perm(actor, "coproduction.delete_project", project)
    activity_forget(activity=project)
    for assignment in RoleAssignment.objects.on(project).select_related("user"):
        account_services.role_revoke(
            actor=SYSTEM,
            user=assignment.user,
            role=assignment.role,
            scope=project,
            on_behalf_of=saved_user(actor),
        )
    project.delete()


@transaction.atomic
def producer_add(*, actor: Actor, project: Project, user: User) -> RoleAssignment:
    """Another person who edits the project on its producers' behalf: the ``producer`` role on the
    project (accounts.RoleAssignment), granted directly by a platform administrator (or the platform). A
    producer invites instead (``accounts.invitations``): the person holds the role once they accept."""
    from korkyt.accounts.invitations import by_invitation

    require_perm(actor, "coproduction.publish_project", project)
    if by_invitation(actor, Role.PRODUCER):
        raise PermissionDenied(_("A producer invites a colleague, who holds the role once they accept."))
    assignment = account_services.role_grant(actor=actor, user=user, role=Role.PRODUCER, scope=project)
    _forget_cached_roles(project)
    return assignment


def _forget_cached_roles(project: Project) -> None:
    """The rules predicates cache the producers and authorities on the object: forget them after a change."""
    for attr in ("_producer_ids", "_authority_ids"):
        project.__dict__.pop(attr, None)


# --- partners, financing, elements --------------------------------------------------------------------


def _next_position(rows: Any) -> int:
    last = rows.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def partner_add(
    *,
    actor: Actor,
    project: Project,
    country: str = "",
    company: Company | None = None,
    institution: Institution | None = None,
    name: str = "",
    role: str = PartnerRole.MINORITY,
    finance_only: bool = False,
) -> Partner:
    """A co-producer: a catalogue company or an institution (its country by default), or a name. A
    company or an institution is a partner of a project once. A financial co-producer brings only money:
    the role ``financial`` and ``finance_only`` go together (either one sets the other)."""
    require_perm(actor, "coproduction.change_project", project)
    errors: Errors = {}
    if not country:
        country = str((company.country if company else None) or (institution.country if institution else ""))
    if company is None and institution is None and not name.strip():
        add_error(errors, "name", _("Choose a company or an institution, or give the partner's name."))
    if company is not None and project.partners.filter(company=company).exists():
        add_error(errors, "company", _("This company is already a partner of the project."))
    if institution is not None and project.partners.filter(institution=institution).exists():
        add_error(errors, "institution", _("This institution is already a partner of the project."))
    if role == PartnerRole.FINANCIAL or finance_only:
        role, finance_only = PartnerRole.FINANCIAL, True
    partner = Partner(
        project=project,
        company=company,
        institution=institution,
        name=name.strip(),
        country=country,
        role=role,
        finance_only=finance_only,
        position=_next_position(project.partners),
    )
    full_clean_into(partner, errors, exclude=["project", "company", "institution"])
    raise_errors(errors)
    if not partner.name:
        partner.name = str(company or institution)
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError:  # the same company or institution added at the same moment
        raise StaleError("company" if company is not None else "institution") from None
    record_under_memorandum(project)
    return partner


@transaction.atomic
def partner_remove(*, actor: Actor, partner: Partner) -> None:
    project = partner.project
    require_perm(actor, "coproduction.change_project", project)
    partner.delete()
    record_under_memorandum(project)


@transaction.atomic
def source_add(
    *,
    actor: Actor,
    project: Project,
    kind: str,
    amount: Decimal,
    currency: str,
    partner: Partner | None = None,
    name: str = "",
    status: str = SourceStatus.PENDING,
    rate: Decimal | None = None,
    rate_on: dt.date | None = None,
) -> FinancingSource:
    """A line of the financing plan. A currency other than the project's needs its rate (units of that
    currency per one unit of the project's currency) and the date of the rate."""
    require_perm(actor, "coproduction.change_project", project)
    errors: Errors = {}
    if partner is not None and partner.project_id != project.pk:
        add_error(errors, "partner", _("This partner belongs to another project."))
    if amount is not None and amount < 0:
        add_error(errors, "amount", _("The amount cannot be negative."))
    check_amount(amount, "amount", errors)
    if currency != project.currency:
        if rate is None:
            add_error(
                errors,
                "rate",
                _("Give the rate of %(currency)s to %(project)s.")
                % {"currency": currency, "project": project.currency},
            )
        elif rate <= 0:
            add_error(errors, "rate", _("The rate must be positive."))
        check_rate(rate, "rate", errors)
        if rate_on is None:
            add_error(errors, "rate_on", _("Give the date of the rate."))
    source = FinancingSource(
        project=project,
        partner=partner,
        kind=kind,
        name=name.strip(),
        amount=amount,
        currency=currency,
        status=status,
        rate=rate if currency != project.currency else None,
        rate_on=rate_on if currency != project.currency else None,
        position=_next_position(project.financing),
    )
    full_clean_into(source, errors, exclude=["project", "partner"])
    raise_errors(errors)
    source.save()
    return source


@transaction.atomic
def source_remove(*, actor: Actor, source: FinancingSource) -> None:
    require_perm(actor, "coproduction.change_project", source.project)
    source.delete()


@transaction.atomic
def element_set(
    *,
    actor: Actor,
    project: Project,
    job: str,
    country: str,
    person: Person | None = None,
    name: str = "",
    days: int | None = None,
) -> Element:
    """Who does a key job (or where the work happens) and the country it counts for. A job other than a
    performing role is held once: setting it again replaces it; a role is added each time, with its days."""
    require_perm(actor, "coproduction.change_project", project)
    errors: Errors = {}
    if job == ElementJob.ROLE and not days:
        add_error(errors, "days", _("Give the days worked in the role."))
    element = None
    if job != ElementJob.ROLE:
        element = project.elements.filter(job=job).first()
    if element is None:
        element = Element(project=project, job=job, position=_next_position(project.elements))
    element.country, element.person, element.name = country, person, name.strip()
    element.days = days if job == ElementJob.ROLE else None
    full_clean_into(element, errors, exclude=["project", "person"])
    raise_errors(errors)
    try:
        with transaction.atomic():
            element.save()
    except IntegrityError:  # another producer set this job at the same moment
        raise StaleError("job") from None
    return element


@transaction.atomic
def element_remove(*, actor: Actor, element: Element) -> None:
    require_perm(actor, "coproduction.change_project", element.project)
    element.delete()


# --- advice --------------------------------------------------------------------------------------------


@transaction.atomic
def advice_apply(
    *, actor: Actor, project: Project, instrument: str, index: int, digest: str | None = None
) -> list[str]:
    """Apply piece ``index`` of ``instrument``'s advice to the project's rows: contributions become new (or
    lowered) pending financing lines of the partner, elements and roles change country, the running time
    or start of shooting change. Returns the advice's message. The advice is computed again under the
    project's lock; ``digest`` (``eligibility.advice_digest`` of the advice shown), when given, must still
    be its fingerprint (StaleError otherwise: the project changed since the advice was shown)."""
    require_perm(actor, "coproduction.change_project", project)
    lock_project(project)
    require_perm(actor, "coproduction.change_project", project)
    result = eligibility.evaluate(project)
    if result.evaluation is None:
        raise ValidationError({"advice": [_("The project cannot be evaluated yet.")]})
    try:
        advice = result.evaluation.verdict(instrument).advice[index]
    except (KeyError, IndexError):
        if digest:
            raise StaleError("advice") from None
        raise ValidationError({"advice": [_("There is no such advice.")]}) from None
    roles = eligibility.role_elements(project)
    if digest and eligibility.advice_digest(instrument, advice, roles) != digest:
        raise StaleError("advice")
    if not advice.actionable or not advice.changes:
        raise ValidationError({"advice": [_("No change to the project passes this check.")]})
    for change in advice.changes:
        if change.op == "change_contribution":
            _apply_contribution(project, result.partner_ids[change.target], change.amount, change.currency)
        elif change.op == "set_element":
            element_set(actor=actor, project=project, job=change.target, country=change.country or "")
        elif change.op == "set_role":
            role = roles[int(change.target)]
            role.country = change.country or ""
            role.save(update_fields=["country"])
        elif change.op == "add_role":
            element_set(
                actor=actor,
                project=project,
                job=ElementJob.ROLE,
                country=change.country or "",
                days=change.days,
            )
        elif change.op == "set" and change.target in ("runtime_min", "shooting_starts_on"):
            setattr(project, change.target, change.value)
            project.save(update_fields=[change.target, "updated_at"])
        elif change.op == "add_partner":
            partner = partner_add(
                actor=actor, project=project, country=change.country or "", name=change.target
            )
            _apply_contribution(project, partner, change.amount, change.currency)
        else:  # pragma: no cover - the engine offers no other change
            raise ValidationError({"advice": [_("This advice cannot be applied here.")]})
    return [advice.message]


def _apply_contribution(
    project: Project, partner: Partner, amount: Decimal | None, currency: str | None
) -> None:
    if not amount or currency is None:
        return
    rates, _missing = eligibility.rates_of(project, list(project.financing.all()))
    if amount > 0:
        rate = rates.get(currency) if currency != project.currency else None
        rate_on = (
            project.financing.filter(currency=currency)
            .exclude(rate_on=None)
            .order_by("-rate_on")
            .values_list("rate_on", flat=True)
            .first()
            if rate
            else None
        )
        FinancingSource.objects.create(
            project=project,
            partner=partner,
            kind=SourceKind.PARTNER_EQUITY,
            # No name: a name would be text in the language of whoever applied the advice.
            amount=amount,
            currency=currency,
            status=SourceStatus.PENDING,
            rate=rate,
            rate_on=rate_on,
            position=_next_position(project.financing),
        )
        return
    left = -amount
    for source in partner.sources.filter(currency=currency).order_by("-position", "-pk"):
        cut = min(left, source.amount)
        source.amount -= cut
        source.save(update_fields=["amount"])
        left -= cut
        if left <= 0:
            return
    if left > 0:
        raise ValidationError(
            {"advice": [_("The partner's financing lines are in other currencies; change them by hand.")]}
        )


# --- workflow --------------------------------------------------------------------------------------------


def competent_authority(country: str) -> Institution | None:
    """The national film agency of ``country`` (the first by code when there are several)."""
    return (
        Institution.objects.filter(country=country, kind=InstitutionKind.NATIONAL_AGENCY)
        .order_by("code")
        .first()
    )


@transaction.atomic
def project_submit(*, actor: Actor, project: Project) -> Project:
    """Submit the project to the competent authority of each partner country; a resubmitted project's
    reviews start over. The day of the (first) submission is the application's ``applied_on`` unless the
    producers gave one."""
    countries = sorted({str(p.country) for p in project.partners.all()})
    errors: Errors = {}
    authorities: dict[str, Institution] = {}
    for country in countries:
        authority = competent_authority(country)
        if authority is None:
            add_error(
                errors,
                "partners",
                _("No competent authority is registered for %(country)s.") % {"country": country},
            )
        else:
            authorities[country] = authority
    now = timezone.now()
    # the application reaches the authorities on submission (the producers may have given an earlier day)
    applied_on = project.applied_on or timezone.localdate(now)
    transition_apply(
        actor=actor, obj=project, name="submit", values={"submitted_at": now, "applied_on": applied_on}
    )
    raise_errors(errors)
    project.reviews.exclude(country__in=countries).delete()
    for country, authority in authorities.items():
        review = project.reviews.filter(country=country).first()
        if review is None:
            Review.objects.create(project=project, country=country, institution=authority)
            continue
        if review.institution_id != authority.pk:
            review.institution = authority
            review.save(update_fields=["institution", "updated_at"])
        if review.status != ReviewStatus.PENDING:
            transition_apply(
                actor=SYSTEM,
                obj=review,
                name="reopen",
                values={"comments": "", "decided_by": None, "decided_at": None},
            )
    _forget_cached_roles(project)
    notifications.project_submitted(project)
    return project


@transaction.atomic
def review_decide(*, actor: Actor, review: Review, decision: str, comments: str = "") -> Review:
    """An authority's decision: ``approve`` or ``return`` (with comments). The project is approved when
    every authority has approved, returned as soon as one returns it."""
    errors: Errors = {}
    if decision not in ("approve", "return"):
        add_error(errors, "decision", _("Choose approve or return."))
    if decision == "return" and not comments.strip():
        add_error(errors, "comments", _("Say what should change."))
    raise_errors(errors)
    # one decision on the project at a time: the last of two taken together sees the other's approval
    project = lock_project(review.project)
    if project.status != ProjectStatus.SUBMITTED:
        require_perm(actor, "coproduction.review_project", review)
        raise ValidationError({"status": [_("The project is not waiting for decisions.")]})
    if not is_platform_admin(actor) and is_review_editor(actor, review) and produces_reviewed(actor, review):
        raise ValidationError(
            {
                "decision": [
                    _(
                        "You produce this project, so you cannot decide on it for the authority: "
                        "another editor of the authority decides."
                    )
                ]
            }
        )
    transition_apply(
        actor=actor,
        obj=review,
        name=decision,
        values={"comments": comments.strip(), "decided_by": saved_user(actor), "decided_at": timezone.now()},
        data={"comments": comments.strip()},
    )
    data = {"review": review.pk, "country": str(review.country)}
    if decision == "return":
        transition_apply(actor=SYSTEM, obj=project, name="return", data=data)
    elif not project.reviews.exclude(status=ReviewStatus.APPROVED).exists():
        transition_apply(
            actor=SYSTEM, obj=project, name="approve", values={"approved_at": timezone.now()}, data=data
        )
        record_under_memorandum(project)  # approved: its memorandum's report counts it now
    notifications.review_decided(review)
    return review


from korkyt.coproduction.services.documents import document_remove as document_remove  # noqa: E402
from korkyt.coproduction.services.documents import document_upload as document_upload  # noqa: E402


@transaction.atomic
def partner_from_finder(
    *, actor: Actor, project: Project, company: Company | None, country: str, amount: Decimal
) -> Partner:
    """The partner finder's suggestion taken: a co-producer (a catalogue company, or a country's placeholder
    to be named later) with a pending equity line of ``amount`` in the project's currency."""
    name = "" if company is not None else _("Co-producer from %(country)s") % {"country": country}
    partner = partner_add(actor=actor, project=project, company=company, country=country, name=name)
    source_add(
        actor=actor,
        project=project,
        kind=SourceKind.PARTNER_EQUITY,
        amount=amount,
        currency=project.currency,
        partner=partner,
        status=SourceStatus.PENDING,
    )
    return partner
