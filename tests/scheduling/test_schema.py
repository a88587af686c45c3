"""The JSON Schemas shipped in the package are the ones printed in docs/scheduling.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from korkyt.scheduling import INSTANCE_SCHEMA, SOLUTION_SCHEMA, parse_instance, solution_to_dict, solve
from korkyt.scheduling.generate import generate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "scheduling.md"


def _blocks() -> list[dict]:
    text = DOCS.read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```json schema\n(.*?)\n```", text, re.S)]


def test_docs_print_the_package_schemas():
    assert _blocks() == [INSTANCE_SCHEMA, SOLUTION_SCHEMA]


def test_schemas_are_valid_json_schemas():
    jsonschema.Draft202012Validator.check_schema(INSTANCE_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(SOLUTION_SCHEMA)


def test_generated_instances_and_greedy_answers_follow_the_schemas():
    for size in ("tiny", "aktau", "large"):
        data = generate(size, seed=1)
        jsonschema.validate(data, INSTANCE_SCHEMA)
        problem = parse_instance(data)
        jsonschema.validate(solution_to_dict(solve(problem, method="greedy"), problem), SOLUTION_SCHEMA)
