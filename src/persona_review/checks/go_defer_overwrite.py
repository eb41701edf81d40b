"""Go: a deferred closure that assigns the function's named error result unconditionally, replacing the
error the body returned.

    func writeSnapshot(path string, s *Snapshot) (err error) {
        f, err := os.Create(path)
        ...
        defer func() {
            err = f.Close()        // Encode failed? Close succeeds, err becomes nil: the caller sees success
        }()
        return gob.NewEncoder(f).Encode(s)
    }

A deferred function runs after the `return` has set the named results, so an assignment there decides what
the caller gets. Written without looking at `err` first, it replaces a failure from the body with the
cleanup's result, which is most often nil. Reported: `err = <call>(...)` directly in the body of a
`defer func() { ... }()` (not under an `if`), where `err` is a named `error` result of the enclosing
function, the right-hand side does not read `err` (`errors.Join(err, f.Close())` keeps both), and no line of
the closure before it reads `err` (`if err != nil { return }` guards it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DEFER = lazy_re(r"^\s*defer\s+func\s*\(\s*\)\s*\{\s*$")
_ASSIGN = lazy_re(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<rhs>[A-Za-z_][\w.]*\s*\(.*)$")
_FUNC = lazy_re(r"^func\b")
_SIGNATURE_ABOVE = 200


@register(
    CheckSpec(
        id="GO-DEFER-ERR-OVERWRITE",
        checklist_item="ERR-09",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Deferred cleanup overwrites the function's error: a failure is returned as success",
        explanation=(
            "The deferred closure runs after `return` has set the named error result, and assigns it "
            "without looking at it: when the body failed and the cleanup succeeds, the caller gets nil. "
            "Keep the first error: `if cerr := f.Close(); cerr != nil && err == nil { err = cerr }`, or "
            "`err = errors.Join(err, f.Close())`."
        ),
    ),
    needs=("defer func",),
)
def defer_overwrites_error(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if _DEFER.match(bare) is None:
            continue
        block = brace_block(lexed, no, bare.rindex("{"))
        if block is None or not block.closed:
            continue
        found = _overwrite(lexed, no, block.last)
        if found is None:
            continue
        line, name, rhs = found
        if not _named_error_result(lexed, no, name):
            continue
        yield Hit(line, message=(
            f"`{name} = {rhs}` in a deferred closure replaces the error this function returns: when the body "
            f"failed and this call succeeds, the caller gets nil. Assign it only when `{name} == nil`, or "
            f"use `errors.Join({name}, ...)`."))


def _overwrite(lexed: Lexed, first: int, last: int) -> tuple[int, str, str] | None:
    """The first assignment of a named result straight in the closure body (depth 1), before anything in
    the closure reads that name."""
    depth = 0
    seen = ""
    for no in range(first, last + 1):
        text = lexed.bare.get(no, "")
        if no > first and depth == 1:
            found = _ASSIGN.match(text)
            if found is not None:
                name, rhs = found.group("name"), found.group("rhs").strip()
                reads = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
                if not reads.search(rhs) and not reads.search(seen) and _is_error_name(name):
                    return no, name, rhs.rstrip(";")
            seen += "\n" + text
        depth += text.count("{") - text.count("}")
    return None


def _is_error_name(name: str) -> bool:
    return name == "err" or name.endswith("Err") or name.startswith("err")


def _named_error_result(lexed: Lexed, no: int, name: str) -> bool:
    """The function around line `no` declares `name error` among its results (not its parameters)."""
    for line in range(no - 1, max(0, no - _SIGNATURE_ABOVE), -1):
        text = lexed.bare.get(line)
        if text is None:
            return False
        if _FUNC.match(text):
            results = _results(text)
            return results is not None and re.search(
                rf"[(,]\s*{re.escape(name)}\s+error\s*[,)]", results) is not None
    return False


def _results(signature: str) -> str | None:
    """The text after the parameter list of `func [(recv)] name(params) results {`."""
    at = len("func")
    rest = signature[at:].lstrip()
    at = len(signature) - len(rest)
    if rest.startswith("("):  # a method's receiver
        receiver_end = _after_parens(signature, at)
        if receiver_end is None:
            return None
        at = receiver_end
    opening = signature.find("(", at)
    end = None if opening < 0 else _after_parens(signature, opening)
    return None if end is None else signature[end:]


def _after_parens(text: str, opening: int) -> int | None:
    depth = 0
    for at in range(opening, len(text)):
        if text[at] == "(":
            depth += 1
        elif text[at] == ")":
            depth -= 1
            if depth == 0:
                return at + 1
    return None
