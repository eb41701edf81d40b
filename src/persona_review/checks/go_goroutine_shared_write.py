"""Go: goroutines started in a loop that write one map or append to one slice of their function, unlocked.

    prices := make(map[string]float64)
    for _, sym := range symbols {
        wg.Add(1)
        go func() {
            defer wg.Done()
            prices[sym] = quote(sym)          // two at once: "fatal error: concurrent map writes"
        }()
    }

Every goroutine the loop starts runs at the same time as the others, and all of them write the same map
(or `s = append(s, v)` the same slice) captured from the enclosing function. Go maps are not safe for
concurrent writes (the runtime stops the process with a fatal error no `recover` catches); concurrent
appends race on the slice header and lose elements. Reported on the first such write in a `go func(...) {`
or `X.Go(func() ... {` literal (errgroup, conc pools, `sync.WaitGroup.Go`) that is started inside a `for`
loop, when the written name is declared in the enclosing function before the literal (a map by
`make(map[...])`/a map literal/`var m map[...]`, a slice by any declaration), is not declared again inside
the literal, and the literal takes no lock (`.Lock()`) before the write. Writing `out[i] = v` into a
pre-sized slice (each goroutine its own element) is safe and not reported; neither are fields
(`s.cache[k] = v`), whose locking lives with their type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LAUNCH = lazy_re(r"^\s*(?:go\s+func\b|[A-Za-z_][\w.]*\.Go\(\s*func\b)")
_MAP_DECL = lazy_re(
    r"^\s*(?:(?P<a>[A-Za-z_]\w*)\s*:?=\s*(?:make\(\s*map\[|map\[[^\]]*\][^{(\n]*\{)|"
    r"var\s+(?P<b>[A-Za-z_]\w*)\s*(?:=\s*(?:make\(\s*)?)?map\[)"
)
_SLICE_DECL = lazy_re(
    r"^\s*(?:(?P<a>[A-Za-z_]\w*)\s*:?=\s*(?:make\(\s*\[\]|\[\][\w.*\[\]]+\s*\{)|"
    r"var\s+(?P<b>[A-Za-z_]\w*)\s+\[\])"
)
_FOR = lazy_re(r"^\s*for\b")
_LOCAL_DECL = lazy_re(r"^\s*(?:var\s+([A-Za-z_]\w*)|([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*:=)")
_LOCK = lazy_re(r"\.(?:R?Lock|TryLock)\(\)")


@register(
    CheckSpec(
        id="GO-GOROUTINE-SHARED-WRITE",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Goroutines of a loop write one map or slice without a lock",
        explanation=(
            "Each goroutine the loop starts runs at once with the others, and they all write the same map or "
            "append to the same slice: concurrent map writes stop the process with `fatal error: concurrent "
            "map writes`, concurrent appends lose elements. Take a `sync.Mutex` around the write, give each "
            "goroutine its own element of a pre-sized slice (`out[i] = v`), or send results on a channel."
        ),
    ),
    needs=("func",),
)
def goroutine_shared_write(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "func" not in bare or _LAUNCH.match(bare) is None:
            continue
        block = brace_block(lexed, no, bare.index("func"))
        if block is None or not block.closed or not _in_loop(lexed, no):
            continue
        maps, slices = _declared_before(lexed, no)
        hit = _first_write(lexed, block.first, block.last, maps, slices)
        if hit is not None:
            line, name, kind = hit
            yield Hit(line, message=(
                f"`{name}` belongs to the enclosing function and every goroutine this loop starts "
                f"{'writes it' if kind == 'map' else 'appends to it'} at once, with no lock: "
                + ("concurrent map writes stop the process (`fatal error: concurrent map writes`)."
                   if kind == "map" else "concurrent appends race on the slice and lose elements.")
                + " Guard it with a `sync.Mutex`, or collect the results per index or over a channel."))


def _function_start(lexed: Lexed, line: int) -> int | None:
    for no in range(line, 0, -1):
        bare = lexed.bare.get(no)
        if bare is None:
            return None
        if bare.startswith("func"):
            return no
    return None


def _in_loop(lexed: Lexed, line: int) -> bool:
    """Is line `line` inside a `for` block of its function (by indentation: the nearest less-indented
    lines above it, up to the function's header)?"""
    depth = indent_of(lexed.bare[line])
    for no in range(line - 1, 0, -1):
        bare = lexed.bare.get(no)
        if bare is None or bare.startswith("func"):
            return False
        if not bare.strip():
            continue
        indent = indent_of(bare)
        if indent < depth:
            if _FOR.match(bare):
                return True
            depth = indent
    return False


def _declared_before(lexed: Lexed, line: int) -> tuple[set[str], set[str]]:
    """The maps and slices declared in the function of `line` above it."""
    maps: set[str] = set()
    slices: set[str] = set()
    start = _function_start(lexed, line)
    if start is None:
        return maps, slices
    for no in range(start + 1, line):
        bare = lexed.bare.get(no, "")
        found = _MAP_DECL.match(bare)
        if found is not None:
            maps.add(found.group("a") or found.group("b"))
            continue
        found = _SLICE_DECL.match(bare)
        if found is not None:
            slices.add(found.group("a") or found.group("b"))
    return maps, slices


def _first_write(lexed: Lexed, first: int, last: int, maps: set[str], slices: set[str]
                 ) -> tuple[int, str, str] | None:
    names = maps | slices
    if not names:
        return None
    body = [(no, lexed.bare.get(no, "")) for no in range(first + 1, last)]
    local: set[str] = set()
    for _no, bare in body:
        declared = _LOCAL_DECL.match(bare)
        if declared is not None:
            local.update(n.strip() for n in (declared.group(1) or declared.group(2)).split(","))
    for no, bare in body:
        if _LOCK.search(bare):
            return None  # the literal takes a lock before (any) write below
        for name in sorted(maps - local):
            if re.match(rf"^\s*{name}\[[^\n]*\]\s*(?:[-+*/|&]?=(?!=)|\+\+|--)", bare) or \
                    re.search(rf"\bdelete\(\s*{name}\s*,", bare):
                return no, name, "map"
        for name in sorted(slices - local):
            if re.match(rf"^\s*{name}\s*=\s*append\(\s*{name}\b", bare):
                return no, name, "slice"
    return None
