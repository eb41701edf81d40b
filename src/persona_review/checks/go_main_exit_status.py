"""Go: `main` logs an error and returns, so the process exits with status 0.

    func main() {
        ...
        if err := m.Up(); err != nil {
            log.Printf("migrate: FAILED: %v", err)   // logged...
            return                                   // ...and main returns: exit status 0
        }
    }

A program's exit status is how a shell script, a CI step, a Kubernetes Job or an init container learns it
failed. `main` returning always exits 0, so a command that logs its failure and returns is reported as a
success: the deploy goes on against a schema that was never migrated, the Job is marked complete, nothing
retries. `log.Fatal`, `os.Exit(1)` (or returning the error to a `run() error` that `main` turns into
`os.Exit(1)`) keep the failure visible.

Reported, from the log call to the `return`: an error branch (`if err != nil {`, `case err != nil:`)
directly in `func main()` (not in a function literal inside it) whose body logs or prints and then
returns, with no `os.Exit`, `Fatal`, `panic` or `Exit` call in it. A hunk that starts inside `main` is
read from its hunk header (`@@ ... @@ func main() {`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ERR_BRANCH = lazy_re(
    r"^\s*(?:(?:\}\s*else\s+)?if\s+(?:[^;{]*;\s*)?(?P<if>[A-Za-z_]\w*)\s*!=\s*nil\s*\{|"
    r"case\s+(?P<case>[A-Za-z_]\w*)\s*!=\s*nil\s*:)\s*$"
)
_ERROR_NAME = lazy_re(r"(?i)err")
_LOGS = lazy_re(r"\b(?:log|slog|logger|klog|glog|zap|logrus|l)\.\w+\s*\(|\bfmt\.(?:Fprint\w*|Print\w*)\s*\(")
_EXITS = lazy_re(r"\bos\.Exit\s*\(|\.Fatal\w*\s*\(|\bpanic\s*\(|\.Exit\s*\(|\.Panic\w*\s*\(")
_RETURN = lazy_re(r"^\s*return\s*$")
_MAIN = lazy_re(r"^\s*func\s+main\s*\(\s*\)")
_FUNC = lazy_re(r"\bfunc\b")
_CASE_END = lazy_re(r"^\s*(?:case\b|default\s*:|\})")


@register(
    CheckSpec(
        id="GO-MAIN-ERR-EXIT-ZERO",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="`main` logs an error and returns: the process exits 0",
        explanation=(
            "Returning from `main` always exits with status 0, so the script, CI step or Kubernetes Job "
            "that runs this program is told it succeeded while it failed: deploys go on, Jobs are marked "
            "complete, nothing retries. Use `log.Fatalf` or `os.Exit(1)` after logging (or return the "
            "error to a `run() error` that `main` turns into a non-zero exit)."
        ),
    ),
    needs=("main",),
)
def main_err_exit_zero(ctx: FileContext) -> Iterator[Hit]:
    if "package main" not in ctx.known_text() and not any(_MAIN.match(s) for s in ctx.sections.values()):
        return
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    starts = sorted(ctx.sections)
    for segment in lexed.segments:
        for no in segment:
            bare = lexed.bare[no]
            if "nil" not in bare:
                continue
            branch = _ERR_BRANCH.match(bare)
            if branch is None or not _ERROR_NAME.search(branch.group("if") or branch.group("case") or ""):
                continue
            if not _in_main(ctx, blocks, starts, no):
                continue
            body = _body(lexed, blocks, no, branch.group("case") is not None)
            found = _logged_then_returned(lexed, body)
            if found is not None:
                yield Hit(found[0], found[1], "The error is logged and `main` returns, so the process exits "
                                              "with status 0 and whatever runs it sees a success.")


def _in_main(ctx: FileContext, blocks: Blocks, starts: list[int], line: int) -> bool:
    """Is `line` directly in `func main()` (no function literal between): the innermost open brace with
    `func` in its header is main's; without one in view, the hunk header names `main`."""
    for _opened, header in blocks.open_headers(line):
        own = header.rsplit("\n", 1)[-1]  # a header holds the line before its brace's line too
        if _FUNC.search(own):
            return _MAIN.match(own) is not None
    index = bisect_right(starts, line) - 1
    return index >= 0 and _MAIN.match(ctx.sections[starts[index]]) is not None and not ctx.whole_file


def _body(lexed: Lexed, blocks: Blocks, line: int, case: bool) -> list[int]:
    """The known lines of the branch opened on `line`: an `if` block's, or a `case` clause's up to the next
    clause or the switch's end (None of it when it is not known to its end)."""
    if not case:
        block = blocks.opening_on(line)
        return [] if block is None else [n for n in range(block.first + 1, block.last) if n in lexed.bare]
    out: list[int] = []
    no = line + 1
    while no in lexed.bare:
        if _CASE_END.match(lexed.bare[no]):
            return out
        out.append(no)
        no += 1
    return []


def _logged_then_returned(lexed: Lexed, body: list[int]) -> tuple[int, int] | None:
    """(the first log line, the `return` line) when the branch logs, then returns bare, and never exits."""
    logged: int | None = None
    for no in body:
        bare = lexed.bare[no]
        if _EXITS.search(bare) or _FUNC.search(bare):
            return None
        if logged is None and _LOGS.search(bare):
            logged = no
        if _RETURN.match(bare):
            return (logged, no) if logged is not None else None
    return None
