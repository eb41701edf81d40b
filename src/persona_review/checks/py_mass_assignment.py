"""Python: the whole request body written into a model, whatever keys it holds.

    user = User(**request.get_json())           # {"is_admin": true} makes an administrator
    Order.objects.filter(pk=pk).update(**request.data)
    for key, value in request.json.items():
        setattr(account, key, value)

Reported: a call that unpacks a whole request body (`request.json`, `request.get_json()`, `request.data`,
`request.POST`, `request.form`, `await request.json()`, or a local given one of them as is) with `**`
into a class (a capitalised name) or a model method (`create`, `update`, `get_or_create`,
`update_or_create`, `insert`, `bulk_create`, `model_validate` is not one), and `setattr(obj, key, value)`
in a loop over the items of such a body. A body passed through a serializer or schema first
(`Schema(**...)` by a pydantic or marshmallow class is the same unpacking, and is reported only when the
class name reads as a model: no `Schema`, `Serializer`, `Form`, `In`, `Create`, `Update`, `Request`,
`Payload`, `Params`, `DTO` in it) is left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import functions_of, own_nodes
from persona_review.checks._py_hits import check, code, hit_on
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity
from persona_review.lazy_re import lazy_re

_BODY = lazy_re(
    r"^(?:self\.)?request\.(?:json|get_json|data|POST|form|values|json_body|media|body_params)$"
)
_MODEL_METHODS = frozenset({"create", "update", "get_or_create", "update_or_create", "insert", "bulk_create",
                            "create_user", "create_superuser", "add", "save", "insert_one", "update_one",
                            "find_one_and_update"})
_VALIDATING_CLASS = lazy_re(
    r"Schema|Serializer|Form|(?<![a-z])In$|Create$|Update$|Request|Payload|Params|DTO|Dto|Input|Model$|Base$|"
    r"Query|Filter|Config|Settings|Options|Args|Event|Message|Command|Response|Data$",
)
"""Classes that validate or merely carry the body (pydantic/marshmallow schemas, DTOs), not models."""


_BODY_TEXT = lazy_re(
    r"\*\*\s*\(?\s*(?:await\s+)?(?:self\.)?request\.|=\s*\(?\s*(?:await\s+)?(?:self\.)?request\."
    r"(?:json|get_json|data|POST|form|values|json_body|media|body_params)\b|request\.(?:json|data|POST|form)\.items\("
)
"""What the file's text must hold for a finding: the body unpacked, kept in a local, or iterated."""


def _may_have_one(text: str) -> bool:
    """`_BODY_TEXT` on the lines that name `request.` only (a regex over a whole file costs more than the
    string searches that find those lines)."""
    at = text.find("request.")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _BODY_TEXT.search(text, start, end):
            return True
        at = text.find("request.", end)
    return False


def _is_body(node: ast.expr, bodies: set[str]) -> bool:
    """Whether `node` is the whole request body (or a local that holds it as is)."""
    if isinstance(node, ast.Await):
        node = node.value
    if isinstance(node, ast.Call) and not node.args and not node.keywords:
        node = node.func  # request.get_json(), request.json()
    if isinstance(node, ast.Name):
        return node.id in bodies
    return bool(_BODY.match(dotted(node)))


@check(
    "PY-MASS-ASSIGNMENT", "SEC-00", Severity.HIGH, "Whole request body written into a model",
    "Every key the client sends becomes a field: `is_admin`, `role`, `owner_id` or `balance` included, so a "
    "user can promote themselves or take over another account's records. Copy the allowed fields one by "
    "one, or validate the body with a schema that lists them (and drops the rest) before it reaches the "
    "model.", needs=("request",))
def mass_assignment(ctx: FileContext) -> Iterator[Hit]:
    if not _may_have_one(ctx.known_text()):
        return  # the body is neither unpacked nor kept in a local: nothing to parse for
    for flow in flows(ctx):
        for function in functions_of(flow):
            yield from _in_function(function, flow.offset)


def _in_function(function: ast.FunctionDef | ast.AsyncFunctionDef, offset: int) -> Iterator[Hit]:
    nodes = list(own_nodes(function))
    bodies = {target.id for node in nodes if isinstance(node, ast.Assign) and len(node.targets) == 1
              for target in node.targets if isinstance(target, ast.Name) and _is_body(node.value, set())}
    for node in nodes:
        if isinstance(node, ast.Call):
            unpacked = next(
                (kw.value for kw in node.keywords if kw.arg is None and _is_body(kw.value, bodies)), None
            )
            if unpacked is not None and _writes_a_model(node.func):
                yield hit_on(node, offset, f"`{code(node)}` takes every key of `{code(unpacked)}`.")
        elif isinstance(node, ast.For) and _items_of_body(node.iter, bodies):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and dotted(inner.func) == "setattr" and len(inner.args) == 3:
                    yield hit_on(inner, offset,
                                 f"`{code(inner)}` sets every attribute named in `{code(node.iter)}`.")
                    break


def _writes_a_model(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        name = func.id
        return name[:1].isupper() and not _VALIDATING_CLASS.search(name)
    if isinstance(func, ast.Attribute):
        if func.attr in _MODEL_METHODS:
            return True
        return func.attr[:1].isupper() and not _VALIDATING_CLASS.search(func.attr)  # models.User(...)
    return False


def _items_of_body(node: ast.expr, bodies: set[str]) -> bool:
    """`request.json.items()` (or of a local holding the body)."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items"
            and _is_body(node.func.value, bodies))

