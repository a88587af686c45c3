"""Writes on translation memory and the glossary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from korkyt.catalogue.models import Film
from korkyt.core.actors import Actor
from korkyt.core.languages import normalize_tag
from korkyt.core.uploads import max_upload_bytes, too_large_message
from korkyt.core.validation import Errors, add_error, clean_tag, raise_errors, require_perm
from korkyt.localization import selectors
from korkyt.localization.models import (
    CUE_TEXT_MAX,
    GlossaryConcept,
    GlossaryTerm,
    MemoryUnit,
)
from korkyt.mt.memory import Concept, FileFormatError, TMUnit, normalise, read_tbx, read_tmx

# Translation memory and glossary -----------------------------------------------------------------


@transaction.atomic
def memory_import(*, actor: Actor, data: bytes, film: Film | None = None) -> int:
    """Add the units of a TMX file to the shared memory; returns how many were added."""
    require_perm(actor, "localization.manage_memory")
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": [too_large_message()]})
    try:
        units = read_tmx(data, max_bytes=max_upload_bytes())
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    rows = []
    for unit in units:
        try:
            source, target = normalize_tag(unit.source_lang), normalize_tag(unit.target_lang)
        except ValidationError:
            continue
        if not unit.source_text.strip() or not unit.target_text.strip():
            continue
        approved = unit.approved
        if isinstance(approved, dt.date) and not isinstance(approved, dt.datetime):
            approved = dt.datetime(approved.year, approved.month, approved.day, tzinfo=dt.UTC)
        elif isinstance(approved, dt.datetime) and approved.tzinfo is None:
            approved = approved.replace(tzinfo=dt.UTC)
        rows.append(
            MemoryUnit(
                source_language=source,
                target_language=target,
                source_text=unit.source_text[:CUE_TEXT_MAX],
                source_key=normalise(unit.source_text[:CUE_TEXT_MAX]),
                target_text=unit.target_text[:CUE_TEXT_MAX],
                film=film,
                context=(unit.context or "")[:500],
                author=(unit.author or "")[:150],
                approved_at=approved,
            )
        )
    MemoryUnit.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def memory_tm_units(*, source: str | None = None, target: str | None = None) -> list[TMUnit]:
    return [
        TMUnit(
            u.source_text,
            u.target_text,
            u.source_language,
            u.target_language,
            film_id=u.film_id,
            context=u.context or None,
            author=u.author or None,
            approved=u.approved_at,
            id=u.pk,
        )
        for u in selectors.memory_units(source=source, target=target)
    ]


@transaction.atomic
def glossary_import(*, actor: Actor, data: bytes) -> int:
    """Add the concepts of a TBX file to the glossary; returns how many concepts were added."""
    require_perm(actor, "localization.manage_memory")
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": [too_large_message()]})
    try:
        concepts = read_tbx(data, max_bytes=max_upload_bytes())
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    added = 0
    for concept in concepts:
        terms = []
        for term in concept.terms:
            try:
                terms.append((normalize_tag(term.lang), term))
            except ValidationError:
                continue
        if not terms:
            continue
        row = GlossaryConcept.objects.create(
            code=(concept.id or "")[:100],
            definition=(concept.definition or "")[:1000],
            subject=(concept.subject or "")[:200],
            do_not_translate=concept.do_not_translate,
        )
        GlossaryTerm.objects.bulk_create(
            [
                GlossaryTerm(concept=row, language=tag, text=t.text[:300], forbidden=t.forbidden)
                for tag, t in terms
            ],
            ignore_conflicts=True,
        )
        added += 1
    return added


@transaction.atomic
def concept_create(
    *, actor: Actor, terms: Sequence[dict[str, Any]], do_not_translate: bool = False, definition: str = ""
) -> GlossaryConcept:
    require_perm(actor, "localization.manage_memory")
    errors: Errors = {}
    clean = []
    for i, term in enumerate(terms):
        tag = clean_tag(str(term.get("language", "")), f"terms[{i}].language", errors) or ""
        text = str(term.get("text", "")).strip()
        if not text:
            add_error(errors, f"terms[{i}].text", _("This field cannot be blank."))
        clean.append((tag, text, bool(term.get("forbidden", False))))
    if not terms:
        add_error(errors, "terms", _("Give at least one term."))
    raise_errors(errors)
    concept = GlossaryConcept.objects.create(do_not_translate=do_not_translate, definition=definition[:1000])
    GlossaryTerm.objects.bulk_create(
        [GlossaryTerm(concept=concept, language=t, text=x[:300], forbidden=f) for t, x, f in clean],
        ignore_conflicts=True,
    )
    return concept


def concepts_for_export() -> list[Concept]:
    return selectors.glossary_concepts()
