"""The rows of the side-by-side editor: Python prepares plain values, templates write the HTML.

The templates are Jinja2 (``localization/jinja2/localization/``), auto-escaped: cue text, glossary notes,
finding messages and comments are escaped by the template engine, however hostile, and nothing here marks
text safe. ``editor_rows.html`` renders every row; ``cue_status.html`` is the status cell, also returned by
the autosave and review endpoints (htmx swaps it in place). Jinja2 rather than Django's engine because a
1,500-cue job is 48,000 values: about 0.4 s more in Django's engine, well inside the 300 ms goal in Jinja2.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.template import engines
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from korkyt.core.concurrency import version_of
from korkyt.core.http import id_from
from korkyt.core.languages import request_language
from korkyt.core.numbers import percent
from korkyt.localization import selectors
from korkyt.localization.findings import localized
from korkyt.localization.models import COMMENT_MAX, CueOrigin, CueState, JobStatus, TargetCue, TranslationJob
from korkyt.localization.workflows import cue_submittable
from korkyt.mt.memory import Glossary

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
STATE_CLASS: dict[str, str] = {
    CueState.UNTRANSLATED: "st-untranslated",
    CueState.DRAFT: "st-draft",
    CueState.NEEDS_EDITING: "st-needs",
    CueState.WAITING_REVIEW: "st-waiting",
    CueState.APPROVED: "st-approved",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of source text (its lines); ``cls`` and ``note`` set when it is a glossary hit."""

    lines: list[str]
    cls: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class TermHint:
    """A glossary term of a cue's source written out under it: the term, what the glossary agrees for it
    (the target terms, in ``lang``; or "Do not translate", in the interface language: ``lang`` empty) and
    the class of its highlight."""

    term: str
    note: str
    lang: str
    cls: str


def _template(name: str) -> Any:
    return engines["jinja2"].get_template(name)


def glossary_hits(glossary: Glossary, text: str, source: str, target: str) -> list[tuple[Any, str]]:
    """Glossary hits in a source text with the note to show (the allowed target terms)."""
    hits = []
    for hit in glossary.find(text, source) if text else []:
        if hit.do_not_translate:
            note = _("Do not translate")
        else:
            note = " / ".join(t.text for t in hit.concept.terms_in(target) if not t.forbidden) or "—"
        hits.append((hit, note))
    return sorted(hits, key=lambda h: h[0].start)


def highlight(text: str, hits: list[tuple[Any, str]]) -> list[Piece]:
    """The source text cut into pieces, glossary hits marked (the template escapes and keeps line breaks)."""
    out: list[Piece] = []
    pos = 0
    for hit, note in hits:
        if hit.start < pos:
            continue
        if hit.start > pos:
            out.append(Piece(text[pos : hit.start].split("\n")))
        cls = "term forbidden" if hit.forbidden else ("term dnt" if hit.do_not_translate else "term")
        out.append(Piece(text[hit.start : hit.end].split("\n"), cls, note))
        pos = hit.end
    if pos < len(text):
        out.append(Piece(text[pos:].split("\n")))
    return out


def term_hints(hits: list[tuple[Any, str]], target: str) -> list[TermHint]:
    """The glossary hits of a cue's source as the list under it, each term once: the ``<mark title>`` of
    the highlight is read only by hovering it with a mouse, this list by everyone (a keyboard, a phone, a
    screen reader: the translation field points to it with ``aria-describedby``)."""
    hints: dict[tuple[str, str], TermHint] = {}
    for hit, note in hits:
        cls = "forbidden" if hit.forbidden else ("dnt" if hit.do_not_translate else "")
        lang = "" if hit.do_not_translate or note == "—" else target
        hints.setdefault((hit.term.text, note), TermHint(hit.term.text, note, lang, cls))
    return list(hints.values())


class Labels:
    """Translated labels, looked up once per page."""

    def __init__(self) -> None:
        self.state = {value: str(label) for value, label in CueState.choices}
        self.origin = {value: str(label) for value, label in CueOrigin.choices}
        self.reviewer = _("Reviewer")
        # a comment kept after the cue's text changed (TargetCue.comment_outdated)
        self.comment_earlier = _("Comment on an earlier text:")
        self.submit = _("Submit for review")
        self.cue_number = _("Cue %(n)s")
        self.comment = _("Comment")
        # under a reviewer's comment as it is typed (editor.js) and on a refused one: no maxlength cuts it
        self.count_left = _("Characters left: %(n)s")
        self.count_over = _("Characters over the limit: %(n)s")
        self.approve = _("Approve")
        self.back = _("Return")
        self.cue = _("Translation of cue")
        self.glossary = _("Glossary:")
        self.stale_now = _("The cue now reads:")
        self.stale_take = _("Use this text")
        self.stale_keep = _("Keep my text")
        # The refusal says what its buttons offer (core.concurrency's own message asks to reload the page,
        # which here would drop the text the user typed).
        self.stale_typed = _(
            "Someone else changed this cue while you were editing it: use the text it has now, or keep yours "
            "and save it over theirs."
        )
        self.stale_shown = _(
            "Someone else changed this cue after your page showed it: use the text it has now, then decide "
            "again."
        )


