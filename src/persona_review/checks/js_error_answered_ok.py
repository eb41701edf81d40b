"""JavaScript/TypeScript handlers that answer a caught failure with a success status.

    } catch (err) {
      logger.error(err);
      res.json({ error: 'could not save the order' });      // HTTP 200
    }

Express's `res.json`/`res.send` and Fastify's `reply.send` answer 200 unless a status was set. Reported: in
a `catch` block or a callback's `if (err) {` branch, `res.json({ error ... })`, `res.send({ error ... })`
or `reply.send({ error ... })` called on the response object itself (no `.status(...)`/`.code(...)`
before it in the chain), when no earlier line of the block sets a status (`res.status(...)`,
`res.statusCode =`, `reply.code(...)`).

Also reported: a `catch` that logs the failure as an error (`logger.error(...)`, `console.error(...)`) and
neither returns nor throws, of a `try` that did a write, a send or a charge (`await payments.charge(...)`),
followed at once by an answer that says it worked (`res.json({ ok: true })`, `res.status(200).json(...)`,
`res.sendStatus(204)`, `reply.send({ success: true })`, a NestJS controller's `return { ok: true }`): the
failure is answered as done. A comment that
the work is best-effort, or a catch that only warns, keeps it quiet; so does a success answer inside a
catch of a specific error that does not log it (an idempotent repeat).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import Catch, catches, try_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ERROR_ANSWER = lazy_re(
    r"(?<![\w$.])(?P<recv>res|resp|response|reply)\s*\.\s*(?:json|send)\s*\(\s*\{\s*[\"']?"
    r"(?:error|errors|err)\b"
)
_ERR_IF = lazy_re(r"^\s*(?:\}\s*else\s+)?if\s*\(\s*(?:err|error)\s*\)\s*\{")
"""A callback's error branch: `if (err) {`."""
_ANSWER = lazy_re(
    r"^\s*(?:return\s+)?(?:(?:res|resp|response|reply|c)\s*\.\s*(?:(?:status|code)\s*\([^)]*\)\s*\.\s*)?"
    r"(?:json|send|end|sendStatus|text|body)\s*\(|(?:NextResponse|Response)\s*\.\s*json\s*\("
    r"|new\s+(?:NextResponse|Response)\s*\()"
)
"""An answer to the request: Express/Fastify `res`/`reply`, Hono `c.json(...)`, a Next.js route's
`NextResponse.json(...)` or `new Response(...)`."""
_ERROR_STATUS = lazy_re(
    r"(?:status|code)\s*\(\s*[45]\d\d|sendStatus\s*\(\s*[45]|status\s*:\s*[45]\d\d|,\s*[45]\d\d\s*\)"
    r"|HttpStatus\.(?!OK|CREATED|ACCEPTED|NO_CONTENT)|\bstatus\s*:\s*(?!20)\w"
)
_EXPLICIT_SUCCESS = lazy_re(
    r"(?:status|code)\s*\(\s*20[0-4]|sendStatus\s*\(\s*20[0-4]|status\s*:\s*20[0-4]|,\s*20[0-4]\s*\)"
    r"|\b(?:ok|success|succeeded)\s*:\s*true\b"
    r"|\bstatus\s*:\s*[\"'](?:ok|success|sent|queued|done|cancelled|canceled)[\"']"
)
"""An answer that says outright the request worked: a 2xx status, `{ ok: true }`, `{ status: 'ok' }`."""
_WEB_ERROR_BODY = lazy_re(
    r"(?:(?:NextResponse|Response)\s*\.\s*json|(?<![\w$.])c\s*\.\s*json)\s*\(\s*\{\s*[\"']?(?:error|errors|err)\b"
)
"""A Next.js/Fetch `Response.json({ error })` or Hono `c.json({ error })`: 200 unless given a status."""
_LOGS_ERROR = lazy_re(r"\.(?:error|fatal)\s*\(|captureException\s*\(")
_LEAVES = lazy_re(
    r"\b(?:return|throw|next\s*\(|process\.exit)\b|\.status\s*\(\s*[45]\d\d|sendStatus\s*\(\s*[45]"
)
_WORK_CALL = lazy_re(
    r"\.(?:charge|send|save|create|cancel|refund|capture|update|delete|destroy|publish|submit|pay|transfer|"
    r"execute|commit|enqueue|process|sync|upload|provision|deliver|insert|upsert|start|trigger|schedule|issue|"
    r"confirm|approve|register|invite|import|export|post|put|patch|remove|apply|reserve|book|place|assign|"
    r"grant|revoke|archive|restore|verify|close)\w*\s*\("
)
_BEST_EFFORT = lazy_re(
    r"(?i)best[- ]effort|non[- ]?fatal|must not fail|ignore|optional|don'?t fail|not critical"
)
_NEST_CONTROLLER = lazy_re(r"@Controller\s*\(")
_RETURNED = lazy_re(r"^\s*return\s*\{")
"""A NestJS controller answers what its handler returns (201 for a POST, 200 otherwise): `return { ok: true }`
in a `catch` is a success answer."""
_STATUS_SET = lazy_re(r"\.\s*(?:status|code|sendStatus|writeHead)\s*\(|\.statusCode\s*=")


