"""Create forms sent once: the same form sent again makes nothing new.

A form that creates a record (an order, a project) carries a one-time key (:class:`OnceField`, a hidden
field given a new random value each time the page is drawn). Its view runs the creation through
:func:`run_once`: the first sending with a key claims it and stores where the new record lives; a second
sending with the same key — the browser's Back after saving, then Send again, or a double click — makes
nothing and leads to the record the first one made. The claim and the creation are one transaction: a
refused creation (a validation error) frees the key, so the corrected form can be sent. Two sendings at the
same moment wait on the key's unique index, and the second finds the first's record.

Keys are kept a day per person; older ones are dropped when that person claims a new one.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from korkyt.core.models import SentForm

FIELD = "once"
KEEP = dt.timedelta(days=1)
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def new_key() -> str:
    return secrets.token_urlsafe(16)


class OnceField(forms.CharField):
    """The form's one-time key: hidden and never an error (a form sent without a well-formed one is simply
    not deduplicated)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = value if isinstance(value, str) else ""
        return text if _KEY.match(text) else ""


def add_once_field(form: forms.BaseForm) -> None:
    """Give ``form`` its one-time key: a new one when the page is drawn, the sent one when it is bound."""
    form.fields[FIELD] = OnceField(initial=new_key())


def already_sent_message() -> str:
    return _("This form was sent before: here is what it made.")


def run_once(request: HttpRequest, key: str | None, make: Callable[[], str]) -> tuple[str, bool]:
    """``make()`` creates the record and returns the address to go to. Returns that address and True;
    or, when ``key`` was already claimed by this person, the first sending's address and False (nothing
    made). Without a well-formed key, or signed out, ``make()`` simply runs."""
    if not key or not _KEY.match(key) or not request.user.is_authenticated:
        return make(), True
    user = request.user
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = SentForm.objects.create(user=user, key=key)
        except IntegrityError:
            earlier = SentForm.objects.filter(user=user, key=key).first()
            return (earlier.location if earlier else "") or request.get_full_path(), False
        SentForm.objects.filter(user=user, created_at__lt=timezone.now() - KEEP).delete()
        location = make()
        row.location = location[:500]
        row.save(update_fields=["location"])
    return location, True
