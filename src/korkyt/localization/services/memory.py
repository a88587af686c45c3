"""Writes on translation memory and the glossary."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

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
from korkyt.mt.memory import Concept, FileFormatError, normalise, read_tbx, read_tmx
from korkyt.mt.memory.tmx import SKIP_NO_SOURCE, SKIP_ONE_LANGUAGE

#: Why an import passed over a pair of a translation unit (besides read_tmx's reasons): a text longer than
#: the memory keeps is passed over, never kept cut (as an uploaded cue is never cut), and a pair the
#: memory already holds is not added again.
SKIP_UNKNOWN_LANGUAGE, SKIP_EMPTY, SKIP_TOO_LONG, SKIP_DUPLICATE = (
    "unknown_language",
    "empty",
    "too_long",
    "duplicate",
)
#: Why a glossary import passed over a term or a concept, or left a concept as it was.
SKIP_TERM_TOO_LONG, SKIP_ID_TOO_LONG = "term_too_long", "id_too_long"
SKIP_DEFINITION_TOO_LONG, SKIP_SUBJECT_TOO_LONG = "definition_too_long", "subject_too_long"
SKIP_UNCHANGED = "unchanged"
TERM_MAX, CODE_MAX, DEFINITION_MAX, SUBJECT_MAX = 300, 100, 1000, 200

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
    goes on after what the earlier run had committed: it neither adds those units again nor counts them as
    already in the memory."""
    data = _read_job_file(job)
    film = Film.objects.filter(pk=film_id).first() if film_id else None
    rows = _memory_rows(data, film, skipped)
    added = _memory_rows_store(rows, progress, start=_resume_point(job), skipped=skipped)
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
        return _memory_rows_store(rows, None, skipped=skipped)


_LIMITS = {
    SKIP_TOO_LONG: CUE_TEXT_MAX,
    SKIP_TERM_TOO_LONG: TERM_MAX,
    SKIP_DEFINITION_TOO_LONG: DEFINITION_MAX,
    SKIP_SUBJECT_TOO_LONG: SUBJECT_MAX,
    SKIP_ID_TOO_LONG: CODE_MAX,
}


#: Each reason's words; written out as ``ngettext`` calls so that makemessages finds them.
_SKIPPED: dict[str, Callable[[int], str]] = {
    SKIP_ONE_LANGUAGE: lambda n: ngettext(
        "%(n)s translation unit with a single language", "%(n)s translation units with a single language", n
    ),
    SKIP_NO_SOURCE: lambda n: ngettext(
        "%(n)s translation unit without its source language",
        "%(n)s translation units without their source language",
        n,
    ),
    SKIP_UNKNOWN_LANGUAGE: lambda n: ngettext(
        "%(n)s pair in a language the platform does not list",
        "%(n)s pairs in a language the platform does not list",
        n,
    ),
    SKIP_EMPTY: lambda n: ngettext(
        "%(n)s pair with no text on one side", "%(n)s pairs with no text on one side", n
    ),
    SKIP_TOO_LONG: lambda n: ngettext(
        "%(n)s pair longer than %(max)s characters", "%(n)s pairs longer than %(max)s characters", n
    ),
    SKIP_DUPLICATE: lambda n: ngettext(
        "%(n)s pair already in the memory", "%(n)s pairs already in the memory", n
    ),
    SKIP_TERM_TOO_LONG: lambda n: ngettext(
        "%(n)s term longer than %(max)s characters", "%(n)s terms longer than %(max)s characters", n
    ),
    SKIP_DEFINITION_TOO_LONG: lambda n: ngettext(
        "%(n)s concept with a definition longer than %(max)s characters",
        "%(n)s concepts with a definition longer than %(max)s characters",
        n,
    ),
    SKIP_SUBJECT_TOO_LONG: lambda n: ngettext(
        "%(n)s concept with a subject longer than %(max)s characters",
        "%(n)s concepts with a subject longer than %(max)s characters",
        n,
    ),
    SKIP_ID_TOO_LONG: lambda n: ngettext(
        "%(n)s concept with an identifier longer than %(max)s characters",
        "%(n)s concepts with an identifier longer than %(max)s characters",
        n,
    ),
    SKIP_UNCHANGED: lambda n: ngettext(
        "%(n)s concept already in the glossary", "%(n)s concepts already in the glossary", n
    ),
}


def _by_reason(skipped: Counter[str]) -> list[tuple[str, int]]:
    """The reasons counted, in the order of :data:`_SKIPPED` (unknown keys left out)."""
    return [(key, skipped[key]) for key in _SKIPPED if skipped.get(key)]


