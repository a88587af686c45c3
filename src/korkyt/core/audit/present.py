"""Audit entries as the history page shows them: who, what (the event or created/changed/deleted), which
fields before → after, in the viewer's language (field names, choice labels, event labels)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    JSONField,
    Model,
    TextField,
)
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from korkyt.core.audit.registry import ACTION_LABELS, VALUE_FORMATS, audited
from korkyt.core.labels import language_label
from korkyt.core.models import ERASED, AuditAction, AuditEntry
from korkyt.core.titles import has_title, qualifier_of, title_of, titled
from korkyt.core.translations import Text

TRUNCATE = 140


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    before: str
    after: str
    lang: str = ""  # the language the values are written in (a text of a translation row), else ""


@dataclass(frozen=True, slots=True)
class HistoryRow:
    entry: AuditEntry
    when: dt.datetime
    who: str  # the user's name; "" when the platform acted by itself (the page says so)
    task: str
    what: str
    subject: str  # the dependent row the entry is about ("Дала әні [kk-Cyrl]"); "" for the object itself
    changes: list[Change] = field(default_factory=list)
    subject_kind: str = ""  # what kind of row it is ("film title")
    subject_lang: str = ""  # the language of that row's texts (a translation row), else ""
    gone: bool = False  # that row was deleted since: the subject is what it said of itself when written


def _short(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= TRUNCATE else text[:TRUNCATE] + "…"


def _json(value: str) -> str:
    """A JSON field's stored text as people read it: a list's values joined by commas, an object's
    ``key: value`` pairs, nothing for an empty list, object or null (text that is not JSON as it is)."""
    try:
        data = json.loads(value)
    except ValueError:
        return value

    def text(item: Any) -> str:
        if isinstance(item, str):
            return item
        return json.dumps(item, ensure_ascii=False)

    if data is None or data == [] or data == {}:
        return ""
    if isinstance(data, list):
        return ", ".join(text(item) for item in data)
    if isinstance(data, dict):
        return ", ".join(f"{key}: {text(item)}" for key, item in data.items())
    return text(data)


#: Fields that hold language tags (``language``, ``target_language``, ``jury_languages``…): their values are
#: shown as the languages' names in the reader's language ("kk-Cyrl" → "Kazakh (Cyrillic)").
LANGUAGE_FIELD = re.compile(r"(?:^|_)languages?$")


def _language_names(value: str) -> str:
    return ", ".join(language_label(tag.strip()) for tag in value.split(",") if tag.strip())


def _row_name(row: Model) -> str:
    """A related row's name; a kind of row (a role's scope: a content type) by the model's own name
    ("co-production"), not Django's "Co-productions | co-production"."""
    if isinstance(row, ContentType):
        model = row.model_class()
        return str(model._meta.verbose_name) if model is not None else row.model
    qualifier = qualifier_of(row)
    return f"{title_of(row).text} · {qualifier}" if qualifier else title_of(row).text


def _related_name(model: Any, pk: str, related: dict[tuple[Any, str], str]) -> str:
    """The name of the row ``pk`` of ``model`` (read once per page into ``related``); "#12" once gone."""
    key = (model, pk)
    if key not in related:
        row = titled(model).filter(pk=pk).first()
        related[key] = _row_name(row) if row is not None else f"#{pk}"
    return related[key]


def _value(model_field: Any, value: str, related: dict[tuple[Any, str], str]) -> str:
    """A stored value as people read it: a choice's label, a related row's name, a localized date, yes or
    no, a JSON list's values."""
    if value in ("None", ""):
        return ""
    if isinstance(model_field, JSONField):
        return _json(value)
    if isinstance(model_field, BooleanField) and value in ("True", "False"):
        return str(_("yes") if value == "True" else _("no"))
    choices = dict(getattr(model_field, "choices", None) or ())
    if choices:
        return str(choices.get(value, value))
    if model_field.many_to_one or model_field.one_to_one:
        return _related_name(model_field.related_model, value, related)
    if isinstance(model_field, DateTimeField | DateField):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if isinstance(model_field, DateTimeField):
            if timezone.is_naive(moment):
                moment = moment.replace(tzinfo=dt.UTC)
            return str(formats.localize(timezone.localtime(moment)))
        return str(formats.localize(moment.date()))
    return value


