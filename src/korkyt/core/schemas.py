"""The base of every API input schema (a POST or PATCH body).

``InputSchema`` refuses what a client did not mean to send: a field the schema does not know (a typo in a
PATCH would otherwise look like success) and a body that is not a JSON object (``[]``, ``"x"``, ``3``).
Both are answered 422 with the field named. Output schemas and query filters stay plain ``ninja.Schema``.
``Day`` is a date field of an input schema, with the years a form accepts.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from korkyt.core.forms import YEARS


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _require_object(cls, data: Any) -> Any:
        raw = data._obj if isinstance(data, DjangoGetter) else data  # ninja wraps the body once validated
        if not isinstance(raw, dict):
            raise PydanticCustomError("object_expected", _("Send a JSON object."))
        return data


def _in_years(value: dt.date) -> dt.date:
    if not YEARS[0] <= value.year <= YEARS[1]:
        message = _("Give a year between %(first)s and %(last)s.") % {"first": YEARS[0], "last": YEARS[1]}
        raise PydanticCustomError("year", message)
    return value


#: A day sent to the API: a year outside ``core.forms.YEARS`` is refused (422) as the forms refuse it.
Day = Annotated[dt.date, AfterValidator(_in_years)]


__all__ = ["Day", "InputSchema"]
