"""Go code that escapes the request it serves: a fresh root context inside a function that already has
one, the whole process stopped from a handler, and goroutines that keep using the request after it ends.

Each check needs the enclosing function's signature (it says whether the function serves a request or
receives a context): known entire, or, for a hunk that starts inside the function, named by the hunk
header (`_go_funcs.section_function`). Otherwise a hunk gives no finding, except `go f(r.Context(), ...)`,
whose request is recognised by the name handlers conventionally give it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, enclosing_functions, functions, section_function
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GO = frozenset({"go"})
_ERR = Category.ERROR_HANDLING

_ROOT_CONTEXT = lazy_re(r"\bcontext\.(?:Background|TODO)\(\)")
_DETACHED = lazy_re(
    r"^\s*defer\b|\bcontext\.With(?:Timeout|Deadline)\s*\(\s*(?:context\.WithoutCancel\s*\(\s*)?context\.Background\(\)"
)


@register(
    CheckSpec(
        id="GO-CONTEXT-DROPPED",
        checklist_item="ERR-05",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="New root context where the caller's context is at hand",
        explanation=(
            "`context.Background()`/`context.TODO()` here throws away the caller's deadline and "
            "cancellation: when the client disconnects or the request times out, this database call or "
            "outbound request keeps running and holding its connection. Pass the function's `ctx` (or "
            "`r.Context()` in a handler); for work that must outlive the request, use "
            "`context.WithoutCancel(ctx)` with its own timeout."
        ),
    ),
    needs=("context.Background()", "context.TODO()", "http.NewRequest("),
)
def context_dropped(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        root = "context." in bare and _ROOT_CONTEXT.search(bare)
        request = "NewRequest(" in bare and _NO_CONTEXT_REQUEST.search(bare)
        if not root and not request:
            continue
        if root and (_DETACHED.search(bare) or _nil_tested(lexed, no)):
            continue  # cleanup or work given its own deadline, or the stand-in for a nil context
        funcs = _around(ctx, lexed, no)
        if not funcs or not (funcs[0].context_param or funcs[0].is_handler):
            continue
        if request and not root and _context_attached(lexed, no, funcs[0].last, bare):
            continue
        yield Hit(no, None, _REQUEST_MESSAGE if request and not root else None)


_NIL_FALLBACK = lazy_re(r"^\s*(?P<v>\w+)\s*=\s*context\.(?:Background|TODO)\(\)\s*$")
_NIL_TEST = lazy_re(r"^\s*if\s+(?P<v>\w+)\s*==\s*nil\s*\{")
_REQUEST_VAR = lazy_re(r"^\s*(?P<v>\w+)\s*,\s*\w+\s*:?=\s*http\.NewRequest\s*\(")
_ATTACH_WINDOW = 60


def _nil_tested(lexed: Lexed, no: int) -> bool:
    """Is the line `ctx = context.Background()` the body of `if ctx == nil {` just above it?"""
    fallback = _NIL_FALLBACK.match(lexed.bare.get(no, ""))
    test = _NIL_TEST.match(lexed.bare.get(no - 1, ""))
    return fallback is not None and test is not None and fallback.group("v") == test.group("v")


def _context_attached(lexed: Lexed, no: int, last: int, bare: str) -> bool:
    """Is the request built on line `no` given a context later in its function (up to `last`, at most
    `_ATTACH_WINDOW` lines on): `req.WithContext(ctx)`, or handed to a call together with a context
    (`opts.Do(ctx, client, req)`)? Then the caller's cancellation reaches it."""
    made = _REQUEST_VAR.match(bare)
    if made is None:
        return False
    var = re.escape(made.group("v"))
    attached = re.compile(
        rf"(?<![\w.]){var}\.WithContext\s*\(|\(\s*\w*[cC]tx\w*\s*,(?:[^()]*,)?\s*{var}\s*[,)]"
    )
    for line in range(no + 1, min(last, no + _ATTACH_WINDOW) + 1):
        text = lexed.bare.get(line)
        if text is not None and made.group("v") in text and attached.search(text):
            return True
    return False


_NO_CONTEXT_REQUEST = lazy_re(r"\bhttp\.NewRequest\s*\(")
_REQUEST_MESSAGE = (
    "`http.NewRequest` builds a request with no context although this function has one: when the caller "
    "gives up, the outbound call carries on. Use `http.NewRequestWithContext(ctx, ...)`."
)


_EXIT = lazy_re(
    r"(?<![\w.])(?:os\.Exit|(?:log|logger|logrus|klog|glog|zap\.L\(\)|zap\.S\(\)|[a-z]\w*[lL]og(?:ger)?)\."
    r"(?:Fatal|Fatalf|Fatalln|Fatalw|Exit|Exitf))\s*\("
)


