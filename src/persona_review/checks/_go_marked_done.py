"""Go: an `if err != nil {` branch that only logs, with the failed item then recorded as done.

    if err := r.builder.Build(ctx, exp); err != nil {
        slog.Error("build export", "err", err)
        exp.Status = StatusDone                      // the failed export is stored as finished
    }

    for _, it := range items {
        if err := s.bank.Transfer(ctx, it.AccountID, it.AmountCents); err != nil {
            log.Printf("transfer %s failed: %v", it.ID, err)
            continue                                 // skipped ...
        }
        ...
    }
    return s.store.MarkBatchSettled(ctx, batchID)    // ... and the batch recorded as settled

Read by GO-ERROR-ANSWERED-OK (Go's reading of ANY-FAILURE-MARKED-DONE): the marking in the branch itself,
of something the failed call was given; or, after a branch that logs and `continue`s a loop, the marking
within a few statements after the loop of something the function was given or the loop ran over.
"""

from __future__ import annotations

import re

from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import Lexed
from persona_review.checks._spans import indent_of
from persona_review.checks.base import FileContext
from persona_review.checks.failure_marked_done import marks_done
from persona_review.lazy_re import lazy_re

_DONE = (
    r"(?:Done|Completed?|Sent|Processed|Succeeded|Success|Delivered|Published|Paid|Settled|Finished|Synced)"
)
_GO_MARKED = lazy_re(
    rf"\.(?:Status|State)\s*=\s*(?:\w+\.)?\w*{_DONE}\b|\.(?:Done|Sent|Processed|Delivered|Completed)\s*=\s*true\b"
)
_CONTINUE = lazy_re(r"^\s*continue\s*$")
_FOR = lazy_re(r"^\s*for\b")
_NAME = lazy_re(r"[A-Za-z_]\w*")
_RECEIVER = lazy_re(r"([A-Za-z_]\w*)\s*\.")
_STATEMENTS = 4


def marked_done(code: str) -> bool:
    """Line `code` records an item as done (`exp.Status = StatusDone`, `MarkBatchSettled(...)`)."""
    return _GO_MARKED.search(code) is not None or marks_done(code)


def marking_after_logged(ctx: FileContext, lexed: Lexed, no: int, last: int,
                         logs: re.Pattern[str]) -> int | None:
    """The line of the marking that records the failed item as done, for the `if err != nil {` branch from
    line `no` to `last` whose statements (before the marking or a final `continue`) only log; None."""
    statements = [n for n in range(no + 1, last) if lexed.bare.get(n, "").strip()]
    if not statements or not logs.match(lexed.bare[statements[0]]):
        return None
    called = lexed.code.get(no, "") + "\n" + lexed.code.get(no - 1, "")
    for line in statements:
        text = lexed.bare[line]
        if marked_done(lexed.code.get(line, "")):
            receiver = _RECEIVER.search(text)
            return line if receiver is not None and receiver.group(1) in set(_NAME.findall(called)) else None
        if _CONTINUE.match(text):
            return _after_loop(ctx, lexed, no, last) if line == statements[-1] else None
        if not (logs.match(text) or _continues(lexed, line)):
            return None
    return None


def _continues(lexed: Lexed, line: int) -> bool:
    above = lexed.bare.get(line - 1, "")
    return sum(above.count(o) - above.count(c) for o, c in ("()", "{}", "[]")) > 0 or lexed.bare.get(
        line, "").strip().startswith((")", "}", "]"))


def _after_loop(ctx: FileContext, lexed: Lexed, no: int, last: int) -> int | None:
    """The marking within a few statements after the `for` loop around the branch, of what the function was
    given or the loop ran over."""
    indent = indent_of(lexed.bare[no])
    loop = next((n for n in range(no - 1, max(0, no - 80), -1)
                 if (t := lexed.bare.get(n, "")).strip() and indent_of(t) < indent and _FOR.match(t)), None)
    if loop is None or any((t := lexed.bare.get(n, "")).strip() and indent_of(t) < indent
                           and not _FOR.match(t) for n in range(loop + 1, no)):
        return None
    funcs = enclosing_functions(ctx, no)
    names = set(_NAME.findall(lexed.bare[loop])) | (set(funcs[0].params) if funcs else set())
    names -= {"ctx", "_", "range", "for"}
    outer = indent_of(lexed.bare[loop])
    line = last + 1
    while line in lexed.bare and (not lexed.bare[line].strip() or indent_of(lexed.bare[line]) > outer):
        line += 1
    if lexed.bare.get(line, "").strip() != "}":
        return None
    seen = 0
    end = line
    for after in range(end + 1, end + 20):
        text = lexed.bare.get(after)
        if text is None or (text.strip() and indent_of(text) < outer):
            return None
        if not text.strip():
            continue
        code = lexed.code.get(after, "")
        if marked_done(code):
            args = code.split("(", 1)[1] if "(" in code else code
            return after if set(_NAME.findall(args)) & names else None
        seen += 1
        if seen >= _STATEMENTS or text.lstrip().startswith(("return", "panic(")):
            return None
    return None
