"""Writes on people and companies, with their names per language and script."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from korkyt.catalogue.models import (
    Company,
    CompanyKind,
    CompanyName,
    Person,
    PersonName,
)
from korkyt.catalogue.services._common import (
    _check_owner_right,
    _country,
    _owner,
    _plain,
    _tag,
    _urls,
    _year,
)
from korkyt.catalogue.signals import person_changed, person_deleted
from korkyt.catalogue.variants import generated_variants
from korkyt.core.actors import Actor
from korkyt.core.audit import action_label, audit_log
from korkyt.core.validation import (
    UNSET,
    Errors,
    Unset,
    add_error,
    delete_or_explain,
    full_clean_into,
    given,
    raise_errors,
    require_perm,
)
from korkyt.institutions.models import Institution

#: Audit events: a person's or a company's names changed (rewritten in bulk, so not recorded row by row).
SET_PERSON_NAMES = "catalogue.person.set_names"
SET_COMPANY_NAMES = "catalogue.company.set_names"
action_label(SET_PERSON_NAMES, gettext_lazy("Names changed"))
action_label(SET_COMPANY_NAMES, gettext_lazy("Company names changed"))


def _names_text(rows: Sequence[tuple[str, str]]) -> str:
    """Names as the history shows them: "Сұлтан Қожықов [kk-Cyrl]; Sultan Khodzhikov [en]"."""
    return "; ".join(f"{text} [{tag}]" for text, tag in rows)


# People ------------------------------------------------------------------------------------------


def _clean_names(names: Sequence[dict[str, Any] | str], errors: Errors) -> list[dict[str, str]]:
    clean: list[dict[str, str]] = []
    for index, item in enumerate(names):
        data = {"text": item, "language": ""} if isinstance(item, str) else item
        text = " ".join(_plain(data.get("text")).split())
        if not text:
            add_error(errors, f"names[{index}].text", _("This field cannot be blank."))
            continue
        if len(text) > 200:
            add_error(errors, f"names[{index}].text", _("A name has at most 200 characters."))
            continue
        raw_tag = data.get("language") or ""
        if not raw_tag:
            from korkyt.translit import detect_script

            raw_tag = "ru" if detect_script(text) == "Cyrl" else "en"
        tag = _tag(raw_tag, f"names[{index}].language", errors, text)
        if tag and not any(c["language"] == tag and c["text"] == text for c in clean):
            clean.append({"text": text, "language": tag})
    return clean


def _set_names(person: Person, names: list[dict[str, str]]) -> None:
    PersonName.objects.filter(person=person).delete()
    taken: set[tuple[str, str]] = {(n["language"], n["text"]) for n in names}
    for position, item in enumerate(names):
        row = PersonName.objects.create(
            person=person, text=item["text"], language=item["language"], position=position
        )
        rows = []
        for variant in generated_variants(row.text, row.language):
            if (variant.language, variant.text) in taken:
                continue
            taken.add((variant.language, variant.text))
            rows.append(
                PersonName(
                    person=person,
                    text=variant.text[:200],
                    language=variant.language,
                    generated=True,
                    scheme=variant.scheme,
                    source=row,
                    position=position,
                )
            )
        PersonName.objects.bulk_create(rows)


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    names: Sequence[dict[str, Any] | str],
    owner: Institution | str | None = None,
    birth_year: int | None = None,
    death_year: int | None = None,
    imdb_id: str = "",
    wikidata_id: str = "",
    source_urls: Sequence[str] = (),
) -> Person:
    require_perm(actor, "catalogue.add_person")
    errors: Errors = {}
    owner_obj = _owner(owner, errors)
    _check_owner_right(actor, owner_obj, errors)
    if owner_obj is None and not actor.is_superuser and "owner" not in errors:
        add_error(errors, "owner", _("This field cannot be blank."))
    name_rows = _clean_names(names, errors)
    if not name_rows and "names" not in errors and not any(k.startswith("names") for k in errors):
        add_error(errors, "names", _("Give the person at least one name."))
    person = Person(
        owner=owner_obj,
        birth_year=_year(birth_year, "birth_year", errors),
        death_year=_year(death_year, "death_year", errors),
        imdb_id=(imdb_id or "").strip(),
        wikidata_id=(wikidata_id or "").strip(),
        source_urls=_urls(source_urls, "source_urls", errors),
    )
    full_clean_into(person, errors, exclude=["owner", "birth_year", "death_year"])
    raise_errors(errors)
    person.save()
    _set_names(person, name_rows)
    person_changed.send(sender=Person, person=person)
    return person


@transaction.atomic
def person_update(
    *,
    actor: Actor,
    person: Person,
    names: Sequence[dict[str, Any] | str] | None = None,
    birth_year: int | str | Unset | None = UNSET,
    death_year: int | str | Unset | None = UNSET,
    imdb_id: str | Unset | None = UNSET,
    wikidata_id: str | Unset | None = UNSET,
    source_urls: Sequence[str] | Unset | None = UNSET,
) -> Person:
    require_perm(actor, "catalogue.change_person", person)
    changes = given(
        birth_year=birth_year,
        death_year=death_year,
        imdb_id=imdb_id,
        wikidata_id=wikidata_id,
        source_urls=source_urls,
    )
    errors: Errors = {}
    for key, value in changes.items():
        if key in ("birth_year", "death_year"):
            value = _year(value, key, errors)
        elif key == "source_urls":
            value = _urls(value or [], key, errors)
        else:
            value = (value or "").strip()
        setattr(person, key, value)
    name_rows = _clean_names(names, errors) if names is not None else None
    if name_rows is not None and not name_rows and "names" not in errors:
        add_error(errors, "names", _("Give the person at least one name."))
    full_clean_into(person, errors, exclude=["owner", "birth_year", "death_year"])
    raise_errors(errors)
    person.save()
    if name_rows is not None:
        entered = person.names.filter(generated=False).order_by("position", "pk")
        before = _names_text(list(entered.values_list("text", "language")))
        _set_names(person, name_rows)
        after = _names_text([(n["text"], n["language"]) for n in name_rows])
        if after != before:
            audit_log(obj=person, action=SET_PERSON_NAMES, actor=actor, changes={"names": (before, after)})
    person_changed.send(sender=Person, person=person)
    return person


@transaction.atomic
def person_delete(*, actor: Actor, person: Person) -> None:
    require_perm(actor, "catalogue.delete_person", person)
    if person.credits.exists():
        raise ValidationError({"__all__": [_("This person is credited on films; remove the credits first.")]})
    person_deleted.send(sender=Person, person_id=person.pk)
    delete_or_explain(person)  # not while a festival's awards name them


# Companies ---------------------------------------------------------------------------------------


def _clean_company_names(names: Sequence[dict[str, Any]], errors: Errors) -> list[tuple[str, str]]:
    clean: list[tuple[str, str]] = []
    for index, item in enumerate(names):
        text = " ".join(_plain(item.get("name")).split())
        tag = _tag(item.get("language", ""), f"names[{index}].language", errors, text)
        if not text:
            add_error(errors, f"names[{index}].name", _("This field cannot be blank."))
        elif tag and all(t != tag for t, _n in clean):
            clean.append((tag, text[:200]))
    return clean


@transaction.atomic
def company_create(
    *,
    actor: Actor,
    names: Sequence[dict[str, Any]],
    owner: Institution | str | None = None,
    kind: str = CompanyKind.PRODUCTION,
    country: str = "",
    website: str = "",
    source_urls: Sequence[str] = (),
) -> Company:
    require_perm(actor, "catalogue.add_company")
    errors: Errors = {}
    owner_obj = _owner(owner, errors)
    _check_owner_right(actor, owner_obj, errors)
    if owner_obj is None and not actor.is_superuser and "owner" not in errors:
        add_error(errors, "owner", _("This field cannot be blank."))
    name_rows = _clean_company_names(names, errors)
    if not name_rows and not any(k.startswith("names") for k in errors):
        add_error(errors, "names", _("Give the company at least one name."))
    if kind not in CompanyKind.values:
        add_error(errors, "kind", _("Unknown kind of company."))
    code = _country(country, "country", errors) if country else ""
    company = Company(
        owner=owner_obj,
        kind=kind,
        country=code or "",
        website=website,
        source_urls=_urls(source_urls, "source_urls", errors),
    )
    full_clean_into(company, errors, exclude=["owner", "country", "kind"])
    raise_errors(errors)
    company.save()
    CompanyName.objects.bulk_create(CompanyName(company=company, language=t, name=n) for t, n in name_rows)
    return company


@transaction.atomic
def company_update(
    *,
    actor: Actor,
    company: Company,
    names: Sequence[dict[str, Any]] = (),
    kind: str | Unset | None = UNSET,
    country: str | Unset | None = UNSET,
    website: str | Unset | None = UNSET,
    source_urls: Sequence[str] | Unset | None = UNSET,
    replace_names: bool = False,
) -> Company:
    """Change a company. ``names`` are added or changed per language; with ``replace_names`` they are the
    company's whole list (the others are removed, and at least one must remain)."""
    require_perm(actor, "catalogue.change_company", company)
    changes = given(kind=kind, country=country, website=website, source_urls=source_urls)
    errors: Errors = {}
    if "kind" in changes and changes["kind"] not in CompanyKind.values:
        add_error(errors, "kind", _("Unknown kind of company."))
    if changes.get("country"):
        changes["country"] = _country(changes["country"], "country", errors) or ""
    if "source_urls" in changes:
        changes["source_urls"] = _urls(changes["source_urls"] or [], "source_urls", errors)
    for key, value in changes.items():
        setattr(company, key, value if value is not None else "")
    name_rows = _clean_company_names(names, errors)
    if replace_names and not name_rows and not any(k.startswith("names") for k in errors):
        add_error(errors, "names", _("Give the company at least one name."))
    full_clean_into(company, errors, exclude=["owner", "country", "kind"])
    raise_errors(errors)
    company.save()
    before = _names_text(list(company.names.order_by("language").values_list("name", "language")))
    if replace_names:
        company.names.exclude(language__in=[tag for tag, _name in name_rows]).delete()
    for tag, name in name_rows:
        CompanyName.objects.update_or_create(company=company, language=tag, defaults={"name": name})
    after = _names_text(list(company.names.order_by("language").values_list("name", "language")))
    if after != before:
        audit_log(obj=company, action=SET_COMPANY_NAMES, actor=actor, changes={"names": (before, after)})
    return company


@transaction.atomic
def company_delete(*, actor: Actor, company: Company) -> None:
    require_perm(actor, "catalogue.delete_company", company)
    if company.credits.exists():
        raise ValidationError(
            {"__all__": [_("This company is credited on films; remove the credits first.")]}
        )
    delete_or_explain(company)  # not while a co-production names it
