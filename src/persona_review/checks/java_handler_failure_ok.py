"""Java: a Spring request handler logs a failed call, then records the work as done and answers success.

    @PostMapping("/{id}/cancel")
    public ResponseEntity<SubscriptionDto> cancel(@PathVariable UUID id) {
        Subscription sub = subscriptions.findOwned(id);
        try {
            billing.cancelAtPeriodEnd(sub.getExternalId());
        } catch (Exception e) {
            log.error("cancel at provider failed for {}", id, e);     // logged, and then...
        }
        sub.markCancelled(Instant.now());
        subscriptions.save(sub);                                      // ...saved as cancelled
        return ResponseEntity.ok(SubscriptionDto.from(sub));         // and answered 200
    }

The client is told the request worked and the database says so too, while the call that was the point of
the request failed: nobody retries, and the two systems now disagree. Reported, on the `catch`: in a
method annotated as a request handler (`@PostMapping`, `@RequestMapping`, ...; or returning a
`ResponseEntity`), a catch clause that only logs (or prints), outside a loop, after which the same method
writes through a repository, mapper, DAO or `save*` call. Also reported: such a catch in a handler that
does nothing but read before the `try` (its whole work is in the `try`) and whose next statement returns
a success answer (`return ResponseEntity.ok(...)`, `accepted()`, `Result.success(...)`, JAX-RS and
Micronaut `Response.ok()`/`HttpResponse.accepted()`), or whose catch logs and then returns such an answer
itself. A catch that
rethrows, returns, sets a flag or hands the exception on is not reported, nor is a `try` that is itself a
write (a failed save is not then saved again), a best-effort call after the work (a mail after the
save), or a void handler (it mostly writes its own response). Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, blocks_of
from persona_review.checks._catch import catches, try_of
from persona_review.checks._java_code import JAVA_LOGGER_CALL, JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import declaration_of, signature_of
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_HANDLER = lazy_re(
    r"@(?:GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|RequestMapping|GET|POST|PUT|DELETE|PATCH|"
    r"Get|Post|Put|Delete|Patch)\b(?!\.)"
)
"""A Spring MVC, JAX-RS or Micronaut request-handler annotation."""
_RESPONSE_ENTITY = lazy_re(r"(?:^|\s)ResponseEntity\s*<[^()]*>\s+[A-Za-z_$][\w$]*\s*\(")
_METHOD_HEAD = lazy_re(r"\b[A-Za-z_$][\w$]*\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$")
_CONTROL = lazy_re(
    r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized|return|new)\b"
)
_STRING = lazy_re(r'"(?:[^"\\\n]|\\.)*"')
_PRINT_TRACE = lazy_re(r"^[\w$.]*\.printStackTrace\s*\(\s*\)$")
_SAVED = lazy_re(
    r"\b\w*(?:[Rr]epository|[Rr]epo|[Mm]apper|[Dd]ao|DAO|[Jj]dbcTemplate|[Ee]ntityManager)\s*\.\s*"
    r"(?:insert\w*|update\w*|upsert\w*|delete\w*)\s*\("
    r"|\.\s*(?:save|saveAll|saveAndFlush|persist)\s*\("
    r"|(?<![\w$.])(?:save|saveAll|saveAndFlush|persist)\s*\("
)
"""A write of state: `repo.save(...)`, `em.persist(...)`, `orderMapper.updateById(...)`, `save(...)`."""
_LOOP = lazy_re(r"\b(?:for|while|do)\b|\.\s*forEach\s*\(")


def _handler(ctx: FileContext, lexed: Lexed, block: Block) -> bool:
    """Whether the block is the body of a request-handler method (annotation in view or in the hunk
    header's section, or a `ResponseEntity` return type)."""
    declaration = declaration_of(lexed, block)
    signature = signature_of(declaration)
    if _CONTROL.match(signature) or not _METHOD_HEAD.search(signature):
        return False
    if _HANDLER.search(declaration) or _RESPONSE_ENTITY.search(signature):
        return True
    top = block.first - declaration.count("\n")
    return top - 1 not in lexed.bare and _HANDLER.search(ctx.section_at(block.first)) is not None


_CALL = lazy_re(r"(?<![\w$])(?P<new>new\s+)?(?P<name>[A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>\s*)?\(")
_READ_ONLY_CALL = lazy_re(
    r"^(?:get\w*|find\w*|is\w*|has\w*|valueOf|of|ofNullable|requireNonNull|parse\w*|to\w*|equals|"
    r"orElse\w*|map|filter|stream|collect|size|length|trim|format|if|for|while|switch|catch|synchronized|"
    r"return)$"
)
_SUCCESS = lazy_re(
    r"^\s*(?:return\s+(?:(?:ResponseEntity|Response|HttpResponse)\s*\.\s*(?:ok|accepted|noContent|created)\b|"
    r"new\s+ResponseEntity\s*(?:<[^;]*?>)?\s*\([^;]*HttpStatus\s*\.\s*(?:OK|CREATED|ACCEPTED|NO_CONTENT)\b|"
    r"[A-Z]\w*\s*\.\s*(?:ok|success|succeed)\w*\s*\())"
)
"""What follows the catch: a success answer (`ResponseEntity.ok(...)`, `Result.success(...)`). The end of a
void handler is not read as one: such handlers mostly write the response themselves (a download, an
export), or answer 200 on purpose (a password-reset request that must not tell which addresses exist)."""


def _all_work_tried(lexed: Lexed, method: Block, try_line: int) -> bool:
    """Whether the handler does nothing before the `try` but read (getters, lookups, parsing): the `try`
    holds its work, so the failure is the request's failure (not a best-effort extra after the work)."""
    before = "\n".join(lexed.bare.get(no, "") for no in range(method.first, try_line + 1))
    before = before[method.col + 1 :] if before else before
    before = before[: before.rfind("try")]
    if JAVA_LOGGER_CALL.search(before):
        before = JAVA_LOGGER_CALL.sub("(", before)
    return all(found.group("new") or _READ_ONLY_CALL.match(found.group("name"))
               for found in _CALL.finditer(before))


def _answers_success(after: str) -> bool:
    return _SUCCESS.match(after) is not None


def _logs_then_success(body: str) -> bool:
    """The catch logs the failure, then returns a success answer (`return ResponseEntity.accepted()...`)."""
    body = _STRING.sub('""', body)
    statements = [s.strip() for s in body.split(";") if s.strip()]
    if len(statements) < 2 or "{" in body:
        return False
    *logs, last = statements
    return all(JAVA_LOGGER_CALL.match(s) or _PRINT_TRACE.match(s) for s in logs) and _answers_success(last)


def _only_logs(body: str) -> bool:
    body = _STRING.sub('""', body)
    statements = [s.strip() for s in body.split(";") if s.strip()]
    return bool(statements) and "{" not in body and all(
        JAVA_LOGGER_CALL.match(s) or _PRINT_TRACE.match(s) for s in statements
    )


@register(
    CheckSpec(
        id="JAVA-HANDLER-FAILURE-OK",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Request handler logs a failed call, then saves the work as done and answers success",
        explanation=(
            "The catch only logs, and the handler goes on to write the new state and answer success: the "
            "client and the database both say the operation happened while the call it depended on "
            "failed, so nobody retries and the systems disagree. Let the failure reach the error handler "
            "(or answer an error status) before anything is saved, or save a state that says it failed "
            "and retry it."
        ),
    ),
    needs=("catch",),
)
def handler_failure_ok(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    clauses = [c for c in catches(lexed) if c.complete and (_only_logs(c.body) or _logs_then_success(c.body))]
    if not clauses:
        return
    blocks = blocks_of(ctx)
    for clause in clauses:
        enclosing = blocks.enclosing(clause.line)
        method = method_block(ctx, clause.line)
        if method is None or method not in enclosing or not _handler(ctx, lexed, method):
            continue
        inner = enclosing[: enclosing.index(method)]
        tried = try_of(lexed, clause.line)
        if tried is None or any(_LOOP.search(b.header) for b in inner):
            continue
        if _SAVED.search(tried.body):
            continue  # the write itself failed: nothing is saved as if it had worked
        caught = " ".join(f"{clause.types} {clause.name or ''}".split())
        if not _only_logs(clause.body):
            if _all_work_tried(lexed, method, tried.line):
                yield Hit(clause.line, message=(
                    f"`catch ({caught})` logs the failure and answers success: the client is told the "
                    f"request worked when the call it is about failed. Answer an error status here (502/503, "
                    f"or 4xx for the client's own mistake), or let the failure reach the error handler."))
            continue
        after = "\n".join(lexed.bare.get(no, "") for no in range(clause.last, method.last + 1))
        after = after[after.find("}") + 1 :]
        saved = _SAVED.search(after)
        if saved is None:
            if _all_work_tried(lexed, method, tried.line) and _answers_success(after):
                yield Hit(clause.line, message=(
                    f"`catch ({caught})` only logs, and the handler, whose whole work is in the `try`, then "
                    f"answers success: the client is told the request worked when it failed. Let the "
                    f"failure reach the error handler, or answer an error status here."))
            continue
        call = re.sub(r"\s+", "", saved.group()).rstrip("(")
        yield Hit(clause.line, message=(
            f"`catch ({caught})` only logs, and the handler then writes with `{call}(...)` and answers as "
            f"if the call in the `try` had worked: the client and the stored state both say it happened. Let "
            f"the failure reach the error handler, or save a failed state and answer an error."))
