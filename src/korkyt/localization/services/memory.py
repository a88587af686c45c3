"""Writes on translation memory and the glossary."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from korkyt.catalogue.models import Film
from korkyt.core.actors import Actor
from korkyt.core.jobs import services as jobs
from korkyt.core.languages import normalize_tag
from korkyt.core.models import Job
from korkyt.core.uploads import max_upload_bytes, too_large_message
from korkyt.core.validation import Errors, add_error, clean_tag, raise_errors, require_perm
from korkyt.localization import selectors
from korkyt.localization.file_errors import xml_file_reason
from korkyt.localization.models import (
    CUE_TEXT_MAX,
    GlossaryConcept,
    GlossaryTerm,
    MemoryUnit,
)
from korkyt.mt.memory import Concept, FileFormatError, TMUnit, normalise, read_tbx, read_tmx
from korkyt.mt.memory.tmx import SKIP_NO_SOURCE, SKIP_ONE_LANGUAGE

#: Why an import passed over a pair of a translation unit (besides read_tmx's reasons).
SKIP_UNKNOWN_LANGUAGE, SKIP_EMPTY = "unknown_language", "empty"

# Translation memory and glossary -----------------------------------------------------------------

MEMORY_IMPORT = "localization.import_memory"
GLOSSARY_IMPORT = "localization.import_glossary"
UNIT_BATCH = 5000  # memory units per committed batch
CONCEPT_BATCH = 500  # glossary concepts per committed batch

#: ``progress(done, total=None, checkpoint=None)``: see korkyt.core.jobs.task.
ImportProgress = Callable[..., None]


@transaction.atomic
def memory_import_request(*, actor: Actor, file: File, kind: str = "tmx", film: Film | None = None) -> Job:
    """Keep an uploaded TMX (``kind="tmx"``) or TBX (``"tbx"``) file with a new job and queue its import;
    the page or API follows the job. Large files (up to 100 MB) are read by the worker, not the request."""
    require_perm(actor, "localization.manage_memory")
    if kind not in ("tmx", "tbx"):
        raise ValidationError({"kind": [_("Choose TMX (memory) or TBX (glossary).")]})
    size = getattr(file, "size", None)
    if size is None:
        raise ValidationError({"file": [_("The file could not be read.")]})
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if size > max_upload_bytes():
        raise ValidationError({"file": [too_large_message()]})
    if not _looks_like(file, kind):
        message = (
            _("This is not a TMX file: an XML document with a <tmx> element is expected.")
            if kind == "tmx"
            else _("This is not a TBX file: an XML document with a <tbx> or <martif> element is expected.")
        )
        raise ValidationError({"file": [message]})
    task = MEMORY_IMPORT if kind == "tmx" else GLOSSARY_IMPORT
    name = Path(getattr(file, "name", "") or f"import.{kind}").name[:150]
    job = jobs.job_create(kind=task, created_by=actor, file=file, file_name=name)
    jobs.enqueue(job, task, **({"film_id": film.pk} if film is not None and kind == "tmx" else {}))
    return job


_ROOTS = {"tmx": re.compile(r"<(\w+:)?tmx[\s>]"), "tbx": re.compile(r"<(\w+:)?(tbx|martif)[\s>]", re.I)}
_HEAD = 64 * 1024


def _looks_like(file: File, kind: str) -> bool:  # type: ignore[type-arg]
    """Whether the upload's first 64 KB are XML text naming the kind's root element: judged by content, so
    a picture or a program renamed ``.tmx`` is refused at once and nothing is kept (the worker reads the
    whole file later and reports what else is wrong with it)."""
    file.seek(0)
    head = bytes(file.read(_HEAD))
    file.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head.decode("utf-16", errors="ignore")
    elif b"\x00" in head:
        return False
    else:
        text = head.decode("utf-8", errors="ignore")
    return text.lstrip("\ufeff \t\r\n").startswith("<") and bool(_ROOTS[kind].search(text))


def _unreadable(exc: Exception) -> str:
    return _("The file cannot be read: %(reason)s") % {"reason": xml_file_reason(exc)}


def _read_job_file(job: Job) -> bytes:
    if not job.file:
        raise ValidationError({"file": [_("The uploaded file is no longer kept; upload it again.")]})
    try:
        with job.file.open("rb") as handle:
            return bytes(handle.read(max_upload_bytes() + 1))
    except OSError as exc:
        raise ValidationError({"file": [_("The uploaded file is no longer kept; upload it again.")]}) from exc


def _resume_point(job: Job) -> int:
    result = job.result if isinstance(job.result, dict) else {}
    return int(result.get("committed", 0) or 0)


def memory_import_run(
    *,
    job: Job,
    film_id: int | None = None,
    progress: ImportProgress | None = None,
    skipped: Counter[str] | None = None,
) -> int:
    """The import of the TMX file kept with ``job`` (see :func:`memory_import_request`); returns how many
    units it added, and counts what it passed over in ``skipped`` (see :func:`skipped_text`). Batches are
    committed with the job's checkpoint, so a run after an interruption (a redelivered message or a retry)
    adds only what the earlier run had not committed."""
    data = _read_job_file(job)
    film = Film.objects.filter(pk=film_id).first() if film_id else None
    added = _memory_rows_store(_memory_rows(data, film, skipped), progress, start=_resume_point(job))
    jobs.job_drop_file(job_id=job.pk)
    return added


def memory_import(
    *, actor: Actor, data: bytes, film: Film | None = None, skipped: Counter[str] | None = None
) -> int:
    """Add the units of a TMX file to the shared memory at once (the command line); returns how many, and
    counts what it passed over in ``skipped``."""
    require_perm(actor, "localization.manage_memory")
    rows = _memory_rows(data, film, skipped)
    with transaction.atomic():
        return _memory_rows_store(rows, None)


def skipped_text(skipped: Counter[str]) -> str:
    """What an import passed over, by reason, in the reader's language ("" when nothing): a translation
    unit with one language or without its source language gives nothing, and a pair in a language the
    platform does not list, or with no text on one side, is left out."""
    n = skipped.get
    said = {  # literal msgids, for the catalogues
        SKIP_ONE_LANGUAGE: lambda k: ngettext(
            "%(n)s translation unit with a single language",
            "%(n)s translation units with a single language",
            k,
        ),
        SKIP_NO_SOURCE: lambda k: ngettext(
            "%(n)s translation unit without its source language",
            "%(n)s translation units without their source language",
            k,
        ),
        SKIP_UNKNOWN_LANGUAGE: lambda k: ngettext(
            "%(n)s pair in a language the platform does not list",
            "%(n)s pairs in a language the platform does not list",
            k,
        ),
        SKIP_EMPTY: lambda k: ngettext(
            "%(n)s pair with no text on one side", "%(n)s pairs with no text on one side", k
        ),
    }
    reasons = [text(n(key, 0)) % {"n": n(key, 0)} for key, text in said.items() if n(key, 0)]
    return _("Skipped: %(reasons)s.") % {"reasons": "; ".join(reasons)} if reasons else ""


def _memory_rows(data: bytes, film: Film | None, skipped: Counter[str] | None = None) -> list[MemoryUnit]:
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": [too_large_message()]})
    passed: Counter[str] = Counter()
    try:
        units = read_tmx(data, max_bytes=max_upload_bytes(), skipped=passed)
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [_unreadable(exc)]}) from exc
    rows = []
    for unit in units:
        try:
            source, target = normalize_tag(unit.source_lang), normalize_tag(unit.target_lang)
        except ValidationError:
            passed[SKIP_UNKNOWN_LANGUAGE] += 1
            continue
        if not unit.source_text.strip() or not unit.target_text.strip():
            passed[SKIP_EMPTY] += 1
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
    if skipped is not None:
        skipped.update(passed)
    return rows


def _memory_rows_store(rows: list[MemoryUnit], progress: ImportProgress | None, start: int = 0) -> int:
    total = len(rows)
    if progress:
        progress(start, total)
    for begin in range(start, total, UNIT_BATCH):
        chunk = rows[begin : begin + UNIT_BATCH]
        with transaction.atomic():
            MemoryUnit.objects.bulk_create(chunk, batch_size=1000)
            if progress:  # in the batch's transaction: the checkpoint is committed with the rows
                progress(begin + len(chunk), total, {"committed": begin + len(chunk)})
    return total - min(start, total)


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


def glossary_import_run(*, job: Job, progress: ImportProgress | None = None) -> int:
    """The import of the TBX file kept with ``job``; committed in batches with a checkpoint (see
    :func:`memory_import_run`). Returns how many concepts it added."""
    concepts = _glossary_concepts(_read_job_file(job))
    added = _glossary_store(concepts, progress, start=_resume_point(job))
    jobs.job_drop_file(job_id=job.pk)
    return added


def glossary_import(*, actor: Actor, data: bytes) -> int:
    """Add the concepts of a TBX file to the glossary at once (the command line); returns how many."""
    require_perm(actor, "localization.manage_memory")
    concepts = _glossary_concepts(data)
    with transaction.atomic():
        return _glossary_store(concepts, None)


def _glossary_concepts(data: bytes) -> list[tuple[Concept, list[tuple[str, Any]]]]:
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": [too_large_message()]})
    try:
        concepts = read_tbx(data, max_bytes=max_upload_bytes())
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [_unreadable(exc)]}) from exc
    out = []
    for concept in concepts:
        terms = []
        for term in concept.terms:
            try:
                terms.append((normalize_tag(term.lang), term))
            except ValidationError:
                continue
        if terms:
            out.append((concept, terms))
    return out


def _glossary_store(
    concepts: list[tuple[Concept, list[tuple[str, Any]]]], progress: ImportProgress | None, start: int = 0
) -> int:
    total = len(concepts)
    if progress:
        progress(start, total)
    for begin in range(start, total, CONCEPT_BATCH):
        chunk = concepts[begin : begin + CONCEPT_BATCH]
        with transaction.atomic():
            for concept, terms in chunk:
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
            if progress:
                progress(begin + len(chunk), total, {"committed": begin + len(chunk)})
    return total - min(start, total)


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
