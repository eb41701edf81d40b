"""Python child processes whose exit status is never read: the process is run to its end, and nothing in
the function asks whether it succeeded.

    proc = await asyncio.create_subprocess_exec("ffmpeg", ..., stderr=asyncio.subprocess.PIPE)
    _, stderr = await proc.communicate()        # ffmpeg failed? nobody looks at proc.returncode
    await upload(target)                        # the half-written output is uploaded as done

`subprocess.run(...)` without `check=` kept in a variable, `subprocess.Popen(...)` and
`asyncio.create_subprocess_exec/shell(...)` waited for (`wait`, `communicate`) are read the same way: the
status is read when the function touches `returncode`, calls `check_returncode()` or `poll()`, or uses the
value `wait()` returns (`if proc.wait() != 0`, `rc = await proc.wait()`). The function is left alone when
the process object leaves it (returned, passed to a call, stored, aliased), since its caller may check;
when it stops the child itself (`kill`, `terminate`: a killed child's status says nothing); when `run` is
given `check=` at all (`check=False` is a stated choice); and when the function reads what the command
printed (`result.stdout`, `out, _ = proc.communicate()`), a probe whose failure shows as an empty
output to its caller, or tests it (`if stderr: raise ...`). A `Popen` that is never waited for is
PY-PROCESS-NOT-REAPED's case, not this one; a shell command built from values is PY-SHELL-INJECTION's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._py_functions import Function, own_nodes
from persona_review.checks._pyflow import dotted

_ASYNC_MAKERS = frozenset({"asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
                           "create_subprocess_exec", "create_subprocess_shell"})
_READS_STATUS = frozenset({"returncode", "check_returncode", "poll"})
_WAITS = frozenset({"wait", "communicate"})
_HARMLESS = frozenset({"stdout", "stderr", "stdin", "pid", "args"})
"""Uses of the process object that neither read its status nor hand it on."""
_SPAN = 12
"""How far apart the start of a child and its wait may be for one finding to cover both."""
_STOPS = frozenset({"kill", "terminate", "send_signal"})
"""The function stops the child itself (a timeout, a shutdown): its exit status then says nothing."""


@dataclass(frozen=True, slots=True)
class Unread:
    line: int
    """The `run(...)` call; for a child waited for, the line that starts it (or, when that is far above,
    the `wait`/`communicate` line)."""
    last: int
    name: str
    callee: str


def unread_exit_statuses(function: Function) -> Iterator[Unread]:
    nodes = list(own_nodes(function))
    for node in nodes:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            continue
        made = _process_call(node.value)
        if made is None:
            continue
        callee, call = made
        if _shell_built(callee, call):
            continue  # PY-SHELL-INJECTION's line: its fix rewrites the call, a second finding dilutes it
        name = node.targets[0].id
        uses = _uses(nodes, name, node)
        if uses is None:
            continue
        parents = parents_of(nodes)
        if _reads_output(uses, parents):
            continue  # the output is the product: a failed command shows as an empty one to the caller
        if _tests_output(nodes, uses, parents, name):
            continue  # the function judges the outcome by what the command printed (`if stderr: raise`)
        if callee == "subprocess.run":
            if any(k.arg == "check" or k.arg is None for k in call.keywords):
                continue
            yield Unread(node.lineno, node.end_lineno or node.lineno, name, callee)
            continue
        waits = [n for n in uses if n.attr in _WAITS]
        if not waits:
            continue  # never waited for: PY-PROCESS-NOT-REAPED
        last = max(waits, key=lambda n: n.lineno)
        end = last.end_lineno or last.lineno
        # From the start of the child to the wait that drops its status, when the two are close.
        yield Unread(node.lineno if end - node.lineno <= _SPAN else last.lineno, end, name, callee)


def _shell_built(callee: str, call: ast.Call) -> bool:
    """A shell command that is not a literal: `create_subprocess_shell(f"...")`, `shell=True` on a built
    string."""
    first = call.args[0] if call.args else None
    literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
    shell = callee.endswith("create_subprocess_shell") or any(
        k.arg == "shell" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in call.keywords)
    return shell and not literal


def parents_of(nodes: list[ast.AST]) -> dict[int, ast.AST]:
    parents: dict[int, ast.AST] = {}
    for node in nodes:
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    return parents


def _reads_output(uses: list[ast.Attribute], parents: dict[int, ast.AST]) -> bool:
    """Whether the function reads what the command printed: `result.stdout`, or the first value of
    `out, err = proc.communicate()` (named, not `_`)."""
    for use in uses:
        if use.attr == "stdout" and isinstance(use.ctx, ast.Load):
            holder = parents.get(id(use))
            if not (isinstance(holder, ast.keyword) or (isinstance(holder, ast.Attribute)
                                                         and holder.attr in {"close", "write"})):
                return True
        if use.attr == "communicate":
            holder = _assignment_of(use, parents)
            if holder is not None:
                target = holder.targets[0]
                first = target.elts[0] if isinstance(target, ast.Tuple) and target.elts else target
                if isinstance(first, ast.Name) and first.id != "_":
                    return True
    return False


def _assignment_of(use: ast.Attribute, parents: dict[int, ast.AST]) -> ast.Assign | None:
    """The assignment that keeps the value of `proc.communicate()` (awaited, or through
    `asyncio.wait_for(...)`), or None."""
    node: ast.AST | None = parents.get(id(use))
    holder = parents.get(id(node)) if node is not None else None
    while isinstance(holder, ast.Await) or (
            isinstance(holder, ast.Call) and dotted(holder.func).endswith("wait_for")):
        holder = parents.get(id(holder))
    return holder if isinstance(holder, ast.Assign) else None


def _tests_output(nodes: list[ast.AST], uses: list[ast.Attribute], parents: dict[int, ast.AST],
                  name: str) -> bool:
    """Whether a condition of the function reads the command's output: a name bound from `communicate()`
    (`if stderr:`) or the process's `stdout`/`stderr` (`if result.stderr:`)."""
    bound: set[str] = set()
    for use in uses:
        if use.attr == "communicate":
            holder = _assignment_of(use, parents)
            if holder is not None:
                bound |= {n.id for n in ast.walk(holder.targets[0])
                          if isinstance(n, ast.Name) and n.id != "_"}
    for node in nodes:
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert):
            for inner in ast.walk(node.test):
                if isinstance(inner, ast.Name) and inner.id in bound:
                    return True
                if isinstance(inner, ast.Attribute) and inner.attr in {"stdout", "stderr"} \
                        and isinstance(inner.value, ast.Name) and inner.value.id == name:
                    return True
    return False


