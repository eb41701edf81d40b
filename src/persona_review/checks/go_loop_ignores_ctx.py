"""Go loops that never look at the context their function was given: a retry that sleeps on after the
caller gave up, a worker that can never be stopped.

    func SendWithRetry(ctx context.Context, s Sender, m Message) error {
        for attempt := 0; attempt < 5; attempt++ {
            if err = s.Send(ctx, m); err == nil {
                return nil
            }
            time.Sleep(backoff)          // the request was cancelled: still sleeps, and tries again
        }

    func (w *Worker) Run(ctx context.Context) error {
        for {
            job := <-w.jobs              // blocks for ever: shutdown (ctx cancelled) never ends Run
            ...

Reported, in a function (or method) with a `context.Context` parameter:
- on its `for`, a loop with no bound of its own (`for {`, `for cond {`; not a counted `for i := 0; i < n;
  i++` retry, whose sleeps end with its attempts) whose body calls `time.Sleep(...)` and never watches the
  context (`ctx.Done()`, `ctx.Err()`, a `select` that can end the loop), nor is bounded by it (`for
  ctx.Err() == nil {`);
- on the `select`, an endless `for {` that waits in a `select` with no way to end: no `ctx.Done()`, no
  `default`, no case on a done/quit/stop channel, no `v, ok := <-ch` closed check, no `return` or
  labelled `break` in the loop;
- on the receive, an endless `for {` whose body blocks on a bare channel receive (`x := <-ch`,
  `x, ok := <-ch`) and never watches the context.
Left alone: loops in `main`, in tests, and loops inside a function literal (a goroutine's own loop is read
against its own parameters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FOR = lazy_re(r"^\s*(?:\w+:\s*)?for\b(?P<cond>[^{]*)\{\s*$")
_COUNTED = lazy_re(r";|\brange\b")
"""A counted loop (`i := 0; i < n; i++`) or one over a collection or a number (`range`): it ends."""
_SLEEP = lazy_re(r"\btime\.Sleep\s*\(")
_RECEIVE = lazy_re(r"^\s*(?:[\w, ]+:?=\s*)?<-\s*[\w.]+(?:\(\))?\s*$")
_TEST_PATH = lazy_re(r"_test\.go$")
_SELECT = lazy_re(r"^\s*select\s*\{")
_STOPS = lazy_re(
    r"^\s*default\s*:|"
    r"case\s+<-\s*[\w.]*(?:[dD]one|[qQ]uit|[sS]top|[cC]los|[sS]hutdown|[eE]xit|[tT]erm|[cC]ancel|[dD]ie)\w*"
    r"(?:\(\))?\s*:|\b\w+\s*,\s*\w+\s*:?=\s*<-|\breturn\b|\bbreak\s+[A-Za-z_]|\bgoto\b",
    re.MULTILINE,
)
"""What lets a `select` loop end: a `default` (it never blocks), a case on a done/quit/stop channel, a
receive that sees the channel closed (`v, ok := <-ch`), or a way out of the loop (a `return`, a labelled
`break`)."""


def _select_can_stop(body: str) -> bool:
    return _STOPS.search(body) is not None


@register(
    CheckSpec(
        id="GO-LOOP-IGNORES-CTX",
        checklist_item="ERR-05",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Loop sleeps or blocks without watching its context",
        explanation=(
            "The function was given a context, but this loop never looks at it: after the caller cancels "
            "(the request is gone, the service is shutting down) it goes on sleeping and retrying, or stays "
            "blocked on its channel for ever, holding its goroutine and whatever it holds. Wait with "
            "`select { case <-ctx.Done(): return ctx.Err(); case <-time.After(d): }` instead of "
            "`time.Sleep`, and receive in a `select` with `<-ctx.Done()`."
        ),
    ),
    needs=("time.Sleep", "<-", "select"),
)
def loop_ignores_ctx(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, bare in sorted(lexed.bare.items()):
        loop = _FOR.match(bare)
        if loop is None or no not in ctx.added:
            continue
        funcs = enclosing_functions(ctx, no)
        if not funcs or funcs[0].literal or funcs[0].name == "main":
            continue
        name = funcs[0].context_param
        if not name:
            continue
        block = next((b for b in blocks.blocks.values() if b.first == no), None)
        if block is None:
            continue
        known = [lexed.bare.get(n) for n in range(no + 1, block.last)]
        if any(line is None for line in known):
            continue  # a gap in the known lines: the loop is not seen whole
        body = [line or "" for line in known]
        text = "\n".join(body)
        selects = [n for n in range(no + 1, block.last) if _SELECT.match(lexed.bare.get(n, ""))]
        watched = f"{name}.Done()" in text or f"{name}.Err()" in text or name in loop.group("cond") \
            or (selects and _select_can_stop(text))
        if watched:
            continue
        if selects and not loop.group("cond").strip():
            shown = " ".join(lexed.bare.get(selects[0], "").split())
            yield Hit(selects[0], None, message=(
                f"`{shown}` in an endless loop waits on no case that ends it (no `<-{name}.Done()`, no done "
                f"or quit channel, no closed-channel check): cancelling `{name}` never stops the loop. Add "
                f"`case <-{name}.Done(): return {name}.Err()`."))
            continue
        sleeps = [n for n in range(no + 1, block.last) if _SLEEP.search(lexed.bare.get(n, ""))]
        if not _COUNTED.search(loop.group("cond")) and any(
                _innermost_loop(blocks, lexed, n) == no for n in sleeps):
            header = " ".join(bare.split())
            yield Hit(no, None, message=(
                f"`{header}` sleeps with `time.Sleep` and never looks at `{name}`: once the caller cancels, "
                "it goes on sleeping and retrying. Wait in a `select` on `<-" + name + ".Done()` and "
                "`time.After(...)`."))
        elif not loop.group("cond").strip() and any(_RECEIVE.match(line) for line in body):
            receive = next(n for n in range(no + 1, block.last) if _RECEIVE.match(lexed.bare.get(n, "")))
            shown = " ".join(lexed.bare.get(receive, "").split())
            yield Hit(receive, None, message=(
                f"`{shown}` blocks in an endless loop that never looks at `{name}`: cancelling it never "
                "stops the loop. Receive in a `select` with `<-" + name + ".Done()`."))


def _innermost_loop(blocks: Blocks, lexed: Lexed, line: int) -> int | None:
    """The line of the innermost `for` whose body holds `line` (a nested loop's sleep is its own)."""
    for block in blocks.enclosing(line):
        if _FOR.match(lexed.bare.get(block.first, "")):
            return block.first
    return None
