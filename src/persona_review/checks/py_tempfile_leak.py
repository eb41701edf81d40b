"""Python temporary files that a failure leaves behind.

    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as fh:
        write_csv(fh, rows)
    storage.upload(path)           # raises: the file is never removed
    os.remove(path)

`tempfile.mkstemp()`, `mkdtemp()` and `NamedTemporaryFile(delete=False)` leave the removal to the caller.
Reported (from the creation to the removal): such a file or directory kept in a local whose removal
(`os.remove`/`os.unlink`/`Path(...).unlink()`/`shutil.rmtree`) is a plain statement after calls that can
raise, with no removal in a `finally` or an `except` of the function: every failure between them (an upload
that times out, a render that raises) leaves one more file in `/tmp` until the disk of a long-running
worker fills. Left alone: a removal in `finally` or in an `except`, a `with` block over the file, a path
the function returns, yields, stores or hands to a cleanup (`add_task`, `BackgroundTask`, `atexit`,
`addfinalizer`, `callback`), and tests. A file never removed at all is left to review: it may be the
caller's to remove.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._py_functions import Function, functions_of, own_nodes
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(r"(?:^|/)(?:tests?|testing|conftest)(?:/|\.py$)|(?:^|/)test_[^/]*\.py$|_test\.py$")
_REMOVERS = frozenset({"os.remove", "os.unlink", "shutil.rmtree", "remove", "unlink", "rmtree"})
_CLEANUP_HINTS = ("add_task", "BackgroundTask", "atexit", "addfinalizer", "callback", "cleanup",
                  "register", "defer", "push")


def _made(value: ast.expr) -> str | None:
    """The tempfile call that makes a file the caller must remove, or None."""
    if not isinstance(value, ast.Call):
        return None
    name = dotted(value.func)
    short = name.rsplit(".", 1)[-1]
    if short in {"mkstemp", "mkdtemp"} and (name.startswith("tempfile.") or name == short):
        return short
    if short == "NamedTemporaryFile" and any(
            k.arg == "delete" and isinstance(k.value, ast.Constant) and k.value.value is False
            for k in value.keywords):
        return short
    return None


def _target(node: ast.Assign, made: str) -> str | None:
    """The local that names the path (`path` of `fd, path = mkstemp()`, `tmp` of a `NamedTemporaryFile`)."""
    if len(node.targets) != 1:
        return None
    target = node.targets[0]
    if made == "mkstemp" and isinstance(target, ast.Tuple) and len(target.elts) == 2:
        second = target.elts[1]
        return second.id if isinstance(second, ast.Name) else None
    return target.id if isinstance(target, ast.Name) else None


def _mentions(node: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))


def _is_removal(call: ast.Call, name: str) -> bool:
    func = dotted(call.func)
    short = func.rsplit(".", 1)[-1]
    if short not in _REMOVERS:
        return False
    if call.args and _mentions(call.args[0], name):
        return True  # os.remove(path), os.unlink(tmp.name), shutil.rmtree(workdir)
    owner = call.func.value if isinstance(call.func, ast.Attribute) else None
    return owner is not None and _mentions(owner, name)  # Path(path).unlink()


def _handed_on(function: Function, name: str) -> bool:
    """Whether the path leaves the function's hands: returned or yielded, the subject of a `with`, stored
    on a field or in a container, or handed to a cleanup (`add_task(os.remove, path)`)."""
    return any(_hands_on(node, name) for node in ast.walk(function))


def _hands_on(node: ast.AST, name: str) -> bool:
    if isinstance(node, ast.Return | ast.Yield | ast.YieldFrom):
        return node.value is not None and _mentions(node.value, name)
    if isinstance(node, ast.withitem):
        return _mentions(node.context_expr, name)
    if isinstance(node, ast.Assign):
        stored = any(isinstance(t, ast.Attribute | ast.Subscript) for t in node.targets)
        return stored and _mentions(node.value, name)
    if isinstance(node, ast.Call) and any(h in dotted(node.func) for h in _CLEANUP_HINTS):
        return any(_mentions(a, name) for a in [*node.args, *(k.value for k in node.keywords)])
    return False


def _guarded_removal(function: Function, name: str) -> bool:
    """Whether some removal of `name` runs in a `finally` or an `except` of the function."""
    for node in ast.walk(function):
        if isinstance(node, ast.Try):
            guarded = [*node.finalbody, *(s for h in node.handlers for s in h.body)]
            for statement in guarded:
                for inner in ast.walk(statement):
                    if isinstance(inner, ast.Call) and _is_removal(inner, name):
                        return True
    return False


def _raising_calls_between(function: Function, first: int, last: int, name: str) -> bool:
    """Whether a call that can raise runs between lines `first` and `last` (the removal's own excluded)."""
    for node in own_nodes(function):
        if isinstance(node, ast.Call) and first < node.lineno < last and not _is_removal(node, name):
            return True
    return False


@register(
    CheckSpec(
        id="PY-TEMPFILE-LEAKED-ON-ERROR",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Temporary file not removed when the work on it fails",
        explanation=(
            "`mkstemp`, `mkdtemp` and `NamedTemporaryFile(delete=False)` leave the removal to the code, and "
            "here it is a plain statement after calls that can raise: each failure leaves a file behind, and "
            "a long-running worker fills its disk. Remove it in `finally` (or use `TemporaryDirectory()`/"
            "`NamedTemporaryFile()` in a `with` block)."
        ),
    ),
    needs=("mkstemp", "mkdtemp", "delete=False"),
)
def tempfile_leaked(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    for flow in flows(ctx):
        for function in functions_of(flow):
            for node in own_nodes(function):
                if not isinstance(node, ast.Assign):
                    continue
                made = _made(node.value)
                name = _target(node, made) if made else None
                if made is None or name is None:
                    continue
                removals = [n for n in own_nodes(function)
                            if isinstance(n, ast.Call) and n.lineno > node.lineno and _is_removal(n, name)]
                if not removals or _guarded_removal(function, name) or _handed_on(function, name):
                    continue
                removal = min(removals, key=lambda n: n.lineno)
                if not _raising_calls_between(function, node.end_lineno or node.lineno, removal.lineno, name):
                    continue
                line, last = node.lineno + flow.offset, removal.lineno + flow.offset
                if line not in ctx.added and last not in ctx.added:
                    continue
                yield Hit(line, last if last - line <= 12 else None, message=(
                    f"The temporary file from `{made}(...)` is removed only on line {last}, after calls that "
                    "can raise: any failure before it leaves the file behind. Remove it in `finally`."))
