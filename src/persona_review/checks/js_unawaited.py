"""JavaScript/TypeScript: a same-file `async` function called without `await` inside `async` code.

    async function closeOrder(id) {
      try {
        chargeCard(order);               // `async function chargeCard`: its rejection skips the catch
      } catch (err) {
        log.error(err);
      }
      const user = loadUser(order.userId); // `async function loadUser`: `user` is a Promise
      sendMail(user.email);                // undefined: the mail goes nowhere
    }

Reported, inside an `async` function:

- a call to an `async` function (or `this.` method) declared in the same file, as a statement without
  `await`, `return`, `void` or a `.catch`/`.then`, inside a `try` that has a `catch`: the catch was written
  for its failure, but the rejection comes after the `try` is left and becomes an unhandled rejection
  (Node 15+ ends the process on one);
- a local given such a call's result and then read as a value (`user.email`, `user[...]`) with no
  `await user` anywhere after it: it holds a Promise, not the value.

Names also declared by a plain `function` (or a plain method) of the file are left alone.

Also reported, as a statement inside an `async` function without `await`, `return`, `void` or a chained
`.catch`/`.then`: a well-known async client call, whatever file declares it: a kafkajs producer's
`send`/`sendBatch` (a failed publish is an unhandled rejection and ordering is lost), a Prisma write on the
client or a transaction's `tx` (a Prisma query runs only when awaited: the write never happens), `fetch`.

And, the same way, a write or send on a service the code otherwise awaits, `this.mailer.sendWelcome(...)`,
`this.auditRepo.save(...)`: a method named for a write, a send or a publish (`save`, `send...`,
`publish...`, `enqueue...`, `charge...`, ...) called as a statement on a receiver that is either a field
injected with a service-like type (`private readonly mailer: MailerService`, `Repository<Audit>`,
`Model<Order>`; a logger, an event emitter or Nest's Observable-based `HttpService` is not one, nor is any
service of an Angular file), or a field the same file awaits another call on (`await this.mailer.verify(...)`;
not an amqplib channel, a socket or a stream, whose sends are synchronous): its
failure is an unhandled rejection and the function carries on (and answers) before the write is done.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._fallthrough import FUNCTION_JS
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import after_span, bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_ASYNC_DECL = lazy_re(
    r"(?m)\basync\s+function\s*\*?\s*(?P<f>[\w$]+)\s*\("
    r"|\b(?:const|let|var)\s+(?P<v>[\w$]+)\s*(?::[^=\n]+)?=\s*async\b"
    r"|^\s*(?:(?:public|private|protected|static|override|readonly)\s+)*async\s+(?P<m>[\w$]+)\s*(?:<[^>]*>)?\("
)
_PLAIN_DECL = lazy_re(
    r"(?m)(?<!async\s)\bfunction\s+(?P<f>[\w$]+)\s*\("
    r"|\b(?:const|let|var)\s+(?P<v>[\w$]+)\s*(?::[^=\n]+)?=\s*(?!async\b)(?:function\b|\([^)]*\)\s*=>|[\w$]+\s*=>)"
    r"|^\s*(?:(?:public|private|protected|static|override|readonly|get|set)\s+)*(?!async\b|if\b|for\b"
    r"|while\b|switch\b|catch\b|return\b|function\b)(?P<m>[\w$]+)\s*(?:<[^>]*>)?\([^)]*\)\s*(?::[^{\n]*)?\{"
)
_STATEMENT_CALL = lazy_re(r"^\s*(?P<this>this\.)?(?P<name>[\w$]+)\s*\(")
_STORED_CALL = lazy_re(
    r"^\s*(?:const|let|var)\s+(?P<x>[\w$]+)\s*(?::[^=\n]+)?=\s*(?P<this>this\.)?(?P<name>[\w$]+)\s*\("
)
_CLIENT_CALL = lazy_re(
    r"^\s*(?P<call>(?:this\.)?(?:(?P<kafka>[\w$]*[pP]roducer)\.(?:send|sendBatch)"
    r"|(?P<prisma>(?:prisma[\w$]*|tx)\.[\w$]+\.(?:create|createMany|update|updateMany|upsert|delete|deleteMany))"
    r"|(?P<fetch>fetch)))\s*\("
)
"""A statement that calls a well-known async client: a kafkajs producer's send, a Prisma write (on the
client or a transaction's `tx`), `fetch`."""
_SERVICE_CALL = lazy_re(
    r"^\s*(?P<recv>(?:this\.)?[A-Za-z_$][\w$]*)\.(?P<method>(?:send|save|insert|update|upsert|delete|remove|destroy"
    r"|publish|enqueue|charge|refund|capture|persist|deliver|email|mail|create)"
    r"(?:[A-Z][\w$]*)?|add|addBulk|post|put|patch)\s*\("
)
"""A statement calling a write-, send- or publish-named method on a (possibly `this.`) receiver."""
_INJECTED = lazy_re(
    r"\b(?:private|public|protected|readonly)\s+(?:readonly\s+)?(?P<field>[A-Za-z_$][\w$]*)\s*:\s*"
    r"(?P<type>[A-Z][\w$]*)\s*[<,)\n;=]"
)
_SERVICE_TYPE = lazy_re(
    r"(?:Service|Client|Repository|Repo|Gateway|Publisher|Producer|Queue|Mailer|Sender|Notifier|Api|Model"
    r"|Dao|DAO)$"
)
_NOT_ASYNC_TYPE = lazy_re(
    r"(?:Logger|Emitter|HttpService|HttpClient|ClientProxy|ConfigService|JwtService|Cache|Map|Set)$"
)
_TRY = lazy_re(r"\btry\s*$")
_ASYNC_HEADER = lazy_re(r"\basync\b")
_READ_LIMIT = 30


