"""Service helpers: permission checks and field errors gathered into one ValidationError.

A service collects every problem of its input in an ``Errors`` dict keyed by field name (``"title"``,
``"titles[2].language"``) and raises them together, so that the API answers one 422 naming each field::

    errors: Errors = {}
    require_perm(actor, "catalogue.change_film", film)
    tag = clean_tag(data.language, "language", errors)
    full_clean_into(row, errors, exclude=["film"])
    raise_errors(errors)

A partial update takes every changeable field as a keyword defaulting to ``UNSET`` and works on
``given(kind=kind, year=year, …)``, the fields the caller gave.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from korkyt.core.actors import Actor
from korkyt.core.languages import normalize_tag

Errors = dict[str, list[str]]


def require_perm(actor: Actor | None, perm: str, obj: models.Model | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` holds the ``rules`` permission ``perm`` (on ``obj``)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def add_error(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def add_errors(errors: Errors, field: str, messages: Iterable[str]) -> None:
    errors.setdefault(field, []).extend(messages)


def raise_errors(errors: Errors) -> None:
    """Raise one ValidationError naming every field in ``errors``; nothing when it is empty."""
    if errors:
        raise ValidationError(errors)


def full_clean_into(
    instance: models.Model, errors: Errors, exclude: Iterable[str] = (), *, validate_unique: bool = False
) -> None:
    """Run the model's own validation and add what it finds to ``errors`` (constraints are left to the
    database and the services' own checks)."""
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=validate_unique, validate_constraints=False
        )
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            add_errors(errors, field, messages)


def clean_tag(
    value: str, field: str, errors: Errors, *, normalize: Callable[[str], str] = normalize_tag
) -> str | None:
    """The registry's spelling of a language tag (``"kk"`` → ``"kk-Cyrl"``), or None with the reason
    added under ``field``."""
    try:
        return normalize(value)
    except ValidationError as exc:
        add_errors(errors, field, exc.messages)
        return None


def clean_texts(
    texts: Mapping[str, str],
    field: str,
    errors: Errors,
    *,
    max_length: int,
    too_long: str,
    per_item: bool = False,
) -> dict[str, str]:
    """A text in several languages (``{"kk": "Үздік фильм", "en": "Best Film"}``) by the registry's tag,
    stripped, the blank ones left out; an unknown tag is refused under ``field[i].language`` and a text
    past ``max_length`` with the message ``too_long`` under ``field`` (``field[i].text`` with
    ``per_item``)."""
    cleaned = {}
    for i, (lang, text) in enumerate(texts.items()):
        tag = clean_tag(lang, f"{field}[{i}].language", errors)
        if tag and len(text) > max_length:
            add_error(errors, f"{field}[{i}].text" if per_item else field, too_long)
        elif tag and text.strip():
            cleaned[tag] = text.strip()
    return cleaned


def clean_web_address(value: str, field: str, errors: Errors, *, max_length: int) -> str:
    """``value`` stripped when it is a web address (http or https) of at most ``max_length`` characters
    (its column's), or empty; else the reason is added under ``field`` (a ``javascript:`` address or one
    the column cannot hold is never stored)."""
    url = value.strip()
    if not url:
        return ""
    if len(url) > max_length:
        add_error(
            errors, field, _("The address is too long: at most %(limit)d characters.") % {"limit": max_length}
        )
        return url
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        add_error(errors, field, _("Give an http or https address."))
    return url


class Unset(enum.Enum):
    """The value of a keyword the caller did not give, in a partial update (``None`` may be a real value:
    "clear this field")."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


def given(**values: object) -> dict[str, Any]:
    """The keyword arguments that were given (not ``UNSET``): the fields a partial update changes."""
    return {name: value for name, value in values.items() if value is not UNSET}


def delete_or_explain(obj: models.Model) -> None:
    """Delete ``obj``, or raise a ValidationError naming what still holds on to it (``PROTECT`` and
    ``RESTRICT`` relations) instead of letting the database refuse with an error no one can read. Call it
    inside the caller's transaction; nothing is deleted when it raises."""
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        blocking: Iterable[models.Model] = (
            exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        )
        kinds = sorted({str(o._meta.verbose_name_plural) for o in blocking})
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("This cannot be deleted while other records refer to it: %(kinds)s.")
                    % {"kinds": ", ".join(kinds)}
                ]
            }
        ) from exc
