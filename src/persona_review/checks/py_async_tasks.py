"""Python background tasks started and forgotten: `asyncio.create_task(...)` whose task nobody keeps, as a
statement or in a local variable nothing reads; and, as statements, `loop.run_in_executor(...)` and a
`concurrent.futures` pool's `submit(...)` (in a file that makes a `ThreadPoolExecutor`/`ProcessPoolExecutor`),
whose futures hold the work's exception where nobody reads it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._py_functions import functions_of
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks._spans import after_span, bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_DROPPED = lazy_re(
    r"^\s*(?:asyncio(?:\.get_(?:running|event)_loop\(\))?|(?:self\.|cls\.)?_?\w*loop)\."
    r"(?P<fn>create_task|ensure_future|run_in_executor)\s*\("
)
_SUBMITTED = lazy_re(r"^\s*(?:self\.|cls\.)?(?P<pool>_?\w*(?:executor|pool|Executor|Pool))\.submit\s*\(")
"""`executor.submit(fn, ...)` as a statement: a `concurrent.futures` future nobody reads. The pool keeps
the task's exception in the future and never logs it."""
_POOL_MADE = lazy_re(r"\b(?:ThreadPoolExecutor|ProcessPoolExecutor)\s*\(")
_TOOLING = lazy_re(
    r"(?:^|/)(?:scripts?|tools|bin|tests?|benchmarks?)/|(?:^|/)(?:tasks|noxfile|fabfile|setup|conftest)\.py$|"
    r"(?:^|/)test_\w+\.py$"
)
"""Developer tooling and tests, where a pool's dropped future is a script's concern, not a service's."""
_FIRST_ARG = lazy_re(r"^\(\s*(?P<fn>[A-Za-z_]\w*)\s*[,)]")
_OPENS_EXPRESSION = ("[", "(", ",", "=", "{")


