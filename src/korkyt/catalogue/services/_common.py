"""Shared validation helpers of the catalogue's services."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from korkyt.accounts.models import Role
from korkyt.accounts.rules import institution_ids
from korkyt.catalogue.models import (
    YEAR_MAX,
    YEAR_MIN,
)
from korkyt.catalogue.variants import check_tag
from korkyt.core.actors import Actor
from korkyt.core.validation import Errors, add_error, clean_tag
from korkyt.institutions.models import Institution

_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))
_CONTROL[127] = None


def _plain(value: Any) -> str:
    """Text without control characters (a NUL byte cannot even be stored by PostgreSQL), composed (NFC: a
    letter typed as a base and a combining mark is stored as the one letter)."""
    return unicodedata.normalize("NFC", str(value or "").translate(_CONTROL))


def _tag(value: str, field: str, errors: Errors, text: str = "") -> str | None:
    """A title's or name's tag (``ru-Latn`` accepted; a bare ``kk`` takes the script of ``text``)."""
    return clean_tag(_plain(value), field, errors, normalize=lambda tag: check_tag(tag, text))


def _country(value: str, field: str, errors: Errors) -> str | None:
    code = _plain(value).strip().upper()
    if code not in dict(all_countries):
        add_error(
            errors,
            field,
            _("Unknown country code “%(code)s”; use an ISO 3166-1 alpha-2 code such as KZ.")
            % {"code": value},
        )
        return None
    return code


def _owner(value: Institution | str | None, errors: Errors, field: str = "owner") -> Institution | None:
    if value is None or isinstance(value, Institution):
        return value
    found = Institution.objects.filter(code=_plain(value).strip().upper()[:30]).first()
    if found is None:
        add_error(errors, field, _("Unknown institution “%(code)s”.") % {"code": value})
    return found


def _check_owner_right(actor: Actor, owner: Institution | None, errors: Errors) -> None:
    if owner is not None and not actor.is_superuser and owner.pk not in institution_ids(actor, Role.EDITOR):
        add_error(errors, "owner", _("You may only enter records for an institution you edit."))


def _urls(values: Sequence[str], field: str, errors: Errors) -> list[str]:
    check = URLValidator(schemes=["http", "https"])
    clean: list[str] = []
    for index, value in enumerate(values):
        url = str(value).strip()
        try:
            check(url)
        except ValidationError:
            add_error(
                errors, f"{field}[{index}]", _("Enter a web address starting with http:// or https://.")
            )
            continue
        if url not in clean:
            clean.append(url)
    return clean


def _year(value: Any, field: str, errors: Errors) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        add_error(errors, field, _("Enter a year as a number."))
        return None
    if not YEAR_MIN <= year <= YEAR_MAX:
        add_error(
            errors,
            field,
            _("The year must be between %(min)s and %(max)s.") % {"min": YEAR_MIN, "max": YEAR_MAX},
        )
        return None
    return year