def origin_text(cue: TargetCue, labels: Labels) -> str:
    if not cue.origin:
        return ""
    label = labels.origin.get(cue.origin, cue.origin)
    if cue.origin in (CueOrigin.MEMORY_FUZZY, CueOrigin.MEMORY_EXACT) and cue.score is not None:
        return f"{label} {percent(cue.score, 0)}"
    if cue.origin in (CueOrigin.MACHINE, CueOrigin.TRANSLITERATION) and cue.engine:
        return f"{label} · {cue.engine}"
    return label


@dataclass(frozen=True, slots=True)
class Status:
    state: str
    state_class: str
    state_label: str
    origin: str
    findings: list[dict[str, Any]]
    comment: str
    #: the comment is about an earlier text of the cue (it changed since): shown as such
    comment_outdated: bool
    #: the cue's state allows submitting it for review (localization.workflows): the cell says so
    #: (``data-submittable``) and the row's "Submit for review" button is shown only then (workbench.css)
    submittable: bool = False


@dataclass(frozen=True, slots=True)
class DubCell:
    """The dubbing columns of a row of the adaptation editor: the line's fit to its slot (isochrony, live
    from ``fit``), its character (saved to ``speaker``) and loop."""

    fit: str
    ratio: str
    fit_status: str
    fit_label: str
    speaker: str
    speaker_save: str
    loop: str


@dataclass(frozen=True, slots=True)
class Row:
    pk: str
    number: str
    start_ms: str
    time: str
    source: list[Piece]
    text: str
    text_lines: list[str]
    version: str
    save: str
    review: str
    status: Status
    dub: DubCell | None = None
    #: the glossary terms of the source, written out under it (empty: the row has no list)
    terms: list[TermHint] | None = None
    #: who speaks the source cue, as its file named them ("" for nobody named)
    speaker: str = ""


def status_context(cue: TargetCue, findings: list[dict[str, Any]], labels: Labels) -> Status:
    return Status(
        state=cue.state,
        state_class=STATE_CLASS.get(cue.state, ""),
        state_label=labels.state.get(cue.state, ""),
        origin=origin_text(cue, labels),
        findings=sorted(localized(findings), key=lambda f: SEVERITY_ORDER.get(f["severity"], 3)),
        comment=cue.comment,
        comment_outdated=cue.comment_outdated,
        submittable=cue_submittable(cue.state),
    )


def status_html(cue: TargetCue, findings: list[dict[str, Any]], labels: Labels | None = None) -> SafeString:
    """The status cell of one cue (the autosave and review endpoints return it)."""
    labels = labels or Labels()
    context = {"status": status_context(cue, findings, labels), "labels": labels}
    return SafeString(_template("localization/cue_status.html").render(context))


def version_html(cue: TargetCue) -> SafeString:
    """The row's new version after a save or review, swapped in out of band: the page's next save sends it
    (a translator's successive autosaves never conflict with one another)."""
    context = {"new_version": {"pk": cue.pk, "value": version_of(cue)}}
    return SafeString(_template("localization/cue_status.html").render(context))


def stale_html(cue: TargetCue, *, keep: bool) -> SafeString:
    """A save or review refused because someone else changed the cue (core.concurrency): what happened and
    the cue as it is now, to take it or (``keep``: the refused request carried the user's text) keep one's
    own."""
    labels = Labels()
    stale = {
        "message": labels.stale_typed if keep else labels.stale_shown,
        "text": cue.text,
        "lines": cue.text.split("\n"),
        "version": version_of(cue),
        "lang": cue.job.target_language,
        "keep": keep,
    }
    return SafeString(_template("localization/cue_status.html").render({"stale": stale, "labels": labels}))


@dataclass(frozen=True, slots=True)
class Kept:
    """A review refused on a page sent without JavaScript: the comment typed, kept in its row's field, why
    it was refused (under the field) and, when it is too long, by how much (the counter)."""

    pk: str
    comment: str
    error: str
    count: str = ""
    over: bool = False


def comment_kept(pk: int, comment: str, error: str) -> Kept:
    over = len(comment) - COMMENT_MAX
    if over <= 0:
        return Kept(str(pk), comment, error)
    return Kept(str(pk), comment, error, Labels().count_over % {"n": over}, True)


def comment_error_html(pk: int, error: str = "") -> SafeString:
    """Under a reviewer's comment field, swapped in out of band by a review's answer: why the comment was
    refused, or nothing once the review is done."""
    context = {"comment_refusal": {"pk": pk, "error": error}}
    return SafeString(_template("localization/cue_status.html").render(context))


