"""Python: a module-level dict, list or set that request, task or message code adds to, never emptied.

    _sessions_by_token = {}

    @app.post("/login")
    def login(request):
        ...
        _sessions_by_token[token] = user.id       # one entry per login, for the life of the worker

A module-level container lives as long as the worker process. Filled by the code that serves requests (or
runs tasks, or consumes messages) with a key that varies per call, and never evicted, it grows with the
traffic until the worker is killed for memory (and, served by several workers, each holds its own partial
copy, so the "cache" is also inconsistent).

Reported on the first added write (`NAME[key] = ...`, `NAME.append/add/setdefault/update/extend(...)`,
`NAME[key].append(...)`) to a container assigned empty at module level (`{}`, `[]`, `set()`, `dict()`,
`defaultdict(...)`, `OrderedDict()`, `Counter()`), inside a function that serves a request, a task or a
message (a route, view, task or consumer decorator, or a `request`/`message` parameter), when the file
never removes from it (`del NAME[...]`, `pop`, `popitem`, `clear`, `remove`, `discard`), compares its
size (`len(NAME) > ...`) or assigns it anew in a function. Also reported, in any function: a
memoizing write whose entries carry an age (the function reads the container by a key made from its
parameters, and reads a clock or a TTL: `if hit and now - hit[0] < CACHE_TTL: return hit[1]`): expired
entries are skipped but never removed, and new keys come with the callers' traffic; reported on the
declaration when the change adds it (where the bound goes), else on the write. In a hunk without the
whole file, only a container the change itself declares counts, with the lines in view. Keys written as a
string literal are a fixed domain and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|testing|migrations|scripts?)/|(?:^|/)(?:test_\w+|\w+_test|conftest)\.py$"
)
_CONTAINER = lazy_re(
    r"^(?P<name>[A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:\{\s*\}|\[\s*\]|(?:builtins\.)?(?:dict|list|set)\(\s*\)|"
    r"(?:collections\.)?(?:defaultdict|OrderedDict|Counter)\([^()]*\))\s*$"
)
_DEF = lazy_re(r"^(?P<indent>\s*)(?:async\s+)?def\s+\w+\s*\((?P<params>[^)]*)")
_SERVING_DECORATOR = lazy_re(
    r"^\s*@(?:[\w.]+\.)?(?:route|get|post|put|patch|delete|websocket|api_route|task|shared_task|actor|"
    r"api_view|action|receiver|subscriber|consumer|handler|on_event|listener|job|periodic_task|"
    r"login_required|permission_required|require_\w+|csrf_exempt)\b"
)
_SERVING_PARAM = lazy_re(r"(?:^|[\s,(])(?:request|req|message|msg)\s*(?:[:,=)]|$)")
_CLASS = lazy_re(r"^(?P<indent>\s*)class\s")


@register(
    CheckSpec(
        id="PY-MODULE-CACHE-UNBOUNDED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Module-level container grows per request with no eviction",
        explanation=(
            "A module-level dict, list or set lives as long as the worker. Filled by request, task or "
            "message code with a per-call key and never emptied, it grows with the traffic until the worker "
            "is killed for memory, and each worker keeps its own partial copy. Bound it "
            "(`cachetools.TTLCache`/`LRUCache`, `functools.lru_cache(maxsize=...)`), evict entries, or use a"
            " shared cache with expiry (Redis, Django's cache)."
        ),
    ),
    needs=("= {}", "={}", "= []", "=[]", "set()", "dict()", "list()", "defaultdict(", "OrderedDict(",
           "Counter("),
)
def module_cache_growth(ctx: FileContext) -> Iterator[Hit]:
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
    for name, declared in containers.items():
        n = re.escape(name)
        if re.search(
            rf"\bdel\s+{n}\s*\[|(?<![\w.]){n}\s*\.\s*(?:pop|popitem|clear|remove|discard|popleft)\s*\("
            rf"|\blen\(\s*{n}\s*\)\s*(?:[<>]=?|==)|^[ \t]+(?:global\s+)?{n}\s*(?::[^=\n]+)?=(?!=)"
            rf"|\bmaxlen\b|{n}\s*\[\s*:",
            text, re.MULTILINE,
        ):
            continue
        write = re.compile(
            rf"^\s+{n}\s*\[(?!\s*['\"])[^\n]*\]\s*(?:=(?!=)|\+=|\.\s*(?:append|add|update|extend)\s*\()"
            rf"|^\s+{n}\s*\.\s*(?:append|add|setdefault|update|extend|insert)\s*\((?!\s*['\"][^,]*\))"
        )
        for index, (no, _code, bare) in enumerate(rows):
            if no not in ctx.added or not write.search(bare):
                continue
            if _serving_function(ctx, rows, index):
                yield Hit(no, message=(
                    f"`{name}` is a module-level container (line {declared}) that this request/task code "
                    "adds to with a per-call key, and nothing in the file ever removes from it: it grows "
                    "for the life of the worker until the process is killed for memory. Bound it "
                    "(`cachetools.TTLCache`/`LRUCache`), evict entries, or use a shared cache with expiry."))
                break
            if _expiring_memo(rows, index, n):
                yield Hit(declared if declared in ctx.added else no, message=(
                    f"`{name}` is a module-level cache whose entries expire by time but are never removed "
                    f"(written on line {no}): a stale entry is only skipped, and a new key is added per "
                    "call, so it grows for the life of the worker. Bound it "
                    "(`cachetools.TTLCache(maxsize=..., ttl=...)`) or evict expired entries."))
                break


def _expiring_memo(rows: list[tuple[int, str, str]], index: int, name: str) -> bool:
    """Whether the write at `rows[index]` is a memoizing function's, keyed by what its callers pass, whose
    entries carry an age: the function reads the container too (`NAME.get(key)`, `NAME[key]`,
    `key in NAME`), writes it with a key made from a parameter, and reads a clock or a TTL
    (`time.monotonic()`, `datetime.now()`, `CACHE_TTL`): stale entries are expected, so keys churn."""
    outer = _outer_def(rows, index)
    if outer is None:
        return False
    found = _DEF.match(rows[outer][2])
    header = " ".join(bare for _n, _c, bare in rows[outer:outer + 8])
    params = {p.split(":")[0].split("=")[0].strip().lstrip("*") for p in
              header[header.find("(") + 1:].split(")")[0].split(",")} - {"self", "cls", ""}
    base = len(found.group("indent")) if found else 0
    body: list[str] = []
    for _no, _c, text in rows[outer + 1:]:
        if text.strip() and indent_of(text) <= base and not text.lstrip().startswith(")"):
            break
        body.append(text)
    text = "\n".join(body)
    for local, value in re.findall(r"(?m)^\s+([A-Za-z_]\w*)\s*=(?!=)\s*([^\n]+)", text):
        if params & set(re.findall(r"[A-Za-z_]\w*", value)):
            params = params | {local}  # a key made from the arguments: `key = (base, quote)`
    key = re.search(rf"{name}\s*\[(?P<key>[^\]]*)\]", rows[index][2])
    if key is None or not params & set(re.findall(r"[A-Za-z_]\w*", key.group("key"))):
        return False
    reads = len(re.findall(rf"(?<![\w.]){name}\s*(?:\.\s*get\s*\(|\[)|\bin\s+{name}\b", text)) > 1
    return reads and bool(_CLOCK.search(text))


_CLOCK = lazy_re(
    r"\btime\.(?:time|monotonic|perf_counter)\(|\b(?:monotonic|perf_counter)\(\)|\.(?:now|utcnow|today)\(|"
    r"(?i:\bttl\b|\w*_ttl\b|\bttl_\w*|expir\w*|max_age|stale)"
)


def _outer_def(rows: list[tuple[int, str, str]], index: int) -> int | None:
    """The row of the outermost `def` around `rows[index]` within the known run of lines."""
    indent = indent_of(rows[index][2])
    outer: int | None = None
    for back in range(index - 1, max(-1, index - 400), -1):
        no, _c, text = rows[back]
        if no != rows[back + 1][0] - 1:
            break  # a gap in the known lines: what lies above is not known
        if not text.strip() or indent_of(text) >= indent:
            continue
        indent = indent_of(text)
        if _DEF.match(text):
            outer = back
        elif _CLASS.match(text) and indent == 0:
            break
        if indent == 0:
            break
    return outer


def _serving_function(ctx: FileContext, rows: list[tuple[int, str, str]], index: int) -> bool:
    """Whether the line at `rows[index]` is in a function that serves requests, tasks or messages: the
    outermost `def` around it has a serving decorator or a `request`/`message` parameter."""
    outer = _outer_def(rows, index)
    if outer is None:
        return False
    header = " ".join(bare for _n, _c, bare in rows[outer:outer + 8])
    params = header[header.find("(") + 1:]
    params = params[:params.find(")")] if ")" in params else params
    if _SERVING_PARAM.search(params):
        return True
    back = outer - 1
    while back >= 0 and rows[back][2].strip().startswith("@"):
        if _SERVING_DECORATOR.match(rows[back][2]):
            return True
        back -= 1
    return False
