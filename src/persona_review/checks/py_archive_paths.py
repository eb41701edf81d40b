"""Python: a tar archive extracted without a filter (`tarfile` follows the entry names it is given).

    with tarfile.open(fileobj=upload) as tar:
        tar.extractall("/srv/uploads")        # an entry named ../../x lands outside /srv/uploads

Reported: `extractall`/`extract` on a `tarfile.open(...)`/`TarFile(...)` object (named by `with ... as`
or an assignment, or chained) with no `filter=` argument (Python 3.12's `"data"` filter refuses such
entries) or with `filter="fully_trusted"`, and, for `extractall`, no `members=` (a filtered list the code
chose; the archive itself is no choice). `zipfile`'s own `extract`/`extractall` are left alone: they
strip `..` and absolute parts themselves.

Also reported, for zip and tar alike: extraction by hand, an entry's name joined into a path
(`os.path.join(dest, member.filename)`, `Path(dest) / info.name`, `dest.joinpath(name)`) in a loop over
the archive's entries (`infolist()`, `namelist()`, `getmembers()`, `getnames()`, the tar itself), in a
function that writes files, with no containment check in that function (`realpath`/`abspath`/`normpath`/
`resolve()` with `startswith`/`is_relative_to`/`commonpath`, `basename`, `secure_filename`, a test for
`..`, a helper named for the check)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._archive_paths import CHECKER_CALL, EXPLANATION, ITEM, TITLE
from persona_review.checks._py_functions import Function, functions_of, own_nodes
from persona_review.checks._py_hits import check, code, hit_on
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import FileContext, Hit
from persona_review.findings import Severity

_OPENERS = frozenset({"tarfile.open", "tarfile.TarFile", "tarfile.TarFile.open", "TarFile", "TarFile.open",
                      "tarfile.TarFile.gzopen", "tarfile.TarFile.bz2open", "tarfile.TarFile.xzopen"})


@check("PY-ARCHIVE-TRAVERSAL", ITEM, Severity.MEDIUM, TITLE, EXPLANATION,
       needs=("tarfile", "TarFile", "infolist", "namelist", "getmembers", "getnames"))
def archive_traversal(ctx: FileContext) -> Iterator[Hit]:
    for flow in flows(ctx):
        for scope in [flow.tree, *functions_of(flow)]:
            yield from _scope_hits(scope, flow.offset)
            yield from _joined_entry_names(scope, flow.offset)


_ENTRY_LISTS = frozenset({"infolist", "namelist", "getmembers", "getnames"})
_NAME_LISTS = frozenset({"namelist", "getnames"})
"""The lists whose items are the entry names themselves (the others hold `ZipInfo`/`TarInfo` objects)."""
_NAME_FIELDS = frozenset({"filename", "name", "orig_filename"})
_JOINS = frozenset({"os.path.join", "path.join", "posixpath.join", "Path", "pathlib.Path", "PurePath"})
_CONTAINMENT = frozenset({"realpath", "abspath", "normpath", "resolve", "is_relative_to", "commonpath",
                          "basename", "secure_filename", "safe_join", "startswith"})
_WRITERS = frozenset({"write_bytes", "write_text", "copyfileobj", "makedirs", "mkdir", "move", "copy",
                      "copyfile"})


def _joined_entry_names(scope: Function | ast.Module, offset: int) -> Iterator[Hit]:
    """Extraction by hand: an entry's name joined into a path in a loop over the archive's entries, in a
    function that writes files and checks no path."""
    own = list(own_nodes(scope))
    if not _writes_files(own) or _checks_containment(own):
        return
    held = _held_entry_lists(own)
    for loop in own:
        if not isinstance(loop, ast.For | ast.AsyncFor) or not isinstance(loop.target, ast.Name):
            continue
        entry = loop.target.id
        listed = _entry_list(loop.iter, held)
        if listed is None:
            continue
        bare_names = listed
        names = {entry} if bare_names else set()
        for node in ast.walk(loop):  # `name = member.filename`: a variable holding the entry's name
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) and _is_entry_name(node.value, entry, names):
                names.add(node.targets[0].id)
        for node in ast.walk(loop):
            joined = _joined_part(node) if isinstance(node, ast.expr) else None
            if isinstance(node, ast.expr) and joined is not None \
                    and any(_is_entry_name(part, entry, names) for part in joined):
                yield hit_on(node, offset, f"`{code(node)}` puts an archive entry's name into a path: an "
                                           "entry named `../...` is written outside the destination.")
                break


def _entry_list(node: ast.expr, held: dict[str, bool]) -> bool | None:
    """Whether `node` lists the archive's entries: None when it does not, else whether its items are the
    names themselves. Reads the call (`zf.infolist()`), a variable holding one (`infos = zf.infolist()`),
    `sorted(...)`/`list(...)` of one, and a comprehension that filters one (`[i for i in infos if ...]`)."""
    if isinstance(node, ast.Name):
        return held.get(node.id)
    if _lists_entries(node, _NAME_LISTS):
        return True
    if _lists_entries(node, _ENTRY_LISTS):
        return False
    if isinstance(node, ast.Call) and dotted(node.func) in {"sorted", "list", "reversed"} and node.args:
        return _entry_list(node.args[0], held)
    if isinstance(node, ast.ListComp | ast.GeneratorExp) and len(node.generators) == 1:
        generator = node.generators[0]
        if isinstance(generator.target, ast.Name) and isinstance(node.elt, ast.Name) \
                and node.elt.id == generator.target.id:
            return _entry_list(generator.iter, held)
    return None


def _held_entry_lists(nodes: list[ast.AST]) -> dict[str, bool]:
    """Variables assigned a list of the archive's entries, in source order."""
    held: dict[str, bool] = {}
    for node in sorted((n for n in nodes if isinstance(n, ast.Assign)), key=lambda n: n.lineno):
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            listed = _entry_list(node.value, held)
            if listed is not None:
                held[node.targets[0].id] = listed
    return held


def _lists_entries(node: ast.expr, methods: frozenset[str]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in methods \
        and not node.args


def _is_entry_name(node: ast.expr, entry: str, names: set[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in names
    return isinstance(node, ast.Attribute) and node.attr in _NAME_FIELDS \
        and isinstance(node.value, ast.Name) and node.value.id == entry


def _joined_part(node: ast.expr) -> list[ast.expr] | None:
    """The parts a path is built from: `os.path.join(a, b)`, `Path(a, b)`, `a / b`, `a.joinpath(b)`."""
    if isinstance(node, ast.Call):
        if dotted(node.func) in _JOINS and len(node.args) > 1:
            return list(node.args[1:])
        if isinstance(node.func, ast.Attribute) and node.func.attr == "joinpath":
            return list(node.args)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return [node.right]
    return None


def _writes_files(nodes: list[ast.AST]) -> bool:
    for node in nodes:
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func)
        short = name.rsplit(".", 1)[-1] if name else (node.func.attr if isinstance(node.func, ast.Attribute)
                                                     else "")
        if short in _WRITERS:
            return True
        if short == "open" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                and isinstance(node.args[1].value, str) and set(node.args[1].value) & {"w", "a", "x"}:
            return True
    return False


def _checks_containment(nodes: list[ast.AST]) -> bool:
    for node in nodes:
        if isinstance(node, ast.Call):
            func = node.func
            short = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) \
                else ""
            if short in _CONTAINMENT or CHECKER_CALL.search(f"{short}("):
                return True
        if isinstance(node, ast.Constant) and node.value == "..":
            return True
    return False


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
