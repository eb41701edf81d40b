"""Error-handling checks for Go: discarded and unchecked errors, HTTP clients and servers without timeouts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import zip_longest

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import Span, brace_block, bracket_span, lines_of, split_args, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GO = frozenset({"go"})
_ERR = Category.ERROR_HANDLING

# `_ = f()`, `_, _ = f()`, `x, _ := f()`: the last value (Go's error position) is thrown away.
_BLANK_LAST = lazy_re(r"^\s*(?:[\w.]+\s*,\s*)*_\s*(?::=|=)\s*(?P<rhs>.+?)\s*;?\s*$")
_CALL_RHS = lazy_re(r"^(?:<-)?[\w.]+(?:\[[^\]]*\])?(?:\([^()]*\))?(?:\.[\w]+)*\s*\(.*\)$", re.DOTALL)
_TYPE_ASSERT = lazy_re(r"\.\(\s*[\w.*\[\]]+\s*\)$")
_BOOL_SECOND = lazy_re(
    r"(?:\.(?:Load|LoadOrStore|LoadAndDelete|Swap|CompareAndSwap|Lookup|Get|Peek)|\bos\.LookupEnv|"
    r"\bsyscall\.Getenv|\berrors\.As\w*|\bfmt\.(?:Print|Println|Printf|Fprint|Fprintln|Fprintf)|\.(?:Write|WriteString|WriteByte|"
    r"WriteRune)|\bstrings\.|\butf8\.|\bmath\.|\bsort\.|\bslices\.|\bmaps\.)\b"
)
_ABSENT_ONLY = lazy_re(r"\b(?:r|req|request|c\.Request|ctx\.Request)\.Cookie$")
"""A request's `Cookie(name)` fails only with `http.ErrNoCookie`, returning nil: an optional cookie read as
`c, _ := r.Cookie(name)` and tested for nil drops no failure."""
_HTTP_REQUEST = lazy_re(r"(?:\bhttp|[cC]lient)\.(?:Get|Head|Post|PostForm)$")
"""`http.Get(url)` and a client's `Get` return `(*Response, error)`, unlike a map's or a cache's `Get`."""


