"""JavaScript/TypeScript: request handlers that leave something behind in the Node process on every call.

    const sessions = new Map();                       // module level: one per process, for its whole life

    app.post("/login", async (req, res) => {
        sessions.set(token, req.body.user);           // an entry per login, never deleted
        setInterval(() => refresh(token), 60_000);    // a timer per request, never cleared
        ...

A Node server is one long-lived process. A module-level `Map`, `Set`, object or array that handlers add to
with a per-request key, and that nothing in the file ever deletes from, grows with the traffic until the
process runs out of heap and is restarted (each instance also keeps its own partial copy). A
`setInterval` started by a handler and never cleared runs, and keeps what its callback references, for the
life of the process: each request adds one more timer.

JS-MODULE-CACHE-UNBOUNDED is reported on the first added write (`NAME.set(k, ...)`, `NAME.add(...)`,
`NAME[k] = ...`, `NAME.push(...)`) inside a request handler (a function taking `(req, res)`, `(request,
reply)`, `(ctx, next)`, a Next.js route handler `GET(request)`, or a Hono handler `app.get(..., (c) =>`),
to a container made empty at module level (`new Map()`, `new Set()`, `{}`, `[]`), when the file never
deletes from it (`delete`, `.delete(`, `.clear(`, `.splice(`, `.shift(`, `.pop(`), compares its size or
length, or assigns it anew. In a hunk without the whole file, only a container the change itself declares
counts, with the lines in view.
Keys written as a string literal are a fixed domain and left alone.
JS-INTERVAL-PER-REQUEST is reported on a `setInterval(` inside a request handler when the file never calls
`clearInterval`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_TEST_PATH = lazy_re(r"(?:^|/)(?:tests?|__tests__|spec|e2e|scripts?)/|[._-](?:test|spec)\.[jt]sx?$")
_HANDLER = lazy_re(
    r"\(\s*(?:req|request)\b[^()]*,\s*(?:res|response|reply)\b[^()]*\)\s*(?::\s*[^=>{]+)?(?:=>\s*)?$|"
    r"\(\s*ctx\b[^()]*,\s*next\b[^()]*\)\s*(?:=>\s*)?$|"
    r"\bfunction\s+(?:GET|POST|PUT|PATCH|DELETE)\s*\(\s*(?:req|request)\b[^()]*\)\s*(?::\s*[^{]+)?$|"
    r"\.\s*(?:get|post|put|patch|delete|all|use|on|onError)\s*\(.*\(\s*(?:err\w*\s*,\s*)?(?:c|ctx|context)"
    r"\s*(?::\s*\w+)?\s*\)\s*=>\s*$"
)
"""A request handler's header: Express/Koa/Fastify `(req, res)`, `(ctx, next)`, a Next.js route handler,
or a Hono route or error handler registered with its context `(c) =>`."""
_CONTAINER = lazy_re(
    r"^(?:export\s+)?(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?=\s*"
    r"(?:new\s+(?:Map|Set)\s*(?:<[^>]*>)?\s*\(\s*\)|\{\s*\}|\[\s*\])\s*(?:as\s+[^;]+)?;?\s*$"
)
_INTERVAL = lazy_re(r"(?<![\w$.])(?:setInterval|window\.setInterval|global\.setInterval)\s*\(")


@register(
    CheckSpec(
        id="JS-MODULE-CACHE-UNBOUNDED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Module-level Map or object grows per request with no eviction",
        explanation=(
            "A module-level `Map`, `Set`, object or array lives as long as the Node process. Filled by "
            "request handlers with a per-request key and never deleted from, it grows with the traffic until"
            " the process runs out of heap and restarts, and each instance holds its own partial copy. Bound"
            " it (an LRU cache with `max`/`ttl`), delete entries when they are done, or use a shared store "
            "with expiry (Redis)."
        ),
    ),
    needs=("new Map", "new Set", "= {}", "= []", "={}", "=[]"),
)
def module_cache_unbounded(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    containers = {m.group("name"): no for no, _c, bare in rows if (m := _CONTAINER.match(bare))}
    if not ctx.whole_file:  # a hunk: only a container this change introduces, its evictions in view
        containers = {name: line for name, line in containers.items() if line in ctx.added}
    if not containers:
        return
    text = "\n".join(bare for _no, _c, bare in rows)
    blocks = blocks_of(ctx)
    for name, declared in containers.items():
        n = re.escape(name)
        if re.search(
            rf"\bdelete\s+{n}\s*[\[.]|(?<![\w$.]){n}\s*\.\s*(?:delete|clear|splice|shift|pop|length\s*=)"
            rf"|(?<![\w$.]){n}\s*\.\s*(?:size|length)\s*(?:[<>]=?|===?)|^[ \t]+{n}\s*=(?!=)",
            text, re.MULTILINE,
        ):
            continue
        write = re.compile(
            rf"(?<![\w$.]){n}\s*(?:\.\s*(?:set|add)\s*\((?!\s*['\"`][^,]*,)|\.\s*push\s*\("
            rf"|\[(?!\s*['\"`])[^\]\n]+\]\s*=(?!=))"
        )
        for no, _code, bare in rows:
            if no in ctx.added and no != declared and write.search(bare) and _in_handler(blocks, no):
                yield Hit(no, message=(
                    f"`{name}` is made at module level (line {declared}) and this request handler adds to "
                    "it, but nothing in the file ever deletes from it: it grows with every request until the "
                    "Node process runs out of heap. Bound it (an LRU cache with `max`/`ttl`), delete "
                    "entries when done, or use a shared store with expiry."))
                break


@register(
    CheckSpec(
        id="JS-INTERVAL-PER-REQUEST",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="`setInterval` started per request and never cleared",
        explanation=(
            "A timer started while handling a request runs for the life of the process unless it is "
            "cleared, and keeps everything its callback references: every request adds one more timer, "
            "so CPU and memory grow until the process is restarted. Clear it (`clearInterval`) when the "
            "work or the connection ends, or schedule the work once at start-up."
        ),
    ),
    needs=("setInterval",),
)
def interval_per_request(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path) or ctx.mentions(("clearInterval",)):
        return
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        match = _INTERVAL.search(bare) if no in ctx.added and "setInterval" in bare else None
        if match is not None and _in_handler(blocks, no):
            code = lexed.code[no][match.start():].strip().rstrip(";")
            shown = code if len(code) <= 60 else code[:57].rstrip() + "..."
            yield Hit(no, message=(
                f"`{shown}` starts a timer on every request and nothing in the file clears it: each "
                "request adds one more timer that runs, and keeps what its callback references, for the life "
                "of the process. Clear it with `clearInterval` when the work or the connection ends, or "
                "schedule the work once at start-up."))


def _in_handler(blocks: Blocks, line: int) -> bool:
    return any(_HANDLER.search(block.header.rsplit("\n", 1)[-1]) for block in blocks.enclosing(line))
