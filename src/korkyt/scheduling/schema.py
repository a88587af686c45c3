"""The JSON Schemas of the contract, shipped with the package (also printed in docs/scheduling.md)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("korkyt.scheduling").joinpath(name).read_text(encoding="utf-8"))


INSTANCE_SCHEMA: dict[str, Any] = _load("instance.schema.json")
SOLUTION_SCHEMA: dict[str, Any] = _load("solution.schema.json")
