"""The API's OpenAPI schema as stable JSON (committed as docs/openapi.json; a test catches drift)."""

from __future__ import annotations

import json

from django.utils import translation


def schema_json() -> str:
    from korkyt.config.api import api

    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n"
