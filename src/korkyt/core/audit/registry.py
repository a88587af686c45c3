"""Which models are audited, whose history each belongs to, and who may read it.

Each app registers its models in its AppConfig.ready()::

    from korkyt.core.audit import register
    register(Memorandum, history_permission="institutions.change_memorandum", m2m=("areas",))
    register(MemorandumTranslation, parent="memorandum")

django-auditlog then records every create, change and delete of those rows (the fields before → after). A
model with ``parent`` (a foreign key, or a generic foreign key such as a role's scope) shows in its parent's
history (one level: the parent is not itself a dependent row);
``history_permission`` is the ``rules`` permission, checked with the object, that lets an actor read the
history (platform administrators always may).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.receivers import log_update as auditlog_log_update
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.db.models.signals import pre_save
from django.utils.functional import Promise

from korkyt.core.audit import oldrow
from korkyt.core.titles import register_title

#: Bookkeeping fields never recorded as changes.
ALWAYS_EXCLUDED = ("created_at", "updated_at")
#: What a masked field's value (a secret) is recorded as, before and after alike: that it changed, and
#: nothing of either value (not its length, nor any of its characters).
MASKED = "••••••"
#: Labels of the platform's event types (``audit_log(action=…)``) for pages; workflows add theirs.
ACTION_LABELS: dict[str, str | Promise] = {}


@dataclass(frozen=True, slots=True)
class Audited:
    model: type[Model]
    history_permission: str | None
    parent: str | None
    #: fields not recorded (``exclude``): entries written before they were excluded do not show them either
    excluded: frozenset[str] = frozenset()


_AUDITED: dict[type[Model], Audited] = {}
#: The foreign key naming the account each row is about (``register(..., person="user")``: a role's holder).
PERSON_FIELDS: dict[type[Model], str] = {}
#: The keys under which events' data name accounts, by their ids (``user_data_keys(...)``).
USER_DATA_KEYS: set[str] = set()
#: The masked fields of each audited model (``register(..., mask=...)``).
MASKED_FIELDS: dict[type[Model], tuple[str, ...]] = {}


def masked(value: str) -> str:
    """django-auditlog's mask for a secret's old and new value (AUDITLOG_MASK_CALLABLE): the same marker
    whatever the value, so that an entry says the field changed and nothing of what it held."""
    return MASKED


def register(
    model: type[Model],
    *,
    history_permission: str | None = None,
    parent: str | None = None,
    exclude: Iterable[str] = (),
    mask: Iterable[str] = (),
    m2m: Iterable[str] = (),
    skip: Callable[[Any], bool] | None = None,
    title: Callable[[Any, str], Any] | None = None,
    prefetch: Iterable[str] = (),
    person: str | None = None,
) -> None:
    """Audit ``model``'s changes. ``exclude``: fields not recorded (noisy or large); ``mask``: fields
    recorded as changed with no part of their value (secrets: ``MASKED`` before and after); ``m2m``:
    many-to-many fields to record.
    ``skip(instance)``: rows not to record (e.g. titles the platform generates from an entered one).
    ``created_at`` and ``updated_at`` are never recorded. ``title(obj, language)``: what pages call the
    object, as a ``Text`` (its title in the reader's language, with its tag; :mod:`korkyt.core.titles`), and
    ``prefetch`` the relations it reads (``("person__names",)``), so that a page of history names its rows
    in a fixed number of queries. ``person``: the foreign key naming the account a row is about (a role's
    holder): when that account is deleted, the entries about every such row of theirs, past ones included,
    lose their text and values (:func:`korkyt.core.audit.audit_erase_person`).

    Rows written with ``bulk_create``/``bulk_update``/``QuerySet.update`` send no signals and are not
    recorded: a service writing in bulk records what it did with ``audit_log`` when it matters."""
    if parent is not None:
        model._meta.get_field(parent)  # fails early on a wrong name
    if person is not None:
        model._meta.get_field(person)
        PERSON_FIELDS[model] = person
    if not auditlog.contains(model):
        auditlog.register(
            model,
            exclude_fields=[*ALWAYS_EXCLUDED, *exclude],
            mask_fields=list(mask),
            mask_callable="korkyt.core.audit.registry.masked",
            m2m_fields=set(m2m),
        )
        # The stored row is read with SQL compiled once per model (korkyt.core.audit.oldrow), not with a
        # queryset built, ordered and compiled on every save.
        pre_save.disconnect(sender=model, dispatch_uid=auditlog._dispatch_uid(pre_save, auditlog_log_update))
        pre_save.connect(
            oldrow.log_update,
            sender=model,
            weak=False,
            dispatch_uid=f"korkyt.audit.update.{model._meta.label}",
        )
    if mask:
        MASKED_FIELDS[model] = tuple(mask)
    if skip is not None:

        def _skip(sender: Any, instance: Any, **kwargs: Any) -> bool:
            return not skip(instance)  # False: django-auditlog writes no entry

        pre_log.connect(
            _skip, sender=model, weak=False, dispatch_uid=f"korkyt.audit.skip.{model._meta.label}"
        )
    if title is not None:
        register_title(model, title, prefetch=prefetch)
    _AUDITED[model] = Audited(
        model=model, history_permission=history_permission, parent=parent, excluded=frozenset(exclude)
    )


def audited(model: type[Model]) -> Audited | None:
    return _AUDITED.get(model._meta.concrete_model or model)


def audited_models() -> list[type[Model]]:
    return list(_AUDITED)


def root_of(instance: Any) -> tuple[type[Model], int] | None:
    """The model and id of the object whose history shows changes of ``instance``."""
    info = audited(type(instance))
    if info is not None and info.parent is not None:
        field = instance._meta.get_field(info.parent)
        if isinstance(field, GenericForeignKey):  # a row about any object (a role held on a scope)
            type_id = getattr(instance, f"{field.ct_field}_id", None)
            object_id = getattr(instance, field.fk_field, None)
            model = ContentType.objects.get_for_id(type_id).model_class() if type_id else None
            if model is not None and object_id is not None:
                return model, int(object_id)
        else:
            parent_id = getattr(instance, field.attname, None)
            if parent_id is not None:
                return field.related_model, int(parent_id)
    pk = getattr(instance, "pk", None)
    if isinstance(pk, int):
        return instance._meta.concrete_model, pk
    return None


def user_data_keys(*keys: str) -> None:
    """Keys under which ``audit_log(data=…)`` names accounts by their ids (one id, or a list of ids):
    an event's data never holds a user name (it outlives the account), and when the account is deleted its
    id there is erased too."""
    USER_DATA_KEYS.update(keys)


def action_label(action_type: str, label: str | Promise) -> None:
    """Name an event type for the pages (``audit_log(action=action_type, …)``)."""
    ACTION_LABELS[action_type] = label


#: How the history page reads a change that is not a model field's value (``audit_log(changes={name: …})``
#: of rows rewritten in bulk): stored as codes, shown in the reader's language.
VALUE_FORMATS: dict[tuple[type[Model], str], Callable[[str], str]] = {}


def value_format(model: type[Model], name: str, show: Callable[[str], str]) -> None:
    """Show the stored values of ``model``'s change ``name`` with ``show`` (codes into words, say)."""
    VALUE_FORMATS[(model, name)] = show
