"""Python: a tar archive extracted without a filter (`tarfile` follows the entry names it is given).

    with tarfile.open(fileobj=upload) as tar:
        tar.extractall("/srv/uploads")        # an entry named ../../x lands outside /srv/uploads

Reported: `extractall`/`extract` on a `tarfile.open(...)`/`TarFile(...)` object (named by `with ... as`
or an assignment, or chained) with no `filter=` argument (Python 3.12's `"data"` filter refuses such
entries) or with `filter="fully_trusted"`, and, for `extractall`, no `members=` (a filtered list the code
chose; the archive itself is no choice). `zipfile` is left alone:
it strips `..` and absolute parts itself."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._archive_paths import EXPLANATION, ITEM, TITLE
from persona_review.checks._py_functions import Function, functions_of, own_nodes
from persona_review.checks._py_hits import check, code, hit_on
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity

_OPENERS = frozenset({"tarfile.open", "tarfile.TarFile", "tarfile.TarFile.open", "TarFile", "TarFile.open",
                      "tarfile.TarFile.gzopen", "tarfile.TarFile.bz2open", "tarfile.TarFile.xzopen"})


@check("PY-ARCHIVE-TRAVERSAL", ITEM, Severity.MEDIUM, TITLE, EXPLANATION, needs=("tarfile", "TarFile"))
def archive_traversal(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        for scope in [flow.tree, *functions_of(flow)]:
            yield from _scope_hits(scope, flow.offset)


def _scope_hits(scope: Function | ast.Module, offset: int) -> Iterator[Hit]:
    """The unfiltered extractions of one function (or of the module's own statements), with the names
    that function binds to an archive."""
    own = list(own_nodes(scope))
    archives = _archive_names(own)
    for call in own:
        if isinstance(call, ast.Call) and _unfiltered(call, archives):
            yield hit_on(call, offset, f"`{code(call)}` writes each entry where its name points, with no "
                                       "filter.")


def _unfiltered(call: ast.Call, archives: set[str]) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in {"extractall", "extract"}:
        return False
    opened = isinstance(func.value, ast.Call) and dotted(func.value.func) in _OPENERS
    if not opened and dotted(func.value) not in archives:
        return False
    keywords = {kw.arg: kw.value for kw in call.keywords}
    chosen = keywords.get("filter")
    if chosen is not None:
        # the "fully_trusted" filter is no filter: it extracts what the names say
        return isinstance(chosen, ast.Constant) and chosen.value == "fully_trusted"
    members = keywords.get("members")
    if func.attr == "extractall" and members is not None:
        return dotted(members) in archives  # every member of the archive is no choice at all
    if func.attr == "extractall":
        return len(call.args) < 2  # a second positional argument is the members
    return len(call.args) < 4  # the fourth positional argument of `extract` is the filter


def _archive_names(nodes: list[ast.AST]) -> set[str]:
    """Names bound to an opened tar archive (`with tarfile.open(...) as tar`, `tar = tarfile.open(...)`)."""
    out: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                if isinstance(item.context_expr, ast.Call) and dotted(item.context_expr.func) in _OPENERS \
                        and item.optional_vars is not None:
                    out.add(dotted(item.optional_vars))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) \
                and dotted(node.value.func) in _OPENERS:
            out.update(dotted(target) for target in node.targets)
    out.discard("")
    return out
