"""Error-handling checks for Go: discarded and unchecked errors, HTTP clients and servers without timeouts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import zip_longest

from persona_review.checks._go_funcs import in_deferred_func
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import (
    Span,
    brace_block,
    bracket_span,
    bracket_span_in_text,
    indent_of,
    lines_of,
    split_args,
    statement_span,
)
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
_NOT_ERROR_LAST = lazy_re(
    r"(?:\b(?:pem\.Decode|(?:file)?path\.Split|context\.With(?:Cancel|CancelCause|Timeout|TimeoutCause|Deadline|"
    r"DeadlineCause))|\.(?:Deadline|SetString|SetFloat64|SetFrac|Int64|Uint64|Float64|IsInt64))$"
)
"""Standard-library calls whose last result is not an error: a PEM block's rest, a path's file part, a
context's cancel function (a leak, but not an error, which `go vet` reports), `ok` booleans and accuracy
flags of `context.Deadline` and `math/big`."""
_CONTEXT_GETTER = lazy_re(r"\w+From(?:Context|IncomingContext|OutgoingContext)?$")
_CONTEXT_ARG = lazy_re(r"^\(\s*(?:(?:\w+\.)*\w*[cC]tx|c|context|\w+\.Context\(\))\s*\)$")
"""`user, _ := request.UserFrom(ctx)`: by Go's convention a getter that reads a value from a context
returns `(value, ok)`, like `metadata.FromIncomingContext`; the dropped value is that `ok`."""
_CLEANUP = frozenset({"Close", "CloseWithError", "CloseSend", "Kill", "Cancel", "Stop", "Logout",
                      "SetDeadline", "SetReadDeadline", "SetWriteDeadline", "Unsubscribe"})
"""Releases and teardowns: `_ = conn.Close()` is Go's own way to say the error is not wanted, and there
is nothing to do about a connection or process that fails to go away."""
_ON_FAILURE = frozenset({"Remove", "RemoveAll", "Umount", "Unmount", "Rollback", "Flush"}) | _CLEANUP
"""Calls that clean up after a failure when they run on the way out of one: the error already being
returned is the one to tell."""
_GIN_RECORD = lazy_re(r"^\w+\.(?:AbortWithError|Error)\(\s*(?!\))")
"""Gin's `c.AbortWithError(status, err)` and `c.Error(err)` record the error given and return it wrapped:
the value dropped is never a new failure."""
_DRAIN = lazy_re(r"^io\.Copy(?:N)?\(\s*(?:io|ioutil)\.Discard\s*,")
_PARSE_FLAG = lazy_re(r"^strconv\.ParseBool\(")
"""`all, _ := strconv.ParseBool(c.Query("all"))`: an optional flag, false when absent or malformed, which is
the default the code wants."""
_LITERAL_ARGS = lazy_re(r"^\(\s*(?:(?:\"[^\"\n]*\"|`[^`]*`|-?\d[\w.]*|true|false|nil)\s*(?:,\s*|(?=\))))+\)$")


_PURE_PARSE = lazy_re(
    r"(?:^|\.)(?:Parse\w*|Compile\w*|Match\w*|Atoi|Unquote|QueryUnescape|PathUnescape|DecodeString)$"
)


def _constant_arguments(callee_path: str, span: Span) -> bool:
    """A parse or compile (`regexp.MatchString`, `url.Parse`, `strconv.Atoi`, `parser.ParseExpr`) whose
    every argument is a literal: it gives the same result on every run, so the first run shows a failure
    and none can come later. (Calls that do I/O fail at run time whatever their arguments.)"""
    if not _PURE_PARSE.search(callee_path):
        return False
    code = span.code.strip().rstrip(";")
    start = code.find("(")
    return start >= 0 and code.count("(") == 1 and _LITERAL_ARGS.match(code[start:]) is not None


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
        kept = bare[: match.start("rhs")]
        if _KEPT_ERR.search(kept):
            continue  # `v, err, _ := g.Do(...)`: the error is kept, the value dropped is another
        if _NOT_ERROR_LAST.search(callee_path) or _GIN_RECORD.match(rhs) or _DRAIN.match(rhs):
            continue
        if _PARSE_FLAG.match(rhs) or _constant_arguments(callee_path, span):
            continue  # a flag that reads as false when absent, or a call that does the same every run
        if _CONTEXT_GETTER.search(callee_path) and _CONTEXT_ARG.match(rhs[len(callee_path):]):
            continue
        single = _SINGLE_BLANK.match(bare) is not None
        if not single and _zero_tested(lexed, kept, span.last):
            continue  # the failure shows as the zero value, and the code tests for it
        if not single and _PARSE_NUMBER.match(rhs) and _defaulted_later(lexed, kept, span.last):
            continue  # a number whose zero (the failure's value) the code replaces, clamps or reads as absent
        name = callee.group(1) if callee is not None else ""
        if _on_error_path(lexed, no, span.last):
            continue  # on the way out of a failure: the error being handled is the one to tell
        if single and (name in _CLEANUP or (name in _ON_FAILURE and in_deferred_func(lexed, no))) \
                and not _written_file_closed(lexed, no, callee_path, name):
            continue
        if single and _in_init(lexed, no):
            continue  # registration at start-up (flags, codecs, MIME types): it fails only on a typo
        if single and _answers(ctx, lexed, rhs):
            continue  # the handler's answer, written through a helper given the writer
        if _explained(ctx, lexed, no, span.last) or _suppressed(ctx, lexed, no):
            continue  # what the explanation asks for: a comment saying why ignoring it is safe
        if callee is not None and callee.group(1) == "Rollback" and (
                _returns_next(lexed, span.last) or in_deferred_func(lexed, no)):
            continue  # a rollback on the way out (or in the deferred cleanup) after the error that caused it
        if _on_the_way_out(lexed, bare, span.last, callee.group(1) if callee is not None else ""):
            continue
        target = _written_into(lexed, no, rhs)
        if target is None:
            answer = _ECHO_ANSWER.match(rhs)
            target = answer.group("c") if answer is not None else None
        if target is not None and target in _writers(ctx, lexed):
            continue  # the answer's own body, dropped on purpose: the client is gone when it fails
        last = _LAST_CALL.search(rhs)
        written = single and _written_file_closed(lexed, no, callee_path, name)
        if not written and not _consequential(ctx, lexed, rhs, callee_path, last.group(1) if last else name,
                                              single=single, line=no):
            continue
        yield Hit(no, span.last)


_CONSEQUENTIAL_CALL = lazy_re(
    r"^http\.(?:Get|Post|PostForm|Head|NewRequest\w*)$|[cC]lient\w*\.(?:Do|Get|Post|Head|PostForm)$|"
    r"^os\.(?:Open|OpenFile|Create|CreateTemp|ReadFile|ReadDir|MkdirTemp)$|"
    r"^(?:io|ioutil)\.(?:ReadAll|ReadFile|ReadDir)$|"
    r"\.(?:Query|QueryContext|QueryRow|QueryRowContext|Exec|ExecContext|Begin|BeginTx|Prepare|PrepareContext|"
    r"RowsAffected|LastInsertId)$|^strconv\.(?:Atoi|ParseInt|ParseUint|ParseFloat)$|\.Write\w*$|^io\.Copy\w*$"
)
"""Calls whose dropped error leaves the kept value wrong in a way that matters: a response, request, file
or query result that is nil (the next use panics), a body read short, a count of rows that is zero, a
number that silently reads as 0."""
_CONSEQUENTIAL_NAMES = frozenset({
    "Commit", "Exec", "ExecContext", "Write", "WriteFile", "WriteString", "WriteAll", "Save", "Insert",
    "Update", "Upsert", "Delete", "Put", "Set", "Store", "Publish", "Send", "Encode", "Decode", "Unmarshal",
    "Remove", "RemoveAll", "Rename", "Chmod", "Chown", "Truncate", "Sync", "Flush", "Rollback", "Create",
    "Mkdir", "MkdirAll", "Symlink", "Link", "Copy", "Ack", "Nack", "recover",
})
"""Operations whose only result is the error, and whose failure loses or corrupts data: a write, commit,
store, publish or decode that did not happen while the code goes on as if it had."""
_FILE_OPERATIONS = frozenset({"Remove", "RemoveAll", "Rename", "Chmod", "Chown", "Truncate", "Create",
                              "Mkdir", "MkdirAll", "Symlink", "Link"})
_FILE_SYSTEM = lazy_re(r"^os\.|(?i:fs)\.\w+$|\b(?:f|file|fh)\.\w+$")
"""A file operation is one on `os`, a file system value (`afero.Fs`, `fsys`) or a file: a list's or a map's
`Remove(e)` returns what it removed."""
_REQUEST_INPUT = lazy_re(
    r"\b(?:r|req|request)\.(?:FormValue|PostFormValue|PathValue|URL\.Query\(\)|Header\.Get|Body)\b|"
    r"\b(?:c|ctx)\.(?:Query|DefaultQuery|Param|Params|PostForm|FormValue|QueryParam|GetHeader|Request\(\)\.Body)\b|"
    r"\bmux\.Vars\(|\bchi\.URLParam\("
)
"""The caller's input: a parse of it that fails reads as a zero value the caller never sent."""


