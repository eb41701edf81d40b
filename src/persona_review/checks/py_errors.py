"""Error-handling checks for Python: swallowed and broad exceptions, control flow in finally, missing
timeouts, unchecked exit codes, debug pages and exception text sent to clients."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from persona_review.checks._handler_comments import explains
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._py_exit_status import unread_exit_statuses
from persona_review.checks._py_functions import functions_of
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks._python import Handler, handlers
from persona_review.checks._spans import (
    bracket_span,
    enclosing_headers,
    indent_of,
    indented_below,
    lines_of,
    python_block,
    siblings_above,
    statement_span,
)
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_ERR = Category.ERROR_HANDLING


@register(
    CheckSpec(
        id="PY-BARE-EXCEPT",
        checklist_item="ERR-02",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Bare `except:` catches everything, including KeyboardInterrupt and SystemExit",
        explanation=(
            "A bare `except:` also traps SystemExit, KeyboardInterrupt and GeneratorExit, so a worker asked "
            "to stop keeps running and real bugs are handled like expected failures. Catch the specific "
            "exceptions this code can recover from, or `except Exception` and log it with the traceback."
        ),
    ),
    needs=("except",),
)
def bare_except(ctx: FileContext) -> Iterator[Hit]:
    for handler in handlers(lex(ctx)):
        if not handler.complete and not _ends_file(ctx, handler):
            continue  # part of the body is outside the hunk
        if handler.bare and not handler.silent and not any(text == "raise" for _, text in handler.body):
            yield Hit(handler.line)


@register(
    CheckSpec(
        id="PY-EXCEPT-PASS",
        checklist_item="ERR-01",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_PY,
        title="Exception swallowed: `except` with only `pass`/`continue`",
        explanation=(
            "Every failure in the `try` body, including bugs and lost connections, disappears without a log "
            "line or a metric, and the caller carries on with partial state. Catch only the exception you "
            "expect and handle it, or log it with `logger.exception(...)` before moving on."
        ),
    ),
    needs=("except", "suppress("),
)
def except_pass(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for handler in handlers(lexed):
        failed = None if handler.broad or any(text == "continue" for _, text in handler.body) \
            else _OPERATION_FAILURE.search(handler.types)  # a typed `continue`: the next try, or item
        if (handler.broad or failed) and handler.silent and (handler.complete or _ends_file(ctx, handler)) \
                and not _waived(ctx, handler) \
                and not explains(ctx, lexed, handler.line + 1, handler.body[-1][0]) \
                and not (failed and _explained_above(ctx, lexed, handler.line)) \
                and not _secondary(lexed, handler.line) and not _only_cleanup(lexed, handler.line):
            message = None if failed is None else (
                f"`{failed.group(0)}` means the operation in the `try` did not happen, and this handler "
                "drops it without a trace: the code carries on as if it had succeeded.")
            yield Hit(handler.line, handler.body[-1][0], message)
    yield from _suppressed_work(ctx, lexed)


_SUPPRESS_ALL = lazy_re(
    r"^\s*(?:async\s+)?with\s+(?:contextlib\.)?suppress\s*\(\s*(?:builtins\.)?(?:Base)?Exception\s*\)\s*:"
)
_SUPPRESSED_WORK = lazy_re(
    r"\.(?:charge|send|save|create|update|publish|submit|pay|transfer|commit|enqueue|process|sync|upload|"
    r"mark_\w+|capture|refund|insert|upsert|execute|deliver|notify)\w*\s*\("
)


def _suppressed_work(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """`with suppress(Exception):` around a write, a send or a charge: the same swallow as `except
    Exception: pass`. Around cleanup (`os.remove`, `close()`, `kill()`) it is a deliberate best effort."""
    for no, bare in sorted(lexed.bare.items()):
        if "suppress" not in bare or _SUPPRESS_ALL.match(bare) is None or no not in ctx.added:
            continue
        body = indented_below(lexed, no)
        if not body or not any(_SUPPRESSED_WORK.search(lexed.bare.get(n, "")) for n in body):
            continue
        if explains(ctx, lexed, no, body[-1]) or _explained_above(ctx, lexed, no):
            continue
        yield Hit(no, body[-1], (
            "`suppress(Exception)` swallows every failure of the work in this block without a trace, as "
            "`except Exception: pass` would: the code carries on as if it had succeeded. Catch what you "
            "expect and log it."))


def _ends_file(ctx: FileContext, handler: Handler) -> bool:
    """Whether the handler's last body line is an added line that ends its hunk. A hunk carries the lines
    after its last change as context unless the file ends there, so the body (and the file) ends with it."""
    last = handler.body[-1][0]
    return last in ctx.added and last + 1 not in ctx.lines and not ctx.whole_file


def _explained_above(ctx: FileContext, lexed: Lexed, line: int) -> bool:
    """Do comment-only lines just above the `except` explain why it is passed over?"""
    above = line - 1
    while above in lexed.code and not lexed.code[above].strip() and ctx.lines.get(above, "").strip():
        if explains(ctx, lexed, above, above):
            return True
        above -= 1
    return False


_OPERATION_FAILURE = lazy_re(
    r"\b\w*(?:Connection|Gateway|Payment|Network|Transport|Upstream|Broker|Smtp|SMTP)\w*(?:Error|Exception)\b"
)
"""An exception type that says a call to another system failed on the way (a connection, a payment or
mail gateway, a broker): unlike `KeyError`, `FileNotFoundError`, an `IntegrityError` or a validation error
(often "absent", "already there" or "not this one", passed over on purpose), swallowing one of these
leaves work undone with no trace. Measured on whole projects, wider families (timeouts, API and database
errors) were mostly deliberate: a column that may exist, a permission probe, a best-effort benchmark."""


def _secondary(lexed: Lexed, except_line: int) -> bool:
    """Is the `try` of this handler inside an `except` block that raises or returns after it (at the
    `try`'s own level)? Then the error dropped is a second one met while already reporting the first (a
    rollback, a detail for the message)."""
    try_line = _try_of(lexed, except_line)
    if try_line is None:
        return False
    level = indent_of(lexed.bare.get(try_line, ""))
    for no, text in enclosing_headers(lexed, try_line):
        if _NESTED_SCOPE.match(text):
            return False
        if text.lstrip().startswith("except"):
            return any(n > except_line and indent_of(lexed.bare.get(n, "")) == level
                       and _LEAVES.match(lexed.bare.get(n, "")) for n in python_block(lexed, no))
    return False


_LEAVES = lazy_re(r"^\s*(?:raise|return)\b")


@register(
    CheckSpec(
        id="PY-BROAD-EXCEPT",
        checklist_item="ERR-04",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="`except Exception` handles every failure without re-raising or logging the traceback",
        explanation=(
            "A blind `except Exception` turns programming errors and outages into a normal return value, so "
            "callers report success on failed work and the cause is lost. Catch the specific exceptions you "
            "expect; where a catch-all is needed at a boundary, log with `logger.exception` and re-raise or "
            "return an explicit error."
        ),
    ),
    needs=("except",),
)
def broad_except(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for handler in handlers(lexed):
        reported = handler.reports or handler.silent or not handler.complete
        if handler.broad and not handler.bare and not reported and not _meant(lexed, handler) \
                and not _waived(ctx, handler) and not _answers(lexed, handler) \
                and not _only_cleanup(lexed, handler.line):
            yield Hit(handler.line)


_OUTPUT = lazy_re(
    r"^(?:await\s+)?(?:[\w.]*(?:log|logger|logging|LOG|LOGGER)\w*\.\w+|print|[\w.]*\.echo|[\w.]*(?:stdout|stderr)"
    r"\.write|warnings\.warn|traceback\.print_exc)\("
)
_ASSIGNS = lazy_re(r"^[\w.]+(?:\s*,\s*[\w.]+)*\s*(?::[^=]+)?=(?!=)")
_FAILURE_WORD = r"[\w.\[\]'\"]*(?i:err|fail|invalid|skip|bad|broken|problem)[\w.\[\]'\"]*"
_COUNTS = lazy_re(rf"^{_FAILURE_WORD}\s*\+=|^{_FAILURE_WORD}\.(?:append|add|extend|update)\(")
_NAMES_ERROR = lazy_re(r"(?i:error|fail)")
_RETURN = lazy_re(r"^return\b\s*(.*)$", re.DOTALL)
_ALTERNATIVE = lazy_re(r"^(?:async\s+)?(?:try|for|while|with)\b")


def _answers(lexed: Lexed, handler: Handler) -> bool:
    """A catch-all that answers for the failure besides logging it, so nothing is dropped:
    - it hands the exception on as a value: into an error result, a list of failures, another handler
      (`error = str(e)`, `errors.append(e)`, `report(e)`), or counts it (`failed += 1`);
    - it returns a value that says it is an error (`return {"error": {...}}`, `return ErrorResult(...)`);
    - it takes another path of its own (a nested `try`, loop or `with`: saving one by one, a second
      parser), or only assigns values (a default, a fallback parse), besides logging."""
    own: list[str] = []
    last = 0
    for no, _text in handler.body:
        if no <= last:
            continue
        span = statement_span(lexed, no)
        last = span.last if no != handler.line else no
        text = " ".join(part.strip() for part in span.code.split("\n"))
        if no == handler.line:
            text = _text
        if not _OUTPUT.match(text):
            own.append(text)
    name = handler.name
    for text in own:
        returned = _RETURN.match(text)
        if returned is not None and _NAMES_ERROR.search(returned.group(1)):
            return True
        if _ALTERNATIVE.match(text) or _COUNTS.match(text):
            return True
        if name and re.search(rf"(?<![\w.]){re.escape(name)}\b", text):
            return True
        if "traceback.format_exc(" in text:
            return True  # the traceback is handed on as a value (PY-EXCEPTION-LEAK judges where it goes)
    return bool(own) and all(_ASSIGNS.match(text) for text in own)


# A linter's own waiver for a catch-all, written on the `except` line: pylint's broad-except /
# broad-exception-caught (W0703 / W0718) or flake8-blind-except's BLE001 (also ruff's).
_WAIVER = lazy_re(
    r"#.*\b(?:pylint:\s*disable\s*=[\w\s,-]*\b(?:broad-except|broad-exception-caught|W0703|W0718)\b"
    r"|noqa\s*:[\w\s,]*\bBLE001\b)"
)


def _waived(ctx: FileContext, handler: Handler) -> bool:
    """The author waived a linter's broad-except warning on this very handler: the catch-all was already
    questioned and kept on purpose, so asking again is noise. Only a waiver of that rule counts (a blanket
    `# noqa` or another rule's waiver says nothing about catching everything)."""
    return bool(_WAIVER.search(ctx.lines.get(handler.line, "")))


_LOGS = lazy_re(r"^(?:await\s+)?(?:[\w.]*(?:log|logger|logging|LOG|LOGGER)\w*)\."
                   r"(?:debug|info|warning|warn|error|critical|log)\(")
_WAITS = lazy_re(
    r"^(?:await\s+)?(?:time|asyncio|anyio|trio|gevent)\.sleep\(|^continue$|^pass$|^[\w.\[\]'\"]+\s*\+=\s*\d+$"
)
_LOOP = lazy_re(r"^\s*(?:async\s+)?(?:while|for)\b")
_FALLBACK = lazy_re(r"^([A-Za-z_][\w.]*)\s*=\s*(?!=)")


def _meant(lexed: Lexed, handler: Handler) -> bool:
    """A catch-all whose shape says what it is for, which the finding would only question:
    - a retry loop: the `try` sits directly in a `while`/`for` body and the handler only logs or prints
      the failure (and waits, or goes on to the next round): the loop is the recovery;
    - a detail for an error being raised: the `try` sits in an `except` block that raises, and the
      handler only logs (a failed parse of an error body must not hide the error);
    - a fallback value: the `try` holds one assignment and the handler one assignment to the same name
      (`detail = resp.json()["error"]` / `detail = resp.text`): a best-effort read with a default."""
    try_line = _try_of(lexed, handler.line)
    if try_line is None:
        return False
    statements = _statements(lexed, handler)
    reports = statements and (_LOGS.match(statements[0]) or _OUTPUT.match(statements[0]))
    if reports and all(_WAITS.match(t) for t in statements[1:]) \
            and (_in_loop(lexed, try_line) or _raising_handler_around(lexed, try_line)):
        return True
    tried = [lexed.code[n].strip() for n in python_block(lexed, try_line) if lexed.code.get(n, "").strip()]
    if len(tried) != 1 or len(statements) != 1:
        return False
    target, fallback = _FALLBACK.match(tried[0]), _FALLBACK.match(statements[0])
    return target is not None and fallback is not None and target.group(1) == fallback.group(1)


def _statements(lexed: Lexed, handler: Handler) -> list[str]:
    """The handler's statements, one string each (a call spread over lines is one statement)."""
    out: list[str] = []
    last = 0
    for no, text in handler.body:
        if no <= last:
            continue
        last = statement_span(lexed, no).last if no != handler.line else no
        out.append(text)
    return out


def _raising_handler_around(lexed: Lexed, line: int) -> bool:
    """Whether the statement on `line` sits (at any depth) in an `except` block that raises: a catch-all
    there only guards a best-effort detail of an error already on its way up."""
    for no, text in enclosing_headers(lexed, line):
        if _NESTED_SCOPE.match(text):
            return False
        if text.lstrip().startswith("except"):
            return any(_RAISES.match(lexed.bare.get(n, "")) for n in python_block(lexed, no))
    return False


_RAISES = lazy_re(r"^\s*raise\b")


_CLEANUP_CALL = lazy_re(
    r"^(?:await\s+)?(?:[\w.\[\]]+\.)?(?:close|aclose|shutdown|disconnect|terminate|kill|quit|"
    r"unlink|rmtree|cleanup|remove_listener|unsubscribe)\s*\(.*\)$"
)
"""A call that lets go of something (a socket, a connection, a subprocess, a temporary file); `os.remove`
and `os.unlink` of a path too."""
_PATH_REMOVAL = lazy_re(r"^os\.(?:remove|unlink)\s*\(.*\)$")


def _only_cleanup(lexed: Lexed, except_line: int) -> bool:
    """Does the `try` of this handler only let go of things (`try: await ws.close()`)? What is being dropped
    anyway leaves nothing to handle when releasing it fails: a best-effort cleanup, `contextlib.suppress`
    written out."""
    try_line = _try_of(lexed, except_line)
    if try_line is None:
        return False
    level = indent_of(lexed.bare[try_line])
    statements = [" ".join(statement_span(lexed, no).code.split()) for no in range(try_line + 1, except_line)
                  if lexed.bare.get(no, "").strip() and indent_of(lexed.bare[no]) > level
                  and statement_span(lexed, no).first == no]
    return bool(statements) and all(_CLEANUP_CALL.match(text) or _PATH_REMOVAL.match(text)
                                    for text in statements)


def _try_of(lexed: Lexed, except_line: int) -> int | None:
    """The `try:` line an `except` belongs to: the nearest line above at the same indent that opens one."""
    indent = indent_of(lexed.bare.get(except_line, ""))
    return next((no for no, text in siblings_above(lexed, except_line - 1, indent, 399) if _TRY.match(text)),
                None)


def _in_loop(lexed: Lexed, line: int) -> bool:
    """Whether the statement on `line` sits directly in the body of a `while` or `for` loop."""
    first = next(enclosing_headers(lexed, line), None)
    return first is not None and _LOOP.match(first[1]) is not None


_FINALLY = lazy_re(r"^\s*finally\s*:\s*$")
_EXIT_STMT = lazy_re(r"^\s*(return|break|continue)\b")
_NESTED_SCOPE = lazy_re(r"^\s*(?:async\s+)?(?:def|class)\b")
_TRY = lazy_re(r"^\s*try\s*:")
_NESTED_LOOP = lazy_re(r"^\s*(?:async\s+)?(?:for|while)\b")


@register(
    CheckSpec(
        id="PY-FINALLY-EXIT",
        checklist_item="ERR-09",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_PY,
        title="`return`/`break`/`continue` in `finally` discards the in-flight exception",
        explanation=(
            "Leaving a `finally` block with return, break or continue silently cancels any exception raised "
            "in the `try` body, so failures look like success. Move the statement after the try/finally, and "
            "keep `finally` for cleanup only."
        ),
    ),
    needs=("finally",),
)
def finally_exit(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "finally" not in bare or not _FINALLY.match(bare):
            continue
        scope_indent: int | None = None
        loop_indent: int | None = None
        for body_no in python_block(lexed, no):
            text = lexed.bare[body_no]
            indent = indent_of(text)
            if scope_indent is not None and indent > scope_indent:
                continue
            scope_indent = None
            if loop_indent is not None and indent <= loop_indent:
                loop_indent = None
            if _NESTED_SCOPE.match(text):
                scope_indent = indent
                continue
            if _NESTED_LOOP.match(text) and loop_indent is None:
                loop_indent = indent
                continue
            match = _EXIT_STMT.match(text)
            if match and (match.group(1) == "return" or loop_indent is None):
                yield Hit(body_no)


_TIMEOUT_KW = lazy_re(r"\btimeout\s*=")
_TIMEOUT_NONE = lazy_re(r"\btimeout\s*=\s*None\b")


@register(
    CheckSpec(
        id="PY-HTTP-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="HTTP call without a timeout",
        explanation=(
            "`requests` waits forever by default, and `timeout=None` disables httpx's default, so one slow "
            "upstream parks this worker until every worker is stuck. Pass an explicit `timeout=` (connect "
            "and read, e.g. `timeout=(3.05, 10)`) sized to the caller's own deadline."
        ),
    ),
    needs=("requests", "httpx", "HTTPAdapter"),
)
def http_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    names = _HttpNames.of(lexed.bare.values())
    markers = names.markers
    for no, _code, bare in lines_of(lexed):
        if "requests." not in bare and "httpx." not in bare and not any(m in bare for m in markers):
            continue
        for match in names.call.finditer(bare):
            module, function = names.resolve(match)
            span = bracket_span(lexed, no, match.end() - 1)
            if not span.closed:
                continue  # the rest of the call is outside the hunk: a timeout may be there
            if _TIMEOUT_NONE.search(span.bare) or (
                module == "requests"
                and function[0].islower()
                and not _TIMEOUT_KW.search(span.bare)
                and "**" not in span.bare
            ):
                yield Hit(no, span.last)
    if "Session" in ctx.known_text() or "HTTPAdapter" in ctx.known_text():
        yield from _session_calls(lexed, names)


_SESSION_MADE = (r"(?:^\s*(?:self\.)?(?P<a>[A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?:{modules})\.Session\(\s*\)\s*$"
                 r"|\bwith\s+(?:{modules})\.Session\(\s*\)\s+as\s+(?P<b>[A-Za-z_]\w*)\s*:)")
_SESSION_DEFAULTS = lazy_re(
    r"\.mount\s*\(|\bdef\s+request\s*\(|\(\s*(?:requests\.)?Session\s*\)\s*:|\bpartial\("
)
"""A session given a default timeout some other way: a mounted adapter, an overridden `request`, a
`Session` subclass, a `functools.partial` around its calls."""
_STOCK_MOUNT = lazy_re(
    r"(?<![\w.])(?:self\.)?(?P<session>[A-Za-z_]\w*)\.mount\s*\([^,]*,\s*(?:(?:requests\.)?adapters\.)?"
    r"(?:HTTPAdapter\s*\(|(?P<adapter>[A-Za-z_]\w*)\s*\))"
)
"""`session.mount("https://", HTTPAdapter(max_retries=...))`: requests' own adapter, which pools and retries
but sets no timeout; only a subclass that fills one in gives the session a default. The object it is
mounted on is a `requests` session, wherever that was made."""
_STOCK_ADAPTER = lazy_re(r"^\s*(?P<name>[A-Za-z_]\w*)\s*=\s*(?:(?:requests\.)?adapters\.)?HTTPAdapter\s*\(")


def _session_calls(lexed: Lexed, names: _HttpNames) -> Iterator[Hit]:
    """`self.http = requests.Session()` then `self.http.post(...)` with no `timeout=`: a `requests` session
    has no default timeout either."""
    requests_names = "|".join(re.escape(m) for m, module in names.modules.items() if module == "requests")
    made = re.compile(_SESSION_MADE.format(modules=requests_names))
    sessions: set[str] = set()
    stock_adapters: set[str] = set()
    for _no, _code, bare in lines_of(lexed):
        if "Session" in bare:
            found = made.search(bare)
            if found is not None:
                sessions.add(found.group("a") or found.group("b"))
        if "HTTPAdapter" in bare:
            adapter = _STOCK_ADAPTER.match(bare)
            if adapter is not None:
                stock_adapters.add(adapter.group("name"))
        if _SESSION_DEFAULTS.search(bare):
            stock = _STOCK_MOUNT.search(bare) if ".mount" in bare else None
            if stock is None or (stock.group("adapter") and stock.group("adapter") not in stock_adapters):
                return
            sessions.add(stock.group("session"))
    if not sessions:
        return
    alternatives = "|".join(re.escape(s) for s in sorted(sessions, key=len, reverse=True))
    call = re.compile(rf"(?<![\w.])(?:self\.)?(?:{alternatives})\.(?:get|post|put|patch|delete|head|options|"
                      rf"request)\s*\(")
    for no, _code, bare in lines_of(lexed):
        for match in call.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            if span.closed and (_TIMEOUT_NONE.search(span.bare)
                                or (not _TIMEOUT_KW.search(span.bare) and "**" not in span.bare)):
                yield Hit(no, span.last)


_HTTP_FUNCTIONS = ("get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "Client",
                   "AsyncClient")
_HTTP_IMPORT_LINE = lazy_re(r"^[ \t]*(?:import|from)[ \t][^\n]*\b(?:requests|httpx)\b[^\n]*", re.MULTILINE)
_HTTP_IMPORT = lazy_re(r"^\s*import\s+(.+)$")
_HTTP_FROM_IMPORT = lazy_re(r"^\s*from\s+(requests|httpx)\s+import\s+\(?([^)#]+)")
_IMPORT_PART = lazy_re(r"^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$")


@dataclass(frozen=True, slots=True)
class _HttpNames:
    """How this file names `requests`/`httpx` and their call functions, aliases included
    (`import requests as rq`, `from requests import get as fetch`)."""

    modules: dict[str, str]
    """Name in the file -> module."""
    functions: dict[str, tuple[str, str]]
    """Bare name in the file -> (module, function)."""
    call: re.Pattern[str]
    markers: tuple[str, ...]
    """Besides `requests.` and `httpx.`: substrings a line must hold to contain a call (a cheap filter
    before the regex)."""

    @classmethod
    def of(cls, bare_lines: Iterable[str]) -> _HttpNames:
        """From the bare views of a file's lines (one joined scan finds the import lines)."""
        modules = {"requests": "requests", "httpx": "httpx"}
        functions: dict[str, tuple[str, str]] = {}
        text = "\n".join(bare_lines)
        imports = _HTTP_IMPORT_LINE.findall(text) if "requests" in text or "httpx" in text else []
        for bare in imports:
            plain = _HTTP_IMPORT.match(bare)
            if plain is not None:
                for part in plain.group(1).split(","):
                    named = _IMPORT_PART.match(part)
                    if named and named.group(1) in ("requests", "httpx") and named.group(2):
                        modules[named.group(2)] = named.group(1)
            from_import = _HTTP_FROM_IMPORT.match(bare)
            if from_import is not None:
                for part in from_import.group(2).split(","):
                    named = _IMPORT_PART.match(part)
                    if named and named.group(1) in _HTTP_FUNCTIONS:
                        functions[named.group(2) or named.group(1)] = (from_import.group(1), named.group(1))
        alternatives = "|".join(re.escape(m) for m in sorted(modules, key=len, reverse=True))
        pattern = rf"\b({alternatives})\.({'|'.join(_HTTP_FUNCTIONS)})\s*\("
        if functions:
            bare_names = "|".join(re.escape(f) for f in sorted(functions, key=len, reverse=True))
            pattern += rf"|(?<![\w.])({bare_names})\s*\("
        aliases = [m for m in modules if m not in ("requests", "httpx")]
        markers = (*(f"{m}." for m in aliases), *(f"{f}(" for f in functions), *(f"{f} (" for f in functions))
        return cls(modules, functions, re.compile(pattern), markers)

    def resolve(self, match: re.Match[str]) -> tuple[str, str]:
        """(module, function) of a match of `call`."""
        if match.group(1) is not None:
            return self.modules[match.group(1)], match.group(2)
        return self.functions[match.group(3)]


_TEST_FILE = lazy_re(r"(?:^|/)(?:tests?|testing)/|(?:^|/)test_[^/]*\.py$|_test\.py$|(?:^|/)conftest\.py$")
_SUBPROCESS_STMT = lazy_re(r"^\s*(?:await\s+)?subprocess\.(call|run)\s*\(")
_CHECK_TRUE = lazy_re(r"\bcheck\s*=\s*True\b")


@register(
    CheckSpec(
        id="PY-SUBPROCESS-UNCHECKED",
        checklist_item="ERR-03",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Subprocess exit status is ignored",
        explanation=(
            "The return code of the command is never read here, so a failed command (a migration, a "
            "backup, a transcode, a deploy step) is treated as done. Use `subprocess.run(..., check=True)`, "
            "or inspect `returncode` after `wait()`/`communicate()` and fail loudly."
        ),
    ),
    needs=("subprocess.", "create_subprocess_"),
)
def subprocess_unchecked(ctx: FileContext) -> Iterator[Hit]:
    """`subprocess.call/run(...)` as a statement (its result dropped); and, read from the function's syntax
    tree, a process kept in a variable whose exit status the function never reads (`_py_exit_status`)."""
    lexed = lex(ctx)
    reported: set[int] = set()
    for no, _code, bare in lines_of(lexed):
        if "subprocess." not in bare:
            continue
        match = _SUBPROCESS_STMT.match(bare)
        if match is None:
            continue
        span = bracket_span(lexed, no, match.end() - 1)
        if span.closed and not _CHECK_TRUE.search(span.bare):
            reported.add(no)
            yield Hit(no, span.last)
    if _TEST_FILE.search(ctx.path):
        return
    for flow in flows(ctx):
        for function in functions_of(flow):
            for unread in unread_exit_statuses(function):
                line = unread.line + flow.offset
                if line in reported:
                    continue
                reported.add(line)
                yield Hit(line, unread.last + flow.offset, message=(
                    f"`{unread.callee}(...)` runs to its end here, but nothing reads "
                    f"`{unread.name}.returncode`: "
                    "a command that failed (bad input, a full disk, a crash) is carried on as if it had "
                    "succeeded. Check the exit status and raise, or use `check=True`."))


_RUN_CALL = lazy_re(r"\b\w*app\w*\.run\s*\(", re.IGNORECASE)
_DEBUG_TRUE = lazy_re(r"\bdebug\s*=\s*True\b")


@register(
    CheckSpec(
        id="PY-FLASK-DEBUG-RUN",
        checklist_item="ERR-07",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_PY,
        title="Server started with `debug=True`",
        explanation=(
            "Flask's debug mode serves tracebacks with local variables to any client and the Werkzeug "
            "console allows running code on the server. Read the flag from configuration that is off in "
            "production, and never enable it on an app reachable from outside."
        ),
    ),
    needs=(".run",),
)
def flask_debug_run(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    reported: set[int] = set()
    for no, _code, bare in lines_of(lexed):
        if ".run" not in bare:
            continue
        for match in _RUN_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            if _DEBUG_TRUE.search(span.bare):
                reported.add(no)
                yield Hit(no, span.last)
    if "debug" in ctx.known_text() or _THIRD_ARGUMENT.search(ctx.known_text()):
        for hit in _debug_runs_by_value(ctx):
            if hit.line not in reported:
                reported.add(hit.line)
                yield hit


def _debug_runs_by_value(ctx: FileContext) -> Iterator[Hit]:
    """`app.run(debug=DEBUG)` with a module constant that is true, `debug=1`, debug given as the third
    positional argument (`app.run("0.0.0.0", 5000, True)`), and the run method kept under another name
    (`run = app.run; run(debug=True)`)."""
    for flow in flows(ctx):
        constants: dict[str, object] = {}
        runners: set[str] = set()
        for stmt in flow.tree.body:
            if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1 \
                    or not isinstance(stmt.targets[0], ast.Name):
                continue
            name, value = stmt.targets[0].id, stmt.value
            if isinstance(value, ast.Constant):
                constants[name] = value.value
            elif isinstance(value, ast.Attribute) and value.attr == "run" and _APP_NAME.search(dotted(value)):
                runners.add(name)
        for call in flow.nodes(ast.Call):
            debug = next((kw.value for kw in call.keywords if kw.arg == "debug"), None)
            if debug is None and len(call.args) >= 3 \
                    and not any(isinstance(arg, ast.Starred) for arg in call.args[:3]):
                debug = call.args[2]  # `app.run(host, port, debug)`
            if debug is None:
                continue
            on = debug.value if isinstance(debug, ast.Constant) else \
                constants.get(debug.id) if isinstance(debug, ast.Name) else None
            if on is None or on is False or on == 0 or isinstance(on, str):
                continue
            callee = dotted(call.func)
            if (callee.endswith(".run") and _APP_NAME.search(callee.rsplit(".", 1)[0])) or callee in runners:
                end = call.end_lineno + flow.offset if call.end_lineno else None
                first = call.lineno + flow.offset
                yield Hit(first, end if end and end > first else None)


_APP_NAME = lazy_re(r"app", re.IGNORECASE)
_THIRD_ARGUMENT = lazy_re(r"\.run\s*\([^),]*,[^),]*,")
"""A `.run(` call with at least three arguments on its line (a cheap test before parsing)."""


_LEAK_HEAD = lazy_re(
    r"\b(?:return|jsonify|JsonResponse|HttpResponse|Response|HTTPException|abort|make_response)\b"
)
_TEXT_OF = (r"\b(?:str|repr)\(\s*{name}\s*\)|\{{{name}[!}}]|traceback\.format_exc\(|\b{name}\.args\b"
            r"|\.format\([^()]*(?<![\w.]){name}\s*[,)]|%\s*\(?\s*{name}\b(?!\.)")
"""The exception's text: `str(exc)`, `repr(exc)`, an f-string `{exc}`, `"...{}".format(exc)`, `"...%s" % exc`,
its `args`, or the traceback."""
_LEAK = lazy_re(
    r"\b(?:return|jsonify|JsonResponse|HttpResponse|Response|HTTPException|abort|make_response)\b.*"
    rf"(?:{_TEXT_OF})"
)
_ASSIGNED = lazy_re(
    r"^\s*([A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)\s*(?:[rRuUbBfF]{0,2}[\"']|str\(|repr\(|traceback\.format_exc\()"
)
"""A variable given text (a string, `str(...)`, the traceback): not a wrapper exception built from it."""


@register(
    CheckSpec(
        id="PY-EXCEPTION-LEAK",
        checklist_item="ERR-07",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Exception text or traceback returned to the client",
        explanation=(
            "Exception messages and tracebacks carry SQL, file paths, hostnames and sometimes data, and hand "
            "attackers a map of the internals. Log the exception server-side with an id, and return a "
            "generic message with that id and a proper status code."
        ),
    ),
    needs=("except",),
)
def exception_leak(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for handler in handlers(lexed):
        name = handler.name or "e"
        pattern = re.compile(_LEAK.pattern.format(name=re.escape(name)))
        text_of = re.compile(_TEXT_OF.format(name=re.escape(name)))
        for no, line_text in handler.body:
            text = line_text
            found = pattern.search(text)
            if found is None and text_of.search(text):
                # `message = "sync failed: {}".format(err)`: the text is put in a variable, then sent
                assigned = _ASSIGNED.match(text)
                if assigned is not None and assigned.group(1) != name:
                    pattern = re.compile(pattern.pattern + rf"|{_LEAK_HEAD.pattern}.*(?<![\w.])"
                                         rf"{re.escape(assigned.group(1))}\b(?!\s*[=(.])")
                continue
            if found is None and text.count("(") > text.count(")") and _LEAK_HEAD.search(text):
                # `return JsonResponse(` with the exception's text on a later line of the statement
                text = " ".join(statement_span(lexed, no).code.split("\n"))
                found = pattern.search(text)
            if found and (not found.group(0).startswith("return") or _RESPONSE_CALL.search(text)
                          or _serves_request(lexed, no, _RESPONSE_SHAPE.search(text) is not None)):
                span = statement_span(lexed, no)
                if _domain_message(handler, span.code, found.group(0)):
                    continue
                yield Hit(no, span.last)


_CLIENT_STATUS = lazy_re(
    r"\b(?:status(?:_code)?\s*=\s*(?:[\w.]*HTTP_)?4\d\d\b|(?:abort|HTTPException)\(\s*4\d\d\b)|,\s*4\d\d\s*\)?\s*$"
)
_INTERNAL_ERRORS = lazy_re(
    r"(?:^|\.)(?:\w*(?:Integrity|Database|Operational|Programming|Interface|Internal|DBAPI|SQLAlchemy|Connection|"
    r"Timeout|Socket|SSL|HTTP|Request|Client|Boto\w*|Redis|Pymongo|Driver)\w*|OSError|IOError|EnvironmentError|"
    r"FileNotFoundError|PermissionError|DataError|KeyError|AttributeError|TypeError|IndexError|NameError|"
    r"AssertionError|RuntimeError|LookupError|UnicodeDecodeError|UnicodeEncodeError|NotImplementedError)$"
    r"|^(?:sqlalchemy|psycopg2?|pymysql|MySQLdb|sqlite3|requests|httpx|aiohttp|urllib3|botocore|boto3|redis|"
    r"pymongo|django\.db)\."
)
"""Exceptions whose text describes the internals (drivers, the network, the file system) or a programming
error, not the client's request."""


def _domain_message(handler: Handler, statement: str, leak: str) -> bool:
    """Whether the text sent is a named, specific exception's own message in a 4xx answer
    (`except QuotaExceeded as exc: return JsonResponse({"error": str(exc)}, status=409)`): the exception is
    the application's way of telling the client what was wrong with its request. A catch-all, a driver's,
    the network's or the file system's error, and a traceback are still reported."""
    if handler.broad or "traceback" in leak:
        return False
    types = [t.strip() for t in handler.types.strip().strip("()").split(",") if t.strip()]
    if not types or any(_INTERNAL_ERRORS.search(t) for t in types):
        return False
    return _CLIENT_STATUS.search(statement) is not None


_RESPONSE_CALL = lazy_re(r"\b(?:jsonify|JsonResponse|HttpResponse\w*|Response|JSONResponse|"
                            r"PlainTextResponse|HTMLResponse|HTTPException|abort|make_response|render|"
                            r"render_template)\s*\(")
_DEF_LINE = lazy_re(r"^\s*(?:async\s+)?def\s+\w+\s*\((?P<params>[^)]*)")
_ROUTE_DECORATOR = lazy_re(r"^\s*@[\w.]*(?:route|get|post|put|patch|delete|api_view|action|websocket|"
                              r"api_route|view_config|endpoint)\b")
_VIEW_METHODS = lazy_re(r"^\s*(?:async\s+)?def\s+(?:get|post|put|patch|delete|dispatch|list|create|"
                           r"retrieve|update|partial_update|destroy)\s*\(\s*self\s*,\s*request\b")


_VERB_METHOD = lazy_re(r"^\s*(?:async\s+)?def\s+(?:get|post|put|patch|delete)\s*\(\s*self\b")
_RESPONSE_SHAPE = lazy_re(r"\breturn\s*\{|,\s*[45]\d\d\s*\)?\s*$")
"""A return that looks like a web answer whatever function it is in: a dict, or a value with a 4xx/5xx
status."""


def _serves_request(lexed: Lexed, line: int, looks_like_response: bool) -> bool:
    """Whether the function around `line` answers an HTTP request, so what it returns reaches the client:
    a route decorator, a `request` parameter, or a class-based view's method. A plain function's return
    value (a status object, a result record) goes to its caller, not to a client. When the function's head
    is out of view (a hunk), only a return shaped like a web answer counts."""
    found = _enclosing_def(lexed, line)
    if found is None:
        return looks_like_response
    def_line, params = found
    if _VIEW_METHODS.match(lexed.bare[def_line]) or re.search(r"\b(?:request|req)\b", params):
        return True
    if looks_like_response and _VERB_METHOD.match(lexed.bare[def_line]):
        return True  # a Flask `MethodView`/flask-restful `Resource` method: `def post(self):`
    above = def_line - 1
    while above > 0 and (lexed.code.get(above, "").lstrip().startswith("@")
                         or not lexed.code.get(above, "x").strip()):
        if _ROUTE_DECORATOR.match(lexed.code.get(above, "")):
            return True
        above -= 1
    return False


def _enclosing_def(lexed: Lexed, line: int) -> tuple[int, str] | None:
    """The `def` line of the function around `line` and its parameters' text (a signature spread over
    lines included), or None when it is not among the known lines."""
    for no, text in enclosing_headers(lexed, line):
        indent = indent_of(text)
        header = _DEF_LINE.match(lexed.code.get(no, ""))
        if header is not None:
            return no, header.group("params")
        if text.lstrip().startswith(")"):  # the end of a signature spread over lines: find its `def`
            for start in range(no - 1, max(0, no - 60), -1):
                head = _DEF_LINE.match(lexed.code.get(start, ""))
                if head is not None and indent_of(lexed.bare[start]) == indent:
                    rest = " ".join(lexed.code.get(n, "") for n in range(start + 1, no))
                    return start, f"{head.group('params')} {rest}"
    return None
