"""Go: a package-level map written from request handlers or goroutines with no lock in the file.

    var lastSeen = map[string]time.Time{}

    func Throttle(next http.Handler) http.Handler {
        return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
            lastSeen[key] = time.Now()      // two requests at once: "fatal error: concurrent map writes"

The HTTP server runs every request on its own goroutine. Go maps are not safe for concurrent use, and the
runtime detects a concurrent write and stops the whole process with a fatal error that no `recover`
catches. Reported on each write (`m[k] = v`, `m[k]++`, `delete(m, k)`) in a function that serves a request
(net/http, gin, echo or fiber parameters) or runs as a goroutine (`go func`), when the map is declared at
package level in this file and the file (known whole) has no mutex, `sync.Map` or other `sync` use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TOP_VAR = lazy_re(r"^var\s+(?P<name>[A-Za-z_]\w*)\s*(?:map\[[^=]*)?=\s*(?:map\[|make\(\s*map\[)")
_GROUP_VAR = lazy_re(r"^\s+(?P<name>[A-Za-z_]\w*)\s*(?:map\[[^=]*)?=\s*(?:map\[|make\(\s*map\[)")
_SYNC = lazy_re(r"\bsync\.|\.R?Lock\(\)|\batomic\.|\bsingleflight\b")
_GO_FUNC = lazy_re(r"\bgo\s+func\b")


@register(
    CheckSpec(
        id="GO-GLOBAL-MAP-UNLOCKED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Package-level map written by concurrent requests without a lock",
        explanation=(
            "Each request runs on its own goroutine and Go maps are not safe for concurrent writes: the "
            "runtime stops the whole process with `fatal error: concurrent map writes`, which no recover "
            "catches. Guard the map with a `sync.Mutex` (or use `sync.Map`, or keep the state per request)."
        ),
    ),
    needs=("map[",),
)
def global_map_unlocked(ctx: FileContext) -> Iterator[Hit]:
    if not ctx.whole_file:
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    if any(_SYNC.search(bare) for _no, _code, bare in rows):
        return
    maps = _package_maps(rows)
    if not maps:
        return
    names = "|".join(re.escape(m) for m in maps)
    write = re.compile(
        rf"^\s*(?P<a>{names})\[[^\n]*\]\s*(?:[-+*/|&]?=(?!=)|\+\+|--)|\bdelete\(\s*(?P<b>{names})\s*,"
    )
    for no, _code, bare in rows:
        match = write.search(bare)
        if match is None:
            continue
        funcs = enclosing_functions(ctx, no)
        if not funcs or any(f.name == "init" for f in funcs):
            continue
        concurrent = any(f.is_handler or (f.literal and _GO_FUNC.search(f.block.header.rpartition("\n")[2]))
                         for f in funcs)
        if not concurrent:
            continue
        name = match.group("a") or match.group("b")
        yield Hit(no, message=(
            f"`{name}` is a package-level map (line {maps[name]}) written here by every request (or "
            "goroutine) at once, with no lock in this file: concurrent writes stop the process with "
            "`fatal error: concurrent map writes`. Guard it with a `sync.Mutex` or use `sync.Map`."))


def _package_maps(rows: list[tuple[int, str, str]]) -> dict[str, int]:
    out: dict[str, int] = {}
    in_group = False
    for no, _code, bare in rows:
        if in_group:
            if bare.startswith(")"):
                in_group = False
                continue
            group = _GROUP_VAR.match(bare)
            if group is not None and not bare.startswith("\t\t"):
                out.setdefault(group.group("name"), no)
            continue
        if re.match(r"^var\s*\(\s*$", bare):
            in_group = True
            continue
        top = _TOP_VAR.match(bare)
        if top is not None:
            out.setdefault(top.group("name"), no)
    return out

