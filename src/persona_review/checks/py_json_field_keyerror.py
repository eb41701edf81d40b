"""Flask handlers that read a field of the JSON body with `[...]`: a missing field is a 500.

    data = request.get_json(silent=True) or {}
    email = data["email"].strip()            # no "email": KeyError, answered 500 instead of 400

Flask's `request.form[...]` answers 400 by itself (a `BadRequestKeyError`), but the JSON body is a plain
dict. Reported, once per function, the first `name["field"]` (a string key) where `name` holds the JSON
body (`request.get_json(...)`, `request.json`, optionally `... or {}`), or a direct
`request.json["field"]`/`request.get_json()["field"]`, unless:
- the function takes a `request` parameter (Flask's `request` is a global: this is another framework);
- the read sits in a `try` that catches `KeyError` (or `LookupError`, `Exception`, everything);
- the function tests the key (`"field" in data`, `data.get("field")`), sets it, or hands the body to
  anything before the read (a schema or validator may have checked it), or is decorated with one
  (`@expects_json`, `@use_args`, `@blp.arguments`, `@validate...`, `@...schema...`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import Function, functions_of, own_nodes, try_guarded_lines
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_VALIDATING_DECORATOR = lazy_re(r"(?i)expects_json|use_args|use_kwargs|arguments|valid|schema|input|body")
_CATCHES = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})


@register(
    CheckSpec(
        id="PY-JSON-FIELD-KEYERROR",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.LOW,
        languages=frozenset({"python"}),
        title="Missing JSON field answered with 500",
        explanation=(
            "The JSON body is a plain dict: `data[\"field\"]` raises KeyError when the client leaves the "
            "field out, and the server answers 500 (an error alert, a retry) for the client's mistake, "
            "without saying which field is missing. Validate the body first (a schema, or `if \"field\" not "
            "in data: return ..., 400`), or use `data.get(...)` and answer 400 when it is absent."
        ),
    ),
    needs=("request.get_json", "request.json"),
)
def json_field_keyerror(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        for function in functions_of(flow):
            if "request" in {arg.arg for arg in [*function.args.posonlyargs, *function.args.args,
                                                   *function.args.kwonlyargs]}:
                continue  # Flask's request is a global: a `request` parameter is another framework's
            if any(_VALIDATING_DECORATOR.search(dotted(d.func if isinstance(d, ast.Call) else d) or "")
                   for d in function.decorator_list):
                continue
            found = _first_unguarded(function)
            if found is not None:
                line, key = found
                yield Hit(line + flow.offset, None, message=(
                    f"`[\"{key}\"]` reads a field of the JSON body that the client may leave out: a "
                    "KeyError, answered 500. Check it first and answer 400 (or validate the body with a "
                    "schema)."))


def _body_value(node: ast.expr) -> bool:
    """Is `node` Flask's JSON body (`request.get_json(...)`, `request.json`, `... or {}`)?"""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        return _body_value(node.values[0])
    if isinstance(node, ast.Call):
        return dotted(node.func) == "request.get_json"
    return dotted(node) == "request.json"


def _first_unguarded(function: Function) -> tuple[int, str] | None:
    nodes = list(own_nodes(function))
    bodies: dict[str, int] = {}
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and _body_value(node.value):
            bodies[node.targets[0].id] = node.lineno
    tested: set[str] = set()
    handed: dict[str, int] = {}
    for node in nodes:
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) \
                and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            tested.add(node.left.value)
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            tested.add(node.slice.value)  # the code sets the field itself
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in {"get", "pop", "setdefault"} and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            tested.add(node.args[0].value)  # the code knows the field may be absent
        if isinstance(node, ast.Call):
            for arg in [*node.args, *(kw.value for kw in node.keywords)]:
                if isinstance(arg, ast.Name) and arg.id in bodies:
                    handed[arg.id] = min(handed.get(arg.id, node.lineno), node.lineno)
    guarded = _guarded_lines(nodes)
    reads: list[tuple[int, str]] = []
    for node in nodes:
        if not isinstance(node, ast.Subscript) or not isinstance(node.ctx, ast.Load):
            continue
        key = node.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or key.value in tested:
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in bodies:
            if owner.id in handed and handed[owner.id] < node.lineno:
                continue
        elif not _body_value(owner):
            continue
        if node.lineno not in guarded:
            reads.append((node.lineno, key.value))
    return min(reads) if reads else None


def _guarded_lines(nodes: list[ast.AST]) -> set[int]:
    return try_guarded_lines(nodes, _CATCHES)