@register(
    CheckSpec(
        id="GO-ERR-DISCARDED",
        checklist_item="ERR-01",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="Error return assigned to `_`",
        explanation=(
            "Assigning the error to the blank identifier makes a failed write, close or parse look like "
            "success, and the program carries on with zero values. Handle the error (return it wrapped with "
            "context, or log it with the operation and inputs); if ignoring it is truly safe, say why in a "
            "comment."
        ),
    )
)
def err_discarded(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    not_errors = _error_returning(lexed, errors=False)
    for no, _code, bare in lines_of(lexed):
        if "_" not in bare or "=" not in bare:
            continue
        match = _BLANK_LAST.match(bare)
        if match is None:
            continue
        span = statement_span(lexed, no, match.start("rhs"))
        rhs = span.bare.strip().rstrip(";")
        callee = re.match(r"(?:[\w]+\.)*(\w+)\s*\(", rhs)
        if callee is not None and callee.group(1) in not_errors:
            continue  # declared here with a result that is not an error
        callee_path = rhs.split("(", 1)[0]
        if not _CALL_RHS.match(rhs) or _TYPE_ASSERT.search(rhs):
            continue
        if _BOOL_SECOND.search(callee_path) and not _HTTP_REQUEST.search(callee_path):
            continue
        if _ABSENT_ONLY.search(callee_path):
            continue
        if re.match(r"^\s*_\s*,\s*[A-Za-z]\w*\s*:?=", bare):
            continue  # the first value is dropped and the last is kept
        if _explained(ctx, lexed, no, span.last):
            continue  # what the explanation asks for: a comment saying why ignoring it is safe
        if callee is not None and callee.group(1) == "Rollback" and (
                _returns_next(lexed, span.last) or _in_deferred_closure(lexed, no)):
            continue  # a rollback on the way out (or in the deferred cleanup) after the error that caused it
        if _on_the_way_out(lexed, bare, span.last, callee.group(1) if callee is not None else ""):
            continue
        target = _written_into(lexed, no, rhs)
        if target is None:
            answer = _ECHO_ANSWER.match(rhs)
            target = answer.group("c") if answer is not None else None
        if target is not None and target in _response_writers(lexed):
            continue  # the answer's own body, dropped on purpose: the client is gone when it fails
        yield Hit(no, span.last)


_RETURN = lazy_re(r"^\s*return\b")


_DEFER_FUNC = lazy_re(r"^\s*defer\s+func\s*\(")


def _in_deferred_closure(lexed: Lexed, no: int) -> bool:
    """Is line `no` inside a `defer func() { ... }()` that starts a few lines above it?"""
    indent = _indent(lexed.bare.get(no, ""))
    for above in range(no - 1, max(0, no - 6), -1):
        text = lexed.bare.get(above)
        if text is None:
            return False
        if not text.strip() or _indent(text) >= indent:
            continue
        if _DEFER_FUNC.match(text):
            return True
        indent = _indent(text)  # an enclosing `if err != nil {`: keep climbing
    return False


def _returns_next(lexed: Lexed, last: int) -> bool:
    """Is the next code line after line `last` (blank lines skipped, a few at most) a `return`?"""
    for no in range(last + 1, last + 4):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip():
            return _RETURN.match(text) is not None
    return False


_CLEANUP = frozenset({"Close", "Remove", "RemoveAll", "Rollback", "Shutdown", "Stop"})
_KEPT_FIRST = lazy_re(r"^\s*(?P<kept>[A-Za-z]\w*)\s*,\s*_\s*:?=")
_DISCARD_LINE = lazy_re(r"^\s*_\s*=")


def _on_the_way_out(lexed: Lexed, bare: str, last: int, method: str) -> bool:
    """Is this discard part of an error path that returns another error next (other `_ =` cleanups may come
    between): a cleanup (`_ = f.Close()`, `_ = os.Remove(tmp)`), or a value read only to put into that
    error (`snippet, _ := io.ReadAll(resp.Body)`)? The error returned is the one that matters; the
    cleanup's or the read's is secondary to it."""
    kept = _KEPT_FIRST.match(bare)
    if method not in _CLEANUP and kept is None:
        return False
    for no in range(last + 1, last + 6):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if not text.strip() or _DISCARD_LINE.match(text):
            continue
        found = _RETURN.match(text)
        if found is None:
            return False
        value = text[found.end():].rsplit(",", 1)[-1].strip()
        if not value or value == "nil" or not _ERROR_VALUE.search(text[found.end():]):
            return False
        return kept is None or re.search(rf"(?<![\w.]){kept.group('kept')}\b", text) is not None
    return False


_ERROR_VALUE = lazy_re(r"(?<![\w.])(?:err|e)\b|\w*Err\b|\bErr\w*|\bErrorf\(|\berrors\.\w+\(|\w*Error\s*\{")
"""An error in a `return`: a variable (`err`, `writeErr`), a sentinel (`ErrGone`), a new or wrapped error,
or an error type's literal (`&APIError{...}`)."""


def _returns_error_next(lexed: Lexed, last: int) -> bool:
    """Is the next code line after line `last` a `return` whose last value is an error other than `nil`
    (`return err`, `return nil, fmt.Errorf(...)`)? A `return nil` after a bare rollback makes the rollback
    the function's own work, whose error is then lost."""
    for no in range(last + 1, last + 4):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip():
            found = _RETURN.match(text)
            value = text[found.end():].rsplit(",", 1)[-1].strip() if found is not None else ""
            return bool(value) and value != "nil"
    return False


def _explained(ctx: FileContext, lexed: Lexed, first: int, last: int) -> bool:
    """Does a comment on the statement's lines, or alone on the line just above it, give a reason (the
    explanation asks for one)? A comment that only names the case (`// BLANK`, `// Single error return`)
    or a to-do does not."""
    above = first - 1
    lines = list(range(first, last + 1))
    if above in ctx.lines and not lexed.code.get(above, "").strip():
        lines.append(above)
    for no in lines:
        raw, code = ctx.lines.get(no, ""), lexed.code.get(no, "")
        start = next((i for i, (r, c) in enumerate(zip_longest(raw, code, fillvalue=" ")) if r != c), None)
        comment = raw[start:] if start is not None else ""
        if comment and _REASON.search(comment) and not _TODO.match(comment.lstrip("/*# \t")):
            return True
    return False


_REASON = lazy_re(
    r"(?i)\b(?:cannot|can't|can ?not|never|safe(?:ly)?|harmless|best[- ]effort|ignor(?:e|ed|ing)|because|"
    r"since|already|always|impossible|no need|nothing to do|doesn't matter|does not matter|on purpose|"
    r"deliberate(?:ly)?|intentional(?:ly)?|expected to fail|fine)\b"
)
"""Words of a justification: why dropping the error is safe."""
_TODO = lazy_re(r"(?i)(?:todo|fixme|xxx|hack)\b")


_FALLIBLE_STMT = lazy_re(
    r"^\s*(?P<prefix>defer\s+|go\s+)?(?P<call>"
    r"os\.(?:Remove|RemoveAll|Rename|Mkdir|MkdirAll|MkdirTemp|Chmod|Chown|Chdir|Setenv|Unsetenv|WriteFile|Symlink|"
    r"Link|Truncate|ReadFile|Create|Open|OpenFile)|ioutil\.(?:WriteFile|ReadFile|ReadAll)|io\.(?:Copy|CopyN|"
    r"ReadFull|WriteString)|(?:json|xml|yaml|proto)\.Unmarshal|[\w.]+(?:\([^()]*\))?(?:\.\w+)*\.(?:Encode|Decode|Flush|Sync|Commit|"
    r"Shutdown|Ping|PingContext|Execute|ExecuteTemplate|Exec|ExecContext|Publish|Ack|Nack|Send|Scan|"
    r"SetDeadline|SetReadDeadline|SetWriteDeadline|Unmarshal|Close|Rollback|Wait|Start|Run|Kill|Signal|"
    r"ListenAndServe|ListenAndServeTLS|Serve)|http\.(?:ListenAndServe|ListenAndServeTLS|Serve))\s*\("
)
_DEFER_OK = {"Close", "Rollback", "Unlock", "Wait", "Flush", "Sync"}


@register(
    CheckSpec(
        id="GO-ERR-UNCHECKED",
        checklist_item="ERR-03",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="Returned error is never checked",
        explanation=(
            "This call returns an error that the statement drops, so a failed write, commit or shutdown goes "
            "unnoticed and data is lost silently. Check it and return it wrapped with context: "
            '`if err := f(); err != nil { return fmt.Errorf("...: %w", err) }`.'
        ),
    )
)
def err_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    declared = _declared_functions(lexed)
    writers: frozenset[str] | None = None  # the file's ResponseWriter parameters, read when first needed
    goroutines: frozenset[int] | None = None  # the lines of `go func() {...}()` bodies, read when needed
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare:
            continue
        match = _FALLIBLE_STMT.match(bare) or _declared_call(bare, declared)
        if match is None and "ctx" in bare:
            goroutines = goroutines if goroutines is not None else _goroutine_lines(lexed)
            match = _ctx_call_in_goroutine(bare) if no in goroutines else None
        if match is None:
            continue
        method = match.group("call").rsplit(".", 1)[-1]
        if match.group("prefix") and match.group("prefix").startswith("defer") and method in _DEFER_OK:
            continue
        receiver = match.group("call").rsplit(".", 1)[0].rsplit(".", 1)[-1]
        if method == "Close" and not match.group("prefix") and receiver in _READERS:
            continue  # closing a reader: nothing useful to do with the error
        if method == "Flush" and _flush_without_error(lexed, no, receiver, bare):
            continue
        if method == "Wait" and _WAIT_GROUP.search(receiver):
            continue  # `sync.WaitGroup.Wait` returns nothing
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed:
            continue
        if method == "Run" and _is_subtest(span):
            continue  # `t.Run(name, func(t *testing.T) {...})` reports through a bool, not an error
        tail = lexed.bare.get(span.last, "")
        if tail[tail.rfind(")") + 1 :].strip():
            continue  # the result is used in a larger expression
        if method == "Rollback" and not match.group("prefix") and _returns_error_next(lexed, span.last):
            continue  # as `_ = tx.Rollback()` before a `return`: the error that caused it is the one told
        target = None if match.group("prefix") else _written_into(lexed, no, bare)
        if target is not None:
            writers = writers if writers is not None else _response_writers(lexed)
            if target in writers:
                continue  # the answer's own body: a failed write means the client is gone
        yield Hit(no, span.last)


_GO_FUNC = lazy_re(r"^\s*go\s+func\s*\(")
_CTX_CALL = lazy_re(
    r"^\s*(?P<prefix>)(?P<call>[a-z]\w*(?:\.[A-Za-z_]\w*)*\.(?P<name>[A-Z]\w*))\s*\((?=\s*ctx\s*[,)])"
)
_NO_ERROR_WORDS = lazy_re(
    r"(?i)log|metric|stat|trac|span|telemetry|otel|prom|counter|histogram|gauge|event|bus|cache"
)
_NO_ERROR_METHODS = frozenset({
    "Done", "Add", "Inc", "Dec", "Observe", "Record", "Set", "Info", "Infof", "Debug", "Debugf", "Warn",
    "Warnf", "Error", "Errorf", "Log", "Logf", "LogAttrs", "Print", "Printf", "Println", "InfoContext",
    "DebugContext", "WarnContext", "ErrorContext", "End", "Emit", "Cancel", "Go", "Lock", "Unlock", "Wait",
    "Run", "Start",
})
"""Calls taking a `ctx` that commonly return nothing: logging, metrics, spans, wait groups."""


def _goroutine_lines(lexed: Lexed) -> frozenset[int]:
    """The lines inside the bodies of `go func(...) {...}(...)` literals."""
    inside: set[int] = set()
    for no, _code, bare in lines_of(lexed):
        if "go" in bare and _GO_FUNC.match(bare) and no not in inside:
            block = brace_block(lexed, no, bare.index("func"))
            if block is not None and block.closed:
                inside.update(range(no + 1, block.last))
    return frozenset(inside)


def _ctx_call_in_goroutine(bare: str) -> re.Match[str] | None:
    """`x.client.Index(ctx, ...)` as a statement: a call given the goroutine's context whose result is
    dropped. Inside a goroutine nothing else can see its error: the work fails without a trace."""
    match = _CTX_CALL.match(bare)
    if match is None or match.group("name") in _NO_ERROR_METHODS:
        return None
    if _NO_ERROR_WORDS.search(match.group("call")):
        return None
    return match


_TAB_WRITER = lazy_re(r"(?i)tabwriter|\bcsv\.NewWriter\b")
"""Writers whose `Flush` needs no check: a `text/tabwriter` table; an `encoding/csv` writer, whose `Flush`
returns nothing (its error is read with `Error()`)."""
_FLUSHER = lazy_re(r"\.\(\s*http\.Flusher\s*\)")


def _flush_without_error(lexed: Lexed, line: int, receiver: str, statement: str) -> bool:
    """A `Flush()` with no error worth checking: `http.Flusher`'s (it returns nothing), written
    `w.(http.Flusher).Flush()` or on a value asserted to one; a `text/tabwriter` writer's (a table of
    text for a terminal, checked no more than the `fmt.Fprint`s that fill it); and a `csv.Writer`'s."""
    if _FLUSHER.search(statement):
        return True
    given = _given(lexed, line, receiver)
    return given is not None and (_FLUSHER.search(given) is not None or _TAB_WRITER.search(given) is not None)


def _given(lexed: Lexed, line: int, name: str) -> str | None:
    """The line that last gave `name` a value, among the 40 known lines above `line`."""
    given = re.compile(rf"(?<![\w.]){re.escape(name)}\s*(?:,\s*\w+\s*)?(?::=|=)(?!=)")
    for no in range(line - 1, max(0, line - 40), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if given.search(text):
            return text
    return None


_INTO_WRITER = lazy_re(
    r"^\s*(?:(?:json|xml|gob)\.NewEncoder\(\s*(?P<w>\w+)\s*\)\.Encode|io\.(?:Copy|CopyN|WriteString)"
    r"|[\w.]+\.Execute(?:Template)?)\(\s*(?(w)|(?P<w2>\w+)\s*,)"
)
"""A statement that writes into a writer named in it: an encoder made on it, `io.Copy(w, ...)` or a
template executed into it."""
_ENCODE = lazy_re(r"^\s*(?P<enc>\w+)\.Encode\(")
_NEW_ENCODER = lazy_re(r"(?:json|xml|gob)\.NewEncoder\(\s*(?P<w>\w+)\s*\)")


def _written_into(lexed: Lexed, line: int, statement: str) -> str | None:
    """The writer a statement writes into, when it is one of `_INTO_WRITER`'s or `enc.Encode(...)` on an
    encoder made on a writer (`enc := json.NewEncoder(w)`) in the 40 known lines above."""
    into = _INTO_WRITER.match(statement)
    if into is not None:
        return into.group("w") or into.group("w2")
    encode = _ENCODE.match(statement)
    if encode is None:
        return None
    given = re.compile(rf"(?<![\w.]){re.escape(encode.group('enc'))}\s*(?::=|=)(?!=)")
    for no in range(line - 1, max(0, line - 40), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if given.search(text):
            made = _NEW_ENCODER.search(text)
            return made.group("w") if made is not None else None
    return None
_WRITER_PARAM = lazy_re(r"[(,]\s*(?P<w>\w+)\s+(?:http\.ResponseWriter|echo\.Context)\b")
_ECHO_ANSWER = lazy_re(
    r"^(?P<c>\w+)\.(?:JSON|JSONPretty|JSONBlob|JSONP|XML|XMLPretty|XMLBlob|String|HTML|HTMLBlob|Blob|Stream|"
    r"File|Attachment|Inline|NoContent|Redirect|Render)\("
)
"""An Echo context writing the answer (`c.JSON(status, body)`)."""


def _response_writers(lexed: Lexed) -> frozenset[str]:
    """Names the file's known lines declare as an `http.ResponseWriter` or `echo.Context` parameter.
    Writing the response body is the handler's last act: once it fails the client has gone or the status
    is already sent, so there is nothing to return the error to (the server logs the broken connection)."""
    return frozenset(m.group("w") for text in lexed.bare.values()
                     if "ResponseWriter" in text or "echo.Context" in text
                     for m in _WRITER_PARAM.finditer(text))


def _is_subtest(span: Span) -> bool:
    args = split_args(span)
    return len(args) == 2 and args[1].lstrip().startswith("func(")


_READERS = {"resp", "body", "Body", "rows", "r", "res"}
_WAIT_GROUP = lazy_re(r"(?:^|[a-z_])(?:wg|Wg|WG)$|[wW]ait[gG]roup$")
_FUNC_DECL = lazy_re(
    r"^func\s+(?:\((?:(?P<receiver>\w+)\s+)?[^)]*\)\s*)?(?P<name>\w+)\s*(?:\[[^\]]*\])?\([^)]*\)\s*(?P<results>\([^)]*\)|[\w.*\[\]]+)\s*\{"
)
_ERROR_TYPE = lazy_re(r"(?:\berror|\w*Error|\w*Err)\s*\)?\s*$")
_CALL_STMT = lazy_re(r"^\s*(?P<prefix>defer\s+|go\s+)?(?P<call>(?:[\w]+\.)*(?P<name>\w+))\s*\(")


def _error_returning(lexed: Lexed, errors: bool = True) -> frozenset[str]:
    """Functions and methods declared in the known lines whose last result is (or, with `errors=False`,
    is not) an error type."""
    return frozenset(name for name, _receiver in _declared_functions(lexed, errors))


def _declared_functions(lexed: Lexed, errors: bool = True) -> frozenset[tuple[str, str]]:
    """(name, receiver variable) of the functions and methods declared in the known lines whose last result
    is (or, with `errors=False`, is not) an error type; the receiver is "" for a plain function."""
    found = set()
    for _no, _code, bare in lines_of(lexed):
        if bare.startswith("func "):
            match = _FUNC_DECL.match(bare)
            if match is not None and bool(_ERROR_TYPE.search(match.group("results"))) is errors:
                found.add((match.group("name"), match.group("receiver") or ""))
    return frozenset(found)


def _declared_call(bare: str, declared: frozenset[tuple[str, str]]) -> re.Match[str] | None:
    """A call statement of a function or method declared here, by name; except a method of a field of the
    declaring method's own receiver (`srv.cache.Delete(k)` beside `func (srv *Service) Delete(...) error`),
    which is another type's method of the same name, whose results are not known here."""
    if not declared:
        return None
    match = _CALL_STMT.match(bare)
    if match is None:
        return None
    name = match.group("name")
    owners = [receiver for declared_name, receiver in declared if declared_name == name]
    if not owners:
        return None
    path = match.group("call").split(".")
    if len(path) > 2 and all(path[0] == owner for owner in owners):
        return None
    return match


_ERR_ASSIGN = lazy_re(r"^\s*(?:[\w.]+\s*,\s*)*err\s*(?::=|=)\s*[\w.]+.*\(")
_ERR_REF = lazy_re(r"\berr\b")
_ERR_OVERWRITE = lazy_re(r"^\s*(?:[\w.]+\s*,\s*)*err\s*(?::=|=)")
_BRANCH = lazy_re(r"^\s*(?:\}\s*else\b|case\b|default\s*:)")


@register(
    CheckSpec(
        id="GO-ERR-OVERWRITTEN",
        checklist_item="ERR-03",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_GO,
        title="`err` is assigned and then overwritten without being checked",
        explanation=(
            "The error from this call is replaced by the next assignment before anything looks at it, so its "
            "failure is silently ignored. Add `if err != nil { ... }` right after the call."
        ),
    ),
    needs=("err",),
)
def err_overwritten(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for segment in lexed.segments:
        pending: int | None = None
        for no in segment:
            bare = lexed.bare[no]
            if pending is not None and _BRANCH.match(bare) and _indent(bare) < _indent(lexed.bare[pending]):
                pending = None  # the assignment's branch ends: the next one is in another, only one runs
            if "err" not in bare:
                continue
            overwrite = _ERR_OVERWRITE.match(bare)
            if pending is not None:
                rest = bare[overwrite.end() :] if overwrite else bare
                if overwrite and not _ERR_REF.search(rest):
                    yield Hit(pending)
                pending = None
                if not overwrite:
                    continue
            if _ERR_ASSIGN.match(bare) and statement_span(lexed, no).last == no and "if " not in bare:
                pending = no
            elif _ERR_REF.search(bare):
                pending = None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


_SERVER_LIT = lazy_re(r"\bhttp\.Server\s*\{")
_CLIENT_LIT = lazy_re(r"\bhttp\.Client\s*\{")
_DEFAULT_CLIENT = lazy_re(
    r"(?<![\w.])http\.(?:Get|Post|PostForm|Head)\s*\(|(?<![\w.])http\.DefaultClient\.Do\s*\("
)
"""The package's default client; a field or variable that happens to be named `http` (`c.http.Get`) is the
owner's own client, configured elsewhere."""
_BARE_LISTEN = lazy_re(r"\bhttp\.(?:ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)\s*\(")


@register(
    CheckSpec(
        id="GO-HTTP-NO-TIMEOUT",
        checklist_item="ERR-05",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="HTTP client or server without timeouts",
        explanation=(
            "Go's default HTTP client and `http.ListenAndServe` have no timeouts: a slow peer holds a "
            "goroutine and a connection forever, and a server is open to slow-header attacks. Use an "
            "`http.Client{Timeout: ...}` (or a context deadline) and an `http.Server` with "
            "`ReadHeaderTimeout`, `ReadTimeout` and `WriteTimeout`/`IdleTimeout` set."
        ),
    ),
    needs=("http.",),
)
def http_no_timeout(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "http." not in bare:
            continue
        server = _SERVER_LIT.search(bare)
        if server is not None:
            span = bracket_span(lexed, no, server.end() - 1)
            if span.closed and "ReadHeaderTimeout" not in span.bare and "ReadTimeout" not in span.bare:
                yield Hit(no, span.last)
            continue
        client = _CLIENT_LIT.search(bare)
        if client is not None:
            span = bracket_span(lexed, no, client.end() - 1)
            if span.closed and "Timeout" not in span.bare:
                yield Hit(no, span.last)
            continue
        if _BARE_LISTEN.search(bare) or _DEFAULT_CLIENT.search(bare):
            yield Hit(no)


_RESPONSE_CALL = lazy_re(
    r"\bhttp\.Error\s*\(|\b(?:c|ctx|context)\.(?:JSON|IndentedJSON|PureJSON|String|XML|AbortWithStatusJSON)\s*\("
)
_ERROR_TEXT = lazy_re(r"\b(?:err|e|\w+Err)\.Error\(\)")
_FORMATTED_ERROR = lazy_re(r"\bfmt\.Sprint[fl]?\s*\((?:[^()]|\([^()]*\))*?,?\s*\b(?:err|e|\w+Err)\s*[,)]")
_SERVER_STATUS = lazy_re(
    r"^\s*(?:5\d\d|http\.Status(?:InternalServerError|NotImplemented|BadGateway|ServiceUnavailable|"
    r"GatewayTimeout|InsufficientStorage|LoopDetected|NotExtended|NetworkAuthenticationRequired))\s*$"
)


@register(
    CheckSpec(
        id="GO-ERROR-LEAK",
        checklist_item="ERR-07",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="Internal error text returned to the client",
        explanation=(
            "A server error's text (`err.Error()`) names tables, queries, file paths and hosts, and shows an "
            "attacker how the service fails. Log the error server-side with a request id, and answer with a "
            "generic message such as `http.StatusText(http.StatusInternalServerError)` plus that id."
        ),
    )
)
def error_leak(ctx: FileContext) -> Iterator[Hit]:
    """`http.Error(w, err.Error(), 500)`, or a gin/echo `c.JSON(500, ...err.Error()...)`: a 5xx answer that
    carries the error's text. 4xx answers (validation messages meant for the caller) are left alone.
    The same holds for the file's own answer helper given the handler's writer (`writeJSON(w, 500, ...)`)
    and for a gin/echo/fiber context under another name (`gc.JSON(500, ...)`)."""
    lexed = lex(ctx)
    writers = _answer_params(lexed)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare:
            continue
        if writers:
            yield from _helper_leaks(lexed, no, bare, writers)
        if "http.Error" not in bare and "c." not in bare and "ctx." not in bare:
            continue
        for match in _RESPONSE_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            if match.group(0).startswith("http.Error"):
                status, body = args[2:3], args[1:2]
            else:
                status, body = args[:1], args[1:]
            if not status or not _SERVER_STATUS.match(status[0]):
                continue
            text = " ".join(body)
            if _ERROR_TEXT.search(text) or _FORMATTED_ERROR.search(text):
                yield Hit(no, span.last)


_ANSWER_PARAM = lazy_re(
    r"[(,]\s*(?P<w>\w+)\s+(?P<type>http\.ResponseWriter|echo\.Context|\*gin\.Context|\*fiber\.Ctx)\b"
)
_WRITER_FIRST = lazy_re(r"(?<![\w.])(?P<call>(?:\w+\.)?\w+)\s*\(\s*(?P<w>\w+)\s*,")
_CONTEXT_ANSWER = lazy_re(
    r"(?<![\w.])(?P<c>\w+)\.(?:JSON|IndentedJSON|PureJSON|String|XML|AbortWithStatusJSON|Status)\s*\("
)


def _answer_params(lexed: Lexed) -> dict[str, str]:
    """Parameters the file's known lines declare as a response writer or a framework context, by name."""
    return {m.group("w"): m.group("type") for text in lexed.bare.values()
            if "ResponseWriter" in text or "Context" in text or "fiber.Ctx" in text
            for m in _ANSWER_PARAM.finditer(text)}


def _helper_leaks(lexed: Lexed, no: int, bare: str, writers: dict[str, str]) -> Iterator[Hit]:
    """A call given the handler's writer first (`respond(w, 500, err.Error())`), or a context method under a
    name other than `c`/`ctx`, whose arguments hold a 5xx status and the error's text."""
    calls: list[int] = []
    for match in _WRITER_FIRST.finditer(bare):
        if writers.get(match.group("w")) == "http.ResponseWriter" and match.group("call") != "http.Error":
            calls.append(match.end("call"))
    for match in _CONTEXT_ANSWER.finditer(bare):
        if match.group("c") in writers and match.group("c") not in ("c", "ctx", "context"):
            calls.append(match.end() - 1)
    for col in calls:
        span = bracket_span(lexed, no, bare.index("(", col))
        args = split_args(span)
        if not any(_SERVER_STATUS.match(arg) for arg in args):
            continue
        text = " ".join(arg for arg in args if not _SERVER_STATUS.match(arg))
        if _ERROR_TEXT.search(text) or _FORMATTED_ERROR.search(text):
            yield Hit(no, span.last)
