"""Writes on credits."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue.models import (
    COMPANY_ROLES,
    Company,
    Credit,
    CreditRole,
    Film,
    Person,
)
from korkyt.catalogue.services._common import (
    _plain,
)
from korkyt.catalogue.signals import film_changed
from korkyt.core.actors import Actor
from korkyt.core.validation import UNSET, Errors, Unset, add_error, given, raise_errors, require_perm

# Credits -----------------------------------------------------------------------------------------


@transaction.atomic
def credit_create(
    *,
    actor: Actor,
    film: Film,
    role: str,
    person: Person | None = None,
    company: Company | None = None,
    character: str = "",
    billing_order: int | None = None,
) -> Credit:
    require_perm(actor, "catalogue.change_film", film)
    errors: Errors = {}
    if role not in CreditRole.values:
        add_error(errors, "role", _("Unknown role."))
    elif role in COMPANY_ROLES and company is None:
        add_error(errors, "company", _("This role is held by a company."))
    elif role not in COMPANY_ROLES and person is None:
        add_error(errors, "person", _("This role is held by a person."))
    if person is not None and company is not None:
        add_error(errors, "__all__", _("A credit names a person or a company, not both."))
    if character and role != CreditRole.ACTOR:
        add_error(errors, "character", _("Only an actor plays a character."))
    if billing_order is not None and billing_order < 1:
        add_error(errors, "billing_order", _("The billing order starts at 1."))
    raise_errors(errors)
    credit = Credit.objects.create(
        film=film,
        person=person if role not in COMPANY_ROLES else None,
        company=company if role in COMPANY_ROLES else None,
        role=role,
        character=_plain(character).strip()[:200],
        billing_order=billing_order,
        position=film.credits.count(),
    )
    film_changed.send(sender=Film, film=film)
    return credit


@transaction.atomic
def credit_update(
    *,
    actor: Actor,
    credit: Credit,
    character: str | Unset | None = UNSET,
    billing_order: int | Unset | None = UNSET,
) -> Credit:
    require_perm(actor, "catalogue.change_film", credit.film)
    changes = given(character=character, billing_order=billing_order)
    if changes.get("character") and credit.role != CreditRole.ACTOR:
        raise ValidationError({"character": [_("Only an actor plays a character.")]})
    if changes.get("billing_order") is not None and changes["billing_order"] < 1:
        raise ValidationError({"billing_order": [_("The billing order starts at 1.")]})
    for key, value in changes.items():
        setattr(credit, key, value if value is not None or key == "billing_order" else "")
    credit.save()
    return credit


@transaction.atomic
def credit_delete(*, actor: Actor, credit: Credit) -> None:
    film = credit.film
    require_perm(actor, "catalogue.change_film", film)
    credit.delete()
    film_changed.send(sender=Film, film=film)


@transaction.atomic
def credit_add(
    *,
    actor: Actor,
    film: Film,
    role: str,
    name: str,
    language: str = "",
    character: str = "",
    billing_order: int | None = None,
) -> Credit:
    """A credit for the person (or, for a company role, the company) that ``name`` names: their name as
    in the catalogue or their number (``#12``); someone new is added to the catalogue, owned by the film's
    institution, with the name in ``language`` (guessed from the script when empty). Saved whole or not
    at all; errors under ``role``, ``name``, ``language``, ``character``, ``billing_order``."""
    from korkyt.catalogue.services.refs import add_new, company_by_name, person_by_name

    require_perm(actor, "catalogue.change_film", film)
    errors: Errors = {}
    name = " ".join(_plain(name).split())
    if role not in CreditRole.values:
        add_error(errors, "role", _("Unknown role."))
    if not name:
        add_error(errors, "name", _("Give the name of the person or the company."))
    elif len(name) > 200:
        add_error(errors, "name", _("A name has at most 200 characters."))
    is_company = role in COMPANY_ROLES
    holder = None
    if not errors:
        find = company_by_name if is_company else person_by_name
        holder = find(
            actor=actor, name=name, language=language, owner=film.owner, field="name", errors=errors
        )
    raise_errors(errors)
    holder = add_new(actor, holder, company=is_company)
    same = Credit.objects.filter(film=film, role=role, character=_plain(character).strip()[:200])
    if same.filter(**({"company": holder} if is_company else {"person": holder})).exists():
        raise ValidationError({"name": [_("The film already has this credit.")]})
    return credit_create(
        actor=actor,
        film=film,
        role=role,
        person=None if is_company else holder,
        company=holder if is_company else None,
        character=character,
        billing_order=billing_order,
    )
