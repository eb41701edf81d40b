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
import re
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
    r"(?:json|get_json|data|POST|form|values|json_body|media|body_params)\b|"
    r"request\.(?:json|data|POST|form|get_json\(\s*\))\.items\("
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
    "model.", needs=("request", "allow", "__all__", "exclude"))
def mass_assignment(ctx: FileContext) -> Iterator[Hit]:
    text = ctx.known_text()
    open_schemas = _open_schemas(text)
    whole_model = "__all__" in text or "exclude" in text
    if not open_schemas and not whole_model and not _may_have_one(text):
        return  # the body is neither unpacked nor kept in a local: nothing to parse for
    seen: set[int] = set()
    for flow in flows(ctx):
        if whole_model:
            yield from _user_model_forms(flow.tree, flow.offset)
        for function in functions_of(flow):
            for hit in _in_function(function, flow.offset, open_schemas):
                seen.add(hit.line)
                yield hit
    if open_schemas and not ctx.whole_file:
        yield from (hit for hit in _dump_loops_in_lines(ctx, open_schemas) if hit.line not in seen)


_DUMP_LOOP = lazy_re(
    r"^([ \t]*)for\s+(\w+)\s*,\s*\w+\s+in\s+(\w+)\.(?:model_dump|dict)\([^()]*\)\.items\(\)\s*:")
_SETATTR = lazy_re(r"^\s*setattr\s*\(")


def _dump_loops_in_lines(ctx: FileContext, open_schemas: frozenset[str]) -> Iterator[Hit]:
    """The setattr loop over an open schema's dump read from the lines, for a hunk that starts inside the
    handler's parameter list (no parse of it holds the loop): the dumped name must not be shown received
    as another class, and the loop must not test its key against a collection before the `setattr`."""
    for no in sorted(ctx.lines):
        found = _DUMP_LOOP.match(ctx.lines[no])
        if found is None:
            continue
        indent, key, name = len(found.group(1)), found.group(2), found.group(3)
        typed = [m.group(1) for text in ctx.lines.values()
                 if (m := re.search(rf"\b{re.escape(name)}\s*:\s*([\w.]+)", text)) is not None]
        if any(cls.rsplit(".", 1)[-1] not in open_schemas for cls in typed):
            continue
        at = no + 1
        while at in ctx.lines:
            text = ctx.lines[at]
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                break
            if re.search(rf"\b{re.escape(key)}\s+(?:not\s+)?in\b", text):
                break  # an allow-list test
            if _SETATTR.match(text):
                yield Hit(at, None, f"`{text.strip()}` sets every attribute `{name}` carries: its schema "
                                    "keeps "
                                    "keys it does not declare (`extra=\"allow\"`).")
                break
            at += 1


_MODEL_FORM_BASES = lazy_re(r"(?:^|\.)(?:ModelSerializer|HyperlinkedModelSerializer|ModelForm)$")
_USER_MODEL = lazy_re(r"^(?:\w*User|Member|get_user_model\(\)|settings\.AUTH_USER_MODEL)$")
_PRIVILEGED_FIELD = lazy_re(
    r"^(?:is_staff|is_superuser|is_admin|is_active|role|roles|groups|user_permissions)$")
_ADMIN_CLASS = lazy_re(r"Admin|Staff|Superuser|Internal|Management", re.IGNORECASE)


