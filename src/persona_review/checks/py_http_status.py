"""Python: an HTTP response read as data without a look at its status.

    resp = requests.get(f"{BASE}/orders/{order_id}", timeout=5)
    return resp.json()["items"]      # a 404 or 503 error page is read as if it were the order

`requests` and `httpx` return 4xx and 5xx responses like any other: nothing raises until the code asks.
Reported: in a function, `name = <HTTP call>` (`requests`/`httpx` functions, through the file's imports, or
`get`/`post`/`put`/`patch`/`delete`/`request`/`send` on a receiver named like a session or client), then
`name.json()`, with no `raise_for_status()`, `status_code`, `.ok`, `.is_success`/`.is_error`, truth test
of `name`, and no hand-over of `name` (passed to a call, returned, yielded or stored) anywhere in the
function: a helper or the caller may look at it. Nor is it reported when the code is ready for a body that
is not the data: `.json()` inside a `try` that catches `ValueError`, `KeyError` (or anything broader), or
the parsed body tested before use (`if result.get("success") is not True: ...`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from persona_review.checks._http_status import read_end
from persona_review.checks._py_functions import functions_of, own_nodes, try_guarded_lines
from persona_review.checks._py_imports import canonical, imported_names
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_MODULE_CALL = lazy_re(r"^(?:requests|httpx)\.(?:get|post|put|patch|delete|head|options|request)$")
_CLIENT_CALL = lazy_re(
    r"(?:^|\.|_)(?:session|client|http|api)\w*\.(?:get|post|put|patch|delete|request|send)$", re.IGNORECASE
)
_STATUS_ATTRS = frozenset({"raise_for_status", "status_code", "ok", "is_success", "is_error", "status",
                           "is_client_error", "is_server_error", "reason", "reason_phrase"})


@register(
    CheckSpec(
        id="PY-HTTP-STATUS-UNCHECKED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="HTTP response read without checking its status",
        explanation=(
            "`requests` and `httpx` return 4xx and 5xx responses without raising, so `.json()` reads an "
            "error page or an error object as if it were the data: a `KeyError` or JSON error far from the "
            "cause, or worse, wrong data stored. Call `resp.raise_for_status()` first, or branch on "
            "`resp.status_code`."
        ),
    ),
    needs=(".json(",),
)
def http_status_unchecked(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        reads = [call.lineno for call in flow.nodes(ast.Call)
                 if isinstance(call.func, ast.Attribute) and call.func.attr == "json" and not call.args]
        if not reads:
            continue
        imported = imported_names(flow)
        for function in functions_of(flow):
            last = function.end_lineno or function.lineno
            if not any(function.lineno < line <= last for line in reads):
                continue
            for name, call, read_line in _unchecked(function, imported):
                yield Hit(call.lineno + flow.offset, read_end(call.lineno, read_line, flow.offset), message=(
                    f"`{name}.json()` reads the body of `{dotted(call.func)}(...)` and nothing in this "
                    f"function looks at `{name}`'s status first."))


def _unchecked(
    function: ast.FunctionDef | ast.AsyncFunctionDef, imported: dict[str, str]
) -> Iterator[tuple[str, ast.Call, int]]:
    """(name, call, line of the first body read) of each response read without a status check."""
    kinds: dict[type[ast.AST], list[ast.AST]] = {}
    for node in own_nodes(function):  # walked once; each step below reads only the kinds it needs
        kinds.setdefault(type(node), []).append(node)

    def of(*types: type[ast.AST]) -> Iterator[ast.AST]:
        for kind in types:
            yield from kinds.get(kind, ())

    responses: dict[str, ast.Call] = {}
    for node in of(ast.Assign):
        if not isinstance(node, ast.Assign):
            continue
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value.value if isinstance(node.value, ast.Await) else node.value
            name = node.targets[0].id
            if isinstance(value, ast.Call) and _is_http_call(value, imported) \
                    and (name not in responses or value.lineno < responses[name].lineno):
                responses[name] = value  # the first such call, when the name holds several
    if not responses:
        return
    read: dict[str, int] = {}
    cleared: set[str] = set()
    guarded = _guarded_lines(of(ast.Try))
    parsed: dict[str, str] = {}  # variable holding a parsed body -> the response it came from
    for node in of(ast.Assign):
        if not isinstance(node, ast.Assign):
            continue
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            source = _json_of(node.value, responses)
            if source is not None:
                parsed[node.targets[0].id] = source
        if isinstance(node.value, ast.Name):
            cleared.add(node.value.id)  # kept under another name, or stored on an object
    for node in of(ast.AnnAssign):
        if isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Name):
            cleared.add(node.value.id)
    tested: set[str] = set()
    for node in of(ast.If, ast.While, ast.Assert):
        if not isinstance(node, ast.If | ast.While | ast.Assert):
            continue
        tested |= _names(node.test)
    cleared.update(source for name, source in parsed.items() if name in tested)  # the body checked first
    for node in of(ast.Attribute):
        if not isinstance(node, ast.Attribute):
            continue
        if isinstance(node.value, ast.Name) and node.value.id in responses:
            owner = node.value.id
            if node.attr in _STATUS_ATTRS:
                cleared.add(owner)
            elif node.attr == "json":
                if node.lineno in guarded:
                    cleared.add(owner)  # a body that is not the data is caught
                read[owner] = min(read.get(owner, node.lineno), node.lineno)
    if not read:
        return
    for node in of(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        for arg in [*node.args, *(kw.value for kw in node.keywords)]:
            if isinstance(arg, ast.Name) and arg.id in responses:
                cleared.add(arg.id)  # handed to a helper that may check it
    for node in of(ast.Return, ast.Yield, ast.YieldFrom):
        returned = getattr(node, "value", None)
        if returned is not None:
            items = returned.elts if isinstance(returned, ast.Tuple | ast.List) else [returned]
            cleared.update(item.id for item in items if isinstance(item, ast.Name))  # the caller gets it
    for node in of(ast.If, ast.While, ast.Assert, ast.IfExp, ast.BoolOp, ast.UnaryOp):
        test = getattr(node, "test", None) or node
        cleared.update(_truth_tested(test))
    for name in sorted(set(read) - cleared):
        yield name, responses[name], read[name]


_BODY_ERRORS = frozenset({"ValueError", "KeyError", "JSONDecodeError", "Exception", "BaseException",
                          "LookupError", "TypeError"})


def _guarded_lines(nodes: Iterable[ast.AST]) -> set[int]:
    """Lines inside a `try` body one of whose handlers catches a bad or unexpected body."""
    return try_guarded_lines(nodes, _BODY_ERRORS)


def _json_of(value: ast.expr, responses: dict[str, ast.Call]) -> str | None:
    """The response whose parsed body `value` is (`resp.json()`, `resp.json()["data"]`), if any."""
    while isinstance(value, ast.Subscript | ast.Await):
        value = value.value
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "json" \
            and isinstance(value.func.value, ast.Name) and value.func.value.id in responses:
        return value.func.value.id
    return None


def _names(test: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}


def _truth_tested(test: ast.AST) -> set[str]:
    """Names tested for truth (`if resp:`, `if not resp`, `resp and ...`): a Response is false when its
    status is an error."""
    if isinstance(test, ast.Name):
        return {test.id}
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _truth_tested(test.operand)
    if isinstance(test, ast.BoolOp):
        return set().union(*(_truth_tested(value) for value in test.values))
    return set()


def _is_http_call(call: ast.Call, imported: dict[str, str]) -> bool:
    name = dotted(call.func)
    return bool(name) and (_MODULE_CALL.match(canonical(name, imported)) is not None
                           or _CLIENT_CALL.search(name) is not None)

