"""Go: WaitGroup and errgroup mistakes that hang, return early or lose the error.

    for _, job := range jobs {
        go func(job Job) {
            wg.Add(1)                 // too late: Wait below may already have returned
            defer wg.Done()
            run(job)
        }(job)
    }
    wg.Wait()

    g, ctx := errgroup.WithContext(ctx)
    g.Go(func() error { return s.syncUsers(ctx) })
    g.Go(func() error { return s.syncTeams(ctx) })
    _ = g.Wait()                      // the first error is returned here, and dropped

GO-WAITGROUP-ADD-IN-GOROUTINE: `X.Add(1)` at the top level of a `go func(...) {` literal that also calls
`X.Done()` at its own top level (the goroutine counts itself, staticcheck's SA2000; a `Done` in a goroutine
it starts is another goroutine's).

GO-ERRGROUP-WAIT-IGNORED: `_ = X.Wait()`, where `X` is an errgroup (`errgroup.WithContext`,
`errgroup.Group`) and one of its `X.Go(func() error {` bodies in the known lines returns something other
than `nil`. `X.Wait()` as a bare statement is left to GO-ERR-UNCHECKED, which knows an errgroup's `Wait`
fails.

GO-ERRGROUP-CTX-IGNORED: `g, gctx := errgroup.WithContext(ctx)` and a `g.Go(func() error {` body that
passes `ctx` to a call and never mentions `gctx`; or `g, _ := errgroup.WithContext(ctx)` (the group's
context thrown away) with a `g.Go` body that passes `ctx`, reported on the `WithContext` line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ADD_ONE = lazy_re(r"^\s*(?P<wg>[A-Za-z_][\w.]*)\.Add\(\s*1\s*\)\s*$")
_GO_FUNC = lazy_re(r"^\s*go\s+func\s*\(")
_WAIT_DROPPED = lazy_re(r"^\s*_\s*=\s*(?P<g>[A-Za-z_][\w.]*)\.Wait\(\s*\)\s*$")
"""`_ = g.Wait()` (a bare `g.Wait()` statement on an errgroup is GO-ERR-UNCHECKED's)."""
_ERRGROUP = (
    r"\b{g}\s*(?:,\s*\w+\s*)?:?=\s*(?:errgroup\.WithContext\s*\(|&?errgroup\.Group\b|new\(errgroup\.Group\))|"
    r"\bvar\s+{g}\s+\*?errgroup\.Group\b|\b{g}\s+\*?errgroup\.Group\b"
)
"""Where `{g}` is made an errgroup: `g, ctx := errgroup.WithContext(...)`, `var g errgroup.Group`, a field."""
_GO_CALL = r"^\s*{g}\.(?:Go|TryGo)\(\s*func\s*\(\s*\)\s*error\s*\{{\s*$"
_RETURN_NOT_NIL = lazy_re(r"^\s*return\s+(?!nil\s*$)\S")


@register(
    CheckSpec(
        id="GO-WAITGROUP-ADD-IN-GOROUTINE",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="`WaitGroup.Add` called inside the goroutine it counts",
        explanation=(
            "The goroutine may not have started when `Wait` runs, so `Wait` can see a zero counter and "
            "return before the work is done: the caller reads results that are not there yet, closes what "
            "the goroutine still uses, or reports success early. Call `Add` before the `go` statement."
        ),
    ),
    needs=(".Add(1)", "go func"),
)
def waitgroup_add_in_goroutine(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if ".Add(" not in bare:
            continue
        added = _ADD_ONE.match(bare)
        if added is None:
            continue
        start = _goroutine_of(lexed, no)
        if start is None:
            continue
        done = re.compile(rf"^\s*(?:defer\s+)?{re.escape(added.group('wg'))}\.Done\(\s*\)\s*$")
        if any(done.match(text) and indent_of(text) == indent_of(bare) for _, text in _block(lexed, start)):
            yield Hit(no, message=(
                f"`{added.group('wg')}.Add(1)` runs inside the goroutine that calls "
                f"`{added.group('wg')}.Done()`: `Wait` may return before it runs. Move it above the `go` "
                f"statement on line {start}."))


def _goroutine_of(lexed: Lexed, line: int) -> int | None:
    """The `go func(...) {` line whose body holds `line` at its top level (not in a nested block)."""
    indent = indent_of(lexed.bare[line])
    for no in range(line - 1, max(0, line - 30), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if text.strip() and indent_of(text) < indent:
            return no if _GO_FUNC.match(text) else None
    return None


def _block(lexed: Lexed, start: int) -> Iterator[tuple[int, str]]:
    """The lines of the block opened at `start`, by gofmt indentation (to the first line not deeper)."""
    indent = indent_of(lexed.bare[start])
    no = start + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip() and indent_of(text) <= indent:
            return
        yield no, text
        no += 1


@register(
    CheckSpec(
        id="GO-ERRGROUP-WAIT-IGNORED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="errgroup `Wait` result discarded",
        explanation=(
            "`Wait` is where an errgroup hands back the first error its goroutines returned. Discarding it "
            "turns every failure of the group into success: the caller carries on with partial results and "
            "nothing is logged or retried. Return or handle the error: `if err := g.Wait(); err != nil`."
        ),
    ),
    needs=("errgroup", ".Wait()"),
)
def errgroup_wait_ignored(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if ".Wait(" not in bare:
            continue
        dropped = _WAIT_DROPPED.match(bare)
        if dropped is None:
            continue
        group = re.escape(dropped.group("g"))
        made = re.compile(_ERRGROUP.format(g=group))
        if not any(made.search(text) for text in lexed.bare.values()):
            continue
        go_call = re.compile(_GO_CALL.format(g=group))
        failing = any(
            go_call.match(text) and any(_RETURN_NOT_NIL.match(inner) for _, inner in _block(lexed, start))
            for start, text in lexed.bare.items() if start < no
        )
        if failing:
            yield Hit(no, message=(
                f"`{dropped.group('g')}.Wait()` returns the first error of the group's goroutines, and it is "
                f"dropped here: a failed goroutine reads as success."))


_WITH_CONTEXT = lazy_re(
    r"^\s*(?P<g>[A-Za-z_]\w*)\s*,\s*(?P<gctx>[A-Za-z_]\w*)\s*:?=\s*errgroup\.WithContext\(\s*(?P<outer>[A-Za-z_]\w*)\s*\)"
)
_GROUP_WINDOW = 150
"""How far below `errgroup.WithContext` its `Go` calls are looked for."""


@register(
    CheckSpec(
        id="GO-ERRGROUP-CTX-IGNORED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="errgroup goroutine uses the outer context, not the group's",
        explanation=(
            "`errgroup.WithContext` cancels its context when the first goroutine fails, so the others stop "
            "early. This goroutine passes the outer context instead: after a failure it runs on to the end "
            "(queries, HTTP calls, retries) for a result `Wait` already threw away, holding connections and "
            "delaying the error. Pass the group's context."
        ),
    ),
    needs=("errgroup.WithContext",),
)
def errgroup_ctx_ignored(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if "WithContext" not in bare:
            continue
        made = _WITH_CONTEXT.match(bare)
        if made is None or made.group("gctx") == made.group("outer"):
            continue
        group, gctx, outer = made.group("g", "gctx", "outer")
        if gctx == "_":
            yield from _group_ctx_discarded(lexed, no, group, outer)
            continue
        uses_group = re.compile(rf"\b{re.escape(gctx)}\b")
        for body in _go_bodies(lexed, no, group):
            if any(uses_group.search(inner) for _, inner in body):
                continue
            line = _passes(body, outer)
            if line is not None:
                yield Hit(line, message=(
                    f"This goroutine of `{group}` passes `{outer}`, not the group's `{gctx}`: when another "
                    f"goroutine fails it is not cancelled and runs to the end for nothing."))


def _group_ctx_discarded(lexed: Lexed, no: int, group: str, outer: str) -> Iterator[Hit]:
    """`g, _ := errgroup.WithContext(ctx)` whose goroutines run on `ctx`: the cancelling context is thrown
    away, so reported once, on the line that throws it away."""
    if any(_passes(body, outer) is not None for body in _go_bodies(lexed, no, group)):
        yield Hit(no, message=(
            f"The context `errgroup.WithContext` returns is discarded (`_`), and the goroutines of "
            f"`{group}` pass `{outer}`: when one fails the others are not cancelled and run to the end for "
            f"a result `Wait` throws away. Keep the group's context and pass it, or use a plain "
            f"`errgroup.Group`."))


def _go_bodies(lexed: Lexed, no: int, group: str) -> Iterator[list[tuple[int, str]]]:
    """The bodies of the `group.Go(func() error {` calls below line `no`, in the block that made the group."""
    bare = lexed.bare[no]
    go_call = re.compile(_GO_CALL.format(g=re.escape(group)))
    for start in range(no + 1, no + _GROUP_WINDOW):
        text = lexed.bare.get(start)
        if text is None or (indent_of(text) < indent_of(bare) and text.strip()):
            break  # out of the known lines or of the block that made the group
        if go_call.match(text):
            yield list(_block(lexed, start))


def _passes(body: list[tuple[int, str]], outer: str) -> int | None:
    """The first line of `body` that passes `outer` as an argument."""
    passes_outer = re.compile(rf"[(,]\s*{re.escape(outer)}\s*[,)]")
    return next((n for n, inner in body if passes_outer.search(inner)), None)
