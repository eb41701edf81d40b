"""Java (Project Reactor): the failure of a reactive write thrown away.

    events.save(new AuditEvent("order.placed", id)).subscribe();          // fire and forget
    return invoices.save(invoice).onErrorResume(e -> Mono.empty());       // a failed write completes empty

A `Mono`/`Flux` does nothing until subscribed, and reports a failure only to its subscriber. A bare
`subscribe()` (or one given only a value consumer) has no error consumer: Reactor hands the error to its
`onErrorDropped` hook, which logs it, while the method has already answered as if the write happened. An
`onErrorResume(e -> Mono.empty())`, `onErrorReturn(value)` or `onErrorComplete()` that never looks at the
error turns a failed write into an empty or default success that callers cannot tell from a real one.

Reported, outside tests, on an expression statement (or `return`) whose chain makes a write (`save`,
`insert`, `update`, `delete`, `send`, `publish`, a WebClient `post()`/`put()`/...) and either ends in
`subscribe()` with no error consumer, or passes the write through `onErrorResume` to an empty publisher,
`onErrorReturn(...)` or `onErrorComplete()` without reading the error. Quiet when the chain observes the error
itself (`doOnError`, `onErrorMap`, `doOnEach`, a `subscribe` given an error consumer or a `Subscriber`), when
the fallback names the exception type it expects (`onErrorResume(DuplicateKeyException.class, e -> ...)`,
an idempotent insert), and when the fallback lambda uses the error (logs it, inspects it).
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import lex
from persona_review.checks._spans import Span, bracket_span_in_text, chained_statement, lines_of, split_args
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_WRITE = lazy_re(
    r"\.\s*(?:save|saveAll|insert|insertAll|update|updateAll|updateFirst|updateMulti|upsert|delete|deleteById|"
    r"deleteAll|remove|persist|send|sendMessage|publish|publishEvent|post|put|patch)\s*\("
)
"""A call in the chain that changes something: a reactive repository or template write, a message sent, a
WebClient request with a body or a delete."""
_SUBSCRIBE = lazy_re(r"\.\s*subscribe\s*\(")
_OBSERVES = lazy_re(r"\.\s*(?:doOnError|onErrorMap|doOnEach|doOnTerminate|doFinally|materialize)\s*\(")
_SWALLOW = lazy_re(r"\.\s*(?P<op>onErrorResume|onErrorReturn|onErrorComplete|onErrorContinue)\s*\(")
_EMPTY_FALLBACK = lazy_re(
    r"^\(?\s*(?:\w+\s+)?(?P<param>\w+)\s*\)?\s*->\s*(?:(?:Mono|Flux)\.empty\(\)|"
    r"\{\s*return\s+(?:Mono|Flux)\.empty\(\)\s*;\s*\})$",
)
"""`e -> Mono.empty()` (or its block form): the failure becomes an empty completion."""
_CLASS_ARG = lazy_re(r"^[\w.]+\.class$|^\w+::\w+$|->")
_STARTS = lazy_re(r"^\s*(?:return\s+)?(?:this\.)?[A-Za-z_]\w*\s*(?:\.|\(|$)")
_ENDED = (";", "{", "}")


@register(
    CheckSpec(
        id="JAVA-REACTIVE-ERROR-DROPPED",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Reactive write's failure dropped: `subscribe()` with no error consumer, or an empty fallback",
        explanation=(
            "A `Mono`/`Flux` reports a failure only to whoever subscribes. Here the write is either "
            "subscribed with no error consumer (Reactor only logs it as a dropped error, and the method has "
            "already answered as if it worked) or its error is turned into an empty or default result that "
            "callers cannot tell from success. Return the publisher so the caller's chain sees the failure, "
            "give `subscribe` an error consumer, or narrow the fallback to the exception you expect and log "
            "it."
        ),
    ),
    needs=("subscribe(", "onErrorResume", "onErrorReturn", "onErrorComplete", "onErrorContinue"),
)
def reactive_error_dropped(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    covered = 0
    previous = ""
    for no, _code, bare in lines_of(lexed):
        ended = previous.rstrip()[-1:] in _ENDED or not previous.strip()
        if bare.strip():
            previous = bare
        if no <= covered or not ended or not _STARTS.match(bare):
            continue
        text, last = chained_statement(lexed, no)
        if not text.rstrip().endswith(";") or _WRITE.search(text) is None:
            continue
        covered = last
        message = _dropped(text)
        if message is not None:
            yield Hit(no, last if last - no <= 10 and no in ctx.added else None, message)


def _dropped(text: str) -> str | None:
    """Why the statement's chain loses the write's failure, or None when it does not."""
    if _OBSERVES.search(text):
        return None
    write = _WRITE.search(text)
    assert write is not None
    for found in _SWALLOW.finditer(text, write.end()):
        args = _arguments(text, found.end() - 1)
        if args is None:
            continue
        op = found.group("op")
        if op == "onErrorComplete" and not args:
            return ("`onErrorComplete()` turns a failed write into a normal completion: callers see success "
                    "and nothing records the failure.")
        if op == "onErrorReturn" and len(args) == 1 and not _CLASS_ARG.search(args[0]):
            return (f"`onErrorReturn({args[0].strip()})` answers a failed write with a default value: "
                    "callers cannot tell it from a real result, and the error is never logged.")
        if op == "onErrorResume" and len(args) == 1 and _EMPTY_FALLBACK.match(args[0].strip()):
            return ("`onErrorResume(e -> Mono.empty())` turns a failed write into an empty completion, and "
                    "the error is never read: callers see nothing wrong.")
        if op == "onErrorContinue" and len(args) == 1 and _ignores_error(args[0]):
            return "`onErrorContinue` drops each failed write without reading the error."
    for found in _SUBSCRIBE.finditer(text, write.end()):
        args = _arguments(text, found.end() - 1)
        if args is None or len(args) > 1:
            continue
        if args and "->" not in args[0] and "::" not in args[0]:
            continue  # a `Subscriber` object, which has its own onError
        rest = text[found.end():]
        if _SUBSCRIBE.search(rest):
            continue
        return ("This write is subscribed without an error consumer: if it fails, Reactor only logs a "
                "dropped error, and this method has already carried on as if it succeeded.")
    return None


def _arguments(text: str, col: int) -> list[str] | None:
    """The top-level arguments of the call whose `(` is at `col`, or None when it is not closed."""
    whole = Span(0, 0, text, text)
    span = bracket_span_in_text(whole, col)
    if not span.closed:
        return None
    args = split_args(span)
    return [a for a in args if a.strip()]


def _ignores_error(arg: str) -> bool:
    """`(err, value) -> {}` or a lambda whose body never names its error parameter."""
    head, _, body = arg.partition("->")
    params = [p.strip() for p in head.strip().strip("()").split(",") if p.strip()]
    if not params:
        return False
    name = params[0].split()[-1]
    return name not in body.replace(head, "")
