"""Python web handlers that tell the client about a failure with a success status.

    try:
        order = Order.objects.get(pk=order_id)
    except Order.DoesNotExist:
        return JsonResponse({"error": "order not found"})      # HTTP 200

Django's `JsonResponse`, DRF's `Response` and Flask's `jsonify` answer 200 unless told otherwise.
Reported: in an `except` clause (directly, or in a branch inside it), `return JsonResponse(...)`,
`return Response(...)` or `return jsonify(...)` whose body is an error object (a dict whose first key is
`error`, `errors`, `detail` or `message`, or `jsonify(error=...)`, or an envelope that says so:
`ok=False`, `"success": False`, `"status": "error"`) and whose call passes no `status`
(Flask: and no `, 4xx` after it in the return). Also reported: in an `except` that catches everything
(`except Exception`, a bare `except`), such a call answering an empty result (`jsonify(rows=[], total=0)`,
`Response({"items": []})`, every value an empty literal) with no status or a 2xx one, or a FastAPI or
Flask route returning such a literal (`return {"items": [], "total": 0}`): the failure goes out as
"no data".

And, whatever the exception, an `except` that logs the failure as one (`logger.error`/`exception`),
catches everything, or catches a failed call to another service (`httpx.HTTPError`, `RequestException`),
and then answers the request with a body that says it worked (`{"ok": True}`,
`jsonify(success=True)`, `{"status": "ok"}`) through one of those calls or a route's literal return, with
no status or a 2xx one: the client is told the failed work was done. A specific exception answered as
success without logging (`except AlreadyCancelled: return {"ok": True}`, an idempotent repeat) is left
alone. So is the same `except`, when it only logs and the function then falls through to a success
answer right after the `try` statement, if the `try` did a write, a send or a charge (`gateway.charge(...)`,
`order.save()`) and the `except` logs the failure as an error: the failure is answered as done. A comment
that the work is best-effort, or an `except` that only warns, keeps it quiet.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, enclosing_headers, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_ANSWER = lazy_re(r"^\s*return\s+(?P<call>JsonResponse|Response|jsonify)\s*\(")
_ERROR_BODY = lazy_re(
    r"^\(\s*(?:\{\s*[\"'](?:error|errors|detail|message|err)[\"']\s*:|(?:error|errors|detail|message)\s*=)"
)
_FAILED_FLAG = lazy_re(
    r"(?<![\w.])(?:ok|success|succeeded)\s*=\s*False\b|[\"'](?:ok|success|succeeded)[\"']\s*:\s*False\b|"
    r"[\"']status[\"']\s*:\s*[\"'](?:error|failed|failure|fail)[\"']"
)
"""An envelope that says the request failed anywhere in the body: `jsonify(ok=False, ...)`,
`{"success": False, ...}`, `{"status": "error", ...}`."""
_SUCCESS_FLAG = lazy_re(
    r"(?<![\w.])(?:ok|success|succeeded|verified|approved|sent|queued)\s*=\s*True\b|"
    r"[\"'](?:ok|success|succeeded|verified|approved|sent|queued)[\"']\s*:\s*True\b|"
    r"(?:[\"']status[\"']\s*:|(?<![\w.])status\s*=)\s*"
    r"[\"'](?:ok|success|succeeded|done|cancelled|canceled|sent|queued|accepted)[\"']"
)
"""An envelope that says the request worked: `{"ok": True}`, `jsonify(success=True)`, `{"status": "ok"}`."""
REMOTE_FAILURE = lazy_re(
    r"^\s*except\b[^:]*\b(?:\w+\.)?(?:HTTPError|HTTPStatusError|RequestError|RequestException|TransportError|"
    r"ConnectError|ConnectionError|Timeout|TimeoutException|ReadTimeout|ClientError|APIError|ApiError|"
    r"APIConnectionError|ServiceUnavailable|StripeError)\b"
)
"""An `except` of a failed call to another service (httpx, requests, aiohttp, boto, Stripe): whatever level
it is logged at, the call the request was about did not happen."""
_LOGS_FAILURE = lazy_re(r"\.(?:error|exception|critical)\s*\(|capture_exception\s*\(")
_STATUS_ARG = lazy_re(r"\bstatus(?:_code)?\s*=")
_AFTER_CALL_STATUS = lazy_re(r"^\s*,\s*(?:\d{3}\b|status\.|HTTPStatus\.|\w*STATUS|\w+_status\b|code\b)")
_EXCEPT = lazy_re(r"^\s*except\b")
_LITERAL_RETURN = lazy_re(r"^\s*return\s+[\[{]")
"""A route returning a literal (FastAPI and Flask answer a dict or list as JSON, 200)."""
_ROUTE_DECORATOR = lazy_re(r"^\s*@\w+(?:\.\w+)*\.(?:get|post|put|patch|delete|route|api_route)\s*\(")
_BROAD = lazy_re(
    r"^\s*except\s*(?:\(?\s*(?:builtins\.)?(?:Exception|BaseException)\s*\)?\s*(?:as\s+\w+\s*)?)?:"
)
_STATUS_NOT_OK = lazy_re(
    r"\bstatus(?:_code)?\s*=\s*(?![\"'])(?![^\n]*\b(?:200|HTTP_200_OK|OK)\b)|"
    r",\s*(?:[345]\d\d|status\.HTTP_[345]|HTTPStatus\.(?!OK)|\w*STATUS|\w+_status\b|code\b)"
)
"""A status that is not 200 given to the answer (`status=503`, `, 500`, `, status.HTTP_503_...`)."""
_DEF = lazy_re(r"^\s*(?:async\s+)?def\s|^\s*class\s")



@register(
    CheckSpec(
        id="PY-ERROR-ANSWERED-OK",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Error answered with a success status",
        explanation=(
            "`JsonResponse`, DRF's `Response` and `jsonify` answer 200 unless given a status, so this error "
            "body goes out as a success: clients, caches and retries treat the failed request as done, and "
            "error-rate monitoring never sees it. Pass the status that says what failed (`status=404`, "
            "`status=status.HTTP_400_BAD_REQUEST`, Flask `return jsonify(...), 404`)."
        ),
    ),
    needs=("except",),
)
def error_answered_ok(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    answered: set[int] = set()
    for no, bare in sorted(lexed.bare.items()):
        if "return" not in bare:
            continue
        start = _success_start(ctx, lexed, no, bare)
        # the answer, the `except` or what lies between is the change's (often the `raise` made a log line)
        if start is not None and any(n in ctx.added for n in range(start, no + 1)):
            answered.add(no)
            yield Hit(start, no if no - start <= 8 else None, message=_SUCCESS_MESSAGE)
    for no in sorted(ctx.added):
        known = lexed.bare.get(no)
        if known is None or "return" not in known or no in answered:
            continue
        bare = known
        found = _ANSWER.match(bare)
        if found is None:
            after = bare.lstrip()[6:].lstrip() if bare.lstrip().startswith("return") else ""
            literal = _LITERAL_RETURN.match(bare) if after[:1] in ("[", "{") else None  # compiled if needed
            if literal is not None and _broad_except(lexed, no) and _in_route(lexed, no):
                span = bracket_span(lexed, no, literal.end() - 1)
                cut = len(span.bare.rsplit("\n", 1)[-1]) + (literal.end() - 1 if span.last == no else 0)
                tail = lexed.bare.get(span.last, "")[cut:]
                if span.closed and _empty_result("(" + span.code + ")") and not _STATUS_NOT_OK.search(tail):
                    yield Hit(no, None, message=(
                        "This route's `except` catches every error and returns an empty result, which goes "
                        "out as 200: the client, its retries and error-rate monitoring cannot tell a failure "
                        "from no data. Let the error reach the error handler (500), or answer 503."))
            continue
        if not _in_except(lexed, no):
            continue
        span = bracket_span(lexed, no, found.end() - 1)
        if not span.closed:
            continue
        rest = lexed.bare.get(span.last, "")
        tail = rest[len(span.bare.rsplit("\n", 1)[-1]) + (found.end() - 1 if span.last == no else 0):]
        call = found.group("call")
        if _empty_result(span.code) and _broad_except(lexed, no) and not _STATUS_NOT_OK.search(
                span.bare + "\n" + tail):
            yield Hit(no, None, message=(
                f"This `except` catches every error and answers `{call}(...)` with an empty result and a "
                "success status: the client, its retries and error-rate monitoring cannot tell a failure "
                "from no data. Let the error reach the error handler (500), or answer 503 with an error "
                "body."))
            continue
        if _STATUS_ARG.search(span.bare):
            continue
        if _ERROR_BODY.match(span.code) is None and _FAILED_FLAG.search(span.code) is None:
            continue
        if _AFTER_CALL_STATUS.match(tail):
            continue
        yield Hit(no, None, message=(
            f"This `except` answers an error body with `{call}(...)` and no status, so the client gets 200 "
            "for a failed request: pass the status that says what failed (404, 400, 409, 503, ...)."))


def _success_start(ctx: FileContext, lexed: Lexed, no: int, bare: str) -> int | None:
    """The line of the `except` when line `no` answers success after (or inside) a handler that logs the
    failure; None otherwise."""
    found = _ANSWER.match(bare)
    if found is None:
        after = bare.lstrip()[6:].lstrip() if bare.lstrip().startswith("return") else ""
        if after[:1] not in ("[", "{") or _LITERAL_RETURN.match(bare) is None or not _in_route(lexed, no):
            return None
        return _success_after_failure(lexed, no) or _falls_through_to_success(ctx, lexed, no)
    if not _in_except(lexed, no):
        return _falls_through_to_success(ctx, lexed, no)
    span = bracket_span(lexed, no, found.end() - 1)
    if not span.closed:
        return None
    rest = lexed.bare.get(span.last, "")
    tail = rest[len(span.bare.rsplit("\n", 1)[-1]) + (found.end() - 1 if span.last == no else 0):]
    if _SUCCESS_FLAG.search(span.code) is None or _STATUS_NOT_OK.search(span.bare + "\n" + tail):
        return None
    return _success_after_failure(lexed, no)


_SUCCESS_MESSAGE = (
    "This `except` answers the request as a success after the work failed: the client, its retries and "
    "error-rate monitoring are told it was done. Answer an error status (500/502/503, or 4xx for the "
    "client's own mistake), or let the exception reach the error handler.")


def _success_after_failure(lexed: Lexed, no: int) -> int | None:
    """The line of the `except` when line `no` returns a success envelope from it and it logs the failure
    or catches everything (a literal return: the statement through its closing bracket); None otherwise."""
    text = lexed.bare.get(no, "")
    statement = [text]
    depth = sum(text.count(o) - text.count(c) for o, c in ("()", "[]", "{}"))
    line = no
    while depth > 0 and line - no < 20:
        line += 1
        more = lexed.bare.get(line)
        if more is None:
            break
        statement.append(more)
        depth += sum(more.count(o) - more.count(c) for o, c in ("()", "[]", "{}"))
    body = lexed.code.get(no, "") + "\n" + "\n".join(lexed.code.get(n, "") for n in range(no + 1, line + 1))
    if _SUCCESS_FLAG.search(body) is None or _STATUS_NOT_OK.search("\n".join(statement)):
        return None
    for header, head in enclosing_headers(lexed, no, limit=80):
        if _DEF.match(head):
            return None
        if _EXCEPT.match(head):
            logged = any(_LOGS_FAILURE.search(lexed.bare.get(n, "")) for n in range(header + 1, no))
            return header if _BROAD.match(head) or logged or REMOTE_FAILURE.search(head) else None
    return None


_WORK_CALL = lazy_re(
    r"\.(?:charge|send|save|create|cancel|refund|capture|update|delete|publish|submit|pay|transfer|execute|"
    r"commit|enqueue|process|sync|upload|provision|deliver)\w*\s*\("
)
_BEST_EFFORT = lazy_re(
    r"(?i)best[- ]effort|non[- ]?fatal|must not fail|ignore|optional|don'?t fail|not critical"
)
_LEAVES = lazy_re(r"^\s*(?:return|raise|continue|break)\b|\babort\s*\(")


def _falls_through_to_success(ctx: FileContext, lexed: Lexed, no: int) -> int | None:
    """The line of the `except` when the success answer on line `no` comes right after a `try` whose
    `except` only logs, as an error, the failure of a write, send or charge the `try` did; else None."""
    if _SUCCESS_FLAG.search(lexed.code.get(no, "")) is None:
        return None
    indent = indent_of(lexed.bare.get(no, ""))
    handler: list[int] = []
    header = no - 1
    while header in lexed.bare:
        text = lexed.bare[header]
        if text.strip() and indent_of(text) <= indent:
            break
        handler.append(header)
        header -= 1
    head = lexed.bare.get(header, "")
    if indent_of(head) != indent or not _EXCEPT.match(head) or not handler:
        return None
    if any(_LEAVES.search(lexed.bare.get(n, "")) for n in handler):
        return None
    if any(_BEST_EFFORT.search(ctx.lines.get(n, "")) for n in [header, *handler]):
        return None
    if not any(_LOGS_FAILURE.search(lexed.bare.get(n, "")) for n in handler):
        return None  # one that only warns, or logs nothing, may be deliberate
    # the `try` of this `except`: the nearest line above at the same indent that opens it
    body: list[int] = []
    line = header - 1
    while line in lexed.bare:
        text = lexed.bare[line]
        if text.strip() and indent_of(text) <= indent:
            break
        body.append(line)
        line -= 1
    if not lexed.bare.get(line, "").strip().startswith("try"):
        return None
    return header if any(_WORK_CALL.search(lexed.bare.get(n, "")) for n in body) else None


def _empty_result(arguments: str) -> bool:
    """Whether the call's arguments (`(rows=[], total=0)`, `({"items": []})`, `([])`) are an empty result:
    every value an empty literal (`[]`, `{}`, `()`, `0`, `None`, `""`), at least one a collection."""
    try:
        call = ast.parse("f" + arguments.strip(), mode="eval").body
    except SyntaxError:
        return False
    if not isinstance(call, ast.Call):
        return False
    values: list[ast.expr] = [k.value for k in call.keywords if k.arg not in {"status", "status_code"}]
    for arg in call.args:
        if isinstance(arg, ast.Dict):
            if not arg.keys or any(k is None for k in arg.keys):
                values.append(arg)
            else:
                values.extend(arg.values)
        else:
            values.append(arg)
    return bool(values) and all(_empty(v) for v in values) and any(
        isinstance(v, ast.List | ast.Dict | ast.Tuple | ast.Set) for v in values)


def _empty(node: ast.expr) -> bool:
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return not node.elts
    if isinstance(node, ast.Dict):
        return not node.keys
    return isinstance(node, ast.Constant) and node.value in (None, 0, "", 0.0)


def _in_route(lexed: Lexed, no: int) -> bool:
    """Whether line `no` is in a function with a route decorator (`@app.get(...)`, `@bp.route(...)`)."""
    for line, text in enclosing_headers(lexed, no, limit=120):
        if _DEF.match(text):
            back = line - 1
            while back in lexed.bare and lexed.bare[back].lstrip().startswith(("@", ")", '"', "'")):
                if _ROUTE_DECORATOR.match(lexed.bare[back]):
                    return True
                back -= 1
            return False
    return False


def _broad_except(lexed: Lexed, no: int) -> bool:
    """Whether line `no`'s nearest `except` catches everything (`except:`, `except Exception`)."""
    for _line, text in enclosing_headers(lexed, no, limit=80):
        if _EXCEPT.match(text):
            return bool(_BROAD.match(text))
        if _DEF.match(text):
            return False
    return False


def _in_except(lexed: Lexed, no: int) -> bool:
    """Whether line `no` sits in an `except` clause of its function (through any branches inside it)."""
    for _line, text in enclosing_headers(lexed, no, limit=80):
        if _EXCEPT.match(text):
            return True
        if _DEF.match(text):
            return False
    return False
