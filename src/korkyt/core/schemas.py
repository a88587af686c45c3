"""The base of every API input schema (a POST or PATCH body).

``InputSchema`` refuses what a client did not mean to send: a field the schema does not know (a typo in a
PATCH would otherwise look like success) and a body that is not a JSON object (``[]``, ``"x"``, ``3``).
Both are answered 422 with the field named. Output schemas and query filters stay plain ``ninja.Schema``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _require_object(cls, data: Any) -> Any:
        raw = data._obj if isinstance(data, DjangoGetter) else data  # ninja wraps the body once validated
        if not isinstance(raw, dict):
            raise PydanticCustomError("object_expected", _("Send a JSON object."))
        return data


__all__ = ["InputSchema"]
