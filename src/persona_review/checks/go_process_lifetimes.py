"""Go child processes a server starts and loses: never waited for, or run with no time limit by a handler.

- **GO-CMD-NOT-WAITED**: `cmd.Start()` on an `exec.Command(...)` made in the function, with no
  `cmd.Wait()` there and the command (or its `Process`) neither returned, stored nor handed to another
  function. The exited child stays a zombie in the process table and its pipes stay open; a server that
  does it per request runs out of process slots or file descriptors.
- **GO-EXEC-NO-TIMEOUT-IN-HANDLER**: an HTTP handler (net/http, gin, echo, fiber) that runs
  `exec.Command(...)` to completion (`Run`, `Output`, `CombinedOutput`, `Start` then `Wait`): the command
  has no deadline and ignores the client going away, so a hung tool holds the request and its goroutine
  forever. `exec.CommandContext` with the request's context (plus a timeout) kills it.

Both judge one whole function as the known lines show it: a function cut by the hunk is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, functions
from persona_review.checks._lexing import lex
from persona_review.checks._tsflow import flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GO = frozenset({"go"})
_MADE = lazy_re(r"^\s*(?:var\s+)?(?P<name>[A-Za-z_]\w*)\s*:?=\s*exec\.Command(?P<ctx>Context)?\s*\(")
_DECLARED = lazy_re(r"^\s*(?:var\s+(?P<var>[A-Za-z_]\w*)\s*=|(?P<short>[A-Za-z_]\w*)\s*:=)\s*exec\.Command")
"""Declared here (`cmd := exec.Command(...)`): an assignment to an outer variable may be waited for there."""
_START = lazy_re(r"\b(?P<name>[A-Za-z_]\w*)\.Start\s*\(\s*\)")


def _body(lines: dict[int, str], func: GoFunc) -> list[tuple[int, str]]:
    return [(no, lines[no]) for no in range(func.first, func.last + 1) if no in lines]


def _innermost(funcs: list[GoFunc]) -> dict[int, GoFunc]:
    """Line -> the innermost recognised function holding it."""
    owner: dict[int, GoFunc] = {}
    for func in sorted(funcs, key=lambda f: f.last - f.first, reverse=True):
        for no in range(func.first, func.last + 1):
            owner[no] = func
    return owner


def _handed_on(text: str, name: str) -> bool:
    """Returned, stored, sent or passed along (`return cmd`, `s.cmd = cmd`, `f(cmd)`, `p := cmd.Process`)."""
    n = re.escape(name)
    return bool(re.search(
        rf"\breturn\b[^\n]*\b{n}\b(?!\s*\.)|(?<![!<>=])=\s*&?{n}\b(?!\s*\.)|\w\s*:\s*&?{n}\b|"
        rf"[(,]\s*&?{n}\s*[,)]|<-\s*{n}\b|\b{n}\.Process\b|\bgo\s+{n}\.",
        text))


@register(
    CheckSpec(
        id="GO-CMD-NOT-WAITED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="Child process started and never waited for",
        explanation=(
            "`cmd.Start()` without `cmd.Wait()` leaves the exited child as a zombie and its pipes and the "
            "goroutines copying them open; a server that starts one per request or job runs out of process "
            "slots or file descriptors, and the command's exit status (its failure) is never seen. Call "
            "`cmd.Wait()` (in a goroutine if it runs in the background), or use `cmd.Run()`."
        ),
    ),
    needs=("exec.Command",),
)
def cmd_not_waited(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    owner = _innermost(list(functions(ctx).values()))
    for no, bare in lexed.bare.items():
        if ".Start" not in bare:
            continue
        start = _START.search(bare)
        func = owner.get(no)
        if start is None or func is None:
            continue
        name = start.group("name")
        body = _body(lexed.bare, func)
        declared = (_DECLARED.match(t) for _n, t in body)
        if not any(m and name in (m.group("var"), m.group("short")) for m in declared):
            continue  # not a command declared here: an `http.Server`, a `time.Timer`, a field
        text = "\n".join(t for _n, t in body)
        if f"{name}.Wait(" in text or f"{name}.Process.Wait(" in text or _handed_on(text, name):
            continue
        yield Hit(no, message=(
            f"`{name}.Start()` runs the command, but nothing in this function calls `{name}.Wait()`: the "
            "exited child stays a zombie with its pipes open, and its exit status is lost. Wait for it "
            "(in a goroutine if it runs in the background), or use `Run()`."))


_SHELL_BUILT = lazy_re(
    r'exec\.Command\(\s*"(?:/bin/|/usr/bin/)?(?:sh|bash|zsh)"\s*,\s*"-c"\s*,(?!\s*"(?:[^"\\]|\\.)*"\s*\))')
"""`exec.Command("sh", "-c", <built text>)`: GO-SHELL-INJECTION's line, whose fix rewrites the call."""
_RUNS = lazy_re(r"\b(?P<name>[A-Za-z_]\w*)\.(?:Run|Output|CombinedOutput|Wait)\s*\(\s*\)")
_CHAINED = lazy_re(r"\bexec\.Command\s*\((?:[^()]|\([^()]*\))*\)\s*\.(?:Run|Output|CombinedOutput)\s*\(")


@register(
    CheckSpec(
        id="GO-EXEC-NO-TIMEOUT-IN-HANDLER",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="Command run by a request handler without a time limit",
        explanation=(
            "`exec.Command` has no deadline and does not see the client go away: a tool that hangs (a "
            "network mount, a prompt, a huge input) holds the request, its goroutine and the process for "
            "ever, and every retry adds one. Use `exec.CommandContext` with the request's context and a "
            "timeout (`context.WithTimeout(r.Context(), ...)`)."
        ),
    ),
    needs=("exec.Command(",),
)
def exec_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    funcs = [f for f in functions(ctx).values() if f.is_handler]
    if not funcs:
        return
    from_request = {site.line for flow in flows(ctx) for site in flow.calls_named("Command")
                    if site.call.callee == "exec.Command" and any(arg.tainted for arg in site.args)}
    owner = _innermost(list(functions(ctx).values()))
    seen: set[int] = set()
    for func in funcs:
        body = _body(lexed.bare, func)
        text = "\n".join(t for _n, t in body)
        for no, bare in body:
            if "exec.Command(" not in bare or no in seen or owner.get(no) is not func:
                continue
            if no in from_request or _SHELL_BUILT.search(lexed.code.get(no, "")):
                continue  # a command built from data: the injection finding on this line comes first
            made = _MADE.match(bare)
            if made is not None and made.group("ctx") is None:
                name = made.group("name")
                if not any(m.group("name") == name for m in _RUNS.finditer(text)):
                    continue
            elif not _CHAINED.search(bare):
                continue
            seen.add(no)
            yield Hit(no, message=(
                "This handler runs `exec.Command(...)` with no deadline: if the command hangs, the request "
                "and its goroutine wait for ever, even after the client has gone. Use "
                "`exec.CommandContext(ctx, ...)` with the request's context and a timeout."))