def _row_language(entry: AuditEntry, model: Any, languages: dict[tuple[Any, str], str]) -> str:
    """The language of the row an entry is about, when it is a text in one language (a translation row:
    a ``language`` field): from the change itself, else from the row as it is now ("" once deleted)."""
    if model is None:
        return ""
    try:
        model._meta.get_field("language")
    except FieldDoesNotExist:
        return ""
    change = (entry.changes or {}).get("language")
    if isinstance(change, list | tuple) and len(change) == 2 and change[1] not in (None, "None", ""):
        return str(change[1])
    key = (model, entry.object_pk)
    if key not in languages:
        found = model._default_manager.filter(pk=entry.object_pk).values_list("language", flat=True).first()
        languages[key] = str(found or "")
    return languages[key]


def _is_text(model_field: Any) -> bool:
    return isinstance(model_field, CharField | TextField) and not getattr(model_field, "choices", None)


def _label(model_field: Any, name: str) -> str:
    """A change's heading: the field's name, or for rows rewritten in bulk under a reverse relation (a
    person's names, a film's producing countries) the related rows' plural name."""
    if model_field is None:
        return name
    if getattr(model_field, "verbose_name", None):
        return str(model_field.verbose_name)
    related = getattr(model_field, "related_model", None)
    return str(related._meta.verbose_name_plural) if related is not None else name


def _field(model: Any, name: str) -> Any:
    """``model``'s field ``name``, else that field of a row it owns one to one (an event's seats are its
    bookable's: ``events.event.update`` records them on the event); None when neither has it."""
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        pass
    for owned in model._meta.get_fields():
        if owned.one_to_one and owned.concrete and owned.related_model is not None:
            try:
                return owned.related_model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
    return None


def _m2m_names(model_field: Any, reprs: list[str]) -> list[str]:
    """The rows a many-to-many change added or removed, stored as what they said of themselves: rows named
    by a unique ``code`` (institutions: "KZ-SCSNC") are called by their title in the reader's language while
    they exist ("State Center for Support of National Cinema"); the others as stored."""
    related = getattr(model_field, "related_model", None)
    if related is None or not has_title(related):
        return reprs
    try:
        code = related._meta.get_field("code")
    except FieldDoesNotExist:
        return reprs
    if not code.unique:
        return reprs
    names = {str(row.code): title_of(row).text for row in titled(related).filter(code__in=reprs)}
    return [names.get(r, r) for r in reprs]


def _generic(content_type: str, pk: str, related: dict[tuple[Any, str], str]) -> str:
    """The row a generic relation points to (a role's scope: the institution "6" is), by its name."""
    if content_type in ("None", "") or pk in ("None", ""):
        return ""
    if not (content_type.isascii() and content_type.isdigit() and pk.isascii() and pk.isdigit()):
        return pk
    try:
        model = ContentType.objects.get_for_id(int(content_type)).model_class()
    except ContentType.DoesNotExist:
        return pk
    return pk if model is None else _related_name(model, pk, related)


def _changes(entry: AuditEntry, related: dict[tuple[Any, str], str], lang: str = "") -> list[Change]:
    model = entry.content_type.model_class()
    # a generic relation's id field, read with its content type field when the entry holds both
    generic = (
        {f.fk_field: f.ct_field for f in model._meta.private_fields if isinstance(f, GenericForeignKey)}
        if model is not None
        else {}
    )
    registered = audited(model) if model is not None else None
    excluded = registered.excluded if registered is not None else frozenset()
    rows = []
    for name, change in (entry.changes or {}).items():
        if name in excluded:  # recorded before the field was excluded: shown no more
            continue
        model_field = _field(model, name)
        label = _label(model_field, name)
        kinds = (entry.changes or {}).get(generic.get(name, ""))
        if isinstance(change, list | tuple) and len(change) == 2 and isinstance(kinds, list | tuple):
            before, after = (_generic(str(k), str(v), related) for k, v in zip(kinds, change, strict=False))
            rows.append(Change(label, _short(before), _short(after)))
            continue
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = _short(", ".join(_m2m_names(model_field, [str(o) for o in change.get("objects", [])])))
            added = change.get("operation") == "add"
            rows.append(Change(label, "" if added else objects, objects if added else ""))
        elif isinstance(change, list | tuple) and len(change) == 2:
            concrete = model_field is not None and getattr(model_field, "concrete", False)
            show = VALUE_FORMATS.get((model, name)) if model is not None else None
            before, after = (
                show(str(v))
                if show is not None
                else _value(model_field, str(v), related)
                if concrete
                else ("" if v == "None" else str(v))
                for v in change
            )
            if entry.action == AuditAction.CREATE and not after:
                continue  # a new row's empty fields say nothing
            if show is None and LANGUAGE_FIELD.search(name):
                before, after = _language_names(before), _language_names(after)
            text_lang = lang if lang and name != "language" and _is_text(model_field) else ""
            rows.append(Change(label, _short(before), _short(after), text_lang))
    return rows


