"""The committed OpenAPI schema (docs/openapi.json) must match the code; regenerate with `korkyt openapi --write`."""

from __future__ import annotations

import json
from pathlib import Path

from korkyt.config.openapi import schema_json

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_openapi_schema_matches_the_code():
    assert COMMITTED.exists(), "docs/openapi.json is missing: run `korkyt openapi --write`"
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(schema_json()), (
        "The API changed but docs/openapi.json did not: run `korkyt openapi --write` and commit it"
    )


def test_schema_documents_422_with_the_error_shape():
    schema = json.loads(schema_json())
    post = schema["paths"]["/api/memoranda"]["post"]
    assert "422" in post["responses"]
    ref = post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/ErrorOut")
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {"detail", "code", "errors"}