@register(
    CheckSpec(
        id="GO-EXIT-IN-HANDLER",
        checklist_item="ERR-00",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_GO,
        title="Request handler stops the whole process",
        explanation=(
            "`log.Fatal` and `os.Exit` end the process at once, skipping deferred calls: one bad request "
            "drops every other in-flight request and restarts the service, and a client that can trigger "
            "this error can take the service down at will. Log the error and answer with a 5xx (or return "
            "the error to the framework)."
        ),
    ),
    needs=("Fatal", "os.Exit", "Exit("),
)
def exit_in_handler(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if ("Fatal" not in bare and "Exit" not in bare) or not _EXIT.search(bare):
            continue
        if any(func.is_handler for func in _around(ctx, lexed, no)):
            yield Hit(no)


def _around(ctx: FileContext, lexed: Lexed, no: int) -> list[GoFunc]:
    """The known functions around line `no`, innermost first; in a hunk that starts inside a function, the
    one its hunk header names (only its signature is read)."""
    funcs = enclosing_functions(ctx, no)
    if funcs:
        return funcs
    named = section_function(ctx, lexed, no)
    return [named] if named is not None else []


_GO_LITERAL = lazy_re(r"^\s*go\s+func\s*\(")
_WAITS = lazy_re(r"\.Wait\(\)|<-\s*\w+|\bselect\s*\{")


@register(
    CheckSpec(
        id="GO-GOROUTINE-REQUEST-SCOPE",
        checklist_item="ERR-08",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_GO,
        title="Goroutine uses the request after the handler returns",
        explanation=(
            "The handler does not wait for this goroutine, so it outlives the request: `r.Context()` is "
            "cancelled as soon as the handler returns (the work is cut off half-way), and writing to the "
            "`ResponseWriter` after that is a data race that can panic or corrupt another response. Copy "
            "what the goroutine needs out of the request first and give it its own context "
            "(`context.WithoutCancel(r.Context())` plus a timeout), or wait for it before returning."
        ),
    ),
    needs=("go func", "Context()", "fiber.Ctx", "gin.Context"),
)
def goroutine_request_scope(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    literals = {f.first: f for f in functions(ctx).values() if f.literal}
    for no, _code, bare in lines_of(lexed):
        if "go " not in bare:
            continue
        if not _GO_LITERAL.match(bare):
            call = _GO_CALL.match(bare)
            if call is not None and _passes_request_context(ctx, lexed, no, call.end() - 1):
                yield Hit(no, None, _CALL_MESSAGE)
            continue
        handler = next((f for f in enclosing_functions(ctx, no) if f.is_handler), None)
        if handler is None and not enclosing_functions(ctx, no):
            # a hunk that starts inside the handler: its signature is in the hunk header
            named = section_function(ctx, lexed, no)
            handler = named if named is not None and named.is_handler else None
        if handler is None:
            continue
        literal = literals.get(no)
        if literal is None or literal.params:
            continue  # values handed over as arguments are copies the goroutine may keep
        body = "\n".join(lexed.bare[n] for n in range(literal.first, literal.last + 1))
        after = "\n".join(lexed.bare[n] for n in range(literal.last, handler.last + 1))
        if _uses_request(handler, body) and not _WAITS.search(after):
            yield Hit(no, literal.last)


_GO_CALL = lazy_re(r"^\s*go\s+[\w.]+\s*\(")
_CONVENTIONAL_CONTEXT = lazy_re(r"(?<![\w.])(?:r|req|request|c\.Request|ctx\.Request\(\))\.Context\(\)")
"""The request's context as handlers conventionally name it, for a hunk that does not show the handler's
signature."""
_DETACHED_CONTEXT = lazy_re(r"WithoutCancel\s*\(")
_CALL_MESSAGE = (
    "The goroutine is handed the request's context, which is cancelled as soon as the handler returns, "
    "so this work is cut off half-way (or never starts). Give it its own context "
    "(`context.WithoutCancel(r.Context())` with a timeout), or wait for it before returning."
)


def _passes_request_context(ctx: FileContext, lexed: Lexed, no: int, paren: int) -> bool:
    """Whether the call of `go f(...)` whose `(` is at (no, paren) passes the request's context: the
    `Context()` of the handler's `*http.Request` (or gin/echo's request), or, when the hunk does not show
    the enclosing function, of a request named as handlers conventionally name it. A handler that waits
    for the goroutine, or a context detached with `WithoutCancel`, is left alone."""
    args = bracket_span(lexed, no, paren).bare
    if _DETACHED_CONTEXT.search(args):
        return False
    funcs = enclosing_functions(ctx, no)
    if not funcs:
        return _CONVENTIONAL_CONTEXT.search(args) is not None
    handler = next((f for f in funcs if f.is_handler), None)
    if handler is None:
        return False
    names = [name for name in (handler.param_of_type("*http.Request"),) if name]
    gin = handler.param_of_type("*gin.Context", "echo.Context")
    if gin:
        names += [f"{gin}.Request", f"{gin}.Request()"]
    if not any(re.search(rf"(?<![\w.]){re.escape(name)}\.Context\(\)", args) for name in names):
        return False
    after = "\n".join(lexed.bare[n] for n in range(no, handler.last + 1) if n in lexed.bare)
    return not _WAITS.search(after)


def _uses_request(handler: GoFunc, body: str) -> bool:
    writer = handler.param_of_type("http.ResponseWriter")
    request = handler.param_of_type("*http.Request")
    gin = handler.param_of_type("*gin.Context", "echo.Context", "*fiber.Ctx")
    uses = []
    if writer:
        uses.append(rf"(?<![\w.]){re.escape(writer)}\.(?:Write|WriteHeader|Header)\s*\(")
        uses.append(rf"\(\s*{re.escape(writer)}\s*[,)]")
    if request:
        uses.append(rf"(?<![\w.]){re.escape(request)}\.Context\(\)")
    if gin:
        uses.append(rf"(?<![\w.]){re.escape(gin)}\.(?:Request\.Context\(\)|JSON|String|Status|Writer|Abort)")
    pooled = handler.param_of_type("*fiber.Ctx", "*gin.Context")
    if pooled:
        # fiber and gin hand the same context object (and the buffers its values point into) to the next
        # request once the handler returns: any read of it from the goroutine is a race; gin's read-only
        # `c.Copy()` is the documented way out.
        uses.append(rf"(?<![\w.]){re.escape(pooled)}\.(?!Copy\s*\()\w+")
    return any(re.search(use, body) for use in uses)
