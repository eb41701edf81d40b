"""The GitHub REST contract for the fake server: operations, request-body validation, example bodies.

Reads tests/data/github/openapi-subset.json (GitHub's OpenAPI description, MIT; see NOTICE.md there).
Schemas are OpenAPI 3.0 (`nullable`), so they are checked with the OAS 3.0 validator.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator

DATA = Path(__file__).resolve().parent.parent / "data" / "github"
SPEC_PATH = DATA / "openapi-subset.json"


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    operation_id: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def operations() -> tuple[Operation, ...]:
    out = []
    for template, item in spec()["paths"].items():
        regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        # {path} of the contents API and {basehead} of compare may hold slashes.
        regex = regex.replace("(?P<path>[^/]+)", "(?P<path>.+)").replace("(?P<basehead>[^/]+)", "(?P<basehead>.+)")
        for method, op in item.items():
            if method in ("get", "post", "patch", "put", "delete"):
                out.append(Operation(method.upper(), template, op["operationId"], re.compile(regex)))
    return tuple(out)


def find_operation(method: str, path: str) -> Operation | None:
    for op in operations():
        if op.method == method and op.pattern.match(path):
            return op
    return None


def _with_components(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "components": spec()["components"]}


def _op(op: Operation) -> dict[str, Any]:
    result: dict[str, Any] = spec()["paths"][op.template][op.method.lower()]
    return result


@lru_cache(maxsize=64)
def _validator(op: Operation, status: int | None) -> OAS30Validator | None:
    """The validator of `op`'s request body (status None) or of one response's JSON body."""
    if status is None:
        request = _op(op).get("requestBody")
        if request is None:
            return None
        return OAS30Validator(_with_components(request["content"]["application/json"]["schema"]))
    response = _op(op)["responses"].get(str(status))
    if response is None:
        return None
    if "$ref" in response:
        response = spec()["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    content = response.get("content", {}).get("application/json")
    return None if content is None else OAS30Validator(_with_components(content["schema"]))


def request_errors(op: Operation, body: Any) -> list[str]:
    """Why `body` is not a valid request body for `op` (empty when it is)."""
    validator = _validator(op, None)
    if validator is None:
        return [] if body is None else [f"{op.operation_id} takes no request body"]
    return [f"{op.operation_id}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(body)]


def response_errors(op: Operation, status: int, body: Any) -> list[str]:
    if str(status) not in _op(op)["responses"]:
        return [f"{op.operation_id}: status {status} is not documented"]
    validator = _validator(op, status)
    if validator is None:
        return []
    return [f"{op.operation_id} {status}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(body)]


def example(name: str) -> Any:
    """A deep copy of one of the description's example bodies (a list example gives its first item)."""
    value = copy.deepcopy(spec()["components"]["examples"][name]["value"])
    return value[0] if isinstance(value, list) else value