def _process_call(value: ast.expr) -> tuple[str, ast.Call] | None:
    awaited = isinstance(value, ast.Await)
    call = value.value if isinstance(value, ast.Await) else value
    if not isinstance(call, ast.Call):
        return None
    callee = dotted(call.func)
    if awaited and callee in _ASYNC_MAKERS:
        return callee, call
    if not awaited and callee in {"subprocess.run", "subprocess.Popen"}:
        if any(k.arg in {"start_new_session", "preexec_fn", "creationflags", "process_group"}
               for k in call.keywords):
            return None
        return callee, call
    return None


def _uses(nodes: list[ast.AST], name: str, made: ast.Assign) -> list[ast.Attribute] | None:
    """The attribute uses of `name` (`proc.communicate`, `proc.stdout`) when none of them reads the exit
    status and the object never leaves the function; None otherwise (or when `name` is assigned again)."""
    parents: dict[int, ast.AST] = {}
    for node in nodes:
        for child in ast.iter_child_nodes(node):
            parents[id(child)] = node
    found: list[ast.Attribute] = []
    for node in nodes:
        if not (isinstance(node, ast.Name) and node.id == name):
            continue
        if isinstance(node.ctx, ast.Store):
            if parents.get(id(node)) is not made:
                return None  # reassigned: another object
            continue
        parent = parents.get(id(node))
        if not isinstance(parent, ast.Attribute):
            return None  # returned, passed on, stored, compared, aliased: not ours to judge
        if parent.attr in _READS_STATUS:
            return None
        if parent.attr in _WAITS:
            call = parents.get(id(parent))
            holder = parents.get(id(call)) if call is not None else None
            if isinstance(holder, ast.Await):
                holder = parents.get(id(holder))
            if parent.attr == "wait" and not isinstance(holder, ast.Expr):
                return None  # the value of `wait()` is the status, and it is used
            found.append(parent)
            continue
        if parent.attr in _STOPS or parent.attr not in _HARMLESS:
            return None
        found.append(parent)
    return found