_LAST_CALL = lazy_re(r"(\w+)\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)$")
"""The name of the call a statement ends with (`Encode` in `json.NewEncoder(f).Encode(v)`)."""


_FUNC_VALUE_CALL = lazy_re(r"^(\w+)\s*(?:\[[^\]]*\]\s*)?\(")
_RETURNS_ERROR_TYPE = lazy_re(r"\bfunc\s*\([^)]*\)\s*(?:\([^)]*\berror\s*\)|error\b)")


def _consequential(ctx: FileContext, lexed: Lexed, rhs: str, callee_path: str, name: str, *,
                   single: bool, line: int) -> bool:
    """Is this discard one a reviewer asks about? An explicit `_` is Go's way to say an error is not
    wanted, and mature code uses it for cleanup, optional values and calls that cannot fail; it matters
    when the call is known to fail in a way that changes what follows: a function of this file declared
    to return an error, a parse of the caller's input, an I/O call whose kept result is then used
    (`_CONSEQUENTIAL_CALL`), or, as the whole statement, a write, commit or store (`_CONSEQUENTIAL_NAMES`)."""
    if name and name in ctx.cached("go_errors.error_returning", lambda: _error_returning(lexed)):
        return True
    if _REQUEST_INPUT.search(rhs[len(callee_path):]):
        return True
    value = _FUNC_VALUE_CALL.match(rhs)
    if value is not None:
        given = _origin(lexed, line, value.group(1))
        if given is not None and _RETURNS_ERROR_TYPE.search(given):
            return True  # a function value declared to return an error (`m["a"]()` of a `func() error` map)
    if single:
        if name in _FILE_OPERATIONS:
            return _FILE_SYSTEM.search(callee_path) is not None
        return name in _CONSEQUENTIAL_NAMES
    return _CONSEQUENTIAL_CALL.search(callee_path) is not None


_RETURN = lazy_re(r"^\s*return\b")
_KEPT_ERR = lazy_re(r"\b(?:err|\w+Err)\s*,")
_SINGLE_BLANK = lazy_re(r"^\s*_\s*=")
_ERR_TEST = lazy_re(
    r"^\s*(?:\}\s*else\s+)?if\b.*(?:\b(?:err|\w*Err)\s*!=\s*nil\b|\bStatusCode\s*(?:!=|>=?|<)|\.IsError\(\))"
)
_RETURNS_ERROR = lazy_re(
    r"^\s*return\s+(?:.*,\s*)?(?:err|\w+Err|errs\.\w+\(.*|errors\.\w+\(.*|fmt\.Errorf\(.*|\w+\.Wrap\w*\(.*|"
    r"&?\w*Error\{.*|\w*[eE]rr\w*)\s*$"
)
"""A `return` whose last value is an error: a variable, or one made or wrapped right there."""
_INIT_FUNC = lazy_re(r"^func\s+init\s*\(\s*\)")
_FUNC_START = lazy_re(r"^func\b")