def _live_titles(entries: list[AuditEntry]) -> dict[tuple[Any, str], Text]:
    """What the pages call the rows the entries are about that still exist, for the models that name their
    rows (``register(..., title=...)``): "Performing role: Kazakhstan" in the reader's language, where the
    entry stored what the row said of itself when it was written ("role: KZ")."""
    wanted: dict[Any, set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None and has_title(model):
            wanted.setdefault(model, set()).add(entry.object_pk)
    found: dict[tuple[Any, str], Text] = {}
    for model, pks in wanted.items():
        ids = [pk for pk in pks if pk.isascii() and pk.isdigit()]
        for pk, row in titled(model).in_bulk(ids).items():
            found[(model, str(pk))] = title_of(row)
    return found


def _existing(entries: list[AuditEntry]) -> set[tuple[Any, str]]:
    """The rows the entries are about that still exist, one query per model on the page."""
    wanted: dict[Any, set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None and entry.object_pk.isascii() and entry.object_pk.isdigit():
            wanted.setdefault(model, set()).add(entry.object_pk)
    found: set[tuple[Any, str]] = set()
    for model, pks in wanted.items():
        found |= {
            (model, str(pk)) for pk in model._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        }
    return found


def _name_related_rows(entries: list[AuditEntry], related: dict[tuple[Any, str], str]) -> None:
    """Name the rows the page's changes point to (a juror's account, a track's film), reading each related
    model's rows, with what their titles read, at once rather than row by row."""
    wanted: dict[Any, set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        for name, change in (entry.changes or {}).items():
            if not isinstance(change, list | tuple) or len(change) != 2:
                continue
            model_field = _field(model, name)
            if model_field is None or not (model_field.many_to_one or model_field.one_to_one):
                continue
            if not getattr(model_field, "concrete", False) or getattr(model_field, "choices", None):
                continue
            for value in change:
                if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
                    wanted.setdefault(model_field.related_model, set()).add(value)
    for model, pks in wanted.items():
        for pk, row in titled(model).in_bulk(list(pks)).items():
            related[(model, str(pk))] = _row_name(row)


def history_rows(entries: Iterable[AuditEntry], root: Model) -> list[HistoryRow]:
    root_type = (root._meta.app_label, root._meta.model_name)
    related: dict[tuple[Any, str], str] = {}  # related rows named once per page
    languages: dict[tuple[Any, str], str] = {}  # translation rows' languages, read once per page
    entries = list(entries)
    live = _live_titles(entries)
    existing = _existing(entries)
    _name_related_rows(entries, related)
    rows = []
    for entry in entries:
        own = (
            entry.content_type.app_label,
            entry.content_type.model,
        ) == root_type and entry.object_pk == str(root.pk)
        model = entry.content_type.model_class()
        kind = model._meta.verbose_name if model is not None else entry.content_type.model
        lang = _row_language(entry, model, languages)
        if entry.action == AuditAction.EVENT:
            what = str(ACTION_LABELS.get(entry.action_type, entry.action_type))
        else:
            what = str(entry.get_action_display())
        subject, subject_lang, subject_kind = entry.object_repr, lang, str(kind)
        title = live.get((model, entry.object_pk)) if not own else None
        if title is not None:
            subject, subject_lang = title.text, title.lang or lang
        # A text in one language says so of itself: "Дала әні [kk-Cyrl]" (or "(kk-Cyrl)").
        elif lang and subject.endswith((f" [{lang}]", f" ({lang})")):
            subject = subject[: -len(lang) - 3]
            subject_kind = f"{subject_kind}, {_language_names(lang)}"
        rows.append(
            HistoryRow(
                entry=entry,
                when=entry.timestamp,
                who=str(_("an erased account")) if entry.actor_label == ERASED else entry.actor_label,
                task=entry.task_name,
                what=what,
                subject="" if own else _short(subject),
                subject_kind="" if own else subject_kind,
                changes=_changes(entry, related, lang),
                subject_lang=subject_lang,
                gone=not own
                and entry.action != AuditAction.DELETE
                and entry.object_pk.isdigit()
                and (model, entry.object_pk) not in existing,
            )
        )
    return rows