def _user_model_forms(tree: ast.Module, offset: int) -> Iterator[Hit]:
    """A DRF `ModelSerializer` or Django `ModelForm` of the user model whose `Meta` makes every column
    writable (`fields = "__all__"`, or an `exclude` that leaves `is_staff`/`is_superuser`/`role` in):
    a user editing their own profile through it sends `is_superuser: true`. Left alone: an admin's
    serializer or form (named so), and a `Meta` with `read_only_fields` (its author chose what to lock)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef) or _ADMIN_CLASS.search(node.name):
            continue
        if not any(_MODEL_FORM_BASES.search(dotted(base)) for base in node.bases):
            continue
        meta = next((item for item in node.body
                     if isinstance(item, ast.ClassDef) and item.name == "Meta"), None)
        if meta is None:
            continue
        settings = {target.id: stmt for stmt in meta.body if isinstance(stmt, ast.Assign)
                    for target in stmt.targets if isinstance(target, ast.Name)}
        model = settings.get("model")
        if model is None or "read_only_fields" in settings or not _USER_MODEL.match(code(model.value)):
            continue
        fields, exclude = settings.get("fields"), settings.get("exclude")
        if fields is not None and isinstance(fields.value, ast.Constant) and fields.value.value == "__all__":
            yield hit_on(fields, offset, f"`{node.name}` makes every column of `{code(model.value)}` "
                         "writable, `is_staff`/`is_superuser` included.")
        elif fields is None and exclude is not None and isinstance(exclude.value, (ast.List, ast.Tuple)):
            left_out = {item.value for item in exclude.value.elts
                        if isinstance(item, ast.Constant) and isinstance(item.value, str)}
            if not any(_PRIVILEGED_FIELD.match(name) for name in left_out):
                shown = sorted(left_out) or "nothing"
                yield hit_on(exclude, offset, f"`{node.name}` excludes only {shown}: "
                             f"every other column of `{code(model.value)}` is writable, "
                             "`is_staff`/`is_superuser` included.")


_EXTRA_ALLOW = lazy_re(
    r"""\bextra\s*=\s*(?:["']allow["']|Extra\.allow\b)|["']extra["']\s*:\s*["']allow["']""")
_CLASS_LINE = lazy_re(r"^[ \t]*class\s+(\w+)\b", re.MULTILINE)


def _open_schemas(text: str) -> frozenset[str]:
    """Pydantic classes configured to keep keys they do not declare (`model_config =
    ConfigDict(extra="allow")`, `class Config: extra = "allow"`): each named by the class line nearest
    above its setting (a nested `Config` class gives the class it sits in)."""
    if "allow" not in text or "extra" not in text:
        return frozenset()
    classes = [(found.start(), found.group(1)) for found in _CLASS_LINE.finditer(text)]
    names: set[str] = set()
    for found in _EXTRA_ALLOW.finditer(text):
        above = [name for at, name in classes if at < found.start() and name != "Config"]
        if above:
            names.add(above[-1])
    return frozenset(names)


def _open_params(function: ast.FunctionDef | ast.AsyncFunctionDef, open_schemas: frozenset[str]) -> set[str]:
    """The parameters annotated with one of `open_schemas`: a request body that carries any key sent."""
    if not open_schemas:
        return set()
    params = [*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs]
    named = {param.arg for param in params
             if param.annotation is not None and dotted(param.annotation).rsplit(".", 1)[-1] in open_schemas}
    if len(open_schemas) == 1:
        # a hunk often starts below the handler's parameters: a name the function neither receives nor
        # assigns is taken for the file's one open schema
        known = {param.arg for param in params}
        known |= {target.id for node in own_nodes(function) if isinstance(node, (ast.Assign, ast.AnnAssign))
                  for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                  if isinstance(target, ast.Name)}
        named |= {node.id for node in own_nodes(function)
                  if isinstance(node, ast.Name) and node.id not in known}
    return named


def _dumped(node: ast.expr, open_params: set[str]) -> bool:
    """`body.model_dump(...)` / `body.dict(...)` of a parameter whose schema keeps undeclared keys."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"model_dump", "dict"} and isinstance(node.func.value, ast.Name)
            and node.func.value.id in open_params)


def _in_function(function: ast.FunctionDef | ast.AsyncFunctionDef, offset: int,
                 open_schemas: frozenset[str] = frozenset()) -> Iterator[Hit]:
    nodes = list(own_nodes(function))
    bodies = {target.id for node in nodes if isinstance(node, ast.Assign) and len(node.targets) == 1
              for target in node.targets if isinstance(target, ast.Name) and _is_body(node.value, set())}
    open_params = _open_params(function, open_schemas)
    for node in nodes:
        if isinstance(node, ast.Call):
            unpacked = next(
                (kw.value for kw in node.keywords
                 if kw.arg is None and (_is_body(kw.value, bodies) or _dumped(kw.value, open_params))), None
            )
            if unpacked is not None and _writes_a_model(node.func):
                yield hit_on(node, offset, f"`{code(node)}` takes every key of `{code(unpacked)}`.")
        elif isinstance(node, ast.For) and (_items_of_body(node.iter, bodies)
                                            or _items_of_dump(node.iter, open_params)):
            if _allow_listed(node):
                continue
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


def _items_of_dump(node: ast.expr, open_params: set[str]) -> bool:
    """`body.model_dump(exclude_unset=True).items()` of a schema that keeps undeclared keys."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items"
            and _dumped(node.func.value, open_params))


def _allow_listed(loop: ast.For) -> bool:
    """A loop that tests its key against a collection (`if key in EDITABLE:`, `if key not in ALLOWED:
    continue`) before it sets anything: the allow-list is there. (`hasattr(user, key)` is not one: every
    column, `is_admin` too, is an attribute.)"""
    target = loop.target.elts[0] if isinstance(loop.target, ast.Tuple) and loop.target.elts else loop.target
    if not isinstance(target, ast.Name):
        return False
    return any(isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == target.id
               and any(isinstance(op, (ast.In, ast.NotIn)) for op in test.ops)
               for inner in ast.walk(loop) if isinstance(inner, (ast.If, ast.IfExp)) for test in [inner.test])


def _items_of_body(node: ast.expr, bodies: set[str]) -> bool:
    """`request.json.items()` (or of a local holding the body)."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items"
            and _is_body(node.func.value, bodies))

