"""Go: a handler of a nested route that loads the child record by its own id and never looks at the parent.

    g.GET("/orgs/:org/invoices/:id", a.getInvoice, a.requireOrgMember)

    func (a *API) getInvoice(c echo.Context) error {
        id := c.Param("id")
        err := a.db.GetContext(ctx, &inv, `SELECT ... FROM invoices WHERE id = $1`, id)   // any org's invoice

The route names the parent (`:org`), and middleware typically checks the caller belongs to it; but the
query finds the invoice by its id alone, so a member of one organisation reads another's invoice by
changing the id in a URL under their own organisation (an insecure direct object reference).

Read only when the file shows both the route (gin, echo, fiber, chi, gorilla/mux, net/http 1.22 patterns)
and its handler whole: the handler reads the route's last parameter, runs SQL with a `WHERE` on it, and
neither the parent parameter nor its name (`org`, `orgID`, the collection's singular `organization`) is
mentioned anywhere in its body (no scoping column, no comparison with the loaded record, no helper given the
parent). A handler that loads the record through a helper is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import declared
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ROUTE = lazy_re(
    r"\.\s*(?:GET|POST|PUT|PATCH|DELETE|Any|Get|Post|Put|Patch|Delete|HandleFunc|Handle|HandlerFunc)\(\s*"
    r"\"(?P<path>[^\"\n]+)\"\s*,\s*&?(?P<handler>[A-Za-z_][\w.]*)\s*[,)]"
)
_SEGMENT_PARAM = lazy_re(r"^(?::(?P<colon>\w+)|\{(?P<brace>\w+)(?::[^}]*)?\})$")
_WHERE = lazy_re(r"\bWHERE\b", re.IGNORECASE)
_ID_SUFFIX = lazy_re(r"_?(?:id|ID|Id|uuid|UUID|slug)$")


def _nested(path: str) -> tuple[str, list[str], str] | None:
    """For `/orgs/:org/invoices/:id(/pdf)`: (the child parameter, the parent's names: the parameter, its stem
    and its collection's singular, lower case). None unless a parameter follows a collection segment that
    follows a parameter that follows a collection segment."""
    parts = [p for p in re.sub(r"^[A-Z]+\s+", "", path).split("/") if p]
    params = [(i, _param(p)) for i, p in enumerate(parts)]
    named = [(i, name) for i, name in params if name]
    if len(named) < 2:  # a parent and a child
        return None
    (parent_at, parent), (child_at, child) = named[-2], named[-1]
    if parent_at == 0 or child_at != parent_at + 2:
        return None
    if _param(parts[parent_at - 1]) or _param(parts[parent_at + 1]):
        return None
    collection = parts[parent_at - 1].lower()
    names = {parent.lower(), _ID_SUFFIX.sub("", parent).lower(), collection.removesuffix("s")}
    return child, sorted(n for n in names if len(n) >= 2), collection


def _param(segment: str) -> str:
    match = _SEGMENT_PARAM.match(segment)
    return (match.group("colon") or match.group("brace")) if match is not None else ""


@register(
    CheckSpec(
        id="GO-NESTED-RESOURCE-UNSCOPED",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Nested route's record loaded by its own id, never checked against the parent in the URL",
        explanation=(
            "The route sits under a parent (`/orgs/:org/...`) whose membership the middleware checks, but "
            "the handler finds the record by its id alone: a caller who belongs to one parent reads or "
            "changes another parent's record by putting its id under their own. Add the parent to the "
            "query (`WHERE id = $1 AND org_id = $2`) or compare the loaded record's parent with the one "
            "in the URL and answer 404."
        ),
    ),
    needs=("WHERE", "where"),
)
def nested_resource_unscoped(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    funcs = declared(ctx)
    for _no, code, _bare in lines_of(lexed):
        for route in _ROUTE.finditer(code):
            nested = _nested(route.group("path"))
            if nested is None:
                continue
            child, parents, collection = nested
            handler = funcs.get(route.group("handler").rsplit(".", 1)[-1])
            if handler is None or handler.literal:
                continue
            body_lines = [(n, lexed.code.get(n, "")) for n in range(handler.first + 1, handler.last + 1)]
            body = "\n".join(text for _n, text in body_lines)
            reads = rf"(?:Params?|ParamsInt|URLParam|PathValue|Vars)\b[^\n]*\"{re.escape(child)}\""
            if not re.search(reads, body):
                continue  # the child is not read here (a helper does it)
            lowered = body.lower()
            if any(name in lowered for name in parents):
                continue
            where = next((n for n, text in body_lines if _WHERE.search(text)), None)
            if where is None:
                continue
            yield Hit(where, None, (
                f"`{route.group('handler')}` serves `{route.group('path')}` but finds the record by "
                f"`{child}` alone: nothing in it looks at the parent `{collection}` the URL names."))