@register(
    CheckSpec(
        id="JS-ERROR-ANSWERED-OK",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Error answered with a success status",
        explanation=(
            "`res.json`, `res.send` and `reply.send` answer 200 unless a status was set, so this error body "
            "goes out as a success: clients and retries treat the failed request as done and error-rate "
            "monitoring never sees it. Set the status that says what failed: "
            "`res.status(500).json({ error })` (or 4xx for the client's own mistakes)."
        ),
    ),
    needs=("catch", "if (err", "if (error"),
)
def error_answered_ok(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for caught in catches(lexed):
        for no in range(caught.line, caught.last + 1):
            web = _WEB_ERROR_BODY.search(lexed.code.get(no, ""))
            if web is None:
                continue
            statement = _statement(lexed, no)
            if no in ctx.added and not re.search(r"\bstatus\b|,\s*\d{3}\s*\)", statement):
                yield Hit(no, None, message=(
                    "This error body is answered with no status, so the client gets 200: pass one "
                    "(`NextResponse.json({ error }, { status: 500 })`, Hono `c.json({ error }, 500)`)."))
            break
        answer = _success_after_catch(ctx, lexed, caught)
        if answer is not None and any(n in ctx.added for n in range(caught.line, answer + 1)):
            yield Hit(caught.line, answer if answer - caught.line <= 8 else None, message=(
                f"This `catch` logs the failure and carries on, and line {answer} tells the client the "
                "request worked: it, its retries and error-rate monitoring see a success for work that "
                "failed. Answer an error status in the `catch` (500/502/503, or 4xx for the client's own "
                "mistake) and return."))
    branches = [(caught.line, caught.last, "catch") for caught in catches(lexed)]
    for no, _code, bare in lines_of(lexed):
        header = _ERR_IF.match(bare)
        if header is not None:
            block = brace_block(lexed, no, header.end() - 1)
            if block is not None:
                branches.append((no, block.last, "if"))
    for first, last, kind in branches:
        for no in range(first, last + 1):
            code = lexed.code.get(no, "")
            if no == first:
                code = code[code.find("{", code.find("catch" if kind == "catch" else "if")) + 1:]
            found = _ERROR_ANSWER.search(code)
            if found is not None:
                if no in ctx.added:
                    what = "caught failure" if kind == "catch" else "error"
                    yield Hit(no, None, message=(
                        f"`{found.group('recv')}` answers this {what} with an error body and no "
                        "status, so the client gets 200: set the status first "
                        f"(`{found.group('recv')}.status(500)...`)."))
                break
            if _STATUS_SET.search(lexed.bare.get(no, "")):
                break


def _success_after_catch(ctx: FileContext, lexed: Lexed, caught: Catch) -> int | None:
    """The line of a success answer right after `caught`, or inside it, when the catch only logs, as an
    error, the failure of a write, send or charge its `try` did."""
    if not caught.complete or _LOGS_ERROR.search(caught.body) is None:
        return None
    if any(_BEST_EFFORT.search(ctx.lines.get(n, "")) for n in range(caught.line, caught.last + 1)):
        return None  # said to be best-effort (in a comment or the log message)
    controller = _NEST_CONTROLLER.search(ctx.known_text()) is not None
    inside = next((n for n in range(caught.line + 1, caught.last)
                   if _answers(lexed.code.get(n, ""), controller)
                   and _EXPLICIT_SUCCESS.search(_statement(lexed, n))
                   and not _ERROR_STATUS.search(_statement(lexed, n))), None)
    if inside is None:
        if _LEAVES.search(caught.body):
            return None
        if lexed.bare.get(caught.last, "").strip() != "}":
            return None  # `} finally {` or more on the closing line
        after = caught.last + 1
        while after in lexed.bare and not lexed.bare[after].strip():
            after += 1
        if not _ANSWER.match(lexed.code.get(after, "")) or _ERROR_STATUS.search(_statement(lexed, after)):
            return None
        inside = after
    elif _LEAVES.search("\n".join(lexed.bare.get(n, "") for n in range(caught.line + 1, inside))):
        return None
    tried = try_of(lexed, caught.line)
    if tried is None or _WORK_CALL.search(tried.body) is None:
        return None
    return inside


def _answers(code: str, controller: bool) -> bool:
    """Line `code` answers the request: a response call, or a NestJS controller's returned object."""
    return _ANSWER.match(code) is not None or (controller and _RETURNED.match(code) is not None)


def _statement(lexed: Lexed, no: int) -> str:
    """The code view of the statement starting on line `no`, through its closing brackets."""
    text = lexed.code.get(no, "")
    parts = [text]
    depth = sum(text.count(o) - text.count(c) for o, c in ("()", "[]", "{}"))
    line = no
    while depth > 0 and line - no < 15:
        line += 1
        more = lexed.code.get(line)
        if more is None:
            break
        parts.append(more)
        depth += sum(more.count(o) - more.count(c) for o, c in ("()", "[]", "{}"))
    return "\n".join(parts)
