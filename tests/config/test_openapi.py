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


def test_every_operation_documents_the_errors_its_input_can_cause():
    """A client generated from the schema expects each answer it can get: an operation taking query
    parameters or a body answers 422 (the error shape) for bad ones, one with an id in its path 404."""
    schema = json.loads(schema_json())
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            codes = set(operation["responses"])
            if (params or "requestBody" in operation) and "422" not in codes:
                missing.append(f"{method.upper()} {path}: 422")
            if any(p["in"] == "path" for p in params) and "404" not in codes:
                missing.append(f"{method.upper()} {path}: 404")
    assert missing == []
