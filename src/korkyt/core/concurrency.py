"""Optimistic locking, the one way: a page or an API client sends back the *version* of the row it read
(``version_of``: the row's ``updated_at``), and a write, under the row's lock, refuses with
:class:`StaleError` when the row changed since (``check_version``). Someone's work is then never
overwritten by a form loaded before it; they are told to reload and see it.

Forms carry the version in a hidden field (``VERSION_FIELD``); APIs take it as an optional ``version``
(a client that sends none is not checked, as before)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

#: The hidden field of a form that edits a row.
VERSION_FIELD = "version"


class StaleError(ValidationError):
    """The row changed after the writer read it (code ``stale``). ``current``, when the writer gives it, is
    the row as it is now (its ``version`` and what the writer edits), for the page or the API client to
    show beside what the person wrote (the API answers it with the 409)."""

    def __init__(self, field: str = VERSION_FIELD, *, current: dict[str, Any] | None = None) -> None:
        self.current = current
        super().__init__(
            {
                field: [
                    ValidationError(
                        _(
                            "Someone else changed this while you were editing it. Reload the page to see "
                            "their changes, then make yours again."
                        ),
                        code="stale",
                    )
                ]
            }
        )


def lock_row(model: type[Model], pk: Any) -> None:
    """Take the row lock of ``model``'s row ``pk`` until the transaction ends, reading nothing: a writer that
    serialises on a parent row (an edition's grid versions, a job's character names, a person's tickets of
    a day). Call it inside ``transaction.atomic``; SQLite serialises writers anyway."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))  # type: ignore[attr-defined]


def version_of(obj: Any) -> str:
    """The version a reader of ``obj`` sends back with its change: its last change, to the microsecond."""
    changed = getattr(obj, "updated_at", None)
    return changed.isoformat() if changed is not None else ""


def check_version(obj: Any, sent: str | None, *, field: str = VERSION_FIELD) -> None:
    """Refuse (``StaleError``) when ``sent`` is given and is not ``obj``'s version. Call it on the row read
    under its lock (``select_for_update``), in the transaction that writes it."""
    if sent is None or sent == "":
        return
    if str(sent).strip() != version_of(obj):
        raise StaleError(field)