@register(
    CheckSpec(
        id="JS-ASYNC-NOT-AWAITED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JS,
        title="`async` function called without `await`",
        explanation=(
            "Without `await` the call returns a Promise at once: inside `try` its rejection arrives after "
            "the `try` was left, skips the `catch` written for it and becomes an unhandled rejection (Node "
            "15+ exits on one), and a result kept in a variable is the Promise, not the value (`user.email` "
            "is undefined). Write `await f(...)`; for deliberate background work, `void f().catch(log)`."
        ),
    ),
    needs=("async",),
)
def async_not_awaited(ctx: FileContext) -> Iterator[Hit]:
    asyncs = _async_names(ctx.known_text())
    services = _async_receivers(ctx.known_text())
    if not asyncs and not services and not ctx.mentions(("roducer", "prisma", "tx.", "fetch(")):
        return
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if no not in ctx.added or "(" not in bare:
            continue
        client = _CLIENT_CALL.match(bare)
        if client is not None:
            if _ends_statement(lexed, no, client.end() - 1) and not _continues_expression(lexed, no) \
                    and _async_function(blocks, no) is not None:
                yield Hit(no, message=_client_message(client))
            continue
        service = _SERVICE_CALL.match(bare)
        if service is not None and service.group("recv") in services:
            if _ends_statement(lexed, no, service.end() - 1) and not _continues_expression(lexed, no) \
                    and _async_function(blocks, no) is not None:
                shown = f"{service.group('recv')}.{service.group('method')}"
                yield Hit(no, message=(
                    f"`{shown}(...)` is neither awaited nor returned: its failure becomes an unhandled "
                    f"rejection (Node 15+ exits on one) that no `catch` here sees, and the function carries "
                    f"on before the work is done. Write `await {shown}(...)`, or "
                    f"`void {shown}(...).catch(log)` for deliberate background work."))
            continue
        stored = _STORED_CALL.match(bare)
        call = stored or _STATEMENT_CALL.match(bare)
        if call is None or call.group("name") not in asyncs:
            continue
        if call.group("this") is None and stored is None and bare.lstrip().startswith(("if", "for", "while")):
            continue
        if not _ends_statement(lexed, no, call.end() - 1) or _continues_expression(lexed, no):
            continue
        function = _async_function(blocks, no)
        if function is None:
            continue
        shown = (call.group("this") or "") + call.group("name")
        if stored is not None:
            read = _read_as_value(lexed, no, function, stored.group("x"))
            if read is not None:
                target = stored.group("x")
                yield Hit(no, message=(
                    f"`{target}` holds the Promise `{shown}(...)` returns, and line {read} reads it as the "
                    f"value. Write `const {target} = await {shown}(...)`."))
        elif _in_try(lexed, blocks, no, function):
            yield Hit(no, message=(
                f"`{shown}(...)` is async and not awaited: a rejection leaves after the `try`, skips its "
                f"`catch` and becomes an unhandled rejection. Write `await {shown}(...)`."))


def _client_message(client: re.Match[str]) -> str:
    shown = client.group("call")
    if client.group("prisma"):
        return (f"`{shown}(...)` is neither awaited nor returned: a Prisma query runs only when awaited (or "
                f"`.then` is called), so this write never happens. Write `await {shown}(...)`.")
    if client.group("kafka"):
        return (f"`{shown}(...)` is not awaited: a failed publish becomes an unhandled rejection (Node 15+ "
                f"exits on one), nothing retries it, and the messages may go out of order. Write "
                f"`await {shown}(...)`.")
    return ("`fetch(...)` is not awaited: a network failure becomes an unhandled rejection (Node 15+ exits "
            "on one) and the function returns before the request is done. Write `await fetch(...)` and "
            "check `res.ok`, or `void fetch(...).catch(log)` for deliberate background work.")


