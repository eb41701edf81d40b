"""JavaScript/TypeScript: a `fetch` response whose body is read while nothing looks at its status.

    const res = await fetch(`${API}/orders/${id}`);
    const order = await res.json();      // a 404 or 503 answer is read as if it were the order

`fetch` resolves for every HTTP answer, errors included; only a network failure rejects. Reported: a
variable given `await fetch(...)` whose body (`.json()`, `.text()`, `.arrayBuffer()`, `.blob()`) the
following lines of its block read while none of them looks at `.ok`, `.status` or `.statusText` or hands
the response on whole (to a call, a `return`, another variable); and `fetch(...).then(r => r.json())`
with nothing between. Left alone: a `fetch` inside a `try` block, or a chain that ends in `.catch(...)`
(a body that is not the data fails into the handler).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._http_status import Rules, read_end, unchecked
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RULES = Rules(
    stored=lazy_re(
        r"(?:\b(?:const|let|var)\s+|^\s*)(?P<name>[A-Za-z_$][\w$]*)(?:\s*:\s*[\w$.<>]+)?\s*=\s*await\s+"
        r"(?P<call>(?:[\w$]+\.)?fetch)\s*\("
    ),
    read=r"(?<![\w$.]){name}\s*\.\s*(?:json|text|arrayBuffer|blob|formData)\s*\(",
    status=r"(?<![\w$.]){name}\s*(?:\?\.|\.)\s*(?:ok|status|statusText)\b",
    decoded=(
        r"(?:const|let|var)\s+(?P<target>[A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>\[\]]+\s*)?=\s*await\s+"
        r"{name}\s*\.\s*json\s*\("
    ),
)
_FETCH_CALL = lazy_re(r"(?<![\w$.])fetch\s*\(")
_THEN_READ = lazy_re(
    r"^\s*\.then\s*\(\s*(?:async\s*)?\(?\s*(?P<name>[A-Za-z_$][\w$]*)\s*\)?\s*=>\s*"
    r"(?P=name)\s*\.\s*(?:json|text)\s*\("
)
"""`.then(r => r.json())` right after the `fetch(...)` call (a `.then` that checks first comes between)."""
_TRY = lazy_re(r"^\s*(?:\}\s*)?try\s*\{")


@register(
    CheckSpec(
        id="JS-HTTP-STATUS-UNCHECKED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Response read without checking its status",
        explanation=(
            "`fetch` resolves for 4xx and 5xx answers too (only a network failure rejects), so reading the "
            "body as the data turns an error page or error object into wrong data or a confusing failure "
            "further on. Check `if (!res.ok) throw new Error(`... ${res.status}`)` before reading it."
        ),
    ),
    needs=("fetch",),
)
def fetch_status_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for found in unchecked(lexed, _RULES):
        if not _in_try(lexed, found.line):
            yield Hit(found.line, read_end(found.line, found.read_line), message=(
                f"Line {found.read_line} reads the body of `{found.name}`, the answer of `{found.call}(...)`,"
                f" and nothing before it looks at `{found.name}.ok` or `{found.name}.status`."))
    for no, _code, bare in lines_of(lexed):
        if "fetch" not in bare:
            continue
        for call in _FETCH_CALL.finditer(bare):
            span = bracket_span(lexed, no, call.end() - 1)
            if not span.closed:
                continue
            if span.last == no:  # what follows the call's `)`
                rest = bare[call.end() - 1 + len(span.bare) :]
            else:
                rest = lexed.bare.get(span.last, "")[len(span.bare.rsplit("\n", 1)[-1]) :]
            below = (lexed.bare.get(n, "") for n in range(span.last + 1, span.last + 3))
            chained = _THEN_READ.match("\n".join([rest, *below]))
            if chained is None or _in_try(lexed, no) or ".catch(" in _chain(lexed, no, span.last):
                continue
            name = chained.group("name")
            read_line = span.last + chained.group(0).count("\n")  # the `.then` may start a line below
            yield Hit(no, read_line if read_line > no else None, message=(
                f"`.then({name} => {name}.json())` reads the body of the `fetch` answer, whatever its "
                "status."))


def _chain(lexed: Lexed, first: int, last: int) -> str:
    """The statement's lines from `first`, and the lines after `last` that go on with its chain (`.then`,
    `.catch`, a closing bracket)."""
    lines = [lexed.bare.get(no, "") for no in range(first, last + 1)]
    no = last + 1
    while no in lexed.bare and lexed.bare[no].lstrip().startswith((".", ")", "}")) and no - last < 30:
        lines.append(lexed.bare[no])
        no += 1
    return "\n".join(lines)


def _in_try(lexed: Lexed, line: int) -> bool:
    """Whether `line` sits in a `try` block (its `catch` takes a body that does not parse, or fails later)."""
    indent = indent_of(lexed.bare.get(line, ""))
    for no in range(line - 1, max(0, line - 60), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if not text.strip():
            continue
        depth = indent_of(text)
        if depth < indent:
            if _TRY.match(text):
                return True
            indent = depth
            if depth == 0:
                return False
    return False