def _ms(value: int) -> str:
    seconds, ms = divmod(value, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{ms // 100}"


@dataclass(frozen=True, slots=True)
class Editor:
    """The cue editor of a job for one viewer: its rows and what the viewer may do. ``shown``: the cues
    waiting for review at the versions the page shows them (:func:`shown_versions`), for "Approve all"."""

    rows: SafeString
    can_translate: bool
    can_review: bool
    can_submit: bool
    shown: str = ""


def shown_versions(cues: list[TargetCue]) -> str:
    """The cues waiting for review and the versions the page shows (JSON, cue id → version): the "Approve
    all cues waiting for review" form sends it, and only cues still at those versions are approved."""
    waiting = {str(c.pk): version_of(c) for c in cues if c.state == CueState.WAITING_REVIEW}
    return json.dumps(waiting, separators=(",", ":"))


def shown_from(raw: str) -> dict[int, str]:
    """What :func:`shown_versions` wrote, read back from the form (nothing when it is not that)."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {pk: v for k, v in data.items() if (pk := id_from(k)) is not None and isinstance(v, str)}


def job_editor(
    user: Any,
    job: TranslationJob,
    cues: list[TargetCue],
    *,
    dubbing: Mapping[int, DubCell] | None = None,
    extra: Mapping[str, Any] | None = None,
    csrf_token: str = "",
    kept: Kept | None = None,
) -> Editor:
    """The one cue editor, for the subtitle editor and the adaptation editor of a dubbing job alike: what
    ``user`` may do on ``job`` (nothing once it is approved), the findings of the job's checks and glossary,
    and the rows (:func:`rows_html`; ``dubbing`` and ``extra`` as there). ``csrf_token`` goes into each
    row's review form (it works without JavaScript); ``kept``: a review refused, shown at its row."""
    concepts = selectors.glossary_concepts()
    findings = selectors.findings_by_cue(job, cues, concepts)
    open_job = job.status != JobStatus.APPROVED
    can_translate = open_job and user.has_perm("localization.translate_job", job)
    can_review = open_job and user.has_perm("localization.review_job", job)
    can_submit = can_translate and user.has_perm("localization.submit_job", job)
    rows = rows_html(
        job,
        cues,
        findings,
        Glossary(concepts) if concepts else None,
        can_translate=can_translate,
        can_review=can_review,
        can_submit=can_submit,
        dubbing=dubbing,
        extra={**(extra or {}), "csrf_token": csrf_token, "kept": kept},
    )
    return Editor(rows, can_translate, can_review, can_submit, shown_versions(cues) if can_review else "")


def rows_html(
    job: TranslationJob,
    cues: list[TargetCue],
    findings: dict[int, list[dict[str, Any]]],
    glossary: Glossary | None,
    *,
    can_translate: bool,
    can_review: bool,
    can_submit: bool | None = None,
    dubbing: Mapping[int, DubCell] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> SafeString:
    """The editor's rows; each action is drawn only for a viewer allowed to take it (``can_submit``
    defaults to ``can_translate``). ``dubbing`` (cue id → its dubbing columns) makes it the adaptation
    editor of a dubbing job; ``extra`` goes to the template as it is (the dubbing labels)."""
    submit = can_translate if can_submit is None else can_submit
    with _no_gc_pause():
        return _rows_html(
            job,
            cues,
            findings,
            glossary,
            can_translate=can_translate,
            can_review=can_review,
            can_submit=submit,
            dubbing=dubbing,
            extra=extra,
        )


@contextmanager
def _no_gc_pause() -> Iterator[None]:
    """The rows allocate tens of thousands of short-lived, acyclic objects: a full collection of the
    process's heap triggered in the middle doubles the page's time, so collection waits until they are
    done (the collector runs as usual right after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rows_html(
    job: TranslationJob,
    cues: list[TargetCue],
    findings: dict[int, list[dict[str, Any]]],
    glossary: Glossary | None,
    *,
    can_translate: bool,
    can_review: bool,
    can_submit: bool,
    dubbing: Mapping[int, DubCell] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> SafeString:
    labels = Labels()
    base = reverse("localization:cue_save", args=[0]).rsplit("/0/", 1)[0] + "/"
    rows = []
    for index, cue in enumerate(cues):
        text = cue.source.text
        hits = glossary_hits(glossary, text, job.source_language, job.target_language) if glossary else []
        rows.append(
            Row(
                pk=str(cue.pk),
                number=str(index + 1),
                start_ms=str(cue.start_ms),
                time=_ms(cue.start_ms),
                source=highlight(text, hits),
                text=cue.text,
                text_lines=cue.text.split("\n"),
                version=version_of(cue),
                save=f"{base}{cue.pk}/save",
                review=f"{base}{cue.pk}/review",
                status=status_context(cue, findings.get(index, []), labels),
                dub=dubbing.get(cue.pk) if dubbing is not None else None,
                terms=term_hints(hits, job.target_language) if hits else None,
                speaker=cue.source.speaker,
            )
        )
    context = {
        "labels": labels,
        "rows": rows,
        "source_lang": job.source_language,
        "target_lang": job.target_language,
        "ui_lang": request_language(),
        "can_translate": can_translate,
        "can_review": can_review,
        "can_submit": can_submit,
        "comment_max": COMMENT_MAX,
        "csrf_token": "",
        "kept": None,
        **(extra or {}),
    }
    return SafeString(_template("localization/editor_rows.html").render(context))