def skipped_text(skipped: Counter[str]) -> str:
    """What an import passed over, by reason, in the reader's language ("" when nothing): a translation
    unit with one language or without its source language gives nothing, and a pair in a language the
    platform does not list, with no text on one side, longer than a cue, or already in the memory, is left
    out; so is a glossary term or concept with a text longer than the glossary keeps, and a concept the
    glossary already has as the file gives it is counted as unchanged."""
    reasons = [_SKIPPED[key](n) % {"n": n, "max": _LIMITS.get(key, "")} for key, n in _by_reason(skipped)]
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
        if len(unit.source_text) > CUE_TEXT_MAX or len(unit.target_text) > CUE_TEXT_MAX:
            passed[SKIP_TOO_LONG] += 1  # never kept cut: a cut source would be offered as a match
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
                source_text=unit.source_text,
                source_key=normalise(unit.source_text),
                target_text=unit.target_text,
                film=film,
                context=(unit.context or "")[:500],
                author=(unit.author or "")[:150],
                approved_at=approved,
            )
        )
    if skipped is not None:
        skipped.update(passed)
    return rows


def _memory_rows_store(
    rows: list[MemoryUnit],
    progress: ImportProgress | None,
    start: int = 0,
    skipped: Counter[str] | None = None,
) -> int:
    """Add ``rows[start:]`` batch by batch, each committed with its checkpoint; a pair the memory already
    holds (looked up once per batch) or that the file gave before is counted in ``skipped``, not added.
    Returns how many were added."""
    total, added = len(rows), 0
    if progress:
        progress(start, total)
    for begin in range(start, total, UNIT_BATCH):
        chunk = rows[begin : begin + UNIT_BATCH]
        with transaction.atomic():
            new = _not_in_memory(chunk)
            MemoryUnit.objects.bulk_create(new, batch_size=1000)
            added += len(new)
            if skipped is not None and len(new) < len(chunk):
                skipped[SKIP_DUPLICATE] += len(chunk) - len(new)
            if progress:  # in the batch's transaction: the checkpoint is committed with the rows
                progress(begin + len(chunk), total, {"committed": begin + len(chunk)})
    return added


_LOOKUP = 500  # source texts per query


def _not_in_memory(chunk: list[MemoryUnit]) -> list[MemoryUnit]:
    """The rows of ``chunk`` whose pair (languages, source and target text) the memory does not hold yet
    for the import's film (for an import without a film: for any film), each once. The rows of an import
    share their film."""
    film_id = chunk[0].film_id if chunk else None
    texts: dict[tuple[str, str], set[str]] = {}
    for row in chunk:
        texts.setdefault((row.source_language, row.target_language), set()).add(row.source_text)
    known: set[tuple[str, str, str, str]] = set()
    for (source, target), sources in texts.items():
        ordered = sorted(sources)
        for i in range(0, len(ordered), _LOOKUP):
            units = MemoryUnit.objects.filter(
                source_language=source, target_language=target, source_text__in=ordered[i : i + _LOOKUP]
            )
            if film_id is not None:
                units = units.filter(film_id=film_id)
            known.update((source, target, a, b) for a, b in units.values_list("source_text", "target_text"))
    new = []
    for row in chunk:
        key = (row.source_language, row.target_language, row.source_text, row.target_text)
        if key not in known:
            known.add(key)
            new.append(row)
    return new


def glossary_import_run(
    *, job: Job, progress: ImportProgress | None = None, skipped: Counter[str] | None = None
) -> GlossaryCounts:
    """The import of the TBX file kept with ``job``; committed in batches with a checkpoint (see
    :func:`memory_import_run`). Returns how many concepts it added and updated (see :func:`_glossary_store`);
    counts what it passed over, or found unchanged, in ``skipped``."""
    concepts = _glossary_concepts(_read_job_file(job), skipped)
    counts = _glossary_store(concepts, progress, start=_resume_point(job), skipped=skipped)
    jobs.job_drop_file(job_id=job.pk)
    return counts


def glossary_import(*, actor: Actor, data: bytes, skipped: Counter[str] | None = None) -> int:
    """Add the concepts of a TBX file to the glossary at once (the command line), or update those it has
    by their identifier; returns how many it added (all counts: :func:`glossary_import_counts`)."""
    return glossary_import_counts(actor=actor, data=data, skipped=skipped).added


def glossary_import_counts(
    *, actor: Actor, data: bytes, skipped: Counter[str] | None = None
) -> GlossaryCounts:
    """:func:`glossary_import` with how many concepts it added and how many it updated."""
    require_perm(actor, "localization.manage_memory")
    concepts = _glossary_concepts(data, skipped)
    with transaction.atomic():
        return _glossary_store(concepts, None, skipped=skipped)


class GlossaryCounts(NamedTuple):
    added: int
    updated: int


