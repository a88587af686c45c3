"""Writes on versions and tracks."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue.models import (
    Film,
    Track,
    TrackKind,
    TrackStatus,
    Version,
    VersionKind,
)
from korkyt.catalogue.services._common import (
    _plain,
    _tag,
)
from korkyt.catalogue.signals import film_changed
from korkyt.core.actors import Actor
from korkyt.core.validation import UNSET, Errors, Unset, add_error, given, raise_errors, require_perm

# Versions and tracks -----------------------------------------------------------------------------


@transaction.atomic
def version_create(
    *,
    actor: Actor,
    film: Film,
    kind: str = VersionKind.ORIGINAL,
    language: str = "",
    runtime: int | None = None,
    note: str = "",
) -> Version:
    require_perm(actor, "catalogue.change_film", film)
    errors: Errors = {}
    if kind not in VersionKind.values:
        add_error(errors, "kind", _("Unknown kind of version."))
    tag = _tag(language, "language", errors) if language else ""
    if runtime is not None and not 1 <= runtime <= 1500:
        add_error(errors, "runtime", _("Give the running time in minutes."))
    raise_errors(errors)
    return Version.objects.create(
        film=film, kind=kind, language=tag or "", runtime=runtime, note=_plain(note)[:300]
    )


@transaction.atomic
def version_delete(*, actor: Actor, version: Version) -> None:
    require_perm(actor, "catalogue.change_film", version.film)
    version.delete()


def _track_fields(changes: dict[str, Any], errors: Errors) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "kind" and value not in TrackKind.values:
            add_error(errors, "kind", _("Unknown kind of track."))
        elif key == "status" and value not in TrackStatus.values:
            add_error(errors, "status", _("Unknown status."))
        elif key == "language":
            clean[key] = _tag(value, "language", errors)
            continue
        clean[key] = _plain(value) if key == "note" else value if value is not None else ""
    return clean


@transaction.atomic
def track_create(
    *,
    actor: Actor,
    film: Film,
    kind: str,
    language: str,
    status: str = TrackStatus.PLANNED,
    version: Version | None = None,
    note: str = "",
) -> Track:
    require_perm(actor, "catalogue.change_film", film)
    errors: Errors = {}
    fields = _track_fields({"kind": kind, "language": language, "status": status, "note": note}, errors)
    if version is not None and version.film_id != film.pk:
        add_error(errors, "version", _("This version belongs to another film."))
    raise_errors(errors)
    track = Track.objects.create(film=film, version=version, **fields)
    film_changed.send(sender=Film, film=film)
    return track


@transaction.atomic
def track_update(
    *,
    actor: Actor,
    track: Track,
    kind: str | Unset | None = UNSET,
    language: str | Unset | None = UNSET,
    status: str | Unset | None = UNSET,
    note: str | Unset | None = UNSET,
) -> Track:
    require_perm(actor, "catalogue.change_film", track.film)
    changes = given(kind=kind, language=language, status=status, note=note)
    errors: Errors = {}
    fields = _track_fields(changes, errors)
    raise_errors(errors)
    for key, value in fields.items():
        setattr(track, key, value)
    track.save()
    film_changed.send(sender=Film, film=track.film)
    return track


@transaction.atomic
def track_delete(*, actor: Actor, track: Track) -> None:
    film = track.film
    require_perm(actor, "catalogue.change_film", film)
    track.delete()
    film_changed.send(sender=Film, film=film)
