"""Shared helpers of the workbench's services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from korkyt.core.languages import normalize_tag
from korkyt.localization.models import ACTIVITY_AREA

Errors = dict[str, list[str]]
AREA = ACTIVITY_AREA

# Transliteration jobs the workbench runs: (source tag, target tag) → scheme.
TRANSLITERATIONS: dict[tuple[str, str], str] = {
    ("kk-Cyrl", "kk-Latn"): "kk-2021",
    ("uz-Latn", "uz-Cyrl"): "uz-1995",
    ("uz-Cyrl", "uz-Latn"): "uz-1995",
    ("az-Cyrl", "az-Latn"): "az-1991",
    ("tk-Cyrl", "tk-Latn"): "tk-1993",
    ("ky-Cyrl", "ky-Latn"): "bgn",
}


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def _add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _tag(value: str, name: str, errors: Errors) -> str:
    try:
        return normalize_tag(value)
    except ValidationError as exc:
        errors.setdefault(name, []).extend(exc.messages)
        return ""


def _actor_user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None
