"""Go: a package-level map, slice or `sync.Map` that request handlers add to and nothing ever removes from.

    var (
        mu       sync.Mutex
        lastSeen = map[string]time.Time{}
    )

    func Track(w http.ResponseWriter, r *http.Request) {
        mu.Lock()
        lastSeen[r.RemoteAddr] = time.Now()     // one entry per client address, for the life of the process
        mu.Unlock()

A package-level variable lives as long as the process. Written by every request with a per-request key and
never deleted from, it grows with the traffic (one entry per client, token or id) until the process is
killed for memory; a lock makes the writes safe, not bounded.

Reported on the first added write in a function that serves a request (net/http, gin, echo or fiber
parameters, or a function literal inside one): `m[k] = v` on a package-level map, `s = append(s, ...)` on
a package-level slice, `v.Store(k, ...)`/`v.LoadOrStore(k, ...)` on a package-level `sync.Map`, when the
file never removes from it (`delete(m, k)`, `.Delete(`, `.LoadAndDelete(`, `.Clear()`,
`clear(m)`), compares its length, nor assigns it anew (`m = make(...)`, `s = s[n:]`, `s = nil`) outside
the write. In a hunk without the whole file, only a variable the change itself declares counts. Keys
written as a string literal or a constant are a fixed domain and left alone.
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

_TEST_PATH = lazy_re(r"_test\.go$|(?:^|/)(?:testdata|tests?)/")
_DECL = (
    r"(?P<name>[A-Za-z_]\w*)\s*(?:(?P<typed>map\[[^=]*|\[\][^=]*|sync\.Map)\s*)?"
    r"(?:=\s*(?P<value>map\[.*\{\s*\}|make\(\s*(?:map\[|\[\]).*\)|\[\][^{]*\{\s*\}|sync\.Map\{\s*\}))?\s*$"
)
_TOP_VAR = lazy_re(rf"^var\s+{_DECL}")
_GROUP_VAR = lazy_re(rf"^\s{{1,8}}{_DECL}")
_VAR_GROUP = lazy_re(r"^var\s*\(\s*$")
_SYNC = lazy_re(r"\bsync\.|\.R?Lock\(\)|\batomic\.|\bsingleflight\b")
_CONSTANT_KEY = lazy_re(r"^\s*(?:\"|`|\d|[A-Z]\w*\s*$)")


@register(
    CheckSpec(
        id="GO-PACKAGE-STATE-UNBOUNDED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Package-level map or slice grows per request with no eviction",
        explanation=(
            "A package-level map, slice or `sync.Map` lives as long as the process. Written by every "
            "request with a per-request key and never deleted from, it grows with the traffic until the "
            "process is killed for memory (a mutex makes the writes safe, not bounded). Delete entries "
            "when they are done, bound the size (an LRU with a maximum, or expiry), or keep the state in a "
            "store with a TTL."
        ),
    ),
    needs=("map[", "[]", "sync.Map"),
)
def package_state_unbounded(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    rows = list(lines_of(lex(ctx)))
    variables = _package_containers(rows)
    if not ctx.whole_file:  # a hunk: only a variable this change introduces, its evictions in view
        variables = {name: seen for name, seen in variables.items() if seen[0] in ctx.added}
    if not variables:
        return
    text = "\n".join(bare for _no, _c, bare in rows)
    locked = _SYNC.search(text) is not None
    for name, (declared, kind) in variables.items():
        if kind == "map" and not locked:
            continue  # GO-GLOBAL-MAP-UNLOCKED reports its writes: the crash comes before the growth
        n = re.escape(name)
        if re.search(
            rf"\b(?:delete|clear)\(\s*{n}\b|\b{n}\s*\.\s*(?:Delete|LoadAndDelete|Clear|CompareAndDelete)\s*\("
            rf"|\blen\(\s*{n}\s*\)\s*(?:[<>]=?|==)",
            text,
        ) or _assigned_anew(rows, name, declared):
            continue
        if kind == "map":
            write = re.compile(rf"^\s*{n}\s*\[(?P<key>[^\n]*)\]\s*=(?!=)")
        elif kind == "slice":
            write = re.compile(rf"^\s*{n}\s*=\s*append\(\s*{n}\s*,(?P<key>)")
        else:
            write = re.compile(rf"\b{n}\s*\.\s*(?:Store|LoadOrStore|Swap)\s*\((?P<key>[^,\n]*),")
        for no, _code, bare in rows:
            if no not in ctx.added:
                continue
            match = write.search(bare)
            if match is None or (match.group("key") and _CONSTANT_KEY.match(match.group("key"))):
                continue
            if not any(f.is_handler for f in enclosing_functions(ctx, no)):
                continue
            yield Hit(no, message=(
                f"`{name}` is a package-level {kind} (line {declared}) that this request handler adds to, "
                "and nothing in the file ever removes from it: it grows with every request for the life of "
                "the process until it is killed for memory. Delete entries when done, bound it (an LRU "
                "with a maximum size, or expiry), or keep the state in a store with a TTL."))
            break


def _package_containers(rows: list[tuple[int, str, str]]) -> dict[str, tuple[int, str]]:
    """Package-level maps, slices and `sync.Map`s: name -> (line, "map" | "slice" | "sync.Map")."""
    out: dict[str, tuple[int, str]] = {}
    in_group = False
    for no, _code, bare in rows:
        if in_group:
            if bare.startswith(")"):
                in_group = False
                continue
            match = _GROUP_VAR.match(bare)
        elif _VAR_GROUP.match(bare):
            in_group = True
            continue
        else:
            match = _TOP_VAR.match(bare)
        if match is None or not (match.group("typed") or match.group("value")):
            continue
        first = (match.group("typed") or match.group("value") or "").strip()
        if "sync.Map" in first:
            kind = "sync.Map"
        elif first.startswith(("map[", "make(map[")):
            kind = "map"
        elif first.startswith(("[]", "make([]")):
            kind = "slice"
        else:
            continue
        out.setdefault(match.group("name"), (no, kind))
    return out


def _assigned_anew(rows: list[tuple[int, str, str]], name: str, declared: int) -> bool:
    """Whether a line other than the declaration assigns `name` a new value (`= make(...)`, `= nil`,
    `= s[n:]`): not an `append` to itself."""
    assign = re.compile(rf"(?:^|[;{{]\s*)(?<![\w.]){re.escape(name)}\s*=(?!=)[ \t]*(?P<rest>.*)$")
    for no, _code, bare in rows:
        match = assign.search(bare)
        if match is not None and no != declared and not match.group("rest").startswith("append("):
            return True
    return False
