"""JavaScript/TypeScript: a pooled database client checked out and not released on every path.

    const client = await pool.connect();
    await client.query("BEGIN");
    await client.query("UPDATE ...");      // throws: the line below never runs
    await client.query("COMMIT");
    client.release();

A node-postgres `pool.connect()`, a mysql2 `pool.getConnection()` or a TypeORM `createQueryRunner()`
holds one of the pool's few connections until `release()`. When a query throws before it (or an early
`return` leaves), the connection is never given back; after a handful of errors the pool is empty and every
request waits for a connection that never comes.

Reported on the checkout line (through the release that a failure skips, when there is one):
`const x = await pool.connect()` (a receiver named for a pool),
`await ....getConnection()` on such a receiver, or `....createQueryRunner()`, in a function known entire,
whose `x.release()` is neither in a `finally` nor in a `catch`, and either never called or preceded (after
the checkout) by an `await`, `throw` or `return` that can leave first. A client returned or handed to
something that keeps it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._fallthrough import FUNCTION_JS
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CHECKOUT = lazy_re(
    r"^\s*(?:const|let|var)\s+(?P<x>[\w$]+)\s*(?::[^=]+)?=\s*(?:"
    r"await\s+(?:this\.)?[\w$.]*[pP]ool[\w$]*\s*\.\s*(?:connect|getConnection)\s*\(\s*\)"
    r"|(?:await\s+)?(?:this\.)?[\w$.]*\.\s*createQueryRunner\s*\([^)]*\))\s*;?\s*$"
)
_LEAVES_EARLY = lazy_re(r"\bawait\b|\bthrow\b|\breturn\b")
_HANDLER_HEADER = lazy_re(r"\b(?:finally|catch\s*(?:\([^)]*\))?)\s*$")


@register(
    CheckSpec(
        id="JS-POOL-CLIENT-NOT-RELEASED",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Pooled database client not released when a query fails",
        explanation=(
            "A client checked out of the pool (`pool.connect()`, `pool.getConnection()`, "
            "`createQueryRunner()`) keeps one of its few connections until `release()`. When a query throws "
            "or the function returns before the release, the connection is lost for good; after a few errors "
            "the pool is empty and every request hangs waiting for one. Release it in a `finally`."
        ),
    ),
    needs=("onnect", "createQueryRunner"),
)
def pool_client_not_released(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if no not in ctx.added or ("onnect" not in bare and "QueryRunner" not in bare):
            continue
        checkout = _CHECKOUT.match(bare)
        if checkout is None:
            continue
        function = _function(blocks, no)
        if function is None:
            continue
        name = checkout.group("x")
        body = [(n, lexed.bare.get(n, "")) for n in range(no + 1, function.last)]
        if _handed_on(name, body):
            continue
        release = re.compile(rf"(?<![\w$.]){re.escape(name)}\s*\.\s*release\s*\(")
        releases = [n for n, text in body if release.search(text)]
        if any(_in_handler(blocks, n, function) for n in releases):
            early_exit = _exit_before_try(blocks, body, no, releases, function)
            if early_exit is not None:
                exit_line, try_line = early_exit
                yield Hit(no, exit_line, message=(
                    f"`{name}` is released in the `finally` of the `try` on line {try_line}, but line "
                    f"{exit_line} leaves before that `try` opens: on this path the connection never goes "
                    f"back to the pool. Check out the client right before the `try`, or move the check above "
                    f"it."))
            continue
        if not releases:
            yield Hit(no, message=(
                f"`{name}` is checked out of the pool here and never released: each call keeps one of the "
                f"pool's connections for good. Release it in a `finally`."))
            continue
        early = next((n for n, text in body if n < releases[0] and _LEAVES_EARLY.search(text)), None)
        if early is not None:
            yield Hit(no, releases[0], message=(
                f"`{name}` is released on line {releases[0]} only if nothing fails first: when line {early} "
                f"throws or returns, the connection never goes back to the pool, and after a few errors "
                f"every request waits for one. Release it in a `finally`."))


_TRY_OPEN = lazy_re(r"^\s*try\s*\{\s*$")
_EXITS = lazy_re(r"^\s*(?:return|throw)\b|[{;]\s*(?:return|throw)\b")


def _exit_before_try(blocks: Blocks, body: list[tuple[int, str]], checkout: int, releases: list[int],
                     function: Block) -> tuple[int, int] | None:
    """(the exit line, the `try` line) when a `return` or `throw` of the function itself (not of a callback)
    comes after the checkout and before the `try` whose `finally` holds the first release."""
    finally_block = next((b for b in blocks.enclosing(releases[0])
                          if _HANDLER_HEADER.search(b.header.rsplit("\n", 1)[-1])), None)
    if finally_block is None:
        return None
    texts = dict(body)
    try_line = next((n for n in range(finally_block.first, checkout, -1)
                     if _TRY_OPEN.match(texts.get(n, ""))), None)
    if try_line is None:
        return None
    for n in range(checkout + 1, try_line):
        if _EXITS.search(texts.get(n, "")) and _function(blocks, n) is function:
            return n, try_line
    return None


def _function(blocks: Blocks, no: int) -> Block | None:
    """The innermost function block around line `no`, known entire."""
    for block in blocks.enclosing(no):
        if FUNCTION_JS.search(block.header.rsplit("\n", 1)[-1]):
            return block
    return None


def _in_handler(blocks: Blocks, no: int, function: Block) -> bool:
    """Whether line `no` is in a `finally` or `catch` block inside `function`."""
    for block in blocks.enclosing(no):
        if block is function:
            return False
        if _HANDLER_HEADER.search(block.header.rsplit("\n", 1)[-1]):
            return True
    return False


def _handed_on(name: str, body: list[tuple[int, str]]) -> bool:
    """Whether the client is returned, stored, or given to a callback that will release it."""
    n = re.escape(name)
    handed = re.compile(
        rf"\breturn\s+{n}\s*;?\s*$|\breturn\s*\{{[^}}]*\b{n}\b|[=:]\s*{n}\s*[;,}}]?\s*$"
        rf"|\bnew\s+[\w$.]+\s*\([^)]*\b{n}\b|\.\s*(?:push|set|add|on|once)\s*\([^)]*\b{n}\b"
    )
    return any(handed.search(text) for _, text in body)