@register(
    CheckSpec(
        id="PY-TASK-DROPPED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_PY,
        title="Background task started and never kept",
        explanation=(
            "The event loop keeps only a weak reference to a task: one that nothing stores, awaits or gives "
            "a done-callback can be garbage-collected before it finishes, and its exception is never seen "
            "(at best a 'Task exception was never retrieved' line at exit). Keep the task (a set of running "
            "tasks with `task.add_done_callback(tasks.discard)`), await it, or run it in an "
            "`asyncio.TaskGroup`."
        ),
    ),
    needs=("create_task", "ensure_future", "run_in_executor", ".submit("),
)
def task_dropped(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    pools: bool | None = None  # whether the file makes a concurrent.futures pool, read when first needed
    for no, _code, bare in lines_of(lexed):
        message = None
        if "submit" in bare and (match := _SUBMITTED.match(bare)) is not None:
            pools = pools if pools is not None else (
                _POOL_MADE.search(ctx.known_text()) is not None and not _TOOLING.search(ctx.path))
            if not pools:
                continue  # `.submit(` of something not known to be a concurrent.futures pool, or tooling
            first = _FIRST_ARG.match(bracket_span(lexed, no, match.end() - 1).bare)
            if first is not None and _catches_its_failures(ctx.known_text(), first.group("fn")):
                continue  # the submitted function catches (and reports) its own exceptions
            message = (f"The future from `{match.group('pool')}.submit(...)` is dropped: if the task raises, "
                       "the exception stays in the future and nobody ever sees it. Keep the future and read "
                       "`result()`, or add a done-callback that logs `future.exception()`.")
        elif "create_task" in bare or "ensure_future" in bare or "run_in_executor" in bare:
            match = _DROPPED.match(bare)
            if match is None:
                continue
            if match.group("fn") == "run_in_executor":
                message = ("The future from `run_in_executor(...)` is neither awaited nor kept: the work's "
                           "exception is never seen (at best a 'Future exception was never retrieved' line). "
                           "Await it, or keep it and read its result.")
        else:
            continue
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed:
            continue
        if after_span(lexed, span, match.end() - 1).strip():
            continue  # the task is used in a larger expression (`.add_done_callback(...)`)
        if _previous_code(lexed, no).rstrip().endswith(_OPENS_EXPRESSION):
            continue  # an element of a list or an argument (`futures = [\n loop.run_in_executor(...)`)
        if lexed.bare.get(span.last + 1, "").lstrip().startswith(("for ", "if ", "]", ")")):
            continue  # the element of a comprehension whose `for` follows
        yield Hit(no, span.last, message)


def _previous_code(lexed: Lexed, no: int) -> str:
    for back in range(no - 1, max(0, no - 20), -1):
        text = lexed.bare.get(back)
        if text is None:
            return ""
        if text.strip():
            return text
    return ""


def _catches_its_failures(text: str, name: str) -> bool:
    """`name` is a function of this file whose body has an `except` (through a `functools.partial(f, ...)`
    kept in `name`): it deals with its own failures, so the future holds none worth reading."""
    partial = re.search(rf"^\s*{re.escape(name)}\s*=\s*(?:functools\.)?partial\(\s*(\w+)", text, re.MULTILINE)
    if partial is not None:
        name = partial.group(1)
    define = re.search(rf"^(?P<indent>[ \t]*)(?:async\s+)?def\s+{re.escape(name)}\s*\(", text, re.MULTILINE)
    if define is None:
        return False
    body: list[str] = []
    for line in text[define.end():].splitlines()[1:]:
        if line.strip() and len(line) - len(line.lstrip()) <= len(define.group("indent")):
            break
        body.append(line)
    return any(re.match(r"\s*except\b", line) for line in body)


_SPAWN = frozenset({"create_task", "ensure_future"})


def _spawns(call: ast.expr) -> bool:
    """`asyncio.create_task(...)`, `asyncio.ensure_future(...)` or `<loop>.create_task(...)`."""
    if not isinstance(call, ast.Call):
        return False
    name = dotted(call.func)
    owner, _, attr = name.rpartition(".")
    return attr in _SPAWN and (owner == "asyncio" or owner.rsplit(".", 1)[-1].strip("_()").endswith("loop"))


def _function_known_entire(
    ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef, offset: int
) -> bool:
    """The whole file is known, or the first known non-blank line after the function is dedented to
    its `def` (so no later line of the function is missing from the hunk)."""
    if ctx.whole_file:
        return True
    end = (node.end_lineno or node.lineno) + offset
    indent = node.col_offset
    no = end + 1
    while no in ctx.lines:
        text = ctx.lines[no]
        if text.strip():
            return len(text) - len(text.lstrip()) <= indent
        no += 1
    return False


@register(
    CheckSpec(
        id="PY-TASK-UNUSED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_PY,
        title="Background task stored in a name nothing reads",
        explanation=(
            "The task is assigned to a local variable that the function never reads again, so when the "
            "function returns nothing references it: the event loop keeps only a weak reference, the task "
            "can be garbage-collected mid-flight, and its exception is never seen. Keep it in a collection "
            "that outlives the function (with `add_done_callback` to remove it), await it, or use an "
            "`asyncio.TaskGroup`."
        ),
    ),
    needs=("create_task", "ensure_future"),
)
def task_unused(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    for flow in flows(ctx):
        for node in functions_of(flow):
            stored: dict[str, ast.stmt] = {}
            for inner in ast.walk(node):
                if isinstance(inner, ast.Assign) and len(inner.targets) == 1:
                    target, value = inner.targets[0], inner.value
                elif isinstance(inner, ast.AnnAssign) and inner.value is not None:
                    target, value = inner.target, inner.value
                else:
                    continue
                if isinstance(target, ast.Name) and _spawns(value):
                    stored.setdefault(target.id, inner)
            if not stored:
                continue
            read = {n.id for n in ast.walk(node)
                    if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Store)}
            scoped = {n for inner in ast.walk(node) if isinstance(inner, (ast.Global, ast.Nonlocal))
                      for n in inner.names}
            for name, statement in stored.items():
                line = statement.lineno + flow.offset
                if name in read or name in scoped or line in seen:
                    continue
                if _function_known_entire(ctx, node, flow.offset):
                    seen.add(line)
                    yield Hit(line, (statement.end_lineno or statement.lineno) + flow.offset)
