"""Java: Reactor's `block()` or a blocking JDBC/RestTemplate call inside a reactive handler, or `block()`
on a WebClient call with no timeout.

    public Mono<ServerResponse> get(ServerRequest request) {
        Inventory stock = inventoryClient.get().uri("/stock/{id}", id)
                .retrieve().bodyToMono(Inventory.class)
                .block();                                  // on the event loop

    public PriceDto price(@PathVariable String id) {
        return pricingClient.get().uri("/prices/{id}", id)
                .retrieve().bodyToMono(PriceDto.class)
                .block();                                  // no timeout: waits as long as the remote does

Two findings, one id:
- In a WebFlux handler (a method returning `Mono`/`Flux`, or taking a `ServerRequest`), `block()`,
  `blockFirst()` or `blockLast()` stops a Netty event-loop thread, which serves many connections at once;
  Reactor refuses it on those threads (`IllegalStateException: block()/blockFirst()/blockLast() are
  blocking`), so the request fails, and on other schedulers it stalls everything sharing the thread.
- Elsewhere (a servlet controller or service), `block()` with no `Duration` on a WebClient exchange whose
  chain sets no `.timeout(...)`: WebClient has no response timeout unless one is configured, so a hung
  remote holds the request thread forever and the pool drains.

- In a method returning `Mono`/`Flux` (or taking a `ServerRequest`), a call on a `JdbcTemplate`,
  `NamedParameterJdbcTemplate`, `JdbcClient` or `RestTemplate` (known by the receiver's name: `jdbc...`,
  `...JdbcTemplate`, `restTemplate`), in the handler's body or in an operator's lambda (`.map(req -> ...)`):
  it runs on the event loop and holds it until the database or remote answers. A method that names a
  scheduler anywhere (`subscribeOn`, `publishOn`, `Schedulers.boundedElastic()`) is left alone: the call
  may be the one it moves off the event loop.

The statement is read from its start (the line with the assignment or `return`) through the chained lines
to the `block` call; the method around it is known entire, or named by the hunk header when the hunk
starts inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_methods import TYPE_HEADER, method_block
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import lines_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_BLOCK = lazy_re(r"\.\s*(?P<call>block|blockFirst|blockLast)\s*\(\s*(?P<arg>[^)\s][^)]*)?\)")
_WEBCLIENT = lazy_re(r"\.\s*(?:retrieve|exchangeToMono|exchangeToFlux|exchange)\s*\(")
_TIMEOUT = lazy_re(r"\.\s*timeout\s*\(")
_REACTIVE_SIGNATURE = lazy_re(r"\b(?:Mono|Flux)\s*<|\bServerRequest\s+\w+")
_CONTINUES = lazy_re(r"^\s*\.")


@register(
    CheckSpec(
        id="JAVA-REACTIVE-BLOCK",
        checklist_item="ERR-11",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Reactor `block()`, JDBC or RestTemplate on the event loop, or `block()` on a WebClient call "
              "with no timeout",
        explanation=(
            "In a WebFlux handler `block()` stops an event-loop thread that serves many connections: "
            "Reactor refuses it there (IllegalStateException) or everything on the thread stalls, and a "
            "JDBC or `RestTemplate` call holds the thread until the database or remote answers. Compose "
            "the call instead (`flatMap`, `zipWith`), use a reactive client (R2DBC, WebClient), or move it "
            "to `Mono.fromCallable(...).subscribeOn(Schedulers.boundedElastic())`. In blocking code, "
            "`block()` with no `Duration` on a WebClient call waits as long as the remote does, since "
            "WebClient has no response timeout by default: use `block(Duration.ofSeconds(...))` or "
            "`.timeout(...)`."
        ),
    ),
    needs=("block",),
    folded=("jdbc", "resttemplate"),
)
def reactive_block(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    yield from _blocking_calls(ctx, lexed)
    yield from _blocking_helper_calls(ctx, lexed)
    in_handlers: dict[str, list[tuple[int, int, str]]] = {}
    """Handler signature -> (first line, block line, call) of each block in it, reported as one finding."""
    for no, _code, bare in lines_of(lexed):
        if "block" not in bare:
            continue
        found = _BLOCK.search(bare)
        if found is None:
            continue
        start = _statement_start(lexed, no)
        chain = "\n".join(lexed.bare.get(n, "") for n in range(start, no + 1))
        signature = _signature(ctx, no)
        span = start if reaches(ctx, start, no) else no
        if signature is not None and _REACTIVE_SIGNATURE.search(signature):
            in_handlers.setdefault(signature, []).append((span, no, found.group("call")))
        elif found.group("arg") is None and _WEBCLIENT.search(chain) and not _TIMEOUT.search(chain):
            yield Hit(span, no if span != no else None, (
                f"`{found.group('call')}()` with no `Duration` on a WebClient call with no `.timeout(...)`: "
                "WebClient has no response timeout by default, so a hung remote holds this thread forever. "
                "Use `block(Duration.ofSeconds(...))` or `.timeout(...)`."))
    for blocks in in_handlers.values():
        span, no, call = blocks[0]
        more = [line for _start, line, _call in blocks[1:]]
        also = (f" The handler blocks again on line{'s' if len(more) > 1 else ''} "
                f"{', '.join(map(str, more))}." if more else "")
        yield Hit(span, no if span != no else None, (
            f"`{call}()` inside a reactive handler stops an event-loop thread: Reactor throws "
            "IllegalStateException there, or every connection on the thread waits. Compose the call with "
            f"`flatMap`/`zipWith` instead of blocking.{also}"))


_BLOCKING_CALL = lazy_re(
    r"(?<![\w$.])(?P<recv>(?:this\s*\.\s*)?[A-Za-z_$][\w$]*)\s*\.\s*(?P<call>query|queryForObject|queryForList|"
    r"queryForMap|queryForRowSet|queryForStream|queryForLong|queryForInt|update|batchUpdate|execute|"
    r"getForObject|getForEntity|postForObject|postForEntity|postForLocation|exchange|patchForObject)\s*\("
)
_BLOCKING_RECEIVER = lazy_re(r"(?i)jdbc|resttemplate")
"""A Spring `JdbcTemplate`/`NamedParameterJdbcTemplate`/`JdbcClient` or a `RestTemplate` (by the name of the
field or variable the call is made on): each call holds its thread until the database or remote answers."""
_OFFLOADED = lazy_re(r"\.\s*(?:subscribeOn|publishOn)\s*\(|\bSchedulers\s*\.|\bfromFuture\s*\(")
_JAVA_METHOD = lazy_re(r"\b[A-Za-z_$][\w$]*\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$")
_LAMBDA_OR_CONTROL = lazy_re(
    r"->\s*$|^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized)\b|\bnew\s+[\w.<>]+\s*\("
)


def _blocking_calls(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """JDBC and `RestTemplate` calls in a method that returns `Mono`/`Flux` (or takes a `ServerRequest`),
    with no scheduler (`subscribeOn`/`publishOn`/`Schedulers`) anywhere in the method."""
    for no, _code, bare in lines_of(lexed):
        found = _BLOCKING_CALL.search(bare)
        if found is None or not _BLOCKING_RECEIVER.search(found.group("recv")):
            continue
        if not _on_event_loop(ctx, lexed, no):
            continue
        receiver = re.sub(r"\s+", "", found.group("recv"))
        yield Hit(no, message=(
            f"`{receiver}.{found.group('call')}(...)` blocks inside a reactive method: it runs on the "
            "Netty event-loop thread that serves this and many other connections, which waits for the "
            "database or remote with every request on it. Use a reactive client (R2DBC, WebClient), or "
            "`Mono.fromCallable(...).subscribeOn(Schedulers.boundedElastic())`."))


_METHOD_NAME = lazy_re(r"([A-Za-z_$][\w$]*)\s*\([^;{}]*\)\s*(?:throws\s+[\w.$,\s]+)?$")


def _blocking_helpers(ctx: FileContext, lexed: Lexed) -> dict[str, tuple[int, str]]:
    """Methods of the file, not reactive themselves, whose body blocks: `block()` on a Mono/Flux, or a JDBC
    or `RestTemplate` call (name -> the line that blocks and what it calls)."""
    helpers: dict[str, tuple[int, str]] = {}
    for no, _code, bare in lines_of(lexed):
        if "block" in bare and (found := _BLOCK.search(bare)) is not None:
            call = f"{found.group('call')}()"
        elif (jdbc := _BLOCKING_CALL.search(bare)) is not None and _BLOCKING_RECEIVER.search(
                jdbc.group("recv")):
            receiver = "".join(jdbc.group("recv").split())
            call = f"{receiver}.{jdbc.group('call')}(...)"
        else:
            continue
        block = method_block(ctx, no)
        if block is None:
            continue
        own = block.header.rsplit("\n", 1)[-1]
        header = own if own.strip() else block.header
        named = _METHOD_NAME.search(header.rstrip())
        if named is None or _REACTIVE_SIGNATURE.search(header) or "->" in header:
            continue
        body = "\n".join(lexed.bare.get(n, "") for n in range(block.first, block.last + 1))
        if not _OFFLOADED.search(body):
            helpers.setdefault(named.group(1), (no, call))
    return helpers


_DECLARES = lazy_re(r"^\s*(?:@\w+\s+)*(?:(?:public|protected|private|static|final|synchronized)\s+)*"
                    r"[\w$.]+(?:<[^()]*>)?(?:\[\])*\s+$")


def _blocking_helper_calls(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """Calls, in a reactive method, of a method of the file that blocks (`_blocking_helpers`): the wrapper
    blocks the event loop as surely as the call it wraps."""
    helpers = _blocking_helpers(ctx, lexed)
    if not helpers:
        return
    calls = re.compile(rf"(?<![\w$.])(?:this\s*\.\s*)?({'|'.join(map(re.escape, helpers))})\s*\(")
    for no, _code, bare in lines_of(lexed):
        if not any(name in bare for name in helpers):
            continue
        found = calls.search(bare)
        if found is None or _DECLARES.match(bare[: found.start()]):
            continue  # the helper's own declaration (`private Tier tierOf(`)
        if not _on_event_loop(ctx, lexed, no):
            continue
        name = found.group(1)
        line, call = helpers[name]
        yield Hit(no, message=(
            f"`{name}(...)` blocks (`{call}` on line {line}) and is called here inside a reactive method: it "
            "runs on the Netty event-loop thread that serves this and many other connections, which waits "
            "with every request on it (Reactor refuses `block()` there with IllegalStateException). Make "
            f"`{name}` return a `Mono` and compose it (`flatMap`/`zipWith`), or move it to "
            "`Mono.fromCallable(...).subscribeOn(Schedulers.boundedElastic())`."))


def _on_event_loop(ctx: FileContext, lexed: Lexed, no: int) -> bool:
    """Is line `no` in a reactive method (returning `Mono`/`Flux`, or taking a `ServerRequest`) that names
    no scheduler (`subscribeOn`/`publishOn`/`Schedulers`) anywhere? With a scheduler in the method, where
    the call runs is not read further."""
    method = _enclosing_method(ctx, lexed, no)
    if method is None:
        return False
    header, first, last = method
    if not _REACTIVE_SIGNATURE.search(header.rsplit("\n", 1)[-1] or header):
        return False
    body = "\n".join(lexed.bare.get(n, "") for n in range(first, last + 1))
    return not _OFFLOADED.search(body)


def _enclosing_method(ctx: FileContext, lexed: Lexed, line: int) -> tuple[str, int, int] | None:
    """(signature, first line, last line) of the method around `line`, past the lambdas and statement
    blocks inside it: the header of the first brace open around `line` that is not a lambda's, a
    statement's or an anonymous class's; its closing brace's line, or the last known line of the run when
    it is not in view. None when a type's brace comes first."""
    blocks = blocks_of(ctx)
    for brace in blocks.open_at(line):
        no, header = blocks.opened[brace]
        before, _, own = header.rpartition("\n")
        if not own.strip():
            own = before  # the brace on a line of its own: the signature is on the line before
        if TYPE_HEADER.search(own):
            return None
        if _LAMBDA_OR_CONTROL.search(own) or not _JAVA_METHOD.search(own.rstrip()):
            continue
        block = blocks.blocks.get(brace)
        return own, no, block.last if block is not None else _run_end(lexed, line)
    section = ctx.section_at(line)
    start = ctx.segment_start(line)
    if section and start is not None:
        return section, start, _run_end(lexed, line)
    return None


def _run_end(lexed: Lexed, line: int) -> int:
    """The last line of the run of known lines holding `line`."""
    end = line
    while end + 1 in lexed.bare:
        end += 1
    return end


def _statement_start(lexed: Lexed, line: int) -> int:
    """The first line of the statement `line` ends: the lines above it that it continues (a chain's lines
    start with `.`, or the line above does not end the previous statement)."""
    start = line
    for no in range(line, max(0, line - 15), -1):
        text = lexed.bare.get(no)
        if text is None:
            break
        start = no
        above = lexed.bare.get(no - 1)
        if not _CONTINUES.match(text) and (above is None or above.rstrip().endswith((";", "{", "}"))):
            break
    return start


def _signature(ctx: FileContext, line: int) -> str | None:
    """The header of the method around `line`: its known block's, or the hunk header's section text when
    the hunk starts inside it."""
    block = method_block(ctx, line)
    return block.header if block is not None else ctx.section_at(line) or None