def _glossary_concepts(
    data: bytes, skipped: Counter[str] | None = None
) -> list[tuple[Concept, list[tuple[str, Any]]]]:
    """The concepts of a TBX file with their terms in the languages the platform lists. A text longer than
    the glossary keeps is never kept cut: a term too long is passed over, and so is a concept whose
    identifier, subject or definition is too long (counted in ``skipped``)."""
    if len(data) > max_upload_bytes():
        raise ValidationError({"file": [too_large_message()]})
    try:
        concepts = read_tbx(data, max_bytes=max_upload_bytes())
    except (FileFormatError, ValueError) as exc:
        raise ValidationError({"file": [_unreadable(exc)]}) from exc
    passed: Counter[str] = Counter()
    out = []
    for concept in concepts:
        too_long = next(
            (
                reason
                for reason, value, limit in (
                    (SKIP_ID_TOO_LONG, concept.id, CODE_MAX),
                    (SKIP_DEFINITION_TOO_LONG, concept.definition, DEFINITION_MAX),
                    (SKIP_SUBJECT_TOO_LONG, concept.subject, SUBJECT_MAX),
                )
                if len(value or "") > limit
            ),
            None,
        )
        if too_long:
            passed[too_long] += 1
            continue
        terms = []
        for term in concept.terms:
            try:
                tag = normalize_tag(term.lang)
            except ValidationError:
                continue
            if len(term.text) > TERM_MAX:
                passed[SKIP_TERM_TOO_LONG] += 1
                continue
            terms.append((tag, term))
        if terms:
            out.append((concept, terms))
    if skipped is not None:
        skipped.update(passed)
    return out


def _glossary_store(
    concepts: list[tuple[Concept, list[tuple[str, Any]]]],
    progress: ImportProgress | None,
    start: int = 0,
    skipped: Counter[str] | None = None,
) -> GlossaryCounts:
    """Add ``concepts[start:]`` batch by batch, each committed with its checkpoint. A concept with an
    identifier the glossary already has (or the file gave before) is merged into that concept, not added:
    its new terms are added, a term's forbidden mark, the definition and the subject are taken from the
    file when it gives them, and do-not-translate is set when the file sets it. One left as it was is
    counted in ``skipped`` as unchanged."""
    total, added, updated = len(concepts), 0, 0
    if progress:
        progress(start, total)
    for begin in range(start, total, CONCEPT_BATCH):
        chunk = concepts[begin : begin + CONCEPT_BATCH]
        with transaction.atomic():
            codes = {concept.id for concept, _terms in chunk if concept.id}
            known: dict[str, GlossaryConcept] = {}
            for earlier in GlossaryConcept.objects.filter(code__in=codes).order_by("pk"):
                known.setdefault(earlier.code, earlier)  # the first of those an earlier import repeated
            for concept, terms in chunk:
                row = known.get(concept.id) if concept.id else None
                if row is None:
                    row = GlossaryConcept.objects.create(
                        code=concept.id or "",
                        definition=concept.definition or "",
                        subject=concept.subject or "",
                        do_not_translate=concept.do_not_translate,
                    )
                    GlossaryTerm.objects.bulk_create(
                        [
                            GlossaryTerm(concept=row, language=tag, text=t.text, forbidden=t.forbidden)
                            for tag, t in terms
                        ],
                        ignore_conflicts=True,
                    )
                    if row.code:
                        known[row.code] = row
                    added += 1
                elif _concept_merge(row, concept, terms):
                    updated += 1
                elif skipped is not None:
                    skipped[SKIP_UNCHANGED] += 1
            if progress:
                progress(begin + len(chunk), total, {"committed": begin + len(chunk)})
    return GlossaryCounts(added, updated)


def _concept_merge(row: GlossaryConcept, concept: Concept, terms: list[tuple[str, Any]]) -> bool:
    """Merge a concept of a file into the glossary's concept with its identifier; whether it changed."""
    changed = False
    for field in ("definition", "subject"):
        value = getattr(concept, field)
        if value and getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    if concept.do_not_translate and not row.do_not_translate:
        row.do_not_translate = changed = True
    have = {(t.language, t.text): t for t in row.terms.all()}
    for tag, term in terms:
        existing = have.get((tag, term.text))
        if existing is None:
            have[(tag, term.text)] = GlossaryTerm.objects.create(
                concept=row, language=tag, text=term.text, forbidden=term.forbidden
            )
            changed = True
        elif existing.forbidden != term.forbidden:
            existing.forbidden = term.forbidden
            existing.save(update_fields=["forbidden"])
            changed = True
    if changed:  # touched, so the glossary's cache sees the change
        row.save(update_fields=["definition", "subject", "do_not_translate", "updated_at"])
    return changed


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
        elif len(text) > TERM_MAX:
            add_error(errors, f"terms[{i}].text", _("A term is at most %(n)s characters.") % {"n": TERM_MAX})
        clean.append((tag, text, bool(term.get("forbidden", False))))
    if not terms:
        add_error(errors, "terms", _("Give at least one term."))
    if len(definition) > DEFINITION_MAX:
        too_long = _("A definition is at most %(n)s characters.")
        add_error(errors, "definition", too_long % {"n": DEFINITION_MAX})
    raise_errors(errors)
    concept = GlossaryConcept.objects.create(do_not_translate=do_not_translate, definition=definition)
    GlossaryTerm.objects.bulk_create(
        [GlossaryTerm(concept=concept, language=t, text=x, forbidden=f) for t, x, f in clean],
        ignore_conflicts=True,
    )
    return concept


def concepts_for_export() -> list[Concept]:
    return selectors.glossary_concepts()