def _on_error_path(lexed: Lexed, first: int, last: int) -> bool:
    """Is the statement on lines first..last cleanup on the way out of a failure: directly inside an
    `if err != nil {` block, or followed by a `return` that carries an error?"""
    for no in range(last + 1, last + 4):
        text = lexed.bare.get(no)
        if text is None:
            break
        if text.strip():
            if _RETURNS_ERROR.match(text):
                return True
            break
    indent = indent_of(lexed.bare.get(first, ""))
    for no in range(first - 1, max(0, first - 40), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip() and indent_of(text) < indent:
            return _ERR_TEST.match(text) is not None
    return False


def _zero_tested(lexed: Lexed, kept: str, last: int) -> bool:
    """Do the next two code lines test the first value kept against its zero value (`v == nil`,
    `len(v) > 0`, `v.IsZero()`, `v > 0`)? A failed call gives that zero value, so the test handles it."""
    name = _FIRST_KEPT.match(kept)
    if name is None or name.group(1) == "_":
        return False
    value = re.escape(name.group(1))
    zero = re.compile(
        rf"(?:\blen\(\s*{value}\s*\)\s*(?:[=!]=|[<>]=?)\s*\d|"
        rf"(?<![\w.]){value}\s*(?:(?:[=!]=)\s*(?:(?:nil|0|false)\b|\"\")|[<>]=?\s*\d|\.IsZero\(\))|"
        rf"!\s*{value}\b(?!\s*[.(\[]))"
    )
    seen = 0
    for no in range(last + 1, last + 6):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip():
            if zero.search(text):
                return True
            seen += 1
            if seen == 2:
                return False
    return False


_FIRST_KEPT = lazy_re(r"^\s*((?:\w+\.)*\w+)\s*[,=:]")


_PARSE_NUMBER = lazy_re(r"^strconv\.(?:Atoi|ParseInt|ParseUint|ParseFloat)\(")
_DEFAULT_WINDOW = 30
"""Lines after a parse, within its block, in which a later statement may default or clamp its value."""
_SQL_ZERO_ABSENT = lazy_re(
    r"(?:\$(?P<n>\d+)|(?P<q>\?))(?:\s*::\s*\w+)?\s*(?:=|<=)\s*0\b\s*\)?\s*OR\b|"
    r"\bNULLIF\(\s*(?:\$(?P<nn>\d+)|(?P<nq>\?))(?:\s*::\s*\w+)?\s*,\s*0\s*\)",
    re.IGNORECASE,
)
"""A query that reads a zero argument as "not given": `($2 = 0 OR id < $2)`, `NULLIF($3, 0)`."""


def _defaulted_later(lexed: Lexed, kept: str, last: int) -> bool:
    """Does a later statement of the parse's block (within `_DEFAULT_WINDOW` lines) give the number kept a
    default or a bound (`if size <= 0 {`, `page = max(page, 1)`, `min(limit, maxLimit)`), or pass it to a
    query that reads zero as absent (`($2 = 0 OR id < $2)`)? A malformed value then gets the fallback
    the code chose for a missing one: the discard is the idiom for an optional numeric parameter."""
    name = _FIRST_KEPT.match(kept)
    if name is None or name.group(1) == "_" or "." in name.group(1):
        return False
    value = re.escape(name.group(1))
    used = re.compile(rf"(?<![\w.]){value}\b")
    bound = re.compile(
        rf"(?<![\w.]){value}\s*(?:[<>]=?|[=!]=)\s*(?:-?\d|[A-Za-z_][\w.]*\b(?!\s*\())|"
        rf"\b(?:min|max|clamp\w*|[cC]lamp\w*|bound\w*)\(\s*(?:[^()]*,\s*)?{value}\s*[,)]"
    )
    indent = indent_of(lexed.bare.get(last - 0, ""))
    first_indent = None
    no = last + 1
    while no <= last + _DEFAULT_WINDOW:
        text = lexed.bare.get(no)
        if text is None:
            return False
        if not text.strip():
            no += 1
            continue
        if first_indent is None:
            first_indent = indent_of(text)
            indent = min(indent, first_indent)
        if indent_of(text) < indent or _FUNC_START.match(text):
            return False
        span = statement_span(lexed, no)
        if used.search(span.bare) and (bound.search(span.bare) or _zero_absent_argument(span, name.group(1))):
            return True
        no = span.last + 1
    return False


def _zero_absent_argument(span: Span, name: str) -> bool:
    """Is `name` an argument of a call in `span` whose SQL literal reads that argument's zero as absent
    (`_SQL_ZERO_ABSENT`), by the placeholder's number (`$2`) or position (the second `?`)?"""
    if "0" not in span.code:
        return False
    for opening in re.finditer(r"\(", span.bare):
        inner = bracket_span_in_text(span, opening.start())
        if not inner.closed:
            continue
        args = [arg.strip() for arg in split_args(inner)]
        for i, arg in enumerate(args):
            if not arg.startswith(("`", '"')) or name not in args[i + 1:]:
                continue
            position = args[i + 1:].index(name) + 1
            for zero in _SQL_ZERO_ABSENT.finditer(arg):
                numbered = zero.group("n") or zero.group("nn")
                if numbered is not None and int(numbered) == position:
                    return True
                if numbered is None and arg[: zero.start()].count("?") + 1 == position:
                    return True
    return False


_TEMPLATE_ARITY = {"Execute": 2, "ExecuteTemplate": 3}


def _written_file_closed(lexed: Lexed, line: int, callee_path: str, name: str) -> bool:
    """Is this `_ = f.Close()` (outside a failure path) the close of a file made for writing, or of a
    writer? Its error is the last word on whether the data reached the disk: dropping it is no cleanup."""
    if name != "Close":
        return False
    receiver = callee_path.rsplit(".", 1)[0]
    given = _origin(lexed, line, receiver)
    return given is not None and _WRITABLE.search(given) is not None


def _in_init(lexed: Lexed, line: int) -> bool:
    """Is `line` inside a `func init()` (the nearest function header above it, within 200 lines)?"""
    for no in range(line - 1, max(0, line - 200), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if _FUNC_START.match(text):
            return _INIT_FUNC.match(text) is not None
    return False


def _answers(ctx: FileContext, lexed: Lexed, rhs: str) -> bool:
    """Does the call pass the handler's response writer as its first argument (`respond(w, ...)`)?"""
    head = _FIRST_ARG.match(rhs)
    return head is not None and head.group("w") in _writers(ctx, lexed)


def _writers(ctx: FileContext, lexed: Lexed) -> frozenset[str]:
    """`_response_writers`, read once per file."""
    return ctx.cached("go_errors.writers", lambda: _response_writers(lexed))


_FIRST_ARG = lazy_re(r"^[\w.]+\(\s*(?P<w>\w+)\s*[,)]")


def _returns_next(lexed: Lexed, last: int) -> bool:
    """Is the next code line after line `last` (blank lines skipped, a few at most) a `return`?"""
    for no in range(last + 1, last + 4):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip():
            return _RETURN.match(text) is not None
    return False


_WAY_OUT_CLEANUP = frozenset({"Close", "Remove", "RemoveAll", "Rollback", "Shutdown", "Stop"})
_KEPT_FIRST = lazy_re(r"^\s*(?P<kept>[A-Za-z]\w*)\s*,\s*_\s*:?=")
_DISCARD_LINE = lazy_re(r"^\s*_\s*=")


def _on_the_way_out(lexed: Lexed, bare: str, last: int, method: str) -> bool:
    """Is this discard part of an error path that returns another error next (other `_ =` cleanups may come
    between): a cleanup (`_ = f.Close()`, `_ = os.Remove(tmp)`), or a value read only to put into that
    error (`snippet, _ := io.ReadAll(resp.Body)`)? The error returned is the one that matters; the
    cleanup's or the read's is secondary to it."""
    kept = _KEPT_FIRST.match(bare)
    if method not in _WAY_OUT_CLEANUP and kept is None:
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
        head = re.split(r"(?<=[({])", value, maxsplit=1)[0]  # `fmt.Errorf(`, `&APIError{`, `err`
        if not value or value == "nil" or not _ERROR_VALUE.search(head):
            return False  # the last value returned is no error (`return n + errInt(err)`)
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
_DEFER_OK = {"Close", "Rollback", "Unlock", "Wait", "Flush", "Sync", "Remove", "RemoveAll"}


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
        typed = _TypedCalls(ctx, lexed, no)
        match = _FALLIBLE_STMT.match(bare) or _declared_call(bare, declared, typed)
        if match is None and ("ctx" in bare or "context." in bare):
            goroutines = goroutines if goroutines is not None else _goroutine_lines(lexed)
            match = _ctx_call_in_goroutine(bare, _CTX_CALL) if no in goroutines else None
            if match is None and bare.lstrip().startswith("go "):
                match = _ctx_call_in_goroutine(bare, _GO_CTX_CALL)
        if match is None:
            continue
        method = match.group("call").rsplit(".", 1)[-1]
        if match.group("prefix") and match.group("prefix").startswith("defer") and method in _DEFER_OK:
            continue
        receiver = match.group("call").rsplit(".", 1)[0].rsplit(".", 1)[-1]
        if method == "Close" and not match.group("prefix") and receiver in _READERS:
            continue  # closing a reader: nothing useful to do with the error
        if method == "Flush" and _flush_without_error(lexed, no, receiver, bare):
            if not match.group("prefix") and _csv_error_unread(ctx, lexed, no, receiver):
                yield Hit(no, None, (
                    f"`{receiver}.Flush()` writes the last buffered rows of a `csv.Writer` and reports a "
                    f"failure only through `{receiver}.Error()`, which is never read: a failed or short "
                    f"write goes unnoticed. Check `if err := {receiver}.Error(); err != nil`."))
            continue
        if method == "Wait" and _WAIT_GROUP.search(receiver):
            continue  # `sync.WaitGroup.Wait` returns nothing
        if method == "Encode" and _TEXT_ENCODING.match(match.group("call")):
            continue  # `base64.StdEncoding.Encode(dst, src)`, `hex.Encode`: no error, only (for hex) a count
        if _continues(lexed, no, bare):
            continue  # the tail of a chained expression begun on a line above
        if _suppressed(ctx, lexed, no):
            continue  # the author's `//nolint:errcheck`
        origin = _ORIGINS.get(method)
        if origin is not None and _declared_call(bare, declared, typed) is None:
            head = match.group("call").rsplit(".", 1)[0]
            given = head if "(" in head else f"{head}\n{_origin(lexed, no, receiver) or ''}"
            named = (method in {"Run", "Start", "Wait"} and _COMMAND_NAME.match(receiver) is not None
                     and bare[match.end():].lstrip().startswith(")"))
            known = given is not None and origin.search(given) and not _NOT_FALLIBLE_ORIGIN.search(given)
            if not named and not known:
                continue  # a method of that name on a value not known to be one that fails
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed:
            continue
        if method == "Run" and _is_subtest(span):
            continue  # `t.Run(name, func(t *testing.T) {...})` reports through a bool, not an error
        if method in {"Setenv", "Unsetenv"} and span.code.lstrip("( \t").startswith(('"', "`")):
            continue  # a literal name: it fails only for a name no one would write
        if _after(lexed, span, match.end() - 1).strip():
            continue  # the result is used in a larger expression, or results follow a method spec
        if _other_api(method, span) and _declared_call(bare, declared, typed) is None:
            continue
        if method in _ON_FAILURE and not match.group("prefix") and (
                _on_error_path(lexed, no, span.last) or in_deferred_func(lexed, no)):
            continue  # cleanup on the way out: the error being returned, if any, is the one to tell
        if method in _TEMPLATE_ARITY and len(split_args(span)) < _TEMPLATE_ARITY[method]:
            continue  # not a template's `Execute(w, data)`: a command's or an executor's
        if method in {"Copy", "CopyN"} and _DISCARD_DST.match(span.bare):
            continue  # draining a body into io.Discard: only the draining can fail
        if method == "Rollback" and not match.group("prefix") and _returns_error_next(lexed, span.last):
            continue  # as `_ = tx.Rollback()` before a `return`: the error that caused it is the one told
        target = None if match.group("prefix") else _written_into(lexed, no, bare)
        if target is not None:
            writers = writers if writers is not None else _response_writers(lexed)
            if target in writers:
                continue  # the answer's own body: a failed write means the client is gone
        yield Hit(no, span.last)


_TEXT_ENCODING = lazy_re(r"(?:base64|base32|hex|ascii85)\.")
"""Packages whose `Encode(dst, src)` writes into a byte slice and cannot fail."""
_GO_FUNC = lazy_re(r"^\s*go\s+func\s*\(")
_CTX_CALL = lazy_re(
    r"^\s*(?P<prefix>)(?P<call>[a-z]\w*(?:\.[A-Za-z_]\w*)*\.(?P<name>[A-Z]\w*))\s*\("
    r"(?=\s*(?:ctx|context\.(?:Background|TODO)\(\))\s*[,)])"
)
_GO_CTX_CALL = lazy_re(
    r"^\s*(?P<prefix>go\s+)(?P<call>[a-z]\w*(?:\.[A-Za-z_]\w*)+\.(?P<name>[A-Z]\w*))\s*\("
    r"(?=\s*(?:ctx|context\.(?:Background|TODO)\(\))\s*[,)])"
)
"""`go h.mailer.Send(ctx, ...)`: a method given a context started as a goroutine; its results, the error
among them, are dropped by the `go` statement itself."""
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


def _ctx_call_in_goroutine(bare: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """`x.client.Index(ctx, ...)` as a statement in a goroutine (or `go x.client.Index(ctx, ...)`): a call
    given a context whose result is dropped. Inside a goroutine nothing else can see its error: the work
    fails without a trace."""
    match = pattern.match(bare)
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


_CSV_WRITER = lazy_re(r"\bcsv\.NewWriter\s*\(")
_FUNC_END = lazy_re(r"^}")
_CSV_ERROR_WINDOW = 30


def _csv_error_unread(ctx: FileContext, lexed: Lexed, line: int, receiver: str) -> bool:
    """A plain `w.Flush()` the change adds on an `encoding/csv` writer made in view, with no `w.Error()`
    (nor a hand-off of the writer) before its function ends, and the function's end in view."""
    if line not in ctx.added or not receiver.isidentifier():
        return False
    given = _given(lexed, line, receiver)
    if given is None or not _CSV_WRITER.search(given):
        return False
    name = re.escape(receiver)
    read = re.compile(rf"(?<![\w.]){name}\s*\.\s*Error\s*\(|[(,]\s*{name}\s*[,)]")
    for no in range(line + 1, line + _CSV_ERROR_WINDOW):
        text = lexed.bare.get(no)
        if text is None:
            return False  # the rest of the function is out of view
        if read.search(text):
            return False
        if _FUNC_END.match(text):
            return True
    return False


_WRITER_TYPE = r"\b(?:bufio|gzip|zlib|flate|lzw|zip|tar|zstd|lz4|snappy|brotli)\.Writer\b"
_WRITABLE = lazy_re(r"\bos\.(?:Create|OpenFile|CreateTemp)\s*\(|\bioutil\.TempFile\s*\(|NewWriter\w*\s*\(|"
                    + _WRITER_TYPE)
"""Where a value that buffers writes comes from: a file made for writing, or a compressing/archive writer."""
_ORIGINS = {
    "Close": lazy_re(r"\bos\.(?:Create|OpenFile|CreateTemp)\s*\(|\bioutil\.TempFile\s*\(|NewWriter\w*\s*\(|"
                     r"\*os\.File\b|" + _WRITER_TYPE + r"|\.Create\s*\("),
    "Flush": lazy_re(r"NewWriter\w*\s*\(|" + _WRITER_TYPE),
    "Signal": lazy_re(r"\bProcess\b"),
    "Serve": lazy_re(r"(?im)^http$|\bhttp\.Server\b|NewServer|server|srv"),
    "Run": lazy_re(r"\bexec\.(?:Command|CommandContext|Cmd)\b"),
    "Start": lazy_re(r"\bexec\.(?:Command|CommandContext|Cmd)\b"),
    "Wait": lazy_re(r"\bexec\.(?:Command|CommandContext|Cmd)\b|\berrgroup\.|\brate\.|\bsemaphore\."),
}
"""For methods whose name many types share, what the receiver must be known to come from (the line that
gives it its value, or declares its type) for the call to be the one that returns an error: a file or
writer being written (its `Close` or `Flush` reports lost writes), a command, an errgroup, a limiter.
`informer.Run(stop)`, `timer.Start()`, `pool.Close()` and `group.Wait()` of other types are left alone."""
_NOT_FALLIBLE_ORIGIN = lazy_re(
    r"\b(?:csv|tabwriter)\.(?:NewWriter|Writer)\b|\bhttp\.(?:ResponseWriter|Flusher)\b"
)
_ORIGIN_WINDOW = 60
_COMMAND_NAME = lazy_re(r"^(?:\w*[cC]md|command|proc)$")
"""What Go code names an `exec.Cmd` (`cmd.Run()`), where the command was made out of sight."""


def _origin(lexed: Lexed, line: int, name: str) -> str | None:
    """The line that last gave `name` its value or declared it with a type (`f *os.File` among a
    function's parameters, `var g errgroup.Group`), among the `_ORIGIN_WINDOW` known lines above."""
    if not name.isidentifier():
        return None
    given = re.compile(
        rf"(?<![\w.]){name}\s*(?:,\s*\w+\s*)*(?::=|=)(?!=)|"
        rf"(?<![\w.]){name}(?:\s*,\s*\w+)*\s+(?:\*?[\w.]+\s*[,)=]|map\[|func\s*\(|\[\])"
        rf"|\bvar\s+{name}\b"
    )
    for no in range(line - 1, max(0, line - _ORIGIN_WINDOW), -1):
        text = lexed.bare.get(no)
        if text is None:
            return None
        if name in text and given.search(text):
            return text
    return None


_NOLINT = lazy_re(r"//\s*nolint(?:\s*$|\s*:\s*[\w,\s]*\b(?:errcheck|gosec|all)\b)")
"""`//nolint:errcheck` (or a bare `//nolint`): the author has already said this error is not wanted."""


def _suppressed(ctx: FileContext, lexed: Lexed, line: int) -> bool:
    """Does line `line`, or a comment line alone just above it, carry a `nolint` directive for errcheck?"""
    for no in (line, line - 1):
        raw = ctx.lines.get(no, "")
        if "nolint" in raw and _NOLINT.search(raw) and (no == line or not lexed.code.get(no, "").strip()):
            return True
    return False


_CONTINUED = lazy_re(r"^\s*\.|[.,(+\-*/&|=]\s*$")


def _continues(lexed: Lexed, line: int, bare: str) -> bool:
    """Does line `line` continue the expression of the code line above it (`x := a.\n\tB().C()`)?"""
    if bare.lstrip().startswith("."):
        return True
    for no in range(line - 1, max(0, line - 4), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False
        if text.strip():
            return _CONTINUED.search(text) is not None and not text.rstrip().endswith("{")
    return False


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


def _after(lexed: Lexed, span: Span, col: int) -> str:
    """The bare text after the closing bracket of `span`, which opened at column `col` of its first line."""
    last_part = span.bare.rsplit("\n", 1)[-1]
    end = col + len(last_part) if span.first == span.last else len(last_part)
    return lexed.bare.get(span.last, "")[end:]


_NO_ARGUMENT_FORM = frozenset({"Sync", "Flush", "Close"})
"""Methods whose error-returning standard form takes no argument (`File.Sync()`, `bufio.Writer.Flush()`,
`io.Closer.Close()`): called with one (`ErrorStrategy.Sync(p)`), they are another API's."""
_STOP_CHANNEL = lazy_re(r"^\(\s*(?:(?:\w+\.)*\w*ctx\w*\.Done\(\)|(?:\w+\.)*\w*(?:[sS]top|[dD]one)\w*)\s*\)$")
"""`informer.Run(ctx.Done())`, `go cache.Start(stopCh)`: the stop-channel idiom, which returns nothing."""
_DISCARD_DST = lazy_re(r"^\(\s*(?:io|ioutil)\.Discard\s*,")


def _other_api(method: str, span: Span) -> bool:
    """Is the call, by its arguments, not the error-returning method of that name?"""
    if method in _NO_ARGUMENT_FORM:
        return "".join(span.bare.split()) != "()"
    if method in {"Run", "Start"}:
        return _STOP_CHANNEL.match(span.bare) is not None
    return False


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


_METHOD_DECL = lazy_re(
    r"^func\s+\(\s*(?:\w+\s+)?\*?(?P<type>\w+)(?:\[[^\]]*\])?\s*\)\s*(?P<name>\w+)\s*[(\[]"
)


def _method_types(lexed: Lexed) -> dict[str, frozenset[str]]:
    """Method name -> the receiver types the known lines declare it on with an error as last result."""
    found: dict[str, set[str]] = {}
    for _no, _code, bare in lines_of(lexed):
        if bare.startswith("func ("):
            match = _METHOD_DECL.match(bare)
            decl = _FUNC_DECL.match(bare)
            if match is not None and decl is not None and _ERROR_TYPE.search(decl.group("results")):
                found.setdefault(match.group("name"), set()).add(match.group("type"))
    return {name: frozenset(types) for name, types in found.items()}


class _TypedCalls:
    """Whether a call's receiver is known to be of a type that declares the method: a value made from
    the type (`x := T{}`, `&T{...}`, `new(T)`, a parameter `x *T`) among the lines above the call, or a
    field named after the type (`y.t.a()` for a field `t` of type `t`)."""

    __slots__ = ("ctx", "lexed", "line")

    def __init__(self, ctx: FileContext, lexed: Lexed, line: int) -> None:
        self.ctx, self.lexed, self.line = ctx, lexed, line

    def of(self, path: list[str], name: str) -> bool:
        types = self.ctx.cached("go_errors.method_types", lambda: _method_types(self.lexed)).get(name)
        if not types:
            return False
        if len(path) == 3:
            return any(path[1].lower() == kind.lower() for kind in types)
        given = _origin(self.lexed, self.line, path[0])
        if given is None:
            return False
        return any(re.search(rf"(?:&|\bnew\(\s*|\*|\s|^){re.escape(kind)}\s*(?:\{{|\)|,|$)", given)
                   for kind in types)


def _imported(bare: str, name: str) -> bool:
    """Is `name` a package name (lower-case with no value of that name being called on)? Go packages are
    lower-case words; `forge.Refresh(...)` calls the package's function, not this file's."""
    return name.islower() and name.isalpha() and len(name) > 2


def _declared_call(bare: str, declared: frozenset[tuple[str, str]],
                   typed: _TypedCalls | None = None) -> re.Match[str] | None:
    """A call statement of a function or method declared here: a plain function called by its bare name,
    or a method called on the receiver variable its declaration names (`s.save()` beside
    `func (s *Store) save() error`). A method called on any other value (`srv.cache.Delete(k)`,
    `metrics.Set(1)` beside `func (f *flagValue) Set(string) error`) may be another type's method of the
    same name, whose results are not known here."""
    if not declared:
        return None
    match = _CALL_STMT.match(bare)
    if match is None:
        return None
    name = match.group("name")
    owners = {receiver for declared_name, receiver in declared if declared_name == name}
    if not owners:
        return None
    path = match.group("call").split(".")
    if len(path) == 1 and "" in owners:
        return match  # a function of this package, called by name
    if len(path) == 2 and path[0] in owners:
        return match  # a method called on the receiver it is declared with
    if typed is not None and len(path) in {2, 3} and typed.of(path, name):
        return match  # a method called on a value known to be of its type
    if len(path) in {2, 3} and owners == {""} and not _imported(bare, path[0]):
        return match  # only a function of that name is known here, no method of another type
    return None  # another package's function, or another value's method of the same name


_ERR_ASSIGN = lazy_re(r"^\s*(?:[\w.]+\s*,\s*)*err\s*(?::=|=)\s*[\w.]+.*\(")
_ERR_REF = lazy_re(r"\berr\b")
_ERR_OVERWRITE = lazy_re(r"^\s*(?:[\w.]+\s*,\s*)*err\s*(?::=|=)")
_BRANCH = lazy_re(r"^\s*(?:\}\s*else\b|case\b|default\s*:)")
_FLOW_LEAVES = lazy_re(r"^\s*(?:(?:return|break|continue|goto|fallthrough|panic)\b|\}\s*(?:\(\s*)?\))")
"""Where an assigned `err` stops being this code's to check: a return (a named result carries it out), a
jump to code that reads it, or the end of a function literal (`defer func() { err = ... }()`), whose
assignment sets the enclosing function's result."""


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
            if pending is not None and _BRANCH.match(bare) \
                    and indent_of(bare) < indent_of(lexed.bare[pending]):
                pending = None  # the assignment's branch ends: the next one is in another, only one runs
            if (pending is not None and _FLOW_LEAVES.match(bare)
                    and indent_of(bare) <= indent_of(lexed.bare[pending])):
                pending = None  # a (naked) return, a jump or the end of a closure: the value leaves here
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


_SERVER_LIT = lazy_re(r"\bhttp\.Server\s*\{")
_CLIENT_LIT = lazy_re(r"\bhttp\.Client\s*\{")
_DEFAULT_CLIENT = lazy_re(
    r"(?<![\w.])http\.(?:Get|Post|PostForm|Head)\s*\(|(?<![\w.])http\.DefaultClient\.Do\s*\("
)
"""The package's default client; a field or variable that happens to be named `http` (`c.http.Get`) is the
owner's own client, configured elsewhere."""
_DEFAULT_CLIENT_KEPT = lazy_re(r"(?<![\w.])http\.DefaultClient\s*(?:[,})]|$)")
"""The default client handed on as a value: a struct field (`Client: http.DefaultClient`), a variable or an
argument. Every request made through it later has no timeout either."""
_NIL_FALLBACK = lazy_re(r"^\s*if\b.*==\s*nil\s*\{\s*$")
"""`if client == nil {`: a library's fallback for a caller who passed no client; the caller chooses."""
_RETURNED_BARE = lazy_re(r"^\s*return\s+http\.DefaultClient\s*$")
"""`return http.DefaultClient`: a getter's fallback (`func (c *Config) client() *http.Client`)."""
_DEFAULT_TIMEOUT_SET = lazy_re(r"\bhttp\.DefaultClient\.Timeout\s*=(?!=)")
_RESULT_TYPE = lazy_re(r"\)\s*\*?\s*$")
"""What comes before a function's result type: the parameter list's `)` (and the pointer's `*`)."""
_BARE_LISTEN = lazy_re(r"\bhttp\.(?:ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)\s*\(")
_DEADLINE_CTX = lazy_re(
    r"\b([A-Za-z_]\w*)\s*,\s*[A-Za-z_]\w*\s*:?=\s*context\.With(?:Timeout|Deadline)(?:Cause)?\s*\("
)
_REQUEST_MADE = lazy_re(r"\bhttp\.NewRequest(?:WithContext\s*\(\s*([A-Za-z_]\w*)\s*[,)]|\s*\()")


_CLIENT_KEPT = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_][\w.]*)\s*(?::=|=)\s*&?\s*$")
_TIMEOUT_LOOKAHEAD = 15


def _timeout_set_later(lexed: Lexed, no: int, before: str) -> bool:
    """Whether the client made on `no` is kept in a name whose `Timeout` the next lines set
    (`c := &http.Client{Transport: t}` then `c.Timeout = cfg.Timeout`)."""
    kept = _CLIENT_KEPT.match(before)
    if kept is None:
        return False
    field = re.compile(rf"^\s*{re.escape(kept.group(1))}\.Timeout\s*=(?!=)")
    return any(field.match(lexed.bare.get(n, "")) for n in range(no + 1, no + _TIMEOUT_LOOKAHEAD))


def _requests_bounded_by_deadline(ctx: FileContext) -> bool:
    """Whether every request the known code builds carries a context with a deadline: it is made by
    `http.NewRequestWithContext` with a context the code derives by `context.WithTimeout/WithDeadline`
    (the client's missing `Timeout` is then covered per request; a plain `http.NewRequest`, or a request
    made with a context of unknown origin, is not)."""

    def compute() -> bool:
        text = "\n".join(lex(ctx).bare.values())
        bounded = {m.group(1) for m in _DEADLINE_CTX.finditer(text)}
        made = list(_REQUEST_MADE.finditer(text))
        return bool(bounded) and bool(made) and all(m.group(1) in bounded for m in made)

    return ctx.cached("go-requests-bounded-by-deadline", compute)


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
        if server is not None and _RESULT_TYPE.search(bare, 0, server.start()):
            continue  # `func newServer() *http.Server {`: a result type before the function's body
        client = _CLIENT_LIT.search(bare)
        if client is not None and _RESULT_TYPE.search(bare, 0, client.start()):
            continue
        if server is not None:
            span = bracket_span(lexed, no, server.end() - 1)
            if span.closed and "ReadHeaderTimeout" not in span.bare and "ReadTimeout" not in span.bare:
                yield Hit(no, span.last)
            continue
        if client is not None:
            span = bracket_span(lexed, no, client.end() - 1)
            if span.closed and "Timeout" not in span.bare and not _requests_bounded_by_deadline(ctx) \
                    and not _timeout_set_later(lexed, no, bare[: client.start()]):
                yield Hit(no, span.last)
            continue
        default_kept = _DEFAULT_CLIENT_KEPT.search(bare) is not None \
            and _default_client_kept_unbounded(ctx, lexed, no, bare)
        if _BARE_LISTEN.search(bare) or _DEFAULT_CLIENT.search(bare) or default_kept:
            yield Hit(no)


def _default_client_kept_unbounded(ctx: FileContext, lexed: Lexed, no: int, bare: str) -> bool:
    """Whether `http.DefaultClient`, kept or handed on as a value on line `no`, will make requests with no
    timeout: not a getter's or a nil-check's fallback (the caller may pass its own client), not in a file
    that sets the default client's `Timeout`, not where every request carries a deadline."""
    if _RETURNED_BARE.match(bare):
        return False
    before = [n for n in range(no - 1, no - 4, -1) if lexed.bare.get(n, "").strip()]
    if before and _NIL_FALLBACK.match(lexed.bare[before[0]]):
        return False
    text = "\n".join(lexed.bare.values())
    return _DEFAULT_TIMEOUT_SET.search(text) is None and not _requests_bounded_by_deadline(ctx)


_RESPONSE_CALL = lazy_re(
    r"\bhttp\.Error\s*\(|\b(?:c|ctx|context)\.(?:JSON|IndentedJSON|PureJSON|String|XML|AbortWithStatusJSON)\s*\("
    r"|\b(?:echo\.NewHTTPError|fiber\.NewError)\s*\("
)
_CHAINED_STATUS = lazy_re(
    r"\b(?:c|ctx)\.Status\s*\(\s*(?P<status>[\w.]+)\s*\)\s*\.\s*(?:JSON|SendString|Send|String|XML)\s*\("
)
"""Fiber's `c.Status(500).JSON(...)`: the status set on the context, the body in the call chained to it."""
_ERROR_NAME = r"(?:e|\w*[eE]rr\w*|\w*[eE]rror)"
"""What Go code names an error value: `err`, `e`, `cerr`, `apiErr`, `errResp`, `wrappedError`."""
_ERROR_TEXT = lazy_re(rf"\b{_ERROR_NAME}\.Error\(\)")
_FORMATTED_ERROR = lazy_re(rf"\bfmt\.Sprint[fl]?\s*\((?:[^()]|\([^()]*\))*?,?\s*\b{_ERROR_NAME}\s*[,)]")
_TEXT_KEPT = lazy_re(r"^\s*(?:var\s+)?(?P<name>[A-Za-z_]\w*)\s*(?:string\s*)?:?=\s*(?P<rhs>[^=].*)$")
_FUNC_LINE = lazy_re(r"^func\b")
_SERVER_STATUS = lazy_re(
    r"^\s*(?:5\d\d|(?:http|fiber)\.Status(?:InternalServerError|NotImplemented|BadGateway|ServiceUnavailable|"
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
    """`http.Error(w, err.Error(), 500)`, a gin/echo `c.JSON(500, ...err.Error()...)`, fiber's
    `c.Status(500).JSON(...)`, or an `echo.NewHTTPError(500, err.Error())`/`fiber.NewError(500, ...)` the
    framework answers with: a 5xx answer that carries the error's text. 4xx answers (validation messages
    meant for the caller) are left alone.
    The same holds for the file's own answer helper given the handler's writer (`writeJSON(w, 500, ...)`)
    and for a gin/echo/fiber context under another name (`gc.JSON(500, ...)`)."""
    lexed = lex(ctx)
    writers = _answer_params(lexed)
    texts: set[str] = set()
    """Names the current function set to an error's text (`msg := err.Error()`), answered later."""
    for no, _code, bare in lines_of(lexed):
        if _FUNC_LINE.match(bare):
            texts = set()
        kept = _TEXT_KEPT.match(bare) if "=" in bare else None
        if kept is not None:
            if _carries_error(kept.group("rhs"), texts):
                texts.add(kept.group("name"))
            else:
                texts.discard(kept.group("name"))
        if "(" not in bare:
            continue
        if writers:
            yield from _helper_leaks(lexed, no, bare, writers, texts)
        if not any(word in bare for word in ("http.Error", "c.", "ctx.", "NewHTTPError", "NewError")):
            continue
        for chained in _CHAINED_STATUS.finditer(bare):
            span = bracket_span(lexed, no, chained.end() - 1)
            chained_body = " ".join(split_args(span))
            if _SERVER_STATUS.match(chained.group("status")) and _carries_error(chained_body, texts):
                yield Hit(no, span.last)
        for match in _RESPONSE_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            if match.group(0).startswith("http.Error"):
                status, body = args[2:3], args[1:2]
            else:
                status, body = args[:1], args[1:]
            if not status or not _SERVER_STATUS.match(status[0]):
                continue
            if _carries_error(" ".join(body), texts):
                yield Hit(no, span.last)


_IDENTIFIER = lazy_re(r"(?<![\w.])[A-Za-z_]\w*\b(?!\s*[(:])")
"""A plain name used as a value (not a call, a field selector or a composite literal's key)."""


def _carries_error(text: str, texts: set[str]) -> bool:
    """Whether an answer's arguments hold an error's text: `err.Error()`, `fmt.Sprint(err)`, or a name the
    function set to one of those before (`msg := err.Error()` ... `gin.H{"error": msg}`)."""
    if _ERROR_TEXT.search(text) or _FORMATTED_ERROR.search(text):
        return True
    return bool(texts) and any(m.group(0) in texts for m in _IDENTIFIER.finditer(text))


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


def _helper_leaks(lexed: Lexed, no: int, bare: str, writers: dict[str, str],
                  texts: set[str]) -> Iterator[Hit]:
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
        if _carries_error(text, texts):
            yield Hit(no, span.last)
