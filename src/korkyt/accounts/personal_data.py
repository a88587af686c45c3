"""What each app keeps about a person, declared by the app in ``AppConfig.ready()``:

    register_personal_data("event_registrations", export=registrations_export, leave=registrations_leave)

``export(user)`` gives the app's section of the person's JSON export (``accounts.selectors.user_export``);
``leave(user)`` runs when the person deletes their account, in the same transaction and before the
account's row goes (``accounts.services.user_delete``): it hands back what others depend on (a seat goes to
the waiting list), erases what is the person's, or refuses with a ``ValidationError`` saying what to do
first. Accounts import no app: the apps come to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from korkyt.accounts.models import User

Export = Callable[[User], Any]
Leave = Callable[[User], None]

_SECTIONS: dict[str, tuple[Export | None, Leave | None]] = {}


def moment(value: Any) -> str | None:
    """A date or time in an export: ISO 8601, or None when there is none."""
    return value.isoformat() if value else None


def register_personal_data(name: str, *, export: Export | None = None, leave: Leave | None = None) -> None:
    """Declare an app's data about people: its export section ``name`` and what deleting an account does."""
    _SECTIONS[name] = (export, leave)


def exports(user: User) -> dict[str, Any]:
    """Every registered app's section of ``user``'s export, by name."""
    return {name: export(user) for name, (export, _leave) in sorted(_SECTIONS.items()) if export is not None}


def leave(user: User) -> None:
    """Every registered app's part of deleting ``user``'s account. The caller's transaction holds them all:
    one app's refusal undoes what the others did (mail they queued goes only on commit)."""
    for _name, (_export, app_leave) in sorted(_SECTIONS.items()):
        if app_leave is not None:
            app_leave(user)
