"""The row as stored, read before an audited save (django-auditlog diffs it against the instance).

django-auditlog reads it with ``Model._default_manager.filter(pk=…).first()``: a queryset built and compiled
on every save, ordered by the model's default ordering (``ORDER BY signed_on DESC, id``) for one row. Its
SQL is the same every time, so it is compiled once per model and database here; each save runs it with
the primary key, applies the backend's converters (dates on SQLite) and builds the instance with
``Model.from_db``, as the ORM does. ``benchmarks/audit_overhead.py`` measures what this saves.
"""

from __future__ import annotations

from typing import Any

from auditlog.context import auditlog_disabled
from auditlog.receivers import _create_log_entry
from django.conf import settings
from django.db import connections
from django.db.models import Model

_COMPILED: dict[tuple[type[Model], str], tuple[str, Any, Any, list[str]]] = {}


def _compiled(model: type[Model], using: str) -> tuple[str, Any, Any, list[str]]:
    key = (model, using)
    found = _COMPILED.get(key)
    if found is None:
        query = model._base_manager.using(using).filter(pk=None).order_by().query  # type: ignore[misc]
        query.where = query.where.__class__()  # no condition: the primary key is added below
        compiler = query.get_compiler(using)
        sql, _params = compiler.as_sql()
        pk_column = connections[using].ops.quote_name(model._meta.pk.column)  # type: ignore[union-attr]
        table = connections[using].ops.quote_name(model._meta.db_table)
        sql = f"{sql} WHERE {table}.{pk_column} = %s"
        columns = [column for column, _sql, _alias in compiler.select]
        converters = compiler.get_converters(columns)
        names = [column.target.attname for column in columns]
        found = _COMPILED[key] = (sql, compiler, converters, names)
    return found


def stored_row(model: type[Model], pk: Any, using: str) -> Model | None:
    """The row of ``model`` with primary key ``pk`` as stored now (None when there is none)."""
    sql, compiler, converters, names = _compiled(model, using)
    connection = connections[using]
    value = model._meta.pk.get_db_prep_value(pk, connection)  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    if converters:
        row = next(iter(compiler.apply_converters([row], converters)))
    return model.from_db(using, names, list(row))


def log_update(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    """django-auditlog's ``log_update`` receiver with the stored row read by :func:`stored_row`."""
    try:
        if auditlog_disabled.get():
            return
    except LookupError:
        pass
    if kwargs.get("raw") and settings.AUDITLOG_DISABLE_ON_RAW_SAVE:
        return
    if instance._state.adding or instance.pk is None:
        return
    from auditlog import get_logentry_model

    old = stored_row(sender, instance.pk, instance._state.db or kwargs.get("using") or "default")
    _create_log_entry(
        action=get_logentry_model().Action.UPDATE,
        instance=instance,
        sender=sender,
        diff_old=old,
        diff_new=instance,
        fields_to_check=kwargs.get("update_fields"),
        use_json_for_changes=getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False),
    )
