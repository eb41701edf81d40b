"""Java: Reactor's `block()` inside a reactive handler, or on a WebClient call with no timeout.

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

The statement is read from its start (the line with the assignment or `return`) through the chained lines
to the `block` call; the method around it is known entire, or named by the hunk header when the hunk
starts inside it.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block
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
        title="Reactor `block()` on the event loop, or on a WebClient call with no timeout",
        explanation=(
            "In a WebFlux handler `block()` stops an event-loop thread that serves many connections: "
            "Reactor refuses it there (IllegalStateException) or everything on the thread stalls. Compose "
            "the call instead (`flatMap`, `zipWith`). In blocking code, `block()` with no `Duration` on a "
            "WebClient call waits as long as the remote does, since WebClient has no response timeout by "
            "default: use `block(Duration.ofSeconds(...))` or `.timeout(...)`."
        ),
    ),
    needs=("block",),
)
def reactive_block(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
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