def _async_receivers(text: str) -> set[str]:
    """Receivers whose write-named methods return a Promise: fields injected with a service-like type
    (`this.mailer` for `private readonly mailer: MailerService`), and names the file awaits a call on."""
    if "@angular/" in text:
        return set()  # Angular services answer Observables: a dropped one is never sent, not a rejection
    out = {f"this.{m.group('field')}" for m in _INJECTED.finditer(text)
           if _SERVICE_TYPE.search(m.group("type")) and not _NOT_ASYNC_TYPE.search(m.group("type"))}
    out.update(m.group(1) for m in _AWAITED_ON.finditer(text))
    return {name for name in out if not _NOT_ASYNC_NAME.search(name)}


_AWAITED_ON = lazy_re(r"\bawait\s+(this\.[A-Za-z_$][\w$]*)\.[A-Za-z_$][\w$]*\s*\(")
# Fields whose writes are synchronous (loggers, emitters, in-memory maps, amqplib channels, sockets, writable
# streams, stores) even when the file awaits another of their methods (`await this.channel.assertQueue()`).
_NOT_ASYNC_NAME = lazy_re(
    r"(?i)(?:log|logger|emitter|events?|metrics|stats|cache|map|set|list|array|res|req|reply|ctx|channel|ch"
    r"|socket|ws|stream|writer|pipe|port|bus|store|state)$"
)


def _async_names(text: str) -> set[str]:
    asyncs = {m.group("f") or m.group("v") or m.group("m") for m in _ASYNC_DECL.finditer(text)}
    plain = {m.group("f") or m.group("v") or m.group("m") for m in _PLAIN_DECL.finditer(text)}
    return asyncs - plain - {"", None}


def _ends_statement(lexed: Lexed, no: int, paren: int) -> bool:
    """Whether the call whose `(` is at (no, paren) ends its statement (nothing chained after it)."""
    span = bracket_span(lexed, no, paren)
    if not span.closed:
        return False
    return after_span(lexed, span, paren).strip() in ("", ";")


_OPEN_EXPRESSION = lazy_re(r"(?:=>|[(\[,=?:]|\|\||&&|\?\?|\b(?:return|await|yield|void))\s*$")


def _continues_expression(lexed: Lexed, no: int) -> bool:
    """Whether the line carries on an expression the line above leaves open (an arrow's body after `=>`,
    an argument after `(`): then the call's value is used, not dropped."""
    previous = no - 1
    while previous in lexed.bare and not lexed.bare[previous].strip():
        previous -= 1
    text = lexed.bare.get(previous)
    return text is not None and _OPEN_EXPRESSION.search(text) is not None


def _async_function(blocks: Blocks, no: int) -> Block | None:
    """The innermost function block around line `no` when it is `async`."""
    for block in blocks.enclosing(no):
        header = block.header.rsplit("\n", 1)[-1]
        if FUNCTION_JS.search(header):
            return block if _ASYNC_HEADER.search(header) else None
    return None


def _in_try(lexed: Lexed, blocks: Blocks, no: int, function: Block) -> bool:
    """Whether line `no` is in a `try { }` body with a `catch`, inside the function opened on `function`."""
    for block in blocks.enclosing(no):
        if block is function:
            return False
        if _TRY.search(block.header.rsplit("\n", 1)[-1]) and "catch" in lexed.bare.get(block.last, ""):
            return True
    return False


def _read_as_value(lexed: Lexed, no: int, function: Block, name: str) -> int | None:
    """The first later line that reads `name` as a value (a property or an index), unless some line awaits
    it, returns it or hands it on first."""
    escaped = re.escape(name)
    handed = re.compile(
        rf"\b(?:await|return|yield)\s+{escaped}\b(?!\s*(?:\?\.|\.|\[))|[(\[,]\s*{escaped}\s*[,)\]]|(?<![\w$.]){escaped}\s*\.\s*"
        r"(?:then|catch|finally)\b"
    )
    value = re.compile(rf"(?<![\w$.]){escaped}\s*(?:\?\.|\.|\[)\s*(?!then\b|catch\b|finally\b)")
    for later in range(no + 1, min(no + _READ_LIMIT, function.last)):
        text = lexed.bare.get(later)
        if text is None:
            return None
        if handed.search(text):
            return None
        if value.search(text):
            return later
    return None
