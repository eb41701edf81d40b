"""Java: a static map, set or list that the request methods of a Spring bean add to, with no eviction.

    @Service
    public class CaptchaService {
        private static final Map<String, String> CODES = new ConcurrentHashMap<>();

        public String issue(String sessionId) {
            String code = randomCode();
            CODES.put(sessionId, code);          // one entry per visitor, kept for the life of the JVM
            return code;

A static collection lives as long as the class loader (the whole JVM, in a Spring Boot jar). Filled by the
methods every request calls, with a per-request key, and never emptied, it grows with the traffic until the
heap is exhausted (`OutOfMemoryError`, or GC thrashing long before); a `ConcurrentHashMap` makes the writes
safe, not bounded.

Reported on the first added write (`put`, `putIfAbsent`, `computeIfAbsent`, `compute`, `merge`, `add`,
`offer`, `push`) to a `static` collection field of the file in a request method of a Spring singleton (a
handler mapping, or a public method that is not a setter, initializer or lifecycle hook), when the file
never removes from it (`remove`, `removeIf`, `clear`, `poll`, `retainAll`, an iterator's `remove`), checks
its `size()`, bounds it (`removeEldestEntry`), nor assigns it anew. Keys that are code (`Class`, `Method`,
`Field`, `Type`) or written as a literal or a constant are a fixed domain and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_singletons import is_spring_singleton, request_method
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FIELD = lazy_re(
    r"^\s*(?:(?:private|protected|public|final)\s+)*static\s+(?:(?:final|private|protected|public)\s+)*"
    r"(?:java\.util\.(?:concurrent\.)?)?(?P<type>(?:Concurrent|Linked|Hash|Tree|Sorted|Navigable)?\w*"
    r"(?:Map|Set|List|Queue|Deque))\s*(?:<(?P<args>[^=;]*)>)?\s+(?P<name>[A-Za-z_$][\w$]*)\s*=\s*"
    r"(?P<value>new\s+[\w.]+\s*(?:<[^>]*>)?\s*\(\s*\)|\w+\s*\.\s*(?:synchronized|newConcurrent|new)\w*\s*\([^;]*\))"
    r"\s*;"
)
_CODE_KEY = lazy_re(r"^\s*(?:Class|Method|Field|Constructor|Type|Locale|Charset|Enum)\b")
_CONSTANT_ARG = lazy_re(r"^\s*(?:\"|[A-Z][A-Z0-9_]*\s*[,)]|\d|\w+\.class\b)")


@register(
    CheckSpec(
        id="JAVA-STATIC-MAP-UNBOUNDED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Static map or collection grows per request with no eviction",
        explanation=(
            "A static collection lives as long as the JVM. Filled by request methods with a per-request key "
            "and never emptied, it grows with the traffic until the heap runs out (`OutOfMemoryError`, or "
            "GC pauses long before); a `ConcurrentHashMap` makes the writes safe, not bounded. Remove "
            "entries when done, or use a bounded cache with expiry (Caffeine/Guava `maximumSize`/"
            "`expireAfterWrite`, Spring's cache abstraction, Redis)."
        ),
    ),
    needs=("static",),
)
def static_map_growth(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    fields: dict[str, int] = {}
    for no, _code, bare in rows:
        match = _FIELD.match(bare)
        if match is None or "static" not in bare:
            continue
        if _CODE_KEY.match(match.group("args") or ""):
            continue
        if ctx.whole_file or no in ctx.added:  # in a hunk: only a field this change declares
            fields.setdefault(match.group("name"), no)
    if not fields or not is_spring_singleton(ctx):
        return
    text = "\n".join(bare for _no, _c, bare in rows)
    if "removeEldestEntry" in text:
        return
    for name, declared in fields.items():
        n = re.escape(name)
        if re.search(
            rf"(?<![\w$]){n}\s*\.\s*(?:remove\w*|clear|poll\w*|retainAll|size|iterator|entrySet|keySet|values)"
            rf"\s*\(|^\s*(?:this\.)?{n}\s*=(?!=)",
            text, re.MULTILINE,
        ):
            continue
        write = re.compile(
            rf"(?<![\w$.]){n}\s*\.\s*(?:put|putIfAbsent|computeIfAbsent|compute|merge|add|offer|push)\s*\("
        )
        for no, _code, bare in rows:
            if no not in ctx.added or no == declared:
                continue
            match = write.search(bare)
            if match is None or _CONSTANT_ARG.match(bare[match.end():]):
                continue
            if request_method(ctx, no) is None:
                continue
            yield Hit(no, message=(
                f"`{name}` is a static collection (line {declared}) that this request method adds to, and "
                "nothing in the file ever removes from it: it grows with the traffic for the life of the "
                "JVM until the heap runs out. Remove entries when done, or use a bounded cache with expiry "
                "(Caffeine `maximumSize`/`expireAfterWrite`, Spring's cache abstraction, Redis)."))
            break
